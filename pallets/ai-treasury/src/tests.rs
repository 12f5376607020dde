//! Behaviour of the treasury through its hooks and calls, against a hand-filled work ledger.

use crate::{mock::*, pallet::*, *};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::{GetStorageVersion, StorageVersion},
	},
	sp_arithmetic::FixedU128,
	sp_io,
	sp_runtime::{BuildStorage, DispatchError, Perbill},
};
use proptest::prelude::*;

/// The even pace of the first year in the test runtime.
const PACE: Amount = FIRST_YEAR / EPOCHS_PER_YEAR as Amount;

fn trainer(points: u64) -> WorkRecord {
	WorkRecord { trainer: points, ..Default::default() }
}

fn pooled(points: u64, pool: u32) -> WorkRecord {
	WorkRecord { trainer: points, pool: Some(pool), ..Default::default() }
}

/// Parameters of a grown-up network: no young-network caps.
fn mature() -> ControllerParams {
	let mut params = ControllerParams::default();
	params.young.mature_active_contributors = 0;
	params.young.mature_emitted = Perbill::zero();
	params
}

fn set_params(params: ControllerParams) {
	assert_ok!(Treasury::set_params(RuntimeOrigin::root(), params));
}

/// Run until every payout of `epoch` is minted.
fn settle_and_pay(epoch: EpochIndex) {
	let start = u64::from((epoch + 1) * EPOCH_BLOCKS);
	run_to_block(start.max(System::block_number() + 1));
	// Settling takes a block per epoch and minting a block per batch, so a busy ledger lags.
	while NextEpoch::<Test>::get() <= epoch || PendingPayouts::<Test>::exists() {
		run_to_block(System::block_number() + 1);
	}
}

fn report(epoch: EpochIndex) -> EpochReport {
	Reports::<Test>::get(epoch).expect("the epoch was settled")
}

fn balance(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

#[test]
fn genesis_issues_nothing_and_starts_at_the_schedule_pace() {
	execute(|| {
		assert_eq!(Balances::total_issuance(), 0);
		assert_eq!(SupplyCap::<Test>::get(), CAP);
		assert_eq!(Budget::<Test>::get(), YearBudget { year: 0, budget: FIRST_YEAR, emitted: 0 });
		assert_eq!(Controller::<Test>::get().rate, PACE);
	});
}

#[test]
fn genesis_records_the_storage_version() {
	// `new_test_ext` assimilates each pallet's genesis config on its own; the runtime's genesis
	// also runs every pallet's `on_genesis`, which is what writes the storage version.
	let storage = RuntimeGenesisConfig::default().build_storage().expect("runtime genesis builds");
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(Treasury::in_code_storage_version(), STORAGE_VERSION);
		assert_eq!(Treasury::on_chain_storage_version(), STORAGE_VERSION);
		assert_eq!(STORAGE_VERSION, StorageVersion::new(1));
	});
}

#[test]
fn an_epoch_of_work_is_minted_to_its_workers_and_explained() {
	execute(|| {
		set_params(mature());
		TestLedger::record(0, 1, trainer(100));
		TestLedger::record(0, 2, WorkRecord { verifier: 300, ..Default::default() });

		run_to_block(u64::from(EPOCH_BLOCKS));
		let report = report(0);
		assert_eq!(report.decision, Decision {
			schedule_pace: PACE,
			rate: PACE,
			emission: PACE,
			bound: Bound::None
		});
		assert_eq!((report.paid, report.accounts_paid, report.young), (PACE, 2, false));
		assert_eq!(report.work_units, 2);
		assert_eq!(report.policy, PolicySource::Configured);
		assert!(events().contains(&Event::EpochSettled { report: report.clone() }));
		assert_eq!(balance(1), 0, "minting starts in the block after settlement");

		settle_and_pay(0);
		assert_eq!((balance(1), balance(2)), (PACE / 4, PACE * 3 / 4));
		assert_eq!(Balances::total_issuance(), PACE);
		assert_eq!(TotalEmitted::<Test>::get(), PACE);
		assert!(events().contains(&Event::Rewarded { epoch: 0, who: 2, amount: PACE * 3 / 4 }));
		assert!(events().contains(&Event::PayoutsCompleted { epoch: 0, minted: PACE, skipped: 0 }));
	});
}

