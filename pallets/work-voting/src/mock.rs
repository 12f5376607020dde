//! A test runtime: balances, the voting pallet, polls the tests open and close by hand, and a
//! reputation ledger the tests fill.

use crate::{self as pallet_work_voting, *};
use core::cell::RefCell;
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{PollStatus, Polling, VariantCountOf},
	},
	frame_system, pallet_balances, sp_io,
	sp_runtime::{BuildStorage, DispatchError, Perbill},
};
use std::collections::BTreeMap;

pub(crate) type AccountId = u64;
type Block = frame_system::mocking::MockBlock<Test>;

#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Voting = pallet_work_voting;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type AccountStore = System;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeFreezeReason = RuntimeFreezeReason;
}

/// A poll the tests drive: ongoing with its tally, or decided.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) enum TestPoll {
	Ongoing(WorkTally<Test>),
	Completed(u64, bool),
}

thread_local! {
	static POLLS: RefCell<BTreeMap<u8, TestPoll>> = RefCell::new(BTreeMap::new());
	static REPUTATION: RefCell<BTreeMap<AccountId, u32>> = RefCell::new(BTreeMap::new());
}

/// Open poll `index` with an empty tally.
pub(crate) fn open_poll(index: u8) {
	POLLS.with(|polls| polls.borrow_mut().insert(index, TestPoll::Ongoing(WorkTally::from_parts(0, 0, 0, 0))));
}

/// Decide poll `index`.
pub(crate) fn close_poll(index: u8, approved: bool) {
	POLLS.with(|polls| polls.borrow_mut().insert(index, TestPoll::Completed(1, approved)));
}

/// The tally of ongoing poll `index`.
pub(crate) fn tally(index: u8) -> WorkTally<Test> {
	match POLLS.with(|polls| polls.borrow().get(&index).cloned()) {
		Some(TestPoll::Ongoing(tally)) => tally,
		other => panic!("poll {index} is not ongoing: {other:?}"),
	}
}

/// Register `who` as a contributor with `reputation`.
pub(crate) fn set_reputation(who: AccountId, reputation: u32) {
	REPUTATION.with(|map| map.borrow_mut().insert(who, reputation));
}

/// Polls kept in a thread-local map; class 0 for all.
pub struct TestPolls;

impl Polling<WorkTally<Test>> for TestPolls {
	type Index = u8;
	type Votes = u128;
	type Class = u8;
	type Moment = u64;

	fn classes() -> Vec<u8> {
		vec![0]
	}

	fn as_ongoing(index: u8) -> Option<(WorkTally<Test>, u8)> {
		POLLS.with(|polls| match polls.borrow().get(&index) {
			Some(TestPoll::Ongoing(tally)) => Some((tally.clone(), 0)),
			_ => None,
		})
	}

	fn access_poll<R>(
		index: u8,
		f: impl FnOnce(PollStatus<&mut WorkTally<Test>, u64, u8>) -> R,
	) -> R {
		let mut polls = POLLS.with(|polls| polls.borrow().clone());
		let result = match polls.get_mut(&index) {
			Some(TestPoll::Ongoing(tally)) => f(PollStatus::Ongoing(tally, 0)),
			Some(TestPoll::Completed(end, approved)) => f(PollStatus::Completed(*end, *approved)),
			None => f(PollStatus::None),
		};
		POLLS.with(|store| *store.borrow_mut() = polls);
		result
	}

	fn try_access_poll<R>(
		index: u8,
		f: impl FnOnce(PollStatus<&mut WorkTally<Test>, u64, u8>) -> Result<R, DispatchError>,
	) -> Result<R, DispatchError> {
		let mut polls = POLLS.with(|polls| polls.borrow().clone());
		let result = match polls.get_mut(&index) {
			Some(TestPoll::Ongoing(tally)) => f(PollStatus::Ongoing(tally, 0)),
			Some(TestPoll::Completed(end, approved)) => f(PollStatus::Completed(*end, *approved)),
			None => f(PollStatus::None),
		}?;
		POLLS.with(|store| *store.borrow_mut() = polls);
		Ok(result)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn create_ongoing(_: u8) -> Result<u8, ()> {
		let index = POLLS.with(|polls| polls.borrow().keys().next_back().map_or(0, |last| last + 1));
		open_poll(index);
		Ok(index)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn end_ongoing(index: u8, approved: bool) -> Result<(), ()> {
		close_poll(index, approved);
		Ok(())
	}
}

/// Reputation from the thread-local map.
pub struct TestReputation;

impl ReputationLedger<AccountId> for TestReputation {
	fn reputation_of(who: &AccountId) -> Option<u32> {
		REPUTATION.with(|map| map.borrow().get(who).copied())
	}

	fn total_reputation() -> u64 {
		REPUTATION.with(|map| map.borrow().values().map(|r| u64::from(*r)).sum())
	}
}

parameter_types! {
	pub const ParQuorum: Perbill = Perbill::from_percent(10);
}

impl pallet_work_voting::Config for Test {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Polls = TestPolls;
	type Reputation = TestReputation;
	type ParQuorum = ParQuorum;
	type MinElectorate = polkadot_sdk::frame_support::traits::ConstU64<100_000>;
	type MaxVotes = polkadot_sdk::frame_support::traits::ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestBenchmarkHelper;
}

/// Reputation from the thread-local map, PAR from the test balances.
#[cfg(feature = "runtime-benchmarks")]
pub struct TestBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for TestBenchmarkHelper {
	fn earn(who: &AccountId, reputation: u32) {
		set_reputation(*who, reputation);
	}

	fn fund(who: &AccountId, amount: u128) {
		use polkadot_sdk::frame_support::traits::fungible::Mutate;
		let _ = Balances::set_balance(who, amount);
	}
}

/// Accounts with PAR at genesis: 10 holds 1,000; 11 holds 100; 12 holds 10.
pub(crate) fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().expect("genesis");
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(10, 1_000), (11, 100), (12, 10)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.expect("balances genesis");
	POLLS.with(|polls| polls.borrow_mut().clear());
	REPUTATION.with(|map| map.borrow_mut().clear());
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
