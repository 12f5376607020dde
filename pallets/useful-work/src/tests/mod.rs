//! Unit tests of the useful-work pallet.

use crate::{mock::*, *};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		dispatch::GetDispatchInfo,
		pallet_prelude::{
			InvalidTransaction, TransactionSource, TransactionValidityError, ValidateUnsigned,
		},
		traits::{fungible::Inspect, GetStorageVersion},
	},
	frame_system, sp_io,
	sp_core::{Pair, H256},
	sp_keyring::Sr25519Keyring,
	sp_runtime::{traits::DispatchTransaction, BuildStorage, DispatchError, Perbill},
};
use useful_work_primitives::{ArtifactLocation, WorkLedger, PPM};

mod attacks;
mod registration;

const TASK: TaskId = 0;

fn artifact(tag: u8) -> H256 {
	H256::repeat_byte(tag)
}

fn salt(key: Sr25519Keyring) -> [u8; 32] {
	account(key).into()
}

fn location(tag: u8) -> ArtifactLocation {
	ArtifactLocation::truncate_from(format!("http://127.0.0.1:9955/artifacts/{tag}").into_bytes())
}

fn commit(key: Sr25519Keyring, tag: u8) {
	let commitment = UsefulWork::commitment_of(&artifact(tag), &account(key), &salt(key));
	assert_ok!(UsefulWork::commit(RuntimeOrigin::signed(account(key)), TASK, commitment));
}

fn reveal(key: Sr25519Keyring, tag: u8, claimed: MetricValue) -> Result<(), DispatchError> {
	UsefulWork::reveal(
		RuntimeOrigin::signed(account(key)),
		TASK,
		artifact(tag),
		salt(key),
		1_000,
		location(tag),
		claimed,
	)
}

fn round() -> RoundState<u64> {
	Rounds::<Test>::get(TASK).expect("task has a round")
}

fn reveal_from() -> u64 {
	round().started_at + 3
}

fn verify_from() -> u64 {
	round().started_at + 6
}

fn ends_at() -> u64 {
	round().started_at + 9
}

fn reputation(key: Sr25519Keyring) -> Reputation {
	Contributors::<Test>::get(account(key)).expect("registered").reputation
}

fn set_reputation(key: Sr25519Keyring, value: Reputation) {
	UsefulWork::set_reputation(&account(key), value);
}

fn points(key: Sr25519Keyring) -> WorkRecord {
	EpochWork::<Test>::get(UsefulWork::current_epoch(), account(key)).unwrap_or_default()
}

/// The verifiers assigned to `submission`.
fn verifiers_of(submission: u32) -> Vec<AccountId> {
	Submissions::<Test>::get(TASK, submission)
		.expect("submission exists")
		.verifiers
		.into_iter()
		.map(|slot| slot.verifier)
		.collect()
}

/// Let every assigned verifier of `submission` report `honest`, except `overrides`.
fn report_all(submission: u32, honest: MetricValue, overrides: &[(AccountId, Option<MetricValue>)]) {
	for verifier in verifiers_of(submission) {
		let value = overrides
			.iter()
			.find(|(who, _)| *who == verifier)
			.map_or(Some(honest), |(_, value)| *value);
		if let Some(value) = value {
			assert_ok!(UsefulWork::submit_verification(
				RuntimeOrigin::signed(verifier),
				TASK,
				submission,
				value
			));
		}
	}
}

/// B leaves, so that the three verifiers are exactly the ones a lone trainer A gets.
fn without_trainer_b() {
	assert_ok!(UsefulWork::deregister(RuntimeOrigin::signed(account(TRAINER_B))));
}

/// Trainer A commits and reveals artifact 0xa1 claiming `claimed`; returns at the verify phase.
fn trainer_a_submits(claimed: MetricValue) {
	commit(TRAINER_A, 0xa1);
	run_to_block(reveal_from());
	assert_ok!(reveal(TRAINER_A, 0xa1, claimed));
	run_to_block(verify_from());
}

/// Reputation the standard cast has earned before the tests begin (new identities start at 0).
const EARNED_REPUTATION: Reputation = 100_000;

