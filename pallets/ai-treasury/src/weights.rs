//! Weights of `pallet_ai_treasury`. Provisional until `scripts/benchmark-pallets.sh` regenerates
//! this file on the reference machine.

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
		Weight::from_parts(20_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn raise_cap() -> Weight {
		Weight::from_parts(20_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	fn idle() -> Weight {
		Weight::from_parts(5_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(3))
	}
	fn settle_epoch(a: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 0)
			.saturating_add(Weight::from_parts(100_000, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(12))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(a.into())))
			.saturating_add(T::DbWeight::get().writes(6))
	}
	fn mint_batch(p: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 0)
			.saturating_add(Weight::from_parts(100_000, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(3))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(p.into())))
	}
}

/// For tests: the same shape, with the reference database weights.
impl WeightInfo for () {
	fn set_params() -> Weight { Weight::from_parts(20_000_000, 0).saturating_add(RocksDbWeight::get().writes(1)) }
	fn raise_cap() -> Weight { Weight::from_parts(20_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(2, 2)) }
	fn idle() -> Weight { Weight::from_parts(5_000_000, 0).saturating_add(RocksDbWeight::get().reads(3)) }
	fn settle_epoch(a: u32, ) -> Weight { Weight::from_parts(100_000_000, 0).saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(a.into()))) }
	fn mint_batch(p: u32, ) -> Weight { Weight::from_parts(20_000_000, 0).saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(p.into()))) }
}