#[test]
fn zero_work_means_zero_emission() {
	execute(|| {
		set_params(mature());
		settle_and_pay(4);
		for epoch in 0..=4 {
			let report = report(epoch);
			assert_eq!((report.decision.emission, report.decision.bound), (0, Bound::NoWork));
		}
		assert_eq!(Balances::total_issuance(), 0);
		assert_eq!(Controller::<Test>::get().rate, PACE, "the rate waits for work");
	});
}

#[test]
fn payouts_are_minted_in_batches() {
	execute(|| {
		set_params(mature());
		for who in 1..=10 {
			TestLedger::record(0, who, trainer(10));
		}
		run_to_block(u64::from(EPOCH_BLOCKS));
		run_to_block(u64::from(EPOCH_BLOCKS) + 1);
		let paid = (1..=10).filter(|who| balance(*who) > 0).count();
		assert_eq!(paid, 4, "MaxPayoutsPerBlock accounts per block");
		run_to_block(u64::from(EPOCH_BLOCKS) + 3);
		assert!((1..=10).all(|who| balance(who) == PACE / 10));
		assert!(!PendingPayouts::<Test>::exists());
	});
}

#[test]
fn a_payout_the_currency_refuses_stays_unissued() {
	execute(|| {
		set_params(mature());
		// One point in 10,000: a payout of 1 unit, below the existential deposit of 10.
		TestLedger::record(0, 1, trainer(9_999));
		TestLedger::record(0, 2, trainer(1));
		settle_and_pay(0);
		assert_eq!(balance(2), 0);
		assert!(events().contains(&Event::PayoutsCompleted { epoch: 0, minted: PACE - 1, skipped: 1 }));
		assert_eq!(Budget::<Test>::get().emitted, PACE - 1);
	});
}

#[test]
fn the_rate_moves_at_most_one_step_per_epoch_and_stays_between_floor_and_ceiling() {
	execute(|| {
		set_params(mature());
		// Work jumps tenfold after epoch 0, and keeps growing.
		for epoch in 0..40u32 {
			let units = if epoch == 0 { 1 } else { 10 * epoch };
			for who in 0..units {
				TestLedger::record(epoch, u64::from(who % 8) + 1, trainer(1));
			}
		}
		settle_and_pay(39);
		let step = ControllerParams::default().max_step;
		let mut previous = PACE;
		for epoch in 0..40 {
			let decision = report(epoch).decision;
			let change = decision.rate.abs_diff(previous);
			assert!(change <= step.mul_ceil(previous), "epoch {epoch}: {previous} -> {}", decision.rate);
			assert!(decision.rate <= 3 * PACE && decision.rate >= PACE / 4);
			previous = decision.rate;
		}
		assert_eq!(report(1).decision.bound, Bound::StepUp);
	});
}