/// Register the standard cast with some earned reputation and create the reference task at
/// block 1.
fn setup_round() {
	for key in [TRAINER_A, TRAINER_B, VERIFIER_1, VERIFIER_2, VERIFIER_3] {
		register(key);
		set_reputation(key, EARNED_REPUTATION);
	}
	assert_ok!(UsefulWork::create_task(RuntimeOrigin::root(), spec()));
}

fn check_feeless(key: Sr25519Keyring, call: Call<Test>) -> Result<(), TransactionValidityError> {
	check_feeless_as(&account(key), call)
}

/// What the pool says about `who`'s feeless `call`.
fn check_feeless_as(who: &AccountId, call: Call<Test>) -> Result<(), TransactionValidityError> {
	let call = RuntimeCall::UsefulWork(call);
	let info = call.get_dispatch_info();
	CheckUsefulWork::<Test>::new()
		.validate_only(
			RuntimeOrigin::signed(who.clone()),
			&call,
			&info,
			100,
			TransactionSource::External,
			0,
		)
		.map(|_| ())
}

fn custom_error(error: Error<Test>) -> TransactionValidityError {
	extension::invalid_because::<Test>(error)
}

// ---------------------------------------------------------------- a full round

#[test]
fn full_round_two_trainers_three_verifiers_crowns_the_improvement() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		commit(TRAINER_A, 0xa1);
		commit(TRAINER_B, 0xb1);
		assert_eq!(round().commitments, 2);

		run_to_block(reveal_from());
		// A trained a good model (95 %); B's is no better than chance.
		assert_ok!(reveal(TRAINER_A, 0xa1, 950_000));
		assert_ok!(reveal(TRAINER_B, 0xb1, 100_000));

		run_to_block(verify_from());
		let seed = round().seed.expect("seed drawn when reveals close");
		assert!(events().contains(&Event::SeedDrawn { task: TASK, round: 0, seed }));
		// Competitors never verify each other: both submissions go to the three verifiers.
		let verifiers = [account(VERIFIER_1), account(VERIFIER_2), account(VERIFIER_3)];
		for submission in [0, 1] {
			let mut assigned = verifiers_of(submission);
			assigned.sort();
			let mut expected = verifiers.to_vec();
			expected.sort();
			assert_eq!(assigned, expected);
		}
		assert_eq!(UsefulWork::assignments_of(&account(VERIFIER_1)).len(), 2);
		report_all(0, 951_000, &[]);
		report_all(1, 100_000, &[]);

		run_to_block(ends_at());
		let champion = Tasks::<Test>::get(TASK).and_then(|task| task.champion).expect("champion");
		assert_eq!(champion.trainer, account(TRAINER_A));
		assert_eq!(champion.artifact, artifact(0xa1));
		assert_eq!(champion.metric, 951_000);
		assert!(events().contains(&Event::ChampionChanged {
			task: TASK,
			round: 0,
			trainer: account(TRAINER_A),
			artifact: artifact(0xa1),
			metric: 951_000,
			improvement: 851_000,
		}));
		// Points in proportion to the improvement (reward weight 1), at most the credited bound
		// per round; nothing for B.
		assert_eq!(points(TRAINER_A).trainer, u64::from(useful_work_primitives::spec_bounds::MAX_CREDITED_IMPROVEMENT));
		assert_eq!(points(TRAINER_B), WorkRecord::default());
		// Each verifier agreed twice, but only A's submission improved anything: one paid
		// verification and one reputation gain each (verifying junk is no merit).
		for key in [VERIFIER_1, VERIFIER_2, VERIFIER_3] {
			assert_eq!(points(key).verifier, 1_000);
			assert_eq!(reputation(key), 150_000);
		}
		// The next round is open and nothing is left pending.
		assert_eq!(round().index, 1);
		assert!(Assignments::<Test>::iter().next().is_none());
		assert!(Contributors::<Test>::iter().all(|(_, info)| info.pending == 0));
		let observed = UsefulWork::epoch_observation(UsefulWork::current_epoch());
		// B's submission was accepted but improved nothing: not activity, nor its verifications.
		assert_eq!(observed.activity.improving_submissions, 1);
		assert_eq!(observed.activity.improvements, 1);
		assert_eq!(observed.activity.honest_verifications, 3);
		assert_eq!(observed.active_contributors, 4);
	});
}

