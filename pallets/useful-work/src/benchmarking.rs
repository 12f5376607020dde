//! Benchmarks of the useful-work pallet: every call, the round transitions and epoch rotation,
//! each at its worst case within the configured bounds.

use crate::{extension, pallet::*, types::*, *};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use polkadot_sdk::{
	frame_benchmarking,
	frame_support::{
		traits::{fungible::Mutate, Get},
		BoundedVec,
	},
	frame_system::{self, pallet_prelude::BlockNumberFor, RawOrigin},
	sp_core::H256,
	sp_runtime::{
		traits::{Hash as _, Saturating},
		Perbill,
	},
};
use useful_work_primitives::{ArtifactLocation, HyperParams, Name, PPM};

const SEED: u32 = 0;

/// Produces registration signatures for benchmarks (the pallet cannot sign generically).
pub trait BenchmarkHelper<AccountId, Signature> {
	/// A new account and its signature of `message(account)`.
	fn signed_registration(message: &dyn Fn(&AccountId) -> Vec<u8>) -> (AccountId, Signature);
}

fn spec<T: Config>() -> TaskSpec {
	TaskSpec {
		kind: TaskKind::Train,
		model: Name::truncate_from(b"mlp:64-64-10".to_vec()),
		hyper_params: HyperParams::truncate_from(alloc::vec![b'x'; 256]),
		dataset: DatasetRef::Shipped {
			name: Name::truncate_from(alloc::vec![b'd'; 64]),
			content_hash: H256::repeat_byte(1),
		},
		metric: Metric::Accuracy,
		baseline: 100_000,
		min_improvement: 1,
		tolerance: 10_000,
		verifiers_per_submission: T::MaxVerifiersPerSubmission::get() as u8,
		max_artifact_size: 1 << 20,
		schedule: RoundSchedule { commit_blocks: 10, reveal_blocks: 10, verify_blocks: 10 },
		reward_weight: 1,
	}
}

fn contributor<T: Config>(index: u32) -> T::AccountId {
	let who: T::AccountId = account("contributor", index, SEED);
	Pallet::<T>::enroll_with_reputation(&who, PPM / 2);
	who
}

fn new_task<T: Config>() -> TaskId {
	Pallet::<T>::add_task(spec::<T>(), TaskOwner::Network, None).expect("room for a task")
}

fn set_block<T: Config>(number: u32) {
	frame_system::Pallet::<T>::set_block_number(number.into());
}

fn location() -> ArtifactLocation {
	ArtifactLocation::truncate_from(alloc::vec![b'l'; 256])
}

fn salt(index: u32) -> [u8; 32] {
	let mut salt = [0u8; 32];
	salt[..4].copy_from_slice(&index.to_le_bytes());
	salt
}

fn artifact(index: u32) -> H256 {
	H256::from_low_u64_be(u64::from(index) + 1)
}

/// A new task and one contributor that committed to `artifact(1)` at block 1; now at block 11,
/// the reveal phase.
fn committed_at_reveal_phase<T: Config>() -> (TaskId, T::AccountId) {
	set_block::<T>(1);
	let task = new_task::<T>();
	let who = contributor::<T>(1);
	let commitment = Pallet::<T>::commitment_of(&artifact(1), &who, &salt(1));
	Pallet::<T>::commit(RawOrigin::Signed(who.clone()).into(), task, commitment)
		.expect("commit phase");
	set_block::<T>(11);
	(task, who)
}

/// Commit at block 1 and reveal at block 11 for `count` trainers; returns them.
fn submissions<T: Config>(task: TaskId, count: u32) -> Vec<T::AccountId> {
	let trainers: Vec<T::AccountId> = (0..count).map(|i| contributor::<T>(10_000 + i)).collect();
	set_block::<T>(1);
	for (i, trainer) in trainers.iter().enumerate() {
		let i = i as u32;
		let commitment = Pallet::<T>::commitment_of(&artifact(i), trainer, &salt(i));
		Pallet::<T>::commit(RawOrigin::Signed(trainer.clone()).into(), task, commitment)
			.expect("commit phase");
	}
	set_block::<T>(11);
	for (i, trainer) in trainers.iter().enumerate() {
		let i = i as u32;
		Pallet::<T>::reveal(
			RawOrigin::Signed(trainer.clone()).into(),
			task,
			artifact(i),
			salt(i),
			1_000,
			location(),
			900_000,
		)
		.expect("reveal phase");
	}
	trainers
}

