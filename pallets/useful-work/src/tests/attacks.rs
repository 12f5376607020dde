//! Attacks from `docs/decisions.md` (D11), each tried and shown to fail or to gain nothing.

use super::*;
use codec::Encode;
use crate::extension::{priority_of, HOUSEKEEPING_PRIORITY, URGENT_WORK_PRIORITY, WORK_PRIORITY};
use useful_work_primitives::spec_bounds;

/// A requester funds a paid task worked only by its own accounts.
fn self_dealing_paid_task(spec: TaskSpec) -> Result<(), DispatchError> {
	UsefulWork::create_paid_task(RuntimeOrigin::signed(account(REQUESTER)), spec, 1_000, 30)
}

#[test]
fn extreme_task_specs_are_refused_with_named_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let cases: [(fn(&mut TaskSpec), Error<Test>); 10] = [
			(|s| s.reward_weight = u32::MAX, Error::SpecRewardWeight),
			(|s| s.reward_weight = 0, Error::SpecRewardWeight),
			(|s| s.tolerance = u32::MAX, Error::SpecTolerance),
			(|s| s.min_improvement = 0, Error::SpecMinImprovement),
			(|s| s.min_improvement = PPM, Error::SpecMinImprovement),
			(|s| s.schedule.verify_blocks = 1_000_000, Error::SpecPhaseLength),
			(|s| s.verifiers_per_submission = 1, Error::SpecVerifiers),
			(|s| s.max_artifact_size = u64::MAX, Error::SpecArtifactSize),
			// 0xff bytes are no text: as U+FFFD they would outgrow the name's bound on the wire
			// and make every client fail to read the task list.
			(|s| s.model = useful_work_primitives::Name::truncate_from(vec![0xff; 30]), Error::SpecNotText),
			(|s| s.hyper_params = useful_work_primitives::HyperParams::truncate_from(vec![b'a', 0xc3]), Error::SpecNotText),
		];
		for (break_it, error) in cases {
			let error: DispatchError = error.into();
			let mut bad = spec();
			break_it(&mut bad);
			assert_noop!(self_dealing_paid_task(bad.clone()), error);
			assert_noop!(UsefulWork::create_task(RuntimeOrigin::root(), bad), error);
		}
		let mut loss = spec();
		loss.metric = Metric::CrossEntropy;
		loss.baseline = spec_bounds::MAX_LOSS_VALUE + 1;
		assert_noop!(UsefulWork::create_task(RuntimeOrigin::root(), loss), Error::<Test>::SpecBaseline);
		assert_eq!(Balances::balance(&account(REQUESTER)), 100_000);
	});
}

#[test]
fn a_self_dealing_requester_mints_no_emission_and_no_reputation() {
	ExtBuilder::default().build_and_execute(|| {
		// The requester's own trainer and verifiers, on the most rewarding spec the bounds allow.
		for key in [TRAINER_A, VERIFIER_1, VERIFIER_2, VERIFIER_3] {
			register(key);
		}
		let mut greedy = spec();
		greedy.reward_weight = spec_bounds::MAX_REWARD_WEIGHT;
		greedy.tolerance = spec_bounds::MAX_TOLERANCE;
		assert_ok!(self_dealing_paid_task(greedy));
		for _ in 0..3 {
			commit(TRAINER_A, 0xa0 + round().index as u8);
			run_to_block(reveal_from());
			assert_ok!(reveal(TRAINER_A, 0xa0 + round().index as u8, PPM));
			run_to_block(verify_from());
			report_all(0, PPM, &[]);
			run_to_block(ends_at());
		}
		// Three rounds of "perfect" self-verified work: not one treasury point, no reputation, no
		// activity for the controller; only bounty points.
		assert!(EpochWork::<Test>::iter().next().is_none());
		for key in [TRAINER_A, VERIFIER_1, VERIFIER_2, VERIFIER_3] {
			assert_eq!(reputation(key), 0);
		}
		let activity = EpochActivities::<Test>::get(UsefulWork::current_epoch());
		assert_eq!(activity.total_points, 0);
		assert_eq!(activity.improving_submissions + activity.improvements + activity.honest_verifications, 0);
		assert!(BountyPoints::<Test>::iter_prefix(TASK).count() == 4);
	});
}