#[test]
fn a_dishonest_minority_cannot_move_the_accepted_metric_and_loses_reputation() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		without_trainer_b();
		trainer_a_submits(900_000);
		// The liar tries to sink A's result.
		let liar = account(VERIFIER_2);
		report_all(0, 900_000, &[(liar.clone(), Some(10_000))]);
		run_to_block(ends_at());
		let champion = Tasks::<Test>::get(TASK).and_then(|task| task.champion).expect("champion");
		assert_eq!(champion.metric, 900_000);
		assert_eq!(reputation(VERIFIER_2), 0);
		assert_eq!(reputation(VERIFIER_1), 150_000);
		assert_eq!(points(VERIFIER_2).verifier, 0);
		assert!(events().contains(&Event::VerifierJudged {
			task: TASK,
			round: 0,
			verifier: liar,
			outcome: VerifierOutcome::Outlier,
			reputation: 0,
		}));
	});
}

#[test]
fn a_verifier_that_does_not_report_loses_reputation() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		without_trainer_b();
		trainer_a_submits(900_000);
		report_all(0, 900_000, &[(account(VERIFIER_3), None)]);
		run_to_block(ends_at());
		assert_eq!(reputation(VERIFIER_3), 50_000);
		assert_eq!(points(VERIFIER_3).verifier, 0);
		// Two of three reported: a quorum, so the result still stands.
		assert!(Tasks::<Test>::get(TASK).and_then(|task| task.champion).is_some());
	});
}

#[test]
fn without_a_quorum_nothing_is_accepted_and_nobody_earns() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		without_trainer_b();
		trainer_a_submits(900_000);
		let verifiers = verifiers_of(0);
		report_all(0, 900_000, &[(verifiers[1].clone(), None), (verifiers[2].clone(), None)]);
		run_to_block(ends_at());
		assert!(Tasks::<Test>::get(TASK).and_then(|task| task.champion).is_none());
		assert!(EpochWork::<Test>::iter_prefix(UsefulWork::current_epoch()).next().is_none());
		assert!(events().contains(&Event::SubmissionScored {
			task: TASK,
			round: 0,
			submission: 0,
			trainer: account(TRAINER_A),
			accepted: None,
		}));
	});
}

#[test]
fn a_copied_artifact_is_rejected_and_earns_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		// B colludes with A and commits to the same artifact bytes.
		commit(TRAINER_A, 0xa1);
		commit(TRAINER_B, 0xa1);
		run_to_block(reveal_from());
		assert_ok!(reveal(TRAINER_A, 0xa1, 950_000));
		assert_eq!(reveal(TRAINER_B, 0xa1, 950_000), Err(Error::<Test>::DuplicateArtifact.into()));
		run_to_block(verify_from());
		report_all(0, 950_000, &[]);
		run_to_block(ends_at());
		assert_eq!(points(TRAINER_B).trainer, 0);

		// Next round: B resubmits the champion itself. Equal to the champion is no improvement.
		commit(TRAINER_B, 0xa1);
		run_to_block(reveal_from());
		assert_ok!(reveal(TRAINER_B, 0xa1, 950_000));
		run_to_block(verify_from());
		report_all(0, 950_000, &[]);
		run_to_block(ends_at());
		assert_eq!(points(TRAINER_B).trainer, 0);
		let champion = Tasks::<Test>::get(TASK).and_then(|task| task.champion).expect("champion");
		assert_eq!(champion.trainer, account(TRAINER_A));
	});
}

#[test]
fn a_reveal_that_does_not_match_its_commitment_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		commit(TRAINER_A, 0xa1);
		run_to_block(reveal_from());
		assert_eq!(reveal(TRAINER_A, 0xa2, 950_000), Err(Error::<Test>::CommitMismatch.into()));
		assert_eq!(
			check_feeless(
				TRAINER_A,
				Call::reveal {
					task: TASK,
					artifact: artifact(0xa2),
					salt: salt(TRAINER_A),
					size: 1_000,
					location: location(0xa2),
					claimed: 950_000,
				}
			),
			Err(custom_error(Error::CommitMismatch))
		);
		assert_eq!(round().submissions, 0);
	});
}