fn pool_with_members<T: Config>(members: u32) -> (T::AccountId, Vec<T::AccountId>) {
	let operator = contributor::<T>(20_000);
	Pallet::<T>::create_pool(RawOrigin::Signed(operator.clone()).into(), Perbill::from_percent(5))
		.expect("room for a pool");
	let mut joined = Vec::new();
	for i in 1..members {
		let member = contributor::<T>(20_000 + i);
		Pallet::<T>::join_pool(RawOrigin::Signed(member.clone()).into(), 0).expect("room");
		joined.push(member);
	}
	(operator, joined)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: the registry is full of idle contributors, so the newcomer scans them all and
	/// evicts one.
	#[benchmark]
	fn register() {
		for i in 0..T::MaxContributors::get() {
			contributor::<T>(i);
		}
		let now = Pallet::<T>::epoch_length().saturating_mul(3u32.into());
		frame_system::Pallet::<T>::set_block_number(now);
		let anchor = now.saturating_sub(1u32.into());
		frame_system::BlockHash::<T>::insert(anchor, <T as frame_system::Config>::Hashing::hash(b"anchor"));
		let (who, signature) = T::BenchmarkHelper::signed_registration(&|who| {
			Pallet::<T>::registration_message(who, anchor).unwrap_or_default()
		});
		let payload = Pallet::<T>::registration_message(&who, anchor).expect("anchor inserted");
		let difficulty = Pallet::<T>::registration_difficulty();
		let nonce = (0u64..)
			.find(|nonce| useful_work_primitives::meets_registration_difficulty(&payload, *nonce, difficulty))
			.expect("some nonce meets the difficulty");
		#[extrinsic_call]
		_(RawOrigin::None, who.clone(), anchor, nonce, signature);
		assert!(Contributors::<T>::contains_key(&who));
		assert_eq!(Contributors::<T>::count(), T::MaxContributors::get());
	}

	#[benchmark]
	fn deregister(m: Linear<1, { T::MaxPoolMembers::get() }>) {
		let (operator, _) = pool_with_members::<T>(m);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()));
		assert!(!Contributors::<T>::contains_key(&operator));
	}

	#[benchmark]
	fn create_task() {
		let before = Tasks::<T>::count();
		#[extrinsic_call]
		_(RawOrigin::Root, spec::<T>());
		assert_eq!(Tasks::<T>::count(), before + 1);
	}

	#[benchmark]
	fn create_paid_task() {
		let requester: T::AccountId = account("requester", 0, SEED);
		let bounty = T::MinBounty::get();
		T::Currency::set_balance(&requester, bounty.saturating_mul(4u32.into()));
		let before = Tasks::<T>::count();
		#[extrinsic_call]
		_(RawOrigin::Signed(requester), spec::<T>(), bounty, 1_000u32.into());
		assert_eq!(Tasks::<T>::count(), before + 1);
	}

	#[benchmark]
	fn close_task() {
		let task = new_task::<T>();
		#[extrinsic_call]
		_(RawOrigin::Root, task);
		assert!(Tasks::<T>::get(task).is_some_and(|entry| entry.closed));
	}

	/// Worst case: the round is full, so the committer scans every commitment and displaces the
	/// least reputable one.
	#[benchmark]
	fn commit() {
		set_block::<T>(1);
		let task = new_task::<T>();
		for i in 0..T::MaxCommitsPerRound::get() {
			let committer = contributor::<T>(10_000 + i);
			Pallet::<T>::commit(RawOrigin::Signed(committer).into(), task, H256::repeat_byte(2))
				.expect("commit phase with room");
		}
		let who = contributor::<T>(1);
		Pallet::<T>::set_reputation(&who, PPM);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), task, H256::repeat_byte(3));
		assert!(Commitments::<T>::contains_key(task, &who));
		assert_eq!(Commitments::<T>::iter_prefix(task).count() as u32, T::MaxCommitsPerRound::get());
	}

	#[benchmark]
	fn reveal() {
		let (task, who) = committed_at_reveal_phase::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), task, artifact(1), salt(1), 1_000, location(), 900_000);
		assert_eq!(Rounds::<T>::get(task).map(|round| round.submissions), Some(1));
	}

	#[benchmark]
	fn submit_verification() {
		set_block::<T>(0);
		let task = new_task::<T>();
		for i in 0..T::MaxVerifiersPerSubmission::get() {
			contributor::<T>(i);
		}
		submissions::<T>(task, 1);
		set_block::<T>(21);
		Pallet::<T>::close_reveals(task, 21u32.into());
		let verifier = Submissions::<T>::get(task, 0)
			.and_then(|entry| entry.verifiers.last().map(|slot| slot.verifier.clone()))
			.expect("verifiers assigned");
		#[extrinsic_call]
		_(RawOrigin::Signed(verifier), task, 0, 900_000);
	}

	#[benchmark]
	fn create_pool() {
		let operator = contributor::<T>(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), Perbill::from_percent(10));
		assert_eq!(Pools::<T>::count(), 1);
	}

	#[benchmark]
	fn join_pool() {
		let (_, _) = pool_with_members::<T>(T::MaxPoolMembers::get().saturating_sub(1));
		let who = contributor::<T>(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), 0);
		assert!(Contributors::<T>::get(&who).is_some_and(|info| info.pool == Some(0)));
	}

	#[benchmark]
	fn leave_pool(m: Linear<1, { T::MaxPoolMembers::get() }>) {
		let (operator, _) = pool_with_members::<T>(m);
		// A contributor changes pool at most once per epoch: leave in the next one.
		frame_system::Pallet::<T>::set_block_number(Pallet::<T>::epoch_length());
		#[extrinsic_call]
		_(RawOrigin::Signed(operator));
		assert_eq!(Pools::<T>::count(), 0);
	}

	#[benchmark]
	fn close_reveals(
		s: Linear<1, { T::MaxCommitsPerRound::get() }>,
		c: Linear<0, { T::MaxContributors::get().saturating_sub(T::MaxCommitsPerRound::get()) }>,
	) {
		set_block::<T>(0);
		let task = new_task::<T>();
		for i in 0..c {
			contributor::<T>(i);
		}
		submissions::<T>(task, s);
		set_block::<T>(21);
		#[block]
		{
			Pallet::<T>::close_reveals(task, 21u32.into());
		}
		assert!(Rounds::<T>::get(task).is_some_and(|round| round.seed.is_some()));
	}

	#[benchmark]
	fn finalize_round(
		s: Linear<1, { T::MaxCommitsPerRound::get() }>,
		v: Linear<{ useful_work_primitives::spec_bounds::MIN_VERIFIERS as u32 }, { T::MaxVerifiersPerSubmission::get() }>,
	) {
		set_block::<T>(0);
		let mut spec = spec::<T>();
		spec.verifiers_per_submission = v as u8;
		let task = Pallet::<T>::add_task(spec, TaskOwner::Network, None).expect("room");
		for i in 0..v {
			contributor::<T>(i);
		}
		submissions::<T>(task, s);
		set_block::<T>(21);
		Pallet::<T>::close_reveals(task, 21u32.into());
		for index in 0..s {
			let verifiers: Vec<T::AccountId> = Submissions::<T>::get(task, index)
				.map(|entry| entry.verifiers.iter().map(|slot| slot.verifier.clone()).collect())
				.unwrap_or_default();
			for verifier in verifiers {
				Pallet::<T>::submit_verification(
					RawOrigin::Signed(verifier).into(),
					task,
					index,
					900_000 + index,
				)
				.expect("assigned");
			}
		}
		set_block::<T>(31);
		#[block]
		{
			Pallet::<T>::finalize_round(task, 31u32.into());
		}
		assert!(Tasks::<T>::get(task).is_some_and(|entry| entry.champion.is_some()));
	}

	#[benchmark]
	fn rotate_epoch(c: Linear<1, { T::MaxContributors::get() }>) {
		for i in 0..c {
			contributor::<T>(i);
		}
		let epoch = T::PruneAfterEpochs::get().saturating_add(T::EpochsRetained::get()).saturating_add(2);
		#[block]
		{
			Pallet::<T>::rotate_epoch(epoch);
		}
		assert_eq!(Contributors::<T>::count(), 0);
	}

	/// The last batch of a bounty: `n` shares paid, then the top scorer's rest and completion.
	#[benchmark]
	fn pay_bounty_batch(n: Linear<1, { T::MaxBountyPayoutsPerBlock::get() }>) {
		let task: TaskId = 0;
		let amount = T::MinBounty::get().saturating_mul(100u32.into());
		T::Currency::set_balance(&Pallet::<T>::escrow_account(), amount);
		let top = contributor::<T>(0);
		BountyPoints::<T>::insert(task, &top, 1_000_000);
		for i in 1..n {
			BountyPoints::<T>::insert(task, contributor::<T>(i), 1_000);
		}
		BountySettlements::<T>::insert(
			task,
			BountySettlement {
				requester: account("requester", 0, SEED),
				amount,
				total_points: 1_000_000u64.saturating_add(1_000u64.saturating_mul(n.into())),
				top,
				paid: Default::default(),
				recipients: 0,
			},
		);
		PaidTaskCount::<T>::put(1);
		#[block]
		{
			Pallet::<T>::pay_bounty_batch();
		}
		assert!(!BountySettlements::<T>::contains_key(task));
	}

	#[benchmark]
	fn clean_ledger_batch(n: Linear<1, { T::MaxLedgerRemovalsPerBlock::get() }>) {
		for i in 0..n {
			let who: T::AccountId = account("earner", i, SEED);
			EpochWork::<T>::insert(0, who, WorkRecord { trainer: 1, ..Default::default() });
		}
		LedgerCleanup::<T>::put(BoundedVec::truncate_from(alloc::vec![0]));
		#[block]
		{
			Pallet::<T>::clean_ledger_batch();
		}
		assert!(EpochWork::<T>::iter_prefix(0).next().is_none());
	}

	#[benchmark]
	fn check_feeless_call() {
		let (task, who) = committed_at_reveal_phase::<T>();
		let call = Call::<T>::reveal {
			task,
			artifact: artifact(1),
			salt: salt(1),
			size: 1_000,
			location: location(),
			claimed: 900_000,
		};
		let now: BlockNumberFor<T> = 11u32.into();
		#[block]
		{
			Pallet::<T>::check_rate_limit(&who, now).expect("within the limit");
			Pallet::<T>::check_feeless_call(&who, &call)
				.map_err(extension::invalid_because::<T>)
				.expect("valid reveal");
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder::default().build(), crate::mock::Test);
}