#[test]
fn a_captured_verification_credits_a_bounded_improvement_and_governance_can_reset_the_task() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		// A cartel of verifiers reports a perfect score for a junk model.
		without_trainer_b();
		trainer_a_submits(PPM);
		report_all(0, PPM, &[]);
		run_to_block(ends_at());
		let champion = Tasks::<Test>::get(TASK).and_then(|task| task.champion).expect("captured");
		assert_eq!(champion.metric, PPM);
		// However far the metric jumped, the round credits at most the bound.
		assert_eq!(points(TRAINER_A).trainer, u64::from(spec_bounds::MAX_CREDITED_IMPROVEMENT));
		// The frozen task is closed by governance and a fresh one created: no privileged key.
		assert_ok!(UsefulWork::close_task(RuntimeOrigin::root(), TASK));
		assert_ok!(UsefulWork::create_task(RuntimeOrigin::root(), spec()));
		run_to_block(ends_at());
		assert!(Tasks::<Test>::get(TASK).is_none());
		assert!(Tasks::<Test>::get(TASK + 1).is_some_and(|task| task.champion.is_none()));
	});
}

#[test]
fn paid_tasks_cannot_crowd_out_network_tasks_or_live_for_ever() {
	ExtBuilder::default().build_and_execute(|| {
		let requester = RuntimeOrigin::signed(account(REQUESTER));
		assert_noop!(
			UsefulWork::create_paid_task(requester.clone(), spec(), 1_000, 1 + 200 + 1),
			Error::<Test>::DeadlineTooLate
		);
		for _ in 0..2 {
			assert_ok!(UsefulWork::create_paid_task(requester.clone(), spec(), 1_000, 201));
		}
		assert_noop!(
			UsefulWork::create_paid_task(requester, spec(), 1_000, 100),
			Error::<Test>::TooManyPaidTasks
		);
		// The network's own slots are untouched.
		for _ in 0..4 {
			assert_ok!(UsefulWork::create_task(RuntimeOrigin::root(), spec()));
		}
		assert_noop!(UsefulWork::create_task(RuntimeOrigin::root(), spec()), Error::<Test>::TooManyTasks);
		// At the deadline the paid tasks end by themselves, with nothing earned: refunded.
		run_to_block(212);
		assert_eq!(PaidTaskCount::<Test>::get(), 0);
		assert_eq!(Balances::balance(&account(REQUESTER)), 100_000);
	});
}

#[test]
fn a_bounty_with_many_earners_is_paid_in_bounded_batches_and_conserved() {
	ExtBuilder::default().build_and_execute(|| {
		for key in [TRAINER_A, TRAINER_B, VERIFIER_1, VERIFIER_2, VERIFIER_3, Sr25519Keyring::One] {
			register(key);
		}
		assert_ok!(UsefulWork::create_paid_task(RuntimeOrigin::signed(account(REQUESTER)), spec(), 10_000, 10));
		commit(TRAINER_A, 0xa1);
		commit(TRAINER_B, 0xb1);
		run_to_block(reveal_from());
		assert_ok!(reveal(TRAINER_A, 0xa1, 950_000));
		assert_ok!(reveal(TRAINER_B, 0xb1, 100_000));
		run_to_block(verify_from());
		report_all(0, 950_000, &[]);
		report_all(1, 100_000, &[]);
		let end = ends_at();
		// A improved; its three verifiers agreed. B's submission improved nothing: its
		// verifiers are not paid.
		let earners = 1 + verifiers_of(0).len();
		assert_eq!(earners, 4);
		// The task ends and the first batch is paid in the same block.
		run_to_block(end);
		let mut left = BountyPoints::<Test>::iter_prefix(TASK).count();
		assert_eq!(earners - left, 2);
		let mut blocks = 0;
		while BountySettlements::<Test>::contains_key(TASK) {
			let escrow = Balances::balance(&UsefulWork::escrow_account());
			let settlement = BountySettlements::<Test>::get(TASK).expect("settling");
			assert_eq!(escrow, 10_000 - settlement.paid, "escrow holds exactly the unpaid rest");
			run_to_block(System::block_number() + 1);
			let now_left = BountyPoints::<Test>::iter_prefix(TASK).count();
			assert!(left - now_left <= 2, "at most MaxBountyPayoutsPerBlock shares per block");
			left = now_left;
			blocks += 1;
		}
		assert_eq!(blocks, 1, "four shares, two per block: the closing block and one more");
		assert_eq!(Balances::balance(&UsefulWork::escrow_account()), 0);
	});
}