#[test]
fn a_location_that_is_not_text_is_refused_in_the_pool_and_at_dispatch() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		commit(TRAINER_A, 0xa1);
		run_to_block(reveal_from());
		// 100 bytes of 0xff: 300 bytes of U+FFFD as text, past the location's 256-byte bound.
		let binary = ArtifactLocation::truncate_from(vec![0xff; 100]);
		let call = Call::reveal {
			task: TASK,
			artifact: artifact(0xa1),
			salt: salt(TRAINER_A),
			size: 1_000,
			location: binary.clone(),
			claimed: 950_000,
		};
		assert_eq!(check_feeless(TRAINER_A, call), Err(custom_error(Error::LocationNotText)));
		assert_noop!(
			UsefulWork::reveal(
				RuntimeOrigin::signed(account(TRAINER_A)),
				TASK,
				artifact(0xa1),
				salt(TRAINER_A),
				1_000,
				binary,
				950_000,
			),
			Error::<Test>::LocationNotText
		);
		assert_eq!(round().submissions, 0);
		assert_ok!(reveal(TRAINER_A, 0xa1, 950_000));
	});
}

#[test]
fn late_and_early_calls_are_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		commit(TRAINER_A, 0xa1);
		// Too early to reveal.
		assert_eq!(reveal(TRAINER_A, 0xa1, 950_000), Err(Error::<Test>::WrongPhase.into()));
		run_to_block(verify_from());
		// Too late to reveal, or to commit.
		assert_eq!(reveal(TRAINER_A, 0xa1, 950_000), Err(Error::<Test>::WrongPhase.into()));
		let commitment = UsefulWork::commitment_of(&artifact(1), &account(TRAINER_B), &salt(TRAINER_B));
		assert_noop!(
			UsefulWork::commit(RuntimeOrigin::signed(account(TRAINER_B)), TASK, commitment),
			Error::<Test>::WrongPhase
		);
		// An unrevealed commitment earns nothing and leaves nothing pending.
		run_to_block(ends_at());
		assert_eq!(Contributors::<Test>::get(account(TRAINER_A)).map(|info| info.pending), Some(0));
	});
}

#[test]
fn an_overclaiming_trainer_is_not_crowned_and_loses_reputation() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		without_trainer_b();
		trainer_a_submits(990_000);
		report_all(0, 600_000, &[]);
		run_to_block(ends_at());
		assert!(Tasks::<Test>::get(TASK).and_then(|task| task.champion).is_none());
		assert_eq!(reputation(TRAINER_A), 0);
		assert_eq!(points(TRAINER_A).trainer, 0);
		// The verifiers did their job and kept their reputation, but verifying a submission that
		// improved nothing earns no points: else junk could be submitted for friends to verify.
		assert_eq!(points(VERIFIER_1).verifier, 0);
		assert_eq!(reputation(VERIFIER_1), EARNED_REPUTATION);
	});
}

// ---------------------------------------------------------------- pool validation

#[test]
fn an_unregistered_accounts_feeless_call_is_rejected_in_the_pool() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(UsefulWork::create_task(RuntimeOrigin::root(), spec()));
		let call = Call::commit { task: TASK, commitment: H256::zero() };
		assert_eq!(check_feeless(TRAINER_A, call.clone()), Err(custom_error(Error::NotRegistered)));
		register(TRAINER_A);
		assert_ok!(check_feeless(TRAINER_A, call));
	});
}

#[test]
fn a_rate_limited_contributor_is_rejected_in_the_pool() {
	ExtBuilder::default().build_and_execute(|| {
		register(TRAINER_A);
		register(TRAINER_B);
		assert_ok!(UsefulWork::create_pool(RuntimeOrigin::signed(account(TRAINER_B)), Perbill::zero()));
		let call = RuntimeCall::UsefulWork(Call::join_pool { pool: 0 });
		let info = call.get_dispatch_info();
		let extension = || CheckUsefulWork::<Test>::new();
		// Five calls per window are allowed: each is validated, included and uses one slot.
		for _ in 0..5 {
			assert_ok!(extension().validate_and_prepare(
				RuntimeOrigin::signed(account(TRAINER_A)),
				&call,
				&info,
				100,
				0
			));
		}
		assert_eq!(
			check_feeless(TRAINER_A, Call::join_pool { pool: 0 }),
			Err(custom_error(Error::RateLimited))
		);
		// Another contributor is not affected; the window reopens later.
		assert_ok!(check_feeless(TRAINER_B, Call::deregister {}));
		run_to_block(System::block_number() + 10);
		assert_ok!(check_feeless(TRAINER_A, Call::join_pool { pool: 0 }));
	});
}