#[test]
fn floor_and_ceiling_hold_against_a_wild_policy() {
	execute(|| {
		let mut params = mature();
		params.max_step = Perbill::one();
		params.max_activity = FixedU128::from_u32(100);
		params.min_activity = FixedU128::from_rational(1, 100);
		set_params(params);
		TestLedger::record(0, 1, trainer(1));
		TestLedger::record(1, 1, trainer(1));
		TestLedger::activity(1, |a| a.improving_submissions = 500);
		TestLedger::record(2, 1, trainer(1));
		for epoch in 3..=6 {
			TestLedger::record(epoch, 1, trainer(1));
			TestLedger::activity(epoch, |a| a.improving_submissions = 5_000);
		}
		settle_and_pay(6);
		// 500 units against an average of 1: a 100x proposal, held to one (100 %) step.
		assert_eq!((report(1).decision.rate, report(1).decision.bound), (2 * PACE, Bound::StepUp));
		// 1 unit against an average of ~51: a collapse, held up by the floor, a quarter of the
		// year's pace (3 paces were spent in 2 epochs, so 97 are left for 98 epochs).
		let pace = (FIRST_YEAR - 3 * PACE) / 98;
		assert_eq!((report(2).decision.rate, report(2).decision.bound), (pace / 4, Bound::Floor));
		// Sustained surges double the rate each epoch until the ceiling (3x pace) stops it.
		assert_eq!(report(5).decision.rate, 8 * report(2).decision.rate);
		assert_eq!((report(6).decision.rate, report(6).decision.bound), (3 * PACE, Bound::Ceiling));
	});
}

#[test]
fn young_network_caps_hold_per_account_and_per_pool() {
	execute(|| {
		// Defaults: young (3 active < 64), 5 % per account, 15 % per pool.
		TestLedger::record(0, 1, trainer(900));
		TestLedger::record(0, 2, pooled(50, 7));
		TestLedger::record(0, 3, pooled(50, 7));
		settle_and_pay(0);
		let report = report(0);
		assert!(report.young);
		assert_eq!(balance(1), PACE / 20, "5 % of the epoch");
		assert!(balance(2) + balance(3) <= PACE * 15 / 100);
		assert!(report.top_share <= Perbill::from_percent(5));
		assert_eq!(report.paid + report.withheld_by_caps + report.undistributed, PACE);
		assert_eq!(Balances::total_issuance(), report.paid, "the excess stays unissued");
	});
}

/// What accounts `paid` receive for epoch 0 when the ledger holds `work`.
fn rewards_of(paid: &[AccountId], work: &[(AccountId, u64)], params: ControllerParams) -> Balance {
	let mut total = 0;
	new_test_ext().execute_with(|| {
		set_params(params);
		for (who, points) in work {
			TestLedger::record(0, *who, trainer(*points));
		}
		settle_and_pay(0);
		total = paid.iter().map(|who| balance(*who)).sum::<Balance>();
	});
	total
}

#[test]
fn a_sybil_split_earns_no_more_than_the_single_account() {
	let sybils: Vec<AccountId> = (1..=7).collect();
	let split_of = |points: u64| sybils.iter().map(move |who| (*who, points / 7));
	for (honest_accounts, whale_points) in [(20u64, 7 * 143), (80, 7 * 3), (80, 7 * 11)] {
		let honest: Vec<(AccountId, u64)> = (100..100 + honest_accounts).map(|who| (who, 37)).collect();
		let single = [&honest[..], &[(1, whale_points)]].concat();
		let split = [&honest[..], &split_of(whale_points).collect::<Vec<_>>()[..]].concat();
		// Payouts are linear in work: with no cap binding, a split never earns more.
		let alone = rewards_of(&[1], &single, mature());
		let together = rewards_of(&sybils, &split, mature());
		assert!(alone > 0 && together <= alone, "mature: split {together} > single {alone}");
		// Young, with the whale under the 5 % cap: the same.
		let young = ControllerParams::default();
		let whale_share = Perbill::from_rational(whale_points, whale_points + 37 * honest_accounts);
		if whale_share < young.young.max_account_share {
			let alone = rewards_of(&[1], &single, young);
			let together = rewards_of(&sybils, &split, young);
			assert!(together <= alone, "young: split {together} > single {alone}");
		}
	}
}

