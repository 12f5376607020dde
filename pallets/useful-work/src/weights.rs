//! Weights of `pallet_useful_work`, measured by `scripts/benchmark-pallets.sh` on the reference machine.
//!
//! Benchmark CLI 51.0.0, 2026-12-03; steps 20, repeat 10;
//! host `vm`, CPU `Intel(R) Xeon(R) Processor`; wasm execution `Compiled`.
//! Regenerate after any change to the pallet's calls or hooks; do not edit by hand.
//!
//! Command:
//!   /root/.cache/paradigm/target/release/paradigm-node
//!   benchmark
//!   pallet
//!   --runtime
//!   /root/.cache/paradigm/target/bench-wasm/target/wasm32v1-none/release/paradigm_runtime.wasm
//!   --genesis-builder-preset
//!   development
//!   --pallet
//!   pallet_useful_work
//!   --extrinsic
//!   *
//!   --steps
//!   20
//!   --repeat
//!   10
//!   --heap-pages
//!   4096
//!   --template
//!   scripts/benchmark/pallet-weights.hbs
//!   --output
//!   pallets/useful-work/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions of `pallet_useful_work`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn deregister(m: u32, ) -> Weight;
	fn create_task() -> Weight;
	fn create_paid_task() -> Weight;
	fn close_task() -> Weight;
	fn commit() -> Weight;
	fn reveal() -> Weight;
	fn submit_verification() -> Weight;
	fn create_pool() -> Weight;
	fn join_pool() -> Weight;
	fn leave_pool(m: u32, ) -> Weight;
	fn close_reveals(s: u32, c: u32, ) -> Weight;
	fn finalize_round(s: u32, v: u32, ) -> Weight;
	fn rotate_epoch(c: u32, ) -> Weight;
	fn pay_bounty_batch(n: u32, ) -> Weight;
	fn clean_ledger_batch(n: u32, ) -> Weight;
	fn check_feeless_call() -> Weight;
}

