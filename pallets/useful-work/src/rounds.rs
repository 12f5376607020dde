//! The round state machine: start, reveal, seed and assignment, scoring.

use crate::{
	aggregation::{weighted_median, weighted_sample, within, SeededStream},
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
use useful_work_primitives::{
	spec_bounds, ArtifactLocation, Champion, MetricValue, PoolId, Reputation, RoundIndex, TaskId,
	TaskKind, PPM,
};

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

	/// Verification is closed: accept the median of each submission, judge verifiers and the
	/// trainer's claim, crown the best improvement, then start the next round or retire the task.
	///
	/// Only network tasks move reputation and count as activity for the treasury; a paid task's
	/// points are shares of its bounty.
	pub(crate) fn finalize_round(task: TaskId, now: BlockNumberFor<T>) -> Weight {
		let Some(round) = Rounds::<T>::take(task) else {
			return T::DbWeight::get().reads(1);
		};
		let Some(mut entry) = Tasks::<T>::get(task) else {
			return T::DbWeight::get().reads(2);
		};
		let spec = entry.spec.clone();
		let network = entry.bounty.is_none();
		let reference = entry.champion.as_ref().map_or(spec.baseline, |champion| champion.metric);
		let required = spec.min_improvement.max(1);
		let unit_points = T::VerificationPoints::get().saturating_mul(spec.reward_weight.into());
		let mut best: Option<(MetricValue, MetricValue, crate::SubmissionOf<T>)> = None;
		let mut improving = 0u32;

		for index in 0..round.submissions {
			let Some(submission) = Submissions::<T>::take(task, index) else { continue };
			let reports: Vec<(MetricValue, u64)> = submission
				.verifiers
				.iter()
				.filter_map(|slot| slot.report.map(|value| (value, u64::from(slot.weight).saturating_add(1))))
				.collect();
			let quorum = reports.len().saturating_mul(2) > submission.verifiers.len();
			let accepted = if quorum { weighted_median(&reports) } else { None };
			let honest_claim = accepted
				.is_some_and(|value| spec.metric.improvement(value, submission.claimed) <= spec.tolerance);
			let improvement =
				accepted.map_or(0, |value| spec.metric.improvement(reference, value));
			let is_improving = honest_claim &&
				match spec.kind {
					TaskKind::Train => improvement >= required,
					TaskKind::Evaluate => true,
				};

			for slot in &submission.verifiers {
				Assignments::<T>::remove(&slot.verifier, (task, index));
				Self::settle_pending(&slot.verifier);
				let outcome = match (slot.report, accepted) {
					(None, _) => VerifierOutcome::NoShow,
					(Some(report), Some(value)) if within(report, value, spec.tolerance) =>
						VerifierOutcome::Agreed,
					(Some(_), Some(_)) => VerifierOutcome::Outlier,
					// Without a quorum nothing was accepted: reporters are neither paid nor blamed.
					(Some(_), None) => continue,
				};
				// Reputation moves on network tasks only, and grows only by agreeing on work that
				// improved something: verifying junk is no merit, or junk would farm it.
				let judged = network && (outcome != VerifierOutcome::Agreed || is_improving);
				let reputation = if judged {
					Self::judge(&slot.verifier, outcome)
				} else {
					Contributors::<T>::get(&slot.verifier).map_or(0, |info| info.reputation)
				};
				Self::deposit_event(Event::VerifierJudged {
					task,
					round: round.index,
					verifier: slot.verifier.clone(),
					outcome,
					reputation,
				});
				// Verifying is paid when what was verified is worth paying for: otherwise anyone
				// could submit junk for its own accounts to verify.
				if outcome == VerifierOutcome::Agreed && is_improving {
					let pool = Contributors::<T>::get(&slot.verifier).and_then(|info| info.pool);
					Self::credit(task, &mut entry, &slot.verifier, pool, WorkRole::Verifier, unit_points);
					if network {
						Self::note_activity(|activity| activity.honest_verifications.saturating_inc());
					}
				}
			}

			Self::deposit_event(Event::SubmissionScored {
				task,
				round: round.index,
				submission: index,
				trainer: submission.trainer.clone(),
				accepted,
			});
			let Some(value) = accepted else { continue };
			if !honest_claim {
				if network {
					Self::penalize(&submission.trainer, T::OutlierPenalty::get());
				}
				Self::deposit_event(Event::ClaimRejected {
					task,
					round: round.index,
					trainer: submission.trainer.clone(),
					claimed: submission.claimed,
					accepted: value,
				});
				continue;
			}
			if !is_improving {
				continue;
			}
			improving.saturating_inc();
			match spec.kind {
				TaskKind::Train => {
					let better = best.as_ref().is_none_or(|(leading, _, _)| improvement > *leading);
					if better {
						best = Some((improvement, value, submission));
					}
				},
				TaskKind::Evaluate => {
					let (trainer, pool) = (submission.trainer.clone(), submission.pool);
					Self::credit(task, &mut entry, &trainer, pool, WorkRole::Trainer, unit_points);
				},
			}
		}
		if network {
			Self::note_activity(|activity| activity.improving_submissions.saturating_accrue(improving));
		}

		for (trainer, _) in Commitments::<T>::drain_prefix(task) {
			Self::settle_pending(&trainer);
		}
		let _ = RevealedArtifacts::<T>::clear_prefix(task, T::MaxCommitsPerRound::get(), None);

		if let Some((improvement, metric, submission)) = best {
			// However far the accepted metric jumped, one round credits a bounded improvement:
			// a captured verification wins little, and honest progress is paid round by round.
			let credited = improvement.min(spec_bounds::MAX_CREDITED_IMPROVEMENT);
			let points = u64::from(credited).saturating_mul(spec.reward_weight.into());
			let (trainer, pool) = (submission.trainer.clone(), submission.pool);
			Self::credit(task, &mut entry, &trainer, pool, WorkRole::Trainer, points);
			entry.champion = Some(Champion {
				artifact: submission.artifact,
				metric,
				trainer: submission.trainer.clone(),
				round: round.index,
			});
			if network {
				Self::note_activity(|activity| activity.improvements.saturating_inc());
			}
			Self::deposit_event(Event::ChampionChanged {
				task,
				round: round.index,
				trainer: submission.trainer,
				artifact: submission.artifact,
				metric,
				improvement,
			});
		}

		let deadline_reached = entry.bounty.as_ref().is_some_and(|bounty| bounty.deadline <= now);
		if entry.closed || deadline_reached {
			if let Some(bounty) = entry.bounty.take() {
				Self::begin_bounty_settlement(task, bounty);
			}
			Tasks::<T>::remove(task);
			Self::deposit_event(Event::TaskRemoved { task });
		} else {
			Tasks::<T>::insert(task, entry);
			Self::start_round(task, round.index.saturating_add(1), now);
		}
		T::WeightInfo::finalize_round(round.submissions, T::MaxVerifiersPerSubmission::get())
	}

	/// Apply a verifier outcome to its reputation; returns the new reputation.
	fn judge(verifier: &T::AccountId, outcome: VerifierOutcome) -> Reputation {
		match outcome {
			VerifierOutcome::Agreed => Contributors::<T>::mutate(verifier, |info| {
				info.as_mut().map_or(0, |info| {
					info.reputation = info.reputation.saturating_add(T::AgreementGain::get()).min(PPM);
					info.reputation
				})
			}),
			VerifierOutcome::Outlier => Self::penalize(verifier, T::OutlierPenalty::get()),
			VerifierOutcome::NoShow => Self::penalize(verifier, T::NoShowPenalty::get()),
		}
	}

	fn penalize(who: &T::AccountId, penalty: Reputation) -> Reputation {
		Contributors::<T>::mutate(who, |info| {
			info.as_mut().map_or(0, |info| {
				info.reputation = info.reputation.saturating_sub(penalty);
				info.reputation
			})
		})
	}
}
