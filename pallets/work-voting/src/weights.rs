//! Weights of `pallet_work_voting`.
//!
//! Provisional: set by hand from conviction voting's measured `vote_new` and `remove_vote`,
//! which touch the same storage (the account's votes, the referendum, its alarm in the
//! scheduler's agenda, the balance freeze), with a 2x margin. Replace with the output of
//! `scripts/benchmark-pallets.sh --pallet pallet_work_voting`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions of `pallet_work_voting`.
pub trait WeightInfo {
	fn vote() -> Weight;
	fn remove_vote() -> Weight;
}

/// Weights charged with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn vote() -> Weight {
		Weight::from_parts(300_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(10))
			.saturating_add(T::DbWeight::get().writes(8))
	}
	fn remove_vote() -> Weight {
		Weight::from_parts(250_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(9))
			.saturating_add(T::DbWeight::get().writes(8))
	}
}

/// For tests: the same figures charged with RocksDB weights.
impl WeightInfo for () {
	fn vote() -> Weight {
		Weight::from_parts(300_000_000, 0)
			.saturating_add(RocksDbWeight::get().reads(10))
			.saturating_add(RocksDbWeight::get().writes(8))
	}
	fn remove_vote() -> Weight {
		Weight::from_parts(250_000_000, 0)
			.saturating_add(RocksDbWeight::get().reads(9))
			.saturating_add(RocksDbWeight::get().writes(8))
	}
}
