//! Weights of `pallet_useful_work`, measured by `scripts/benchmark-pallets.sh` on the reference machine.
//!
//! Benchmark CLI 51.0.0, 2026-11-22; steps 20, repeat 10;
//! host `vm`, CPU `AMD EPYC`; wasm execution `Compiled`.
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
	fn check_feeless_call() -> Weight;
	fn pay_bounty_batch(n: u32, ) -> Weight;
	fn clean_ledger_batch(n: u32, ) -> Weight;
}

/// Measured weights, charged with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register() -> Weight {
		Weight::from_parts(30_000_000_000, 0)
			.saturating_add(Weight::from_parts(0, 3593))
			.saturating_add(T::DbWeight::get().reads(1040))
			.saturating_add(T::DbWeight::get().writes(12))
	}
	/// Component `m` ranges over `[1, 64]`.
	fn deregister(m: u32, ) -> Weight {
		// Minimum execution time: 50_084_000 picoseconds.
		Weight::from_parts(62_318_990, 0)
			.saturating_add(Weight::from_parts(0, 5563))
			.saturating_add(Weight::from_parts(5_354_493, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(5))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 2544).saturating_mul(m.into()))
	}
	fn create_task() -> Weight {
		// Minimum execution time: 36_073_000 picoseconds.
		Weight::from_parts(36_755_000, 0)
			.saturating_add(Weight::from_parts(0, 6286))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(6))
	}
	fn create_paid_task() -> Weight {
		// Minimum execution time: 97_144_000 picoseconds.
		Weight::from_parts(111_566_000, 0)
			.saturating_add(Weight::from_parts(0, 6286))
			.saturating_add(T::DbWeight::get().reads(9))
			.saturating_add(T::DbWeight::get().writes(9))
	}
	fn close_task() -> Weight {
		// Minimum execution time: 15_834_000 picoseconds.
		Weight::from_parts(16_625_000, 0)
			.saturating_add(Weight::from_parts(0, 4099))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn commit() -> Weight {
		// Minimum execution time: 38_847_000 picoseconds.
		Weight::from_parts(40_630_000, 0)
			.saturating_add(Weight::from_parts(0, 4099))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	fn reveal() -> Weight {
		// Minimum execution time: 47_641_000 picoseconds.
		Weight::from_parts(52_658_000, 0)
			.saturating_add(Weight::from_parts(0, 4099))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(4))
	}
	fn submit_verification() -> Weight {
		// Minimum execution time: 45_768_000 picoseconds.
		Weight::from_parts(60_109_000, 0)
			.saturating_add(Weight::from_parts(0, 4099))
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn create_pool() -> Weight {
		// Minimum execution time: 23_465_000 picoseconds.
		Weight::from_parts(24_397_000, 0)
			.saturating_add(Weight::from_parts(0, 5563))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(4))
	}
	fn join_pool() -> Weight {
		// Minimum execution time: 33_099_000 picoseconds.
		Weight::from_parts(35_042_000, 0)
			.saturating_add(Weight::from_parts(0, 5563))
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	/// Component `m` ranges over `[1, 64]`.
	fn leave_pool(m: u32, ) -> Weight {
		// Minimum execution time: 29_694_000 picoseconds.
		Weight::from_parts(12_039_203, 0)
			.saturating_add(Weight::from_parts(0, 5563))
			.saturating_add(Weight::from_parts(7_497_811, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(2))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(m.into())))
			.saturating_add(Weight::from_parts(0, 2544).saturating_mul(m.into()))
	}
	/// Component `s` ranges over `[1, 16]`.
	/// Component `c` ranges over `[0, 1008]`.
	fn close_reveals(s: u32, c: u32, ) -> Weight {
		// Minimum execution time: 257_514_000 picoseconds.
		Weight::from_parts(262_701_000, 0)
			.saturating_add(Weight::from_parts(0, 4099))
			.saturating_add(Weight::from_parts(25_573_602, 0).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(8_643_958, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(12))
			.saturating_add(T::DbWeight::get().writes((9_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2544).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(0, 3044).saturating_mul(s.into()))
	}
	/// Component `s` ranges over `[1, 16]`.
	/// Component `v` ranges over `[1, 5]`.
	fn finalize_round(s: u32, v: u32, ) -> Weight {
		// Minimum execution time: 344_092_000 picoseconds.
		Weight::from_parts(361_628_000, 0)
			.saturating_add(Weight::from_parts(0, 6286))
			.saturating_add(Weight::from_parts(95_691_459, 0).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(111_779_785, 0).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes(25))
			.saturating_add(T::DbWeight::get().writes((5_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes((5_u64).saturating_mul(v.into())))
			.saturating_add(Weight::from_parts(0, 3044).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(0, 2572).saturating_mul(v.into()))
	}
	/// Component `c` ranges over `[1, 1024]`.
	fn rotate_epoch(c: u32, ) -> Weight {
		// Minimum execution time: 35_863_000 picoseconds.
		Weight::from_parts(36_194_000, 0)
			.saturating_add(Weight::from_parts(0, 3534))
			.saturating_add(Weight::from_parts(29_110_064, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(2))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(c.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(c.into()))
	}
	fn check_feeless_call() -> Weight {
		// Minimum execution time: 31_226_000 picoseconds.
		Weight::from_parts(32_899_000, 0)
			.saturating_add(Weight::from_parts(0, 4099))
			.saturating_add(T::DbWeight::get().reads(6))
	}
	fn pay_bounty_batch(n: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 0)
			.saturating_add(Weight::from_parts(60_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(4))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(n.into())))
	}
	fn clean_ledger_batch(n: u32, ) -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
}

/// The same measurements with RocksDB database weights, for unit tests.
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(106_348_000, 0)
			.saturating_add(RocksDbWeight::get().reads(40))
			.saturating_add(RocksDbWeight::get().writes(12))
	}
	fn deregister(m: u32, ) -> Weight {
		Weight::from_parts(62_318_990, 0)
			.saturating_add(Weight::from_parts(5_354_493, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(5))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(m.into())))
	}
	fn create_task() -> Weight {
		Weight::from_parts(36_755_000, 0)
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(6))
	}
	fn create_paid_task() -> Weight {
		Weight::from_parts(111_566_000, 0)
			.saturating_add(RocksDbWeight::get().reads(9))
			.saturating_add(RocksDbWeight::get().writes(9))
	}
	fn close_task() -> Weight {
		Weight::from_parts(16_625_000, 0)
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn commit() -> Weight {
		Weight::from_parts(40_630_000, 0)
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn reveal() -> Weight {
		Weight::from_parts(52_658_000, 0)
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(4))
	}
	fn submit_verification() -> Weight {
		Weight::from_parts(60_109_000, 0)
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn create_pool() -> Weight {
		Weight::from_parts(24_397_000, 0)
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(4))
	}
	fn join_pool() -> Weight {
		Weight::from_parts(35_042_000, 0)
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().writes(2))
	}
	fn leave_pool(m: u32, ) -> Weight {
		Weight::from_parts(12_039_203, 0)
			.saturating_add(Weight::from_parts(7_497_811, 0).saturating_mul(m.into()))
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(m.into())))
			.saturating_add(RocksDbWeight::get().writes(2))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(m.into())))
	}
	fn close_reveals(s: u32, c: u32, ) -> Weight {
		Weight::from_parts(262_701_000, 0)
			.saturating_add(Weight::from_parts(25_573_602, 0).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(8_643_958, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(c.into())))
			.saturating_add(RocksDbWeight::get().writes(12))
			.saturating_add(RocksDbWeight::get().writes((9_u64).saturating_mul(s.into())))
	}
	fn finalize_round(s: u32, v: u32, ) -> Weight {
		Weight::from_parts(361_628_000, 0)
			.saturating_add(Weight::from_parts(95_691_459, 0).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(111_779_785, 0).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(8))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(v.into())))
			.saturating_add(RocksDbWeight::get().writes(25))
			.saturating_add(RocksDbWeight::get().writes((5_u64).saturating_mul(s.into())))
			.saturating_add(RocksDbWeight::get().writes((5_u64).saturating_mul(v.into())))
	}
	fn rotate_epoch(c: u32, ) -> Weight {
		Weight::from_parts(36_194_000, 0)
			.saturating_add(Weight::from_parts(29_110_064, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(c.into())))
			.saturating_add(RocksDbWeight::get().writes(2))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(c.into())))
	}
	fn check_feeless_call() -> Weight {
		Weight::from_parts(32_899_000, 0)
			.saturating_add(RocksDbWeight::get().reads(6))
	}
	fn pay_bounty_batch(n: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 0)
			.saturating_add(Weight::from_parts(60_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(4))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(n.into())))
	}
	fn clean_ledger_batch(n: u32, ) -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1))
			.saturating_add(RocksDbWeight::get().writes(1))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
}
