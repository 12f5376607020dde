//! Finalizing a round, step by step: score each submission, judge and pay its verifiers, judge
//! its trainer's claim, keep the best improvement, settle the round's commitments, crown the
//! champion, then retire the task or start its next round.
//!
//! `Pallet::finalize_round` reads as that list of steps; each step below decides one thing (in
//! the manner of `pallet-referenda`'s `branch.rs`). The order of the storage writes and events
//! is part of the behaviour: the tests check event sequences.

use crate::{
	aggregation::{weighted_median, within},
	pallet::*,
	weights::WeightInfo,
};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::{traits::Get, weights::Weight},
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::traits::Saturating,
};
use useful_work_primitives::{
	spec_bounds, Champion, MetricValue, Reputation, RoundIndex, TaskId, TaskKind, TaskSpec,
	WorkPoints, PPM,
};

/// What every step of a round's finalization reads, fixed when the round ends.
struct RoundContext {
	/// The task.
	task: TaskId,
	/// The round being finalized.
	round: RoundIndex,
	/// The task's spec.
	spec: TaskSpec,
	/// Only network tasks move reputation and count as activity for the treasury; a paid task's
	/// points are shares of its bounty.
	network: bool,
	/// What a submission must improve on: the champion's metric, or the baseline while there is
	/// no champion.
	reference: MetricValue,
	/// The smallest improvement that counts in a Train round (at least one).
	required: MetricValue,
	/// Points of one agreeing verification of improving work, or of one credited evaluation.
	unit_points: WorkPoints,
}

impl RoundContext {
	/// The context of `round` of `task`, whose registry entry is `entry`.
	fn new<T: Config>(task: TaskId, round: RoundIndex, entry: &TaskOf<T>) -> Self {
		let spec = entry.spec.clone();
		Self {
			task,
			round,
			network: entry.bounty.is_none(),
			reference: entry.champion.as_ref().map_or(spec.baseline, |champion| champion.metric),
			required: spec.min_improvement.max(1),
			unit_points: T::VerificationPoints::get().saturating_mul(spec.reward_weight.into()),
			spec,
		}
	}
}

/// What one submission's verifiers settled on, and what it is worth.
struct Score {
	/// The reputation-weighted median of the reports, when more than half of the assigned
	/// verifiers reported; `None` without a quorum.
	accepted: Option<MetricValue>,
	/// A value was accepted and the trainer's claim lies within tolerance of it.
	honest_claim: bool,
	/// How far the accepted value improves on the reference; zero when nothing was accepted.
	improvement: MetricValue,
	/// An honest claim that improves by at least the required amount (Train), or any honest
	/// claim (Evaluate): the only work that earns, for its trainer and its verifiers alike.
	is_improving: bool,
}

/// The best improvement of a Train round so far: the candidate for champion.
struct Leader<T: Config> {
	/// How far it improves on the reference.
	improvement: MetricValue,
	/// Its accepted metric.
	metric: MetricValue,
	/// The submission.
	submission: SubmissionOf<T>,
}

/// How a verifier's `report` compares with the `accepted` value, within `tolerance`; `None`
/// when nothing was accepted and a reporter is neither paid nor blamed.
fn verifier_outcome(
	report: Option<MetricValue>,
	accepted: Option<MetricValue>,
	tolerance: MetricValue,
) -> Option<VerifierOutcome> {
	match (report, accepted) {
		(None, _) => Some(VerifierOutcome::NoShow),
		(Some(report), Some(value)) if within(report, value, tolerance) =>
			Some(VerifierOutcome::Agreed),
		(Some(_), Some(_)) => Some(VerifierOutcome::Outlier),
		// Without a quorum nothing was accepted: reporters are neither paid nor blamed.
		(Some(_), None) => None,
	}
}

impl<T: Config> Pallet<T> {
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
		let context = RoundContext::new::<T>(task, round.index, &entry);
		let mut leader: Option<Leader<T>> = None;
		let mut improving = 0u32;

		for index in 0..round.submissions {
			let Some(submission) = Submissions::<T>::take(task, index) else { continue };
			let score = Self::score(&context, &submission);
			Self::judge_verifiers(&context, &mut entry, index, &submission, &score);
			Self::deposit_event(Event::SubmissionScored {
				task,
				round: round.index,
				submission: index,
				trainer: submission.trainer.clone(),
				accepted: score.accepted,
			});
			let Some(metric) = Self::judge_claim(&context, &submission, &score) else { continue };
			improving.saturating_inc();
			Self::keep_improvement(
				&context,
				&mut entry,
				&mut leader,
				submission,
				metric,
				score.improvement,
			);
		}
		if context.network {
			Self::note_activity(|activity| activity.improving_submissions.saturating_accrue(improving));
		}