#[test]
fn a_split_past_the_young_cap_recovers_at_most_its_proportional_reward() {
	// No rule on accounts can stop a capped account from splitting (docs/decisions.md D9): the
	// split gets back what the cap withheld, never more than its work's proportional share.
	let honest: Vec<(AccountId, u64)> = (100..120).map(|who| (who, 37)).collect();
	let sybils: Vec<AccountId> = (1..=7).collect();
	let split = [&honest[..], &sybils.iter().map(|who| (*who, 143)).collect::<Vec<_>>()[..]].concat();
	let proportional = rewards_of(&sybils, &split, mature());
	let young = rewards_of(&sybils, &split, ControllerParams::default());
	assert!(young <= proportional);
	assert!(young <= 7 * PACE / 20, "each part is still held to 5 %");
}

#[test]
fn the_first_year_never_emits_more_than_its_budget_and_the_next_year_shrinks() {
	execute(|| {
		let mut params = mature();
		params.floor = Perbill::one();
		params.max_step = Perbill::one();
		set_params(params);
		// Demand and growing work push every epoch to the ceiling (3x pace).
		for epoch in 0..(EPOCHS_PER_YEAR + 2) {
			TestLedger::record(epoch, 1, trainer(1));
			TestLedger::activity(epoch, |a| {
				a.improving_submissions = 1 + epoch * 10;
				a.bounties_paid = 10 * PACE;
			});
		}
		settle_and_pay(EPOCHS_PER_YEAR - 1);
		let year0 = Budget::<Test>::get();
		assert_eq!(year0.year, 0);
		assert_eq!(year0.emitted, FIRST_YEAR, "spent, never more");
		assert_eq!(Balances::total_issuance(), FIRST_YEAR);
		assert!((0..EPOCHS_PER_YEAR).any(|e| report(e).decision.bound == Bound::YearBudget));

		settle_and_pay(EPOCHS_PER_YEAR);
		let year1 = Budget::<Test>::get();
		assert_eq!((year1.year, year1.budget), (1, FIRST_YEAR * 3 / 4));
		assert!(events().contains(&Event::YearStarted { year: 1, budget: FIRST_YEAR * 3 / 4 }));
	});
}

#[test]
fn the_supply_cap_bounds_emission() {
	execute(|| {
		set_params(mature());
		SupplyCap::<Test>::put(PACE / 2);
		TestLedger::record(0, 1, trainer(1));
		settle_and_pay(0);
		assert_eq!(report(0).decision.bound, Bound::SupplyCap);
		assert_eq!(Balances::total_issuance(), PACE / 2);
	});
}

#[test]
fn cap_raises_are_bounded_per_year_and_announced() {
	execute(|| {
		assert_noop!(Treasury::raise_cap(RuntimeOrigin::signed(1), CAP + 1), DispatchError::BadOrigin);
		assert_noop!(Treasury::raise_cap(RuntimeOrigin::root(), CAP), Error::<Test>::CapNotRaised);
		assert_noop!(
			Treasury::raise_cap(RuntimeOrigin::root(), CAP + CAP / 10 + 1),
			Error::<Test>::CapRaiseTooLarge
		);
		assert_ok!(Treasury::raise_cap(RuntimeOrigin::root(), CAP + CAP / 20));
		assert!(events().contains(&Event::CapRaised { old: CAP, new: CAP + CAP / 20 }));
		// Raises within a year add up against the cap at the year's first raise.
		assert_ok!(Treasury::raise_cap(RuntimeOrigin::root(), CAP + CAP / 10));
		assert_noop!(
			Treasury::raise_cap(RuntimeOrigin::root(), CAP + CAP / 10 + 1),
			Error::<Test>::CapRaiseTooLarge
		);
		// A year later the allowance is 10 % of the new cap.
		System::set_block_number(u64::from(EPOCH_BLOCKS * EPOCHS_PER_YEAR));
		let raised = CAP + CAP / 10;
		assert_ok!(Treasury::raise_cap(RuntimeOrigin::root(), raised + raised / 10));
		assert_eq!(SupplyCap::<Test>::get(), raised + raised / 10);
		NextEpoch::<Test>::put(EPOCHS_PER_YEAR);
	});
}

