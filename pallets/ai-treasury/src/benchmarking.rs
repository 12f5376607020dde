//! Benchmarks of the AI treasury: the governance calls, the idle step, settling an epoch as the
//! number of paid accounts grows, and minting a batch of payouts.

use crate::{pallet::*, *};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use polkadot_sdk::{
	frame_benchmarking,
	frame_support::{traits::Get, BoundedVec},
	frame_system::RawOrigin,
};

const SEED: u32 = 0;

/// Fills the work ledger the treasury reads (the pallet cannot write another pallet's storage
/// generically).
pub trait BenchmarkHelper<AccountId> {
	/// Credit `record` to `who` in `epoch`, counting it as one accepted piece of work.
	fn record_work(epoch: EpochIndex, who: &AccountId, record: WorkRecord);
	/// Move the chain into `epoch`, so that every earlier epoch is complete.
	fn enter_epoch(epoch: EpochIndex);
}

/// `count` accounts with trainer and verifier work in epoch 0, half of them in pools, and the
/// chain moved to epoch 1.
fn ledger_with_work<T: Config>(count: u32) {
	for index in 0..count {
		let who: T::AccountId = account("worker", index, SEED);
		let record = WorkRecord {
			trainer: 1_000 + u64::from(index),
			verifier: 1_000,
			pool_fees: 0,
			oracle: 0,
			pool: (index % 2 == 0).then_some(index % 64),
		};
		T::BenchmarkHelper::record_work(0, &who, record);
	}
	T::BenchmarkHelper::enter_epoch(1);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_params() {
		let params = ControllerParams::default();
		#[extrinsic_call]
		_(RawOrigin::Root, params);
		assert_eq!(Params::<T>::get(), params);
	}

	#[benchmark]
	fn raise_cap() {
		let new_cap = SupplyCap::<T>::get().saturating_add(1);
		#[extrinsic_call]
		_(RawOrigin::Root, new_cap);
		assert_eq!(SupplyCap::<T>::get(), new_cap);
	}

	/// Nothing pending and no finished epoch to settle.
	#[benchmark]
	fn idle() {
		T::BenchmarkHelper::enter_epoch(0);
		#[block]
		{
			Pallet::<T>::advance();
		}
		assert_eq!(NextEpoch::<T>::get(), 0);
	}

	/// Settle an epoch whose ledger holds `a` accounts.
	#[benchmark]
	fn settle_epoch(a: Linear<1, { T::MaxPaidAccounts::get() }>) {
		ledger_with_work::<T>(a);
		#[block]
		{
			Pallet::<T>::advance();
		}
		assert_eq!(NextEpoch::<T>::get(), 1);
		assert!(Reports::<T>::contains_key(0));
	}

	/// Mint `p` payouts to new accounts.
	#[benchmark]
	fn mint_batch(p: Linear<1, { T::MaxPayoutsPerBlock::get() }>) {
		let amount = Budget::<T>::get().schedule_pace(Pallet::<T>::epochs_per_year()) / 1_000;
		let payouts: Vec<(T::AccountId, Amount)> =
			(0..p).map(|index| (account("paid", index, SEED), amount)).collect();
		Budget::<T>::mutate(|year| year.emitted = amount.saturating_mul(p.into()));
		NextEpoch::<T>::put(1);
		PendingPayouts::<T>::put((0, BoundedVec::truncate_from(payouts)));
		#[block]
		{
			Pallet::<T>::advance();
		}
		assert!(!PendingPayouts::<T>::exists());
		assert_eq!(TotalEmitted::<T>::get(), amount.saturating_mul(p.into()));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