		Self::settle_commitments(task);
		if let Some(leader) = leader {
			Self::crown(&context, &mut entry, leader);
		}
		Self::retire_or_continue(task, round.index, entry, now);
		T::WeightInfo::finalize_round(round.submissions, T::MaxVerifiersPerSubmission::get())
	}

	/// Score `submission`: the weighted median of its reports if a quorum reported, whether the
	/// trainer's claim is honest, and how far the accepted value improves on the reference.
	fn score(context: &RoundContext, submission: &SubmissionOf<T>) -> Score {
		let spec = &context.spec;
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
			accepted.map_or(0, |value| spec.metric.improvement(context.reference, value));
		let is_improving = honest_claim &&
			match spec.kind {
				TaskKind::Train => improvement >= context.required,
				TaskKind::Evaluate => true,
			};
		Score { accepted, honest_claim, improvement, is_improving }
	}

	/// Release the assignments of submission `index`, judge each verifier against the accepted
	/// value and pay those who agreed on improving work.
	fn judge_verifiers(
		context: &RoundContext,
		entry: &mut TaskOf<T>,
		index: u32,
		submission: &SubmissionOf<T>,
		score: &Score,
	) {
		for slot in &submission.verifiers {
			Assignments::<T>::remove(&slot.verifier, (context.task, index));
			Self::settle_pending(&slot.verifier);
			let Some(outcome) = verifier_outcome(slot.report, score.accepted, context.spec.tolerance)
			else {
				continue;
			};
			// Reputation moves on network tasks only, and grows only by agreeing on work that
			// improved something: verifying junk is no merit, or junk would farm it.
			let judged =
				context.network && (outcome != VerifierOutcome::Agreed || score.is_improving);
			let reputation = if judged {
				Self::judge(&slot.verifier, outcome)
			} else {
				Contributors::<T>::get(&slot.verifier).map_or(0, |info| info.reputation)
			};
			Self::deposit_event(Event::VerifierJudged {
				task: context.task,
				round: context.round,
				verifier: slot.verifier.clone(),
				outcome,
				reputation,
			});
			// Verifying is paid when what was verified is worth paying for: otherwise anyone
			// could submit junk for its own accounts to verify.
			if outcome == VerifierOutcome::Agreed && score.is_improving {
				Self::pay_verifier(context, entry, &slot.verifier);
			}
		}
	}

	/// Credit `verifier`, which agreed on improving work, one unit of points.
	fn pay_verifier(context: &RoundContext, entry: &mut TaskOf<T>, verifier: &T::AccountId) {
		let pool = Contributors::<T>::get(verifier).and_then(|info| info.pool);
		Self::credit(context.task, entry, verifier, pool, WorkRole::Verifier, context.unit_points);
		if context.network {
			Self::note_activity(|activity| activity.honest_verifications.saturating_inc());
		}
	}

	/// Judge the trainer's claim against the accepted value: a claim beyond tolerance is
	/// rejected, and costs reputation on a network task. Returns the accepted metric of improving
	/// work; `None` when nothing was accepted, the claim was rejected or nothing improved.
	fn judge_claim(
		context: &RoundContext,
		submission: &SubmissionOf<T>,
		score: &Score,
	) -> Option<MetricValue> {
		let accepted = score.accepted?;
		if !score.honest_claim {
			if context.network {
				let current =
					Contributors::<T>::get(&submission.trainer).map_or(0, |info| info.reputation);
				Self::set_reputation(
					&submission.trainer,
					current.saturating_sub(T::OutlierPenalty::get()),
				);
			}
			Self::deposit_event(Event::ClaimRejected {
				task: context.task,
				round: context.round,
				trainer: submission.trainer.clone(),
				claimed: submission.claimed,
				accepted,
			});
			return None;
		}
		score.is_improving.then_some(accepted)
	}

	/// Keep an improving submission: in a Train round it becomes the leader if it improves more
	/// than the leader so far; in an Evaluate round its trainer is credited one unit at once.
	fn keep_improvement(
		context: &RoundContext,
		entry: &mut TaskOf<T>,
		leader: &mut Option<Leader<T>>,
		submission: SubmissionOf<T>,
		metric: MetricValue,
		improvement: MetricValue,
	) {
		match context.spec.kind {
			TaskKind::Train => {
				let better =
					leader.as_ref().is_none_or(|leading| improvement > leading.improvement);
				if better {
					*leader = Some(Leader { improvement, metric, submission });
				}
			},
			TaskKind::Evaluate => {
				let (trainer, pool) = (submission.trainer, submission.pool);
				Self::credit(context.task, entry, &trainer, pool, WorkRole::Trainer, context.unit_points);
			},
		}
	}

	/// Release every commitment of the round, revealed or not, and forget its revealed artifacts.
	fn settle_commitments(task: TaskId) {
		for (trainer, _) in Commitments::<T>::drain_prefix(task) {
			Self::settle_pending(&trainer);
		}
		let _ = RevealedArtifacts::<T>::clear_prefix(task, T::MaxCommitsPerRound::get(), None);
	}

	/// Crown the round's leader: credit its trainer for the improvement and make its artifact
	/// the task's champion.
	fn crown(context: &RoundContext, entry: &mut TaskOf<T>, leader: Leader<T>) {
		let Leader { improvement, metric, submission } = leader;
		// However far the accepted metric jumped, one round credits a bounded improvement:
		// a captured verification wins little, and honest progress is paid round by round.
		let credited = improvement.min(spec_bounds::MAX_CREDITED_IMPROVEMENT);
		let points = u64::from(credited).saturating_mul(context.spec.reward_weight.into());
		let (trainer, pool) = (&submission.trainer, submission.pool);
		Self::credit(context.task, entry, trainer, pool, WorkRole::Trainer, points);
		entry.champion = Some(Champion {
			artifact: submission.artifact,
			metric,
			trainer: submission.trainer.clone(),
			round: context.round,
		});
		if context.network {
			Self::note_activity(|activity| activity.improvements.saturating_inc());
		}
		Self::deposit_event(Event::ChampionChanged {
			task: context.task,
			round: context.round,
			trainer: submission.trainer,
			artifact: submission.artifact,
			metric,
			improvement,
		});
	}

	/// Retire `task` if it was closed or its bounty's deadline has passed, starting the bounty's
	/// payout; otherwise store `entry` and start the round after `round`.
	fn retire_or_continue(
		task: TaskId,
		round: RoundIndex,
		mut entry: TaskOf<T>,
		now: BlockNumberFor<T>,
	) {
		let deadline_reached = entry.bounty.as_ref().is_some_and(|bounty| bounty.deadline <= now);
		if entry.closed || deadline_reached {
			if let Some(bounty) = entry.bounty.take() {
				Self::begin_bounty_settlement(task, bounty);
			}
			Tasks::<T>::remove(task);
			Self::deposit_event(Event::TaskRemoved { task });
		} else {
			Tasks::<T>::insert(task, entry);
			Self::start_round(task, round.saturating_add(1), now);
		}
	}

	/// Apply a verifier outcome to its reputation; returns the new reputation.
	fn judge(verifier: &T::AccountId, outcome: VerifierOutcome) -> Reputation {
		let current = Contributors::<T>::get(verifier).map_or(0, |info| info.reputation);
		let next = match outcome {
			VerifierOutcome::Agreed => current.saturating_add(T::AgreementGain::get()).min(PPM),
			VerifierOutcome::Outlier => current.saturating_sub(T::OutlierPenalty::get()),
			VerifierOutcome::NoShow => current.saturating_sub(T::NoShowPenalty::get()),
		};
		Self::set_reputation(verifier, next);
		next
	}

	/// Set a registered contributor's reputation (at most [`PPM`]) and keep [`TotalReputation`]
	/// exact; nothing happens for an unregistered account. Verification is the only caller in
	/// blocks; genesis, benchmarks and tests use it to stand in for verified work.
	pub fn set_reputation(who: &T::AccountId, reputation: Reputation) {
		let reputation = reputation.min(PPM);
		Contributors::<T>::mutate(who, |info| {
			let Some(info) = info else { return };
			TotalReputation::<T>::mutate(|total| {
				*total = total
					.saturating_sub(u64::from(info.reputation))
					.saturating_add(u64::from(reputation));
			});
			info.reputation = reputation;
		});
	}

	/// Register `who` at block zero holding `reputation`: genesis contributors, and benchmarks' and
	/// tests' stand-ins for accounts that earned reputation.
	pub fn enroll_with_reputation(who: &T::AccountId, reputation: Reputation) {
		polkadot_sdk::frame_system::Pallet::<T>::inc_providers(who);
		Contributors::<T>::insert(
			who,
			crate::ContributorInfo {
				registered_at: polkadot_sdk::sp_runtime::traits::Zero::zero(),
				reputation: 0,
				last_active_epoch: 0,
				pool: None,
				pending: 0,
				pool_changed_epoch: None,
			},
		);
		Self::set_reputation(who, reputation);
	}
}