#[test]
fn the_pool_rejects_calls_outside_their_phase_or_beyond_the_round_caps() {
	ExtBuilder::default().build_and_execute(|| {
		let keys = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
			Sr25519Keyring::Eve,
		];
		for key in keys {
			register(key);
		}
		assert_ok!(UsefulWork::create_task(RuntimeOrigin::root(), spec()));
		for key in &keys[..4] {
			commit(*key, 1);
		}
		// The fifth commitment exceeds MaxCommitsPerRound (4).
		let call = Call::commit { task: TASK, commitment: H256::zero() };
		assert_eq!(check_feeless(Sr25519Keyring::Eve, call), Err(custom_error(Error::RoundFull)));
		let verify = Call::submit_verification { task: TASK, submission: 0, measured: 1 };
		assert_eq!(check_feeless(Sr25519Keyring::Eve, verify), Err(custom_error(Error::WrongPhase)));
		// Calls of other pallets pass through untouched.
		let transfer = RuntimeCall::Balances(polkadot_sdk::pallet_balances::Call::transfer_allow_death {
			dest: account(TRAINER_A),
			value: 1,
		});
		let info = transfer.get_dispatch_info();
		let passed = CheckUsefulWork::<Test>::new().validate_only(
			RuntimeOrigin::signed(account(REQUESTER)),
			&transfer,
			&info,
			100,
			TransactionSource::External,
			0,
		);
		assert!(passed.is_ok());
	});
}

#[test]
fn a_root_origin_cannot_smuggle_a_feeless_call() {
	ExtBuilder::default().build_and_execute(|| {
		let call = RuntimeCall::UsefulWork(Call::leave_pool {});
		let info = call.get_dispatch_info();
		assert_eq!(
			CheckUsefulWork::<Test>::new()
				.validate_only(RuntimeOrigin::root(), &call, &info, 10, TransactionSource::External, 0)
				.map(|_| ()),
			Err(InvalidTransaction::BadSigner.into())
		);
	});
}

// ---------------------------------------------------------------- paid tasks

fn paid_spec() -> TaskSpec {
	spec()
}

#[test]
fn a_paid_tasks_bounty_is_paid_out_exactly() {
	ExtBuilder::default().build_and_execute(|| {
		for key in [TRAINER_A, VERIFIER_1, VERIFIER_2, VERIFIER_3] {
			register(key);
		}
		let requester = account(REQUESTER);
		let bounty: Balance = 10_000;
		let issuance = Balances::total_issuance();
		assert_ok!(UsefulWork::create_paid_task(
			RuntimeOrigin::signed(requester.clone()),
			paid_spec(),
			bounty,
			10
		));
		assert_eq!(Balances::balance(&UsefulWork::escrow_account()), bounty);
		assert_eq!(Balances::balance(&requester), 90_000);
		trainer_a_submits(950_000);
		report_all(0, 950_000, &[]);
		run_to_block(ends_at());

		// The deadline has passed: the task is retired and its bounty paid out by points, two
		// shares per block.
		assert!(Tasks::<Test>::get(TASK).is_none());
		assert!(BountySettlements::<Test>::contains_key(TASK));
		run_to_block(System::block_number() + 2);
		assert!(!BountySettlements::<Test>::contains_key(TASK));
		let earned: Vec<Balance> = [TRAINER_A, VERIFIER_1, VERIFIER_2, VERIFIER_3]
			.iter()
			.map(|key| Balances::balance(&account(*key)))
			.collect();
		assert_eq!(earned.iter().sum::<Balance>(), bounty);
		// Points: trainer 100_000 (the credited bound), each verifier 1_000; shares follow them.
		assert_eq!(earned[1], 10_000 * 1_000 / 103_000, "{earned:?}");
		assert_eq!(earned[0], bounty - 3 * earned[1]);
		// Work on a paid task earns no treasury points and no reputation.
		assert!(EpochWork::<Test>::iter().next().is_none());
		assert!([VERIFIER_1, VERIFIER_2, VERIFIER_3].iter().all(|key| reputation(*key) == 0));
		let activity = EpochActivities::<Test>::get(UsefulWork::current_epoch());
		assert_eq!(activity.bounties_paid, bounty, "paid to others than the requester: demand");
		assert_eq!((activity.improving_submissions, activity.honest_verifications), (0, 0));
		assert_eq!(PaidTaskCount::<Test>::get(), 0);
		assert_eq!(Balances::balance(&UsefulWork::escrow_account()), 0);
		assert_eq!(Balances::total_issuance(), issuance);
		assert!(BountyPoints::<Test>::iter_prefix(TASK).next().is_none());
		assert!(events().contains(&Event::BountyPaid { task: TASK, recipients: 4, amount: bounty }));
	});
}

