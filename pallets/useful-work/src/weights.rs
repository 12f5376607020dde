//! Weights of the useful-work pallet.
//!
//! PROVISIONAL: replaced by `scripts/benchmark-pallets.sh` output.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed by the useful-work pallet.
pub trait WeightInfo {
	fn register() -> Weight;
	fn deregister(m: u32) -> Weight;
	fn create_task() -> Weight;
	fn create_paid_task() -> Weight;
	fn close_task() -> Weight;
	fn commit() -> Weight;
	fn reveal() -> Weight;
	fn submit_verification() -> Weight;
	fn create_pool() -> Weight;
	fn join_pool() -> Weight;
	fn leave_pool(m: u32) -> Weight;
	fn close_reveals(s: u32, c: u32) -> Weight;
	fn finalize_round(s: u32, v: u32) -> Weight;
	fn rotate_epoch(c: u32) -> Weight;
	fn check_feeless_call() -> Weight;
}

/// Weights measured on the reference machine, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register() -> Weight {
		Weight::from_parts(60_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(5, 4))
	}
	fn deregister(m: u32) -> Weight {
		Weight::from_parts(30_000_000, 0)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads_writes(3, 4))
			.saturating_add(T::DbWeight::get().writes(m.into()))
	}
	fn create_task() -> Weight {
		Weight::from_parts(30_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(4, 5))
	}
	fn create_paid_task() -> Weight {
		Weight::from_parts(60_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(6, 8))
	}
	fn close_task() -> Weight {
		Weight::from_parts(15_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn commit() -> Weight {
		Weight::from_parts(30_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(5, 3))
	}
	fn reveal() -> Weight {
		Weight::from_parts(40_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(5, 4))
	}
	fn submit_verification() -> Weight {
		Weight::from_parts(30_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(5, 1))
	}
	fn create_pool() -> Weight {
		Weight::from_parts(25_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(3, 4))
	}
	fn join_pool() -> Weight {
		Weight::from_parts(25_000_000, 0).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn leave_pool(m: u32) -> Weight {
		Weight::from_parts(25_000_000, 0)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2))
			.saturating_add(T::DbWeight::get().writes(m.into()))
	}
	fn close_reveals(s: u32, c: u32) -> Weight {
		Weight::from_parts(30_000_000, 0)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(200_000, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(c.into()))
			.saturating_add(T::DbWeight::get().reads_writes(s.into(), s.saturating_mul(6).into()))
	}
	fn finalize_round(s: u32, v: u32) -> Weight {
		Weight::from_parts(40_000_000, 0)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(s.saturating_mul(v).into()))
			.saturating_add(T::DbWeight::get().reads_writes(
				s.saturating_mul(v.saturating_mul(4)).into(),
				s.saturating_mul(v.saturating_mul(4)).into(),
			))
	}
	fn rotate_epoch(c: u32) -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(Weight::from_parts(100_000, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads_writes(c.into(), 2))
	}
	fn check_feeless_call() -> Weight {
		Weight::from_parts(15_000_000, 0).saturating_add(T::DbWeight::get().reads(6))
	}
}

/// For tests: the same formulas with RocksDB weights.
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(60_000_000, 0).saturating_add(RocksDbWeight::get().reads_writes(5, 4))
	}
	fn deregister(_m: u32) -> Weight {
		Weight::from_parts(30_000_000, 0)
	}
	fn create_task() -> Weight {
		Weight::from_parts(30_000_000, 0)
	}
	fn create_paid_task() -> Weight {
		Weight::from_parts(60_000_000, 0)
	}
	fn close_task() -> Weight {
		Weight::from_parts(15_000_000, 0)
	}
	fn commit() -> Weight {
		Weight::from_parts(30_000_000, 0)
	}
	fn reveal() -> Weight {
		Weight::from_parts(40_000_000, 0)
	}
	fn submit_verification() -> Weight {
		Weight::from_parts(30_000_000, 0)
	}
	fn create_pool() -> Weight {
		Weight::from_parts(25_000_000, 0)
	}
	fn join_pool() -> Weight {
		Weight::from_parts(25_000_000, 0)
	}
	fn leave_pool(_m: u32) -> Weight {
		Weight::from_parts(25_000_000, 0)
	}
	fn close_reveals(_s: u32, _c: u32) -> Weight {
		Weight::from_parts(30_000_000, 0)
	}
	fn finalize_round(_s: u32, _v: u32) -> Weight {
		Weight::from_parts(40_000_000, 0)
	}
	fn rotate_epoch(_c: u32) -> Weight {
		Weight::from_parts(10_000_000, 0)
	}
	fn check_feeless_call() -> Weight {
		Weight::from_parts(15_000_000, 0)
	}
}
