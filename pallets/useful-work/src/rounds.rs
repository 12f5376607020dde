//! The round state machine: start, reveal, seed and assignment. Scoring and the end of a round
//! are in `finalize.rs`.

use crate::{
	aggregation::{weighted_sample, SeededStream},
	pallet::*,
	weights::WeightInfo,
	Commitment, RoundState, RoundTransition, Submission, VerifierSlot,
};
use alloc::vec::Vec;
use codec::Encode;
use polkadot_sdk::{
	frame_support::{defensive, traits::Get, weights::Weight, BoundedVec},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_core::H256,
	sp_io::hashing::blake2_256,
	sp_runtime::traits::Saturating,
};
use useful_work_primitives::{ArtifactLocation, MetricValue, PoolId, Reputation, RoundIndex, TaskId};

/// The validation seed of `round` of `task`: the reveals' running entropy mixed with the hash of
/// the last block before the reveal phase.
pub(crate) fn validation_seed(task: TaskId, round: RoundIndex, reveal_entropy: &H256, before_reveals: &[u8]) -> H256 {
	H256(blake2_256(&(b"paradigm:validation-seed", task, round, reveal_entropy, before_reveals).encode()))
}

impl<T: Config> Pallet<T> {
	/// Open round `index` of `task` at block `now` and schedule its transitions.
	pub(crate) fn start_round(task: TaskId, index: RoundIndex, now: BlockNumberFor<T>) {
		let Some(entry) = Tasks::<T>::get(task) else { return };
		let schedule = entry.spec.schedule;
		let reveal_from = now.saturating_add(schedule.commit_blocks.into());
		let verify_from = reveal_from.saturating_add(schedule.reveal_blocks.into());
		let ends_at = verify_from.saturating_add(schedule.verify_blocks.into());
		Rounds::<T>::insert(
			task,
			RoundState {
				index,
				started_at: now,
				commitments: 0,
				submissions: 0,
				reveal_entropy: H256::zero(),
				seed: None,
			},
		);
		Self::schedule(verify_from, task, RoundTransition::CloseReveals);
		Self::schedule(ends_at, task, RoundTransition::Finalize);
		Self::deposit_event(Event::RoundStarted { task, round: index, reveal_from, verify_from, ends_at });
	}

	fn schedule(at: BlockNumberFor<T>, task: TaskId, transition: RoundTransition) {
		Agenda::<T>::mutate(at, |items| {
			if items.try_push((task, transition)).is_err() {
				// `integrity_test` sizes the agenda for two transitions of every live task.
				defensive!("useful-work agenda full");
			}
		});
	}

	#[allow(clippy::too_many_arguments)]
	pub(crate) fn record_reveal(
		who: &T::AccountId,
		task: TaskId,
		round: RoundIndex,
		mut commitment: Commitment,
		artifact: H256,
		salt: [u8; 32],
		size: u64,
		location: ArtifactLocation,
		claimed: MetricValue,
	) {
		let submission = Rounds::<T>::mutate(task, |state| {
			let state = state.as_mut()?;
			state.reveal_entropy =
				H256(blake2_256(&(state.reveal_entropy, salt, artifact).encode()));
			let index = state.submissions;
			state.submissions.saturating_inc();
			Some(index)
		});
		let Some(submission) = submission else { return };
		let pool = commitment.pool;
		commitment.revealed = true;
		Commitments::<T>::insert(task, who, commitment);
		RevealedArtifacts::<T>::insert(task, artifact, submission);
		Submissions::<T>::insert(
			task,
			submission,
			Submission {
				trainer: who.clone(),
				pool,
				artifact,
				size,
				location,
				claimed,
				verifiers: BoundedVec::new(),
			},
		);
		Self::deposit_event(Event::Revealed {
			task,
			round,
			who: who.clone(),
			submission,
			artifact,
			claimed,
		});
	}

	/// Reveals are closed: draw the validation seed and assign verifiers to every submission.
	pub(crate) fn close_reveals(task: TaskId, _now: BlockNumberFor<T>) -> Weight {
		let Some(mut round) = Rounds::<T>::get(task) else {
			return T::DbWeight::get().reads(1);
		};
		let Some(entry) = Tasks::<T>::get(task) else {
			return T::DbWeight::get().reads(2);
		};
		// The hash of the last block before reveals opened: fixed before any salt was revealed,
		// so its author could not aim at a seed. The author of the last reveal block, whose hash
		// this used to be, could grind it by ordering transactions; now it can only censor
		// reveals, one bit of choice per censored reveal (D11).
		let reveal_from = round.started_at.saturating_add(entry.spec.schedule.commit_blocks.into());
		let before_reveals = frame_system::Pallet::<T>::block_hash(reveal_from.saturating_sub(1u32.into()));
		let seed = validation_seed(task, round.index, &round.reveal_entropy, before_reveals.as_ref());
		round.seed = Some(seed);
		Rounds::<T>::insert(task, &round);
		Self::deposit_event(Event::SeedDrawn { task, round: round.index, seed });
		if round.submissions == 0 {
			return T::WeightInfo::close_reveals(0, 0);
		}

		let candidates: Vec<(T::AccountId, Reputation, Option<PoolId>)> = Contributors::<T>::iter()
			.map(|(account, info)| (account, info.reputation, info.pool))
			.collect();
		let submissions: Vec<(u32, crate::SubmissionOf<T>)> = (0..round.submissions)
			.filter_map(|index| Submissions::<T>::get(task, index).map(|entry| (index, entry)))
			.collect();
		let trainers: Vec<T::AccountId> =
			submissions.iter().map(|(_, entry)| entry.trainer.clone()).collect();
		let wanted = usize::from(entry.spec.verifiers_per_submission);

		for (index, mut submission) in submissions {
			// Never the trainer, its pool, or a competitor in the same round.
			let weights: Vec<u64> = candidates
				.iter()
				.map(|(account, reputation, pool)| {
					let conflicted = trainers.contains(account) ||
						(submission.pool.is_some() && *pool == submission.pool);
					if conflicted {
						0
					} else {
						u64::from(*reputation).saturating_add(1)
					}
				})
				.collect();
			let mut stream = SeededStream::new(seed, index);
			for picked in weighted_sample(&weights, wanted, &mut stream) {
				let Some((verifier, reputation, _)) = candidates.get(picked) else { continue };
				let slot = VerifierSlot { verifier: verifier.clone(), weight: *reputation, report: None };
				if submission.verifiers.try_push(slot).is_err() {
					break;
				}
				Assignments::<T>::insert(verifier, (task, index), ());
				Self::add_pending(verifier);
			}
			let verifiers: VerifierList<T> = submission
				.verifiers
				.iter()
				.map(|slot| slot.verifier.clone())
				.collect::<Vec<_>>()
				.try_into()
				.unwrap_or_default();
			Submissions::<T>::insert(task, index, submission);
			Self::deposit_event(Event::VerifiersAssigned {
				task,
				round: round.index,
				submission: index,
				verifiers,
			});
		}
		T::WeightInfo::close_reveals(round.submissions, candidates.len() as u32)
	}
}