#[test]
fn a_paid_task_without_accepted_work_refunds_the_requester() {
	ExtBuilder::default().build_and_execute(|| {
		let requester = account(REQUESTER);
		assert_ok!(UsefulWork::create_paid_task(
			RuntimeOrigin::signed(requester.clone()),
			paid_spec(),
			5_000,
			15
		));
		run_to_block(ends_at());
		// The first round ended before the deadline: still escrowed.
		assert_eq!(Balances::balance(&requester), 95_000);
		run_to_block(ends_at());
		assert_eq!(Balances::balance(&requester), 100_000);
		assert_eq!(Balances::balance(&UsefulWork::escrow_account()), 0);
		assert!(events().contains(&Event::BountyRefunded { task: TASK, requester, amount: 5_000 }));
	});
}

#[test]
fn bad_bounties_are_rejected_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let requester = RuntimeOrigin::signed(account(REQUESTER));
		assert_noop!(
			UsefulWork::create_paid_task(requester.clone(), paid_spec(), 100, 100),
			Error::<Test>::BountyTooSmall
		);
		assert_noop!(
			UsefulWork::create_paid_task(requester.clone(), paid_spec(), 1_000, 5),
			Error::<Test>::DeadlineTooSoon
		);
		// More than the requester holds.
		assert!(UsefulWork::create_paid_task(requester, paid_spec(), 1_000_000, 100).is_err());
		assert_eq!(Tasks::<Test>::count(), 0);
		assert_eq!(Balances::balance(&account(REQUESTER)), 100_000);
	});
}

// ---------------------------------------------------------------- pools

#[test]
fn a_pool_splits_its_workers_points_with_the_operator_and_never_verifies_itself() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		let operator = Sr25519Keyring::Ferdie;
		register(operator);
		assert_ok!(UsefulWork::create_pool(RuntimeOrigin::signed(account(operator)), Perbill::from_percent(10)));
		assert_ok!(UsefulWork::join_pool(RuntimeOrigin::signed(account(TRAINER_A)), 0));
		assert_noop!(
			UsefulWork::create_pool(RuntimeOrigin::signed(account(TRAINER_B)), Perbill::from_percent(60)),
			Error::<Test>::PoolFeeTooHigh
		);
		trainer_a_submits(950_000);
		assert!(!verifiers_of(0).contains(&account(operator)));
		report_all(0, 950_000, &[]);
		run_to_block(ends_at());
		assert_eq!(points(TRAINER_A).trainer, 90_000);
		assert_eq!(points(TRAINER_A).pool, Some(0));
		assert_eq!(points(operator).pool_fees, 10_000);
		let observed = UsefulWork::epoch_observation(UsefulWork::current_epoch());
		assert_eq!(observed.active_pools, 1);
	});
}

#[test]
fn an_operator_leaving_dissolves_the_pool() {
	ExtBuilder::default().build_and_execute(|| {
		register(TRAINER_A);
		register(TRAINER_B);
		assert_ok!(UsefulWork::create_pool(RuntimeOrigin::signed(account(TRAINER_A)), Perbill::zero()));
		assert_ok!(UsefulWork::join_pool(RuntimeOrigin::signed(account(TRAINER_B)), 0));
		assert_noop!(
			UsefulWork::join_pool(RuntimeOrigin::signed(account(TRAINER_B)), 0),
			Error::<Test>::AlreadyInPool
		);
		// One pool change per epoch.
		assert_noop!(
			UsefulWork::leave_pool(RuntimeOrigin::signed(account(TRAINER_A))),
			Error::<Test>::PoolChangeTooSoon
		);
		run_to_block(UsefulWork::epoch_length() + 1);
		assert_ok!(UsefulWork::leave_pool(RuntimeOrigin::signed(account(TRAINER_A))));
		assert_eq!(Pools::<Test>::count(), 0);
		assert_eq!(Contributors::<Test>::get(account(TRAINER_B)).and_then(|info| info.pool), None);
		assert!(events().contains(&Event::PoolDissolved { pool: 0 }));
	});
}

