//! Weights of `pallet_ai_treasury`, measured by `scripts/benchmark-pallets.sh` on the reference machine.
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
//!   pallet_ai_treasury
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
//!   pallets/ai-treasury/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions of `pallet_ai_treasury`.
pub trait WeightInfo {
	fn set_params() -> Weight;
	fn raise_cap() -> Weight;
	fn idle() -> Weight;
	fn settle_epoch(a: u32, ) -> Weight;
	fn mint_batch(p: u32, ) -> Weight;
}

/// Measured weights, charged with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_params() -> Weight {
		// Minimum execution time: 5_983_000 picoseconds.
		Weight::from_parts(6_114_000, 0)
			.saturating_add(Weight::from_parts(0, 0))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn raise_cap() -> Weight {
		// Minimum execution time: 8_960_000 picoseconds.
		Weight::from_parts(9_458_000, 0)
			.saturating_add(Weight::from_parts(0, 1505))
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	fn idle() -> Weight {
		// Minimum execution time: 7_520_000 picoseconds.
		Weight::from_parts(7_951_000, 0)
			.saturating_add(Weight::from_parts(0, 99795))
			.saturating_add(T::DbWeight::get().reads(3))
	}
	/// Component `a` ranges over `[1, 2048]`.
	fn settle_epoch(a: u32, ) -> Weight {
		// Minimum execution time: 43_396_000 picoseconds.
		Weight::from_parts(44_000_000, 0)
			.saturating_add(Weight::from_parts(0, 99795))
			.saturating_add(Weight::from_parts(9_037_576, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(11))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(a.into())))
			.saturating_add(T::DbWeight::get().writes(5))
			.saturating_add(Weight::from_parts(0, 2572).saturating_mul(a.into()))
	}
	/// Component `p` ranges over `[1, 256]`.
	fn mint_batch(p: u32, ) -> Weight {
		// Minimum execution time: 35_138_000 picoseconds.
		Weight::from_parts(35_969_000, 0)
			.saturating_add(Weight::from_parts(0, 99795))
			.saturating_add(Weight::from_parts(23_788_871, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(2))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(p.into()))
	}
}

/// The same measurements with RocksDB database weights, for unit tests.
impl WeightInfo for () {
	fn set_params() -> Weight {
		Weight::from_parts(6_114_000, 0)
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn raise_cap() -> Weight {
		Weight::from_parts(9_458_000, 0)
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().writes(2))
	}
	fn idle() -> Weight {
		Weight::from_parts(7_951_000, 0)
			.saturating_add(RocksDbWeight::get().reads(3))
	}
	fn settle_epoch(a: u32, ) -> Weight {
		Weight::from_parts(44_000_000, 0)
			.saturating_add(Weight::from_parts(9_037_576, 0).saturating_mul(a.into()))
			.saturating_add(RocksDbWeight::get().reads(11))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(a.into())))
			.saturating_add(RocksDbWeight::get().writes(5))
	}
	fn mint_batch(p: u32, ) -> Weight {
		Weight::from_parts(35_969_000, 0)
			.saturating_add(Weight::from_parts(23_788_871, 0).saturating_mul(p.into()))
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(RocksDbWeight::get().writes(2))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(p.into())))
	}
}