#[test]
fn escrow_that_comes_back_is_not_demand_and_neither_is_paying_oneself() {
	ExtBuilder::default().build_and_execute(|| {
		// Escrowed, then refunded: no demand.
		assert_ok!(UsefulWork::create_paid_task(RuntimeOrigin::signed(account(REQUESTER)), spec(), 1_000, 10));
		run_to_block(ends_at());
		let activity = EpochActivities::<Test>::get(UsefulWork::current_epoch());
		assert_eq!(activity.bounties_paid, 0);

		// The requester trains its own task: its own share is not demand.
		for key in [REQUESTER, VERIFIER_1, VERIFIER_2, VERIFIER_3] {
			register(key);
		}
		assert_ok!(UsefulWork::create_paid_task(RuntimeOrigin::signed(account(REQUESTER)), spec(), 1_000, 19));
		let task = TASK + 1;
		let commitment = UsefulWork::commitment_of(&artifact(9), &account(REQUESTER), &salt(REQUESTER));
		assert_ok!(UsefulWork::commit(RuntimeOrigin::signed(account(REQUESTER)), task, commitment));
		let started = Rounds::<Test>::get(task).expect("round").started_at;
		run_to_block(started + 3);
		assert_ok!(UsefulWork::reveal(
			RuntimeOrigin::signed(account(REQUESTER)),
			task,
			artifact(9),
			salt(REQUESTER),
			1_000,
			location(9),
			900_000
		));
		run_to_block(started + 6);
		for verifier in Submissions::<Test>::get(task, 0).expect("submitted").verifiers {
			assert_ok!(UsefulWork::submit_verification(RuntimeOrigin::signed(verifier.verifier), task, 0, 900_000));
		}
		let requester_before = Balances::balance(&account(REQUESTER));
		run_to_block(started + 9 + 5);
		assert!(!BountySettlements::<Test>::contains_key(task));
		let to_requester = Balances::balance(&account(REQUESTER)) - requester_before;
		// The payout straddles epochs 0 and 1.
		let demand: Balance = (0..=1).map(|epoch| EpochActivities::<Test>::get(epoch).bounties_paid).sum();
		assert!(to_requester > 0);
		assert_eq!(demand, 1_000 - to_requester);
	});
}

#[test]
fn an_expired_ledger_is_removed_completely_in_bounded_batches() {
	let mut ext = ExtBuilder::default().build();
	ext.execute_with(|| {
		for index in 0..10u32 {
			let who: AccountId = sybil(index).public().into();
			EpochWork::<Test>::insert(0, who, WorkRecord { trainer: 1, ..Default::default() });
		}
	});
	// In the database, as on a real chain: removal limits count database entries.
	ext.commit_all().expect("the overlay commits");
	// Epoch 0 leaves retention when epoch 3 begins (block 60); 4 entries go per block. Each
	// block's changes reach the database before the next, as on a real chain.
	for (block, left) in [(60, 6), (61, 2), (62, 0)] {
		ext.execute_with(|| {
			run_to_block(block);
			assert_eq!(EpochWork::<Test>::iter_prefix(0).count(), left, "after block {block}");
		});
		ext.commit_all().expect("the overlay commits");
	}
	ext.execute_with(|| {
		run_to_block(63);
		assert!(LedgerCleanup::<Test>::get().is_empty());
		// The bound every epoch's ledger stays within: contributors plus that epoch's newcomers.
		assert_eq!(UsefulWork::max_epoch_earners(), 16 + 24);
		UsefulWork::do_try_state().expect("storage invariants hold");
	});
}