// ---------------------------------------------------------------- epochs and pruning

#[test]
fn inactive_contributors_are_pruned_and_active_ones_kept() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		trainer_a_submits(950_000);
		report_all(0, 950_000, &[]);
		run_to_block(ends_at());
		// Registered in epoch 0, B did nothing; epochs are 20 blocks and 2 idle epochs are allowed.
		run_to_block(45);
		assert!(Contributors::<Test>::contains_key(account(TRAINER_B)));
		let newcomer = Sr25519Keyring::Ferdie;
		register(newcomer);
		run_to_block(60);
		assert!(!Contributors::<Test>::contains_key(account(TRAINER_B)));
		assert!(Contributors::<Test>::contains_key(account(newcomer)));
		assert_eq!(frame_system::Pallet::<Test>::providers(&account(TRAINER_B)), 0);
		assert!(events().contains(&Event::Pruned { who: account(TRAINER_B) }));
		// A and the verifiers worked in epoch 0 too; they are pruned at the same point.
		assert!(!Contributors::<Test>::contains_key(account(TRAINER_A)));
	});
}

#[test]
fn the_ledger_keeps_only_the_retained_epochs() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		trainer_a_submits(950_000);
		report_all(0, 950_000, &[]);
		run_to_block(ends_at());
		let work = UsefulWork::epoch_work(0);
		assert_eq!(work.len(), 4);
		assert_eq!(<UsefulWork as WorkLedger<_, _>>::current_epoch(), 0);
		// Epochs 1 and 2 are retained next to the current one; epoch 0 leaves at epoch 3.
		run_to_block(59);
		assert_eq!(UsefulWork::epoch_work(0).len(), 4);
		run_to_block(60);
		assert!(UsefulWork::epoch_work(0).is_empty());
		assert_eq!(EpochActivities::<Test>::get(0), EpochActivity::default());
	});
}

// ---------------------------------------------------------------- the registry

#[test]
fn task_creation_is_root_only_bounded_and_checked() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			UsefulWork::create_task(RuntimeOrigin::signed(account(REQUESTER)), spec()),
			DispatchError::BadOrigin
		);
		let mut bad = spec();
		bad.verifiers_per_submission = 4;
		assert_noop!(UsefulWork::create_task(RuntimeOrigin::root(), bad), Error::<Test>::SpecVerifiers);
		let mut bad = spec();
		bad.schedule.reveal_blocks = 0;
		assert_noop!(UsefulWork::create_task(RuntimeOrigin::root(), bad), Error::<Test>::SpecPhaseLength);
		let mut bad = spec();
		bad.baseline = PPM + 1;
		assert_noop!(UsefulWork::create_task(RuntimeOrigin::root(), bad), Error::<Test>::SpecBaseline);
		for _ in 0..4 {
			assert_ok!(UsefulWork::create_task(RuntimeOrigin::root(), spec()));
		}
		assert_noop!(UsefulWork::create_task(RuntimeOrigin::root(), spec()), Error::<Test>::TooManyTasks);
		assert_eq!(UsefulWork::open_tasks().len(), 4);
	});
}

#[test]
fn a_closed_task_finishes_its_round_and_leaves_the_registry() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		assert_ok!(UsefulWork::close_task(RuntimeOrigin::root(), TASK));
		let call = Call::commit { task: TASK, commitment: H256::zero() };
		assert_eq!(check_feeless(TRAINER_A, call), Err(custom_error(Error::TaskClosed)));
		run_to_block(ends_at());
		assert!(Tasks::<Test>::get(TASK).is_none());
		assert!(Rounds::<Test>::get(TASK).is_none());
		assert!(events().contains(&Event::TaskRemoved { task: TASK }));
	});
}

