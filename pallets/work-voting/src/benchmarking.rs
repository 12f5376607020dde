//! Benchmarks of work voting at their worst case: the voter already votes in `MaxVotes - 1`
//! ongoing polls, so the call inserts into (or removes from) a full sorted list and recomputes the
//! freeze over every standing vote; the poll is serviced by the runtime's real `Polls`
//! (referenda), whose cost is part of the measurement.

use crate::{pallet::*, *};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use polkadot_sdk::{
	frame_benchmarking,
	frame_support::traits::{Get, Polling},
	frame_system::RawOrigin,
};

/// Gives a benchmark voter its weight (the pallet cannot write the reputation ledger or mint).
pub trait BenchmarkHelper<AccountId> {
	/// Give `who` `reputation` earned reputation, as verified work would.
	fn earn(who: &AccountId, reputation: u32);
	/// Give `who` `amount` of free balance.
	fn fund(who: &AccountId, amount: u128);
}

/// PAR each benchmark vote locks.
const LOCKED: u128 = 1_000_000;

fn voter<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("voter", 0, 0);
	T::BenchmarkHelper::earn(&who, 1_000_000);
	T::BenchmarkHelper::fund(&who, LOCKED.saturating_mul(1_000));
	who
}

/// `count` ongoing polls of the first class.
fn ongoing_polls<T: Config>(count: u32) -> Vec<PollIndexOf<T>> {
	let class = T::Polls::classes().into_iter().next().expect("the runtime has a track");
	(0..count).map(|_| T::Polls::create_ongoing(class.clone()).expect("room for an ongoing poll")).collect()
}

/// `who` votes in every poll but the last of `MaxVotes` polls; returns them all.
fn voting_in_all_but_one<T: Config>(who: &T::AccountId) -> Vec<PollIndexOf<T>> {
	let polls = ongoing_polls::<T>(T::MaxVotes::get());
	for poll in polls.iter().take(polls.len().saturating_sub(1)) {
		Pallet::<T>::vote(RawOrigin::Signed(who.clone()).into(), *poll, true, LOCKED)
			.expect("an ongoing poll with room");
	}
	polls
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn vote() {
		let who = voter::<T>();
		let polls = voting_in_all_but_one::<T>(&who);
		let last = *polls.last().expect("at least one poll");

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), last, false, LOCKED.saturating_mul(2));

		assert_eq!(VotesOf::<T>::get(&who).len() as u32, T::MaxVotes::get());
		assert_eq!(Pallet::<T>::locked(&who), LOCKED.saturating_mul(2));
	}

	#[benchmark]
	fn remove_vote() {
		let who = voter::<T>();
		let polls = voting_in_all_but_one::<T>(&who);
		let last = *polls.last().expect("at least one poll");
		Pallet::<T>::vote(RawOrigin::Signed(who.clone()).into(), last, false, LOCKED.saturating_mul(2))
			.expect("room for the last vote");

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), last);

		assert_eq!(VotesOf::<T>::get(&who).len() as u32, T::MaxVotes::get().saturating_sub(1));
		assert_eq!(Pallet::<T>::locked(&who), LOCKED);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