#[test]
fn governance_retunes_the_controller_within_sanity_rules() {
	execute(|| {
		let mut bad = ControllerParams::default();
		bad.max_step = Perbill::zero();
		assert_noop!(Treasury::set_params(RuntimeOrigin::root(), bad), Error::<Test>::NoStep);
		let mut bad = ControllerParams::default();
		bad.min_activity = FixedU128::from_u32(2);
		assert_noop!(
			Treasury::set_params(RuntimeOrigin::root(), bad),
			Error::<Test>::ActivityRangeExcludesOne
		);
		assert_noop!(
			Treasury::set_params(RuntimeOrigin::signed(1), mature()),
			DispatchError::BadOrigin
		);
		set_params(mature());
		assert!(events().contains(&Event::ParamsChanged { params: mature() }));
	});
}

#[test]
fn a_failing_policy_falls_back_to_the_built_in_one() {
	execute(|| {
		set_params(mature());
		TestPolicy::fail(true);
		TestLedger::record(0, 1, trainer(1));
		settle_and_pay(0);
		let report = report(0);
		assert_eq!(report.policy, PolicySource::FallbackAfterFailure);
		assert_eq!(report.decision.emission, PACE);
		assert_eq!(balance(1), PACE);
	});
}

#[test]
fn reports_are_kept_for_the_history_depth() {
	execute(|| {
		settle_and_pay(132);
		assert!(Reports::<Test>::get(4).is_none());
		assert!(Reports::<Test>::get(5).is_some());
		let history = Treasury::reports(0, 1_000);
		assert_eq!(history.len(), 128);
		assert_eq!(history.first().map(|r| r.epoch), Some(5));
		assert_eq!(Treasury::reports(10, 3).iter().map(|r| r.epoch).collect::<Vec<_>>(), vec![10, 11, 12]);
	});
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

	/// Whatever the work, demand and parameters, issuance stays under the cap and every year
	/// under its budget.
	#[test]
	fn issuance_never_exceeds_cap_or_budget(
		epochs in proptest::collection::vec((0u32..60, 0u64..1_000, 0u128..30_000), 1..130),
		cap in (FIRST_YEAR / 2)..(2 * FIRST_YEAR),
		max_step in 1u32..=100,
		ceiling in 1u32..=10,
		young in any::<bool>(),
	) {
		new_test_ext().execute_with(|| {
			let mut params = if young { ControllerParams::default() } else { mature() };
			params.max_step = Perbill::from_percent(max_step);
			params.ceiling = FixedU128::from_u32(ceiling);
			set_params(params);
			SupplyCap::<Test>::put(cap);
			for (epoch, (accounts, points, escrowed)) in epochs.iter().enumerate() {
				let epoch = epoch as EpochIndex;
				for who in 0..*accounts {
					TestLedger::record(epoch, u64::from(who) + 1, trainer(points + u64::from(who)));
				}
				TestLedger::activity(epoch, |a| a.bounties_paid = *escrowed);
			}
			let last = epochs.len() as EpochIndex - 1;
			settle_and_pay(last);
			prop_assert!(Balances::total_issuance() <= cap);
			let mut per_year = std::collections::BTreeMap::<u32, Amount>::new();
			for event in events() {
				if let Event::EpochSettled { report } = event {
					*per_year.entry(report.year).or_default() += report.paid;
					prop_assert!(report.paid <= report.decision.emission);
					prop_assert!(report.budget.emitted <= report.budget.budget);
					if report.work_units == 0 {
						prop_assert_eq!(report.decision.emission, 0);
					}
				}
			}
			prop_assert!(per_year.get(&0).copied().unwrap_or(0) <= FIRST_YEAR);
			prop_assert!(per_year.get(&1).copied().unwrap_or(0) <= FIRST_YEAR * 3 / 4);
			Treasury::do_try_state().expect("invariants hold");
			Ok(())
		})?;
	}
}