#[test]
fn the_round_view_follows_the_phases() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		let view = UsefulWork::round_view(TASK).expect("round");
		assert_eq!(view.phase, RoundPhase::Commit);
		assert_eq!((view.reveal_from, view.verify_from, view.ends_at), (4, 7, 10));
		run_to_block(4);
		assert_eq!(UsefulWork::round_view(TASK).map(|view| view.phase), Some(RoundPhase::Reveal));
		run_to_block(7);
		let view = UsefulWork::round_view(TASK).expect("round");
		assert_eq!(view.phase, RoundPhase::Verify);
		assert!(view.seed.is_some());
		run_to_block(10);
		assert_eq!(UsefulWork::round_view(TASK).map(|view| (view.index, view.phase)), Some((1, RoundPhase::Commit)));
	});
}

#[test]
fn deregistering_with_pending_work_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		commit(TRAINER_A, 0xa1);
		assert_noop!(
			UsefulWork::deregister(RuntimeOrigin::signed(account(TRAINER_A))),
			Error::<Test>::PendingWork
		);
		assert_ok!(UsefulWork::deregister(RuntimeOrigin::signed(account(TRAINER_B))));
		assert_eq!(frame_system::Pallet::<Test>::providers(&account(TRAINER_B)), 0);
	});
}

#[test]
fn genesis_records_the_storage_version() {
	// `ExtBuilder` assimilates each pallet's genesis config on its own; the runtime's genesis
	// also runs every pallet's `on_genesis`, which is what writes the storage version.
	let storage = RuntimeGenesisConfig::default().build_storage().expect("runtime genesis builds");
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(UsefulWork::in_code_storage_version(), STORAGE_VERSION);
		assert_eq!(UsefulWork::on_chain_storage_version(), STORAGE_VERSION);
		assert_eq!(STORAGE_VERSION, polkadot_sdk::frame_support::traits::StorageVersion::new(2));
	});
}

#[test]
fn genesis_contributors_hold_their_reputation_and_the_total_counts_it() {
	let mut storage = RuntimeGenesisConfig::default().build_storage().expect("runtime genesis builds");
	crate::GenesisConfig::<Test> {
		contributors: vec![(account(TRAINER_A), 600_000), (account(VERIFIER_1), 2_000_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.expect("genesis contributors build");
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(reputation(TRAINER_A), 600_000);
		// Capped at one million ppm, as earned reputation is.
		assert_eq!(reputation(VERIFIER_1), PPM);
		assert_eq!(TotalReputation::<Test>::get(), 1_600_000);
		UsefulWork::do_try_state().expect("storage invariants hold");
	});
}

#[test]
fn upgrading_from_version_one_sums_the_registry_into_the_total_reputation() {
	use polkadot_sdk::frame_support::traits::{OnRuntimeUpgrade, StorageVersion};
	ExtBuilder::default().build_and_execute(|| {
		register(TRAINER_A);
		register(VERIFIER_1);
		set_reputation(TRAINER_A, 250_000);
		set_reputation(VERIFIER_1, 125_000);
		// A chain at version 1 had no total.
		TotalReputation::<Test>::kill();
		StorageVersion::new(1).put::<UsefulWork>();

		crate::migrations::v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(TotalReputation::<Test>::get(), 375_000);
		assert_eq!(UsefulWork::on_chain_storage_version(), StorageVersion::new(2));

		// Run again at version 2 it changes nothing.
		TotalReputation::<Test>::put(1);
		crate::migrations::v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(TotalReputation::<Test>::get(), 1);
		TotalReputation::<Test>::put(375_000);
	});
}

/// The commitment test vector that the contributor and the e2e helper check too.
#[test]
fn commitments_match_the_shared_test_vector() {
	let vector: serde_json::Value =
		serde_json::from_str(include_str!("../../primitives/test-vectors/commitment.json")).expect("a vector");
	let hash = |field: &str| serde_json::from_value::<H256>(vector[field].clone()).expect("a 0x hash");
	let account = AccountId::from(hash("account").0);
	assert_eq!(UsefulWork::commitment_of(&hash("artifact"), &account, &hash("salt").0), hash("commitment"));
}