#[test]
fn the_last_reveal_blocks_author_cannot_grind_the_seed() {
	ExtBuilder::default().build_and_execute(|| {
		setup_round();
		let salts: Vec<[u8; 32]> = (0..3u8).map(|i| [i; 32]).collect();
		let entropy = |included: &[usize]| {
			included.iter().fold(H256::zero(), |entropy, i| {
				H256(polkadot_sdk::sp_io::hashing::blake2_256(
					&(entropy, salts[*i], artifact(*i as u8)).encode(),
				))
			})
		};
		let before_reveals = block_hash_of(reveal_from() - 1);
		// Whatever the last reveal block's own hash (what its author could grind), the seed is
		// the same: it is not an input.
		let seed = crate::rounds::validation_seed(TASK, 0, &entropy(&[0, 1, 2]), before_reveals.as_ref());
		let mut grinding = std::collections::BTreeSet::new();
		for attempt in 0..1_000u64 {
			frame_system::BlockHash::<Test>::insert(verify_from() - 1, block_hash_of(attempt + 1_000));
			grinding.insert(crate::rounds::validation_seed(TASK, 0, &entropy(&[0, 1, 2]), before_reveals.as_ref()));
		}
		assert_eq!(grinding.len(), 1);
		assert!(grinding.contains(&seed));
		// What is left: censoring reveals. With r reveals in its block the author chooses among at
		// most 2^r seeds (here 8), each censored reveal forfeiting someone's reward.
		let mut censoring = std::collections::BTreeSet::new();
		for mask in 0..8usize {
			let included: Vec<usize> = (0..3).filter(|i| mask & (1 << i) != 0).collect();
			censoring.insert(crate::rounds::validation_seed(TASK, 0, &entropy(&included), before_reveals.as_ref()));
		}
		assert_eq!(censoring.len(), 8);
		// And the pallet draws exactly this seed.
		for (i, key) in [TRAINER_A, TRAINER_B].iter().enumerate() {
			let commitment = UsefulWork::commitment_of(&artifact(i as u8), &account(*key), &salts[i]);
			assert_ok!(UsefulWork::commit(RuntimeOrigin::signed(account(*key)), TASK, commitment));
		}
		run_to_block(reveal_from());
		for (i, key) in [TRAINER_A, TRAINER_B].iter().enumerate() {
			assert_ok!(UsefulWork::reveal(
				RuntimeOrigin::signed(account(*key)),
				TASK,
				artifact(i as u8),
				salts[i],
				1_000,
				location(i as u8),
				500_000
			));
		}
		run_to_block(verify_from());
		let expected = crate::rounds::validation_seed(TASK, 0, &entropy(&[0, 1]), before_reveals.as_ref());
		assert_eq!(round().seed, Some(expected));
	});
}

#[test]
fn feeless_calls_share_a_block_budget_and_urgent_work_goes_first() {
	ExtBuilder::default().build_and_execute(|| {
		for index in 0..16 {
			if index % 6 == 0 {
				run_to_block(System::block_number() + 1);
			}
			register_pair(&sybil(index));
		}
		let leave = RuntimeCall::UsefulWork(Call::deregister {});
		let info = leave.get_dispatch_info();
		let mut included = 0;
		let mut refused = None;
		for index in 0..16 {
			let who: AccountId = sybil(index).public().into();
			match CheckUsefulWork::<Test>::new().validate_and_prepare(RuntimeOrigin::signed(who), &leave, &info, 10, 0) {
				Ok(_) => included += 1,
				Err(error) => {
					refused = Some(error);
					break;
				},
			}
		}
		let per_call = info.total_weight().ref_time();
		let budget = FeelessWeightPerBlock::get().ref_time();
		assert_eq!(included, budget / per_call, "the budget holds {} calls", budget / per_call);
		assert_eq!(refused, Some(InvalidTransaction::ExhaustsResources.into()));
		// The next block has a fresh budget.
		run_to_block(System::block_number() + 1);
		let who: AccountId = sybil(15).public().into();
		assert_ok!(CheckUsefulWork::<Test>::new().validate_and_prepare(RuntimeOrigin::signed(who), &leave, &info, 10, 0));

		// Reveals and reports outrank commitments, which outrank housekeeping.
		let reveal = Call::<Test>::reveal {
			task: TASK,
			artifact: H256::zero(),
			salt: [0; 32],
			size: 1,
			location: location(0),
			claimed: 0,
		};
		assert_eq!(priority_of::<Test>(&reveal), URGENT_WORK_PRIORITY);
		assert_eq!(priority_of::<Test>(&Call::submit_verification { task: 0, submission: 0, measured: 0 }), URGENT_WORK_PRIORITY);
		assert_eq!(priority_of::<Test>(&Call::commit { task: 0, commitment: H256::zero() }), WORK_PRIORITY);
		assert_eq!(priority_of::<Test>(&Call::join_pool { pool: 0 }), HOUSEKEEPING_PRIORITY);
		assert!(URGENT_WORK_PRIORITY > WORK_PRIORITY && WORK_PRIORITY > HOUSEKEEPING_PRIORITY);
	});
}

