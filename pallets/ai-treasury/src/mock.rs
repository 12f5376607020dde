//! A test runtime: balances, the treasury, and a work ledger the tests fill by hand.

use crate::{self as pallet_ai_treasury, *};
use core::cell::RefCell;
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::Hooks},
	frame_system::{self, EnsureRoot},
	pallet_balances, sp_io,
	sp_runtime::{BuildStorage, Perbill},
};
use std::collections::BTreeMap;
use useful_work_primitives::EpochActivity;

pub(crate) type AccountId = u64;
pub(crate) type Balance = u128;
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
	pub type Treasury = pallet_ai_treasury;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
}

/// Blocks per epoch of the test ledger.
pub(crate) const EPOCH_BLOCKS: u32 = 10;
/// Epochs per year: 100, so a year passes in 1,000 blocks.
pub(crate) const EPOCHS_PER_YEAR: u32 = 100;
/// The first year's budget: 1,000,000 units, an even pace of 10,000 per epoch.
pub(crate) const FIRST_YEAR: Amount = 1_000_000;
/// The supply cap at genesis.
pub(crate) const CAP: Amount = 8_000_000;

parameter_types! {
	pub const ExistentialDeposit: Balance = 10;
	pub const InitialSupplyCap: Amount = CAP;
	pub const FirstYearBudget: Amount = FIRST_YEAR;
	pub const BlocksPerYear: u32 = EPOCH_BLOCKS * EPOCHS_PER_YEAR;
	pub const MaxCapRaisePerYear: Perbill = Perbill::from_percent(10);
}

thread_local! {
	static LEDGER: RefCell<BTreeMap<EpochIndex, Vec<(AccountId, WorkRecord)>>> = RefCell::new(BTreeMap::new());
	static ACTIVITY: RefCell<BTreeMap<EpochIndex, EpochActivity<Balance>>> = RefCell::new(BTreeMap::new());
	static POLICY_FAILS: RefCell<bool> = const { RefCell::new(false) };
}

/// A work ledger filled by the tests; epochs follow the block number.
pub struct TestLedger;

impl TestLedger {
	/// Credit `record` to `who` in `epoch`, as one accepted submission.
	pub(crate) fn record(epoch: EpochIndex, who: AccountId, record: WorkRecord) {
		LEDGER.with(|ledger| ledger.borrow_mut().entry(epoch).or_default().push((who, record)));
		Self::activity(epoch, |activity| activity.improving_submissions += 1);
	}

	/// Change the counters of `epoch`.
	pub(crate) fn activity(epoch: EpochIndex, update: impl FnOnce(&mut EpochActivity<Balance>)) {
		ACTIVITY.with(|activity| update(activity.borrow_mut().entry(epoch).or_default()));
	}
}

impl WorkLedger<AccountId, Balance> for TestLedger {
	fn current_epoch() -> EpochIndex {
		(System::block_number() / u64::from(EPOCH_BLOCKS)) as EpochIndex
	}

	fn epoch_length() -> u32 {
		EPOCH_BLOCKS
	}

	fn epoch_work(epoch: EpochIndex) -> Vec<(AccountId, WorkRecord)> {
		LEDGER.with(|ledger| ledger.borrow().get(&epoch).cloned().unwrap_or_default())
	}

	fn max_epoch_earners() -> u32 {
		256
	}

	fn epoch_observation(epoch: EpochIndex) -> EpochObservation<Balance> {
		let work = Self::epoch_work(epoch);
		let mut pools: Vec<_> = work.iter().filter_map(|(_, record)| record.pool).collect();
		pools.sort();
		pools.dedup();
		EpochObservation {
			activity: ACTIVITY.with(|activity| activity.borrow().get(&epoch).cloned().unwrap_or_default()),
			active_contributors: work.len() as u32,
			active_pools: pools.len() as u32,
			registered_contributors: work.len() as u32,
		}
	}
}

/// The built-in policy, or a failing one when a test says so (a trapped module).
pub struct TestPolicy;

impl TestPolicy {
	pub(crate) fn fail(fails: bool) {
		POLICY_FAILS.with(|flag| *flag.borrow_mut() = fails);
	}
}

impl EmissionPolicy for TestPolicy {
	fn propose(input: &PolicyInput<'_>) -> Result<Amount, PolicyFailure> {
		if POLICY_FAILS.with(|flag| *flag.borrow()) {
			return Err(PolicyFailure);
		}
		BuiltInPolicy::propose(input)
	}
}

impl Config for Test {
	type Currency = Balances;
	type WorkLedger = TestLedger;
	type Policy = TestPolicy;
	type ParamsOrigin = EnsureRoot<AccountId>;
	type CapOrigin = EnsureRoot<AccountId>;
	type InitialSupplyCap = InitialSupplyCap;
	type FirstYearBudget = FirstYearBudget;
	type BlocksPerYear = BlocksPerYear;
	type MaxCapRaisePerYear = MaxCapRaisePerYear;
	type MaxPaidAccounts = polkadot_sdk::sp_core::ConstU32<256>;
	type MaxPayoutsPerBlock = polkadot_sdk::sp_core::ConstU32<4>;
	type HistoryDepth = polkadot_sdk::sp_core::ConstU32<128>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestLedgerHelper;
}

/// Fills the test ledger in benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct TestLedgerHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for TestLedgerHelper {
	fn record_work(epoch: EpochIndex, who: &AccountId, record: WorkRecord) {
		TestLedger::record(epoch, *who, record);
	}

	fn enter_epoch(epoch: EpochIndex) {
		System::set_block_number(u64::from(epoch * EPOCH_BLOCKS));
	}
}

/// Advance to block `n`, running every pallet's hooks.
pub(crate) fn run_to_block(n: u64) {
	System::run_to_block::<AllPalletsWithSystem>(n);
}

/// Treasury events so far.
pub(crate) fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Treasury(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// A fresh chain at block 1 with an empty ledger.
pub(crate) fn new_test_ext() -> sp_io::TestExternalities {
	LEDGER.with(|ledger| ledger.borrow_mut().clear());
	ACTIVITY.with(|activity| activity.borrow_mut().clear());
	TestPolicy::fail(false);
	let mut storage =
		frame_system::GenesisConfig::<Test>::default().build_storage().expect("system genesis builds");
	pallet_ai_treasury::GenesisConfig::<Test>::default()
		.assimilate_storage(&mut storage)
		.expect("treasury genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| run_to_block(1));
	ext
}

/// Run `test` on a fresh chain, then check the invariants, also after more blocks.
pub(crate) fn execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Treasury::do_try_state().expect("treasury invariants hold");
		let next = System::block_number() + 3 * u64::from(EPOCH_BLOCKS);
		run_to_block(next);
		Treasury::do_try_state().expect("treasury invariants hold after more blocks");
		let _ = <Treasury as Hooks<u64>>::on_idle(next, polkadot_sdk::frame_support::weights::Weight::MAX);
	});
}
