//! Weights of `pallet_validator_set`.
//!
//! Provisional: set by hand, with a 2x margin, from the storage each call touches (the set, the
//! account's providers, pallet-session's keys and key owners) and pallet-session's measured
//! `set_keys` and `purge_keys`. Both calls are dispatched only by a passed referendum, a few
//! times a year. Replace with the output of `scripts/benchmark-pallets.sh`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions of `pallet_validator_set`.
pub trait WeightInfo {
	fn add_validator() -> Weight;
	fn remove_validator() -> Weight;
}

/// Weights charged with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn add_validator() -> Weight {
		Weight::from_parts(100_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().writes(7))
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(100_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(7))
	}
}

/// For tests: the same figures charged with RocksDB weights.
impl WeightInfo for () {
	fn add_validator() -> Weight {
		Weight::from_parts(100_000_000, 0)
			.saturating_add(RocksDbWeight::get().reads(6))
			.saturating_add(RocksDbWeight::get().writes(7))
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(100_000_000, 0)
			.saturating_add(RocksDbWeight::get().reads(5))
			.saturating_add(RocksDbWeight::get().writes(7))
	}
}