#[test]
fn pool_churn_is_limited_to_one_change_per_epoch() {
	ExtBuilder::default().build_and_execute(|| {
		register(TRAINER_A);
		register(TRAINER_B);
		assert_ok!(UsefulWork::create_pool(RuntimeOrigin::signed(account(TRAINER_A)), Perbill::zero()));
		assert_ok!(UsefulWork::join_pool(RuntimeOrigin::signed(account(TRAINER_B)), 0));
		assert_eq!(check_feeless(TRAINER_B, Call::leave_pool {}), Err(custom_error(Error::PoolChangeTooSoon)));
		run_to_block(UsefulWork::epoch_length());
		assert_ok!(check_feeless(TRAINER_B, Call::leave_pool {}));
	});
}

#[test]
fn exhausted_identifiers_are_refused_and_never_overwrite() {
	ExtBuilder::default().build_and_execute(|| {
		register(TRAINER_A);
		NextPoolId::<Test>::put(PoolId::MAX);
		assert_eq!(check_feeless(TRAINER_A, Call::create_pool { fee: Perbill::zero() }), Err(custom_error(Error::PoolIdsExhausted)));
		assert_noop!(
			UsefulWork::create_pool(RuntimeOrigin::signed(account(TRAINER_A)), Perbill::zero()),
			Error::<Test>::PoolIdsExhausted
		);
		NextTaskId::<Test>::put(TaskId::MAX);
		assert_noop!(UsefulWork::create_task(RuntimeOrigin::root(), spec()), Error::<Test>::TaskIdsExhausted);
	});
}

#[test]
fn free_commitments_cannot_lock_earned_contributors_out_of_a_round() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(UsefulWork::create_task(RuntimeOrigin::root(), spec()));
		for index in 0..5 {
			register_pair(&sybil(index));
		}
		register(TRAINER_A);
		set_reputation(TRAINER_A, EARNED_REPUTATION);
		// Four fresh accounts fill the round (MaxCommitsPerRound = 4) and will never reveal.
		for index in 0..4u8 {
			let who: AccountId = sybil(index.into()).public().into();
			assert_ok!(UsefulWork::commit(RuntimeOrigin::signed(who), TASK, H256::repeat_byte(index)));
		}
		// Another fresh account cannot take a place...
		let fifth: AccountId = sybil(4).public().into();
		assert_eq!(
			check_feeless_as(&fifth, Call::commit { task: TASK, commitment: H256::zero() }),
			Err(custom_error(Error::RoundFull))
		);
		// ...but a contributor with earned reputation displaces one of them.
		commit(TRAINER_A, 0xa1);
		assert_eq!(round().commitments, 4);
		let displaced = events()
			.into_iter()
			.find_map(|event| match event {
				Event::CommitmentDisplaced { who, by, .. } if by == account(TRAINER_A) => Some(who),
				_ => None,
			})
			.expect("a squatter was displaced");
		assert!(!Commitments::<Test>::contains_key(TASK, &displaced));
		assert_eq!(Contributors::<Test>::get(&displaced).map(|info| info.pending), Some(0));
	});
}