/// Measured weights, charged with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register() -> Weight {
		// Minimum execution time: 4_131_282_000 picoseconds.
		Weight::from_parts(4_245_615_000, 0)
			.saturating_add(Weight::from_parts(0, 2616264))
			.saturating_add(T::DbWeight::get().reads(1033))
			.saturating_add(T::DbWeight::get().writes(8))
	}
	/// Component `m` ranges over `[1, 64]`.
	fn deregister(m: u32, ) -> Weight {
		// Minimum execution time: 44_072_000 picoseconds.
		Weight::from_parts(38_181_019, 0)
			.saturating_add(Weight::from_parts(0, 5563))
			.saturating_add(Weight::from_parts(4_811_866, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(5))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 2549).saturating_mul(m.into()))
	}
	fn create_task() -> Weight {
		// Minimum execution time: 37_127_000 picoseconds.
		Weight::from_parts(38_520_000, 0)
			.saturating_add(Weight::from_parts(0, 6608))
			.saturating_add(T::DbWeight::get().reads(7))
			.saturating_add(T::DbWeight::get().writes(6))
	}
	fn create_paid_task() -> Weight {
		// Minimum execution time: 85_159_000 picoseconds.
		Weight::from_parts(88_457_000, 0)
			.saturating_add(Weight::from_parts(0, 6608))
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().writes(9))
	}
	fn close_task() -> Weight {
		// Minimum execution time: 14_805_000 picoseconds.
		Weight::from_parts(15_146_000, 0)
			.saturating_add(Weight::from_parts(0, 4148))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn commit() -> Weight {
		// Minimum execution time: 143_044_000 picoseconds.
		Weight::from_parts(146_752_000, 0)
			.saturating_add(Weight::from_parts(0, 47304))
			.saturating_add(T::DbWeight::get().reads(37))
			.saturating_add(T::DbWeight::get().writes(4))
	}
	fn reveal() -> Weight {
		// Minimum execution time: 45_551_000 picoseconds.
		Weight::from_parts(46_838_000, 0)
			.saturating_add(Weight::from_parts(0, 4148))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(4))
	}
	fn submit_verification() -> Weight {
		// Minimum execution time: 43_278_000 picoseconds.
		Weight::from_parts(44_046_000, 0)
			.saturating_add(Weight::from_parts(0, 4148))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn create_pool() -> Weight {
		// Minimum execution time: 27_115_000 picoseconds.
		Weight::from_parts(27_634_000, 0)
			.saturating_add(Weight::from_parts(0, 5563))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(4))
	}
	fn join_pool() -> Weight {
		// Minimum execution time: 35_446_000 picoseconds.
		Weight::from_parts(39_839_000, 0)
			.saturating_add(Weight::from_parts(0, 5563))
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	/// Component `m` ranges over `[1, 64]`.
	fn leave_pool(m: u32, ) -> Weight {
		// Minimum execution time: 33_573_000 picoseconds.
		Weight::from_parts(32_511_188, 0)
			.saturating_add(Weight::from_parts(0, 5563))
			.saturating_add(Weight::from_parts(4_791_538, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(2))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 2549).saturating_mul(m.into()))
	}
	/// Component `s` ranges over `[1, 16]`.
	/// Component `c` ranges over `[0, 1008]`.
	fn close_reveals(s: u32, c: u32, ) -> Weight {
		// Minimum execution time: 227_771_000 picoseconds.
		Weight::from_parts(231_071_000, 0)
			.saturating_add(Weight::from_parts(0, 4148))
			.saturating_add(Weight::from_parts(44_151_753, 0).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(4_073_024, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(12))
			.saturating_add(T::DbWeight::get().writes((9_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2549).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(0, 3044).saturating_mul(s.into()))
	}
	/// Component `s` ranges over `[1, 16]`.
	/// Component `v` ranges over `[3, 5]`.
	fn finalize_round(s: u32, v: u32, ) -> Weight {
		// Minimum execution time: 210_895_000 picoseconds.
		Weight::from_parts(215_680_000, 0)
			.saturating_add(Weight::from_parts(0, 6608))
			.saturating_add(Weight::from_parts(82_566_557, 0).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(45_907_097, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes(25))
			.saturating_add(T::DbWeight::get().writes((7_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(v.into())))
			.saturating_add(Weight::from_parts(0, 3044).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(0, 2572).saturating_mul(v.into()))
	}
	/// Component `c` ranges over `[1, 1024]`.
	fn rotate_epoch(c: u32, ) -> Weight {
		// Minimum execution time: 34_869_000 picoseconds.
		Weight::from_parts(35_691_000, 0)
			.saturating_add(Weight::from_parts(0, 3539))
			.saturating_add(Weight::from_parts(21_981_831, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(3))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(c.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(c.into()))
	}
	/// Component `n` ranges over `[1, 64]`.
	fn pay_bounty_batch(n: u32, ) -> Weight {
		// Minimum execution time: 91_084_000 picoseconds.
		Weight::from_parts(42_933_262, 0)
			.saturating_add(Weight::from_parts(0, 6180))
			.saturating_add(Weight::from_parts(45_348_249, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(5))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(n.into()))
	}
	/// Component `n` ranges over `[1, 256]`.
	fn clean_ledger_batch(n: u32, ) -> Weight {
		// Minimum execution time: 11_647_000 picoseconds.
		Weight::from_parts(11_542_846, 0)
			.saturating_add(Weight::from_parts(0, 1518))
			.saturating_add(Weight::from_parts(1_018_304, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2572).saturating_mul(n.into()))
	}
	fn check_feeless_call() -> Weight {
		// Minimum execution time: 28_636_000 picoseconds.
		Weight::from_parts(29_417_000, 0)
			.saturating_add(Weight::from_parts(0, 4148))
			.saturating_add(T::DbWeight::get().reads(6))
	}
}

/// The same measurements with RocksDB database weights, for unit tests.
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(4_245_615_000, 0)
			.saturating_add(RocksDbWeight::get().reads(1033))
			.saturating_add(RocksDbWeight::get().writes(8))
	}
	fn deregister(m: u32, ) -> Weight {
		Weight::from_parts(38_181_019, 0)
			.saturating_add(Weight::from_parts(4_811_866, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(5))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(m.into())))
	}
	fn create_task() -> Weight {
		Weight::from_parts(38_520_000, 0)
			.saturating_add(RocksDbWeight::get().reads(7))
			.saturating_add(RocksDbWeight::get().writes(6))
	}
	fn create_paid_task() -> Weight {
		Weight::from_parts(88_457_000, 0)
			.saturating_add(RocksDbWeight::get().reads(8))
			.saturating_add(RocksDbWeight::get().writes(9))
	}
	fn close_task() -> Weight {
		Weight::from_parts(15_146_000, 0)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn commit() -> Weight {
		Weight::from_parts(146_752_000, 0)
			.saturating_add(RocksDbWeight::get().reads(37))
			.saturating_add(RocksDbWeight::get().writes(4))
	}
	fn reveal() -> Weight {
		Weight::from_parts(46_838_000, 0)
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(4))
	}
	fn submit_verification() -> Weight {
		Weight::from_parts(44_046_000, 0)
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn create_pool() -> Weight {
		Weight::from_parts(27_634_000, 0)
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(4))
	}
	fn join_pool() -> Weight {
		Weight::from_parts(39_839_000, 0)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(2))
	}
	fn leave_pool(m: u32, ) -> Weight {
		Weight::from_parts(32_511_188, 0)
			.saturating_add(Weight::from_parts(4_791_538, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(2))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(m.into())))
	}
	fn close_reveals(s: u32, c: u32, ) -> Weight {
		Weight::from_parts(231_071_000, 0)
			.saturating_add(Weight::from_parts(44_151_753, 0).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(4_073_024, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(c.into())))
			.saturating_add(RocksDbWeight::get().writes(12))
			.saturating_add(RocksDbWeight::get().writes((9_u64).saturating_mul(s.into())))
	}
	fn finalize_round(s: u32, v: u32, ) -> Weight {
		Weight::from_parts(215_680_000, 0)
			.saturating_add(Weight::from_parts(82_566_557, 0).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(45_907_097, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(8))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(v.into())))
			.saturating_add(RocksDbWeight::get().writes(25))
			.saturating_add(RocksDbWeight::get().writes((7_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(v.into())))
	}
	fn rotate_epoch(c: u32, ) -> Weight {
		Weight::from_parts(35_691_000, 0)
			.saturating_add(Weight::from_parts(21_981_831, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(c.into())))
			.saturating_add(RocksDbWeight::get().writes(3))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(c.into())))
	}
	fn pay_bounty_batch(n: u32, ) -> Weight {
		Weight::from_parts(42_933_262, 0)
			.saturating_add(Weight::from_parts(45_348_249, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(8))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(5))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(n.into())))
	}
	fn clean_ledger_batch(n: u32, ) -> Weight {
		Weight::from_parts(11_542_846, 0)
			.saturating_add(Weight::from_parts(1_018_304, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(1))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn check_feeless_call() -> Weight {
		Weight::from_parts(29_417_000, 0)
			.saturating_add(RocksDbWeight::get().reads(6))
	}
}
