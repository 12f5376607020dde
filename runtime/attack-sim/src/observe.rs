//! What is measured: the chain's events of each block, the honest-equivalent work of every
//! finalized round, captured champions and the registry's reputations.

use crate::{
	chain,
	outcome::{Capture, PerSide, ReputationSample},
	world::{RoundBook, World},
	Scenario, Side,
};
use pallet_useful_work::VerifierOutcome;
use paradigm_runtime::{AiTreasury, Runtime, RuntimeEvent, UsefulWork};
use std::collections::BTreeSet;
use useful_work_primitives::{spec_bounds, EpochIndex, MetricValue, RoundIndex, TaskId, TaskKind};

/// A champion change seen in this block.
struct Crowned {
	task: TaskId,
	round: RoundIndex,
	side: Side,
	artifact: polkadot_sdk::sp_core::H256,
	metric: MetricValue,
}

impl World {
	/// Read and clear the events of the block that ends, in epoch `epoch`.
	pub(crate) fn observe(&mut self, epoch: EpochIndex) {
		let mut finalized: BTreeSet<(TaskId, RoundIndex)> = BTreeSet::new();
		let mut crowned: Vec<Crowned> = Vec::new();
		for event in chain::take_events() {
			match event {
				RuntimeEvent::AiTreasury(event) => self.treasury_event(event),
				RuntimeEvent::UsefulWork(event) => match event {
					pallet_useful_work::Event::SubmissionScored { task, round, .. } => {
						finalized.insert((task, round));
					},
					pallet_useful_work::Event::ChampionChanged {
						task,
						round,
						trainer,
						artifact,
						metric,
						..
					} => {
						let side = self.side_of(&trainer);
						crowned.push(Crowned { task, round, side, artifact, metric });
					},
					other => self.work_event(other),
				},
				_ => {},
			}
		}
		let mut handled: BTreeSet<(TaskId, RoundIndex)> = BTreeSet::new();
		for key in finalized {
			let Some(book) = self.books.remove(&key) else { continue };
			self.credit_round(epoch, key.0, &book);
			for change in crowned.iter().filter(|change| (change.task, change.round) == key) {
				self.crowned(epoch, change, Some(&book));
			}
			handled.insert(key);
		}
		// A champion of a round not seen in its verify phase: its truth is unknown, the chain's
		// value stands in for it.
		for change in
			crowned.iter().filter(|change| !handled.contains(&(change.task, change.round)))
		{
			self.crowned(epoch, change, None);
		}
	}

	fn treasury_event(&mut self, event: pallet_ai_treasury::Event<Runtime>) {
		match event {
			pallet_ai_treasury::Event::Rewarded { epoch, who, amount } => {
				let side = self.side_of(&who);
				let minted = self.tally.epoch(epoch).minted.get_mut(side);
				*minted = minted.saturating_add(amount);
				if let Some(agent) = self.agent_of(&who) {
					let total = self.tally.minted_by_agent.entry(agent).or_default();
					*total = total.saturating_add(amount);
				}
			},
			pallet_ai_treasury::Event::EpochSettled { report } => {
				let tally = self.tally.epoch(report.epoch);
				tally.settled = true;
				tally.paid = report.paid;
				tally.emission = report.decision.emission;
				tally.withheld = report.withheld_by_caps;
				tally.demand = report.observation.activity.bounties_paid;
				if report.paid == 0 {
					tally.completed = true;
				}
			},
			pallet_ai_treasury::Event::PayoutsCompleted { epoch, .. } => {
				self.tally.epoch(epoch).completed = true;
			},
			_ => {},
		}
	}

	fn work_event(&mut self, event: pallet_useful_work::Event<Runtime>) {
		use pallet_useful_work::Event;
		match event {
			Event::PointsCredited { epoch, who, points, .. } => {
				let side = self.side_of(&who);
				let credited = self.tally.epoch(epoch).points.get_mut(side);
				*credited = credited.saturating_add(u128::from(points));
			},
			Event::Registered { who } => self.set_registered(&who, true),
			Event::Deregistered { who } => self.set_registered(&who, false),
			Event::Evicted { who, .. } => {
				let side = self.side_of(&who);
				bump(self.tally.evicted.get_mut(side));
				self.set_registered(&who, false);
			},
			Event::Pruned { who } => {
				let side = self.side_of(&who);
				bump(self.tally.pruned.get_mut(side));
				self.set_registered(&who, false);
			},
			Event::ClaimRejected { trainer, .. } => {
				let side = self.side_of(&trainer);
				bump(self.tally.claims_rejected.get_mut(side));
			},
			Event::VerifierJudged { verifier, outcome, .. } => {
				let side = self.side_of(&verifier);
				let judged = self.tally.judgements.get_mut(side);
				match outcome {
					VerifierOutcome::Agreed => bump(&mut judged.agreed),
					VerifierOutcome::Outlier => bump(&mut judged.outliers),
					VerifierOutcome::NoShow => bump(&mut judged.no_shows),
				}
			},
			Event::BountyEscrowed { amount, .. } => {
				let bounties = &mut self.tally.bounties;
				bounties.escrowed = bounties.escrowed.saturating_add(amount);
			},
			Event::BountyRefunded { amount, .. } => {
				let bounties = &mut self.tally.bounties;
				bounties.refunded = bounties.refunded.saturating_add(amount);
			},
			Event::BountyPaid { amount, .. } => {
				let bounties = &mut self.tally.bounties;
				bounties.paid_out = bounties.paid_out.saturating_add(amount);
			},
			_ => {},
		}
	}

	fn set_registered(&mut self, who: &paradigm_runtime::AccountId, registered: bool) {
		if let Some(agent) = self.agent_of(who).and_then(|index| self.agents.get_mut(index)) {
			agent.registered = registered;
			agent.ever_registered |= registered;
		}
	}

	/// Honest-equivalent work of a finalized network-task round, credited to `epoch` (the
	/// epoch whose ledger the pallet credits it to).
	///
	/// - The round's best true improvement over the champion's true value, if it reaches the
	///   task's smallest improvement, earns its trainer what the pallet credits for it:
	///   `min(improvement, MAX_CREDITED_IMPROVEMENT) × reward weight`.
	/// - Every report of the true value of a submission that truly improves on the champion by
	///   the task's smallest improvement earns its verifier `VerificationPoints × reward weight`
	///   (the pallet pays verification of improving work only).
	fn credit_round(&mut self, epoch: EpochIndex, task: TaskId, book: &RoundBook) {
		if !book.network || book.kind != TaskKind::Train {
			return;
		}
		let reference = self.champion_truth.get(&task).copied().unwrap_or(book.baseline);
		let required = book.min_improvement.max(1);
		let weight = u128::from(book.reward_weight);
		let unit = u128::from(self.constants.verification_points).saturating_mul(weight);
		let mut work = PerSide::<u128>::default();

		let best = book
			.submissions
			.values()
			.map(|submission| {
				(book.metric.improvement(reference, submission.truth), submission.trainer_side)
			})
			.filter(|(improvement, _)| *improvement >= required)
			.max_by_key(|(improvement, _)| *improvement);
		if let Some((improvement, side)) = best {
			let credited = improvement.min(spec_bounds::MAX_CREDITED_IMPROVEMENT);
			let earned = work.get_mut(side);
			*earned = earned.saturating_add(u128::from(credited).saturating_mul(weight));
		}

		for submission in book.submissions.values() {
			// Verifying is work the network asked for when the submission truly improves on the
			// champion: the pallet pays verification of improving work only.
			let improving = book.metric.improvement(reference, submission.truth) >= required;
			for (verifier, measured) in &submission.reports {
				let side = self.side_of_agent(*verifier);
				if *measured == submission.truth && improving {
					let earned = work.get_mut(side);
					*earned = earned.saturating_add(unit);
				}
			}
		}
		let tally = self.tally.epoch(epoch);
		for side in Side::BOTH {
			let total = tally.work.get_mut(side);
			*total = total.saturating_add(*work.get(side));
		}
	}

	/// A champion was crowned: count it, detect a capture (accepted better than its artifact's
	/// true value by more than the tolerance), and move the champion's true value.
	fn crowned(&mut self, epoch: EpochIndex, change: &Crowned, book: Option<&RoundBook>) {
		bump(self.tally.champions.get_mut(change.side));
		let truth = book
			.and_then(|book| book.submissions.values().find(|s| s.artifact == change.artifact))
			.map(|submission| submission.truth);
		let Some(truth) = truth else {
			self.champion_truth.insert(change.task, change.metric);
			return;
		};
		self.champion_truth.insert(change.task, truth);
		let tolerance = book.map_or(0, |book| book.tolerance);
		let overstated =
			book.is_some_and(|book| book.metric.improvement(truth, change.metric) > tolerance);
		if !overstated {
			return;
		}
		self.tally.captures.push(Capture {
			epoch,
			task: change.task,
			side: change.side,
			accepted: change.metric,
			truth,
		});
		if let Some(delay) = self.config.governance_delay {
			if self.recreating.insert(change.task) {
				self.recreations.push((epoch.saturating_add(delay), change.task));
			}
		}
	}

	/// Reputation of the registry now, sampled at the first block of `epoch`.
	pub(crate) fn sample_reputation(&mut self, epoch: EpochIndex) {
		let mut accounts = PerSide::<u32>::default();
		let mut reputation = PerSide::<u128>::default();
		for (who, info) in pallet_useful_work::Contributors::<Runtime>::iter() {
			let side = self.side_of(&who);
			bump32(accounts.get_mut(side));
			let sum = reputation.get_mut(side);
			*sum = sum.saturating_add(u128::from(info.reputation));
		}
		let mean = |side: Side| {
			let count = *accounts.get(side);
			if count == 0 {
				0.0
			} else {
				*reputation.get(side) as f64 / f64::from(count)
			}
		};
		// Verifier weight is reputation + 1 per account.
		let weight = |side: Side| *reputation.get(side) as f64 + f64::from(*accounts.get(side));
		let all = weight(Side::Honest) + weight(Side::Attacker);
		let attacker_weight_share = if all > 0.0 { weight(Side::Attacker) / all } else { 0.0 };
		self.tally.reputation.push(ReputationSample {
			epoch,
			accounts,
			mean: PerSide { honest: mean(Side::Honest), attacker: mean(Side::Attacker) },
			attacker_weight_share,
		});
	}

	/// Run both pallets' invariant checks; keep the first failure.
	pub(crate) fn check_invariants(&mut self, epoch: EpochIndex) {
		self.tally.invariant_checks = self.tally.invariant_checks.saturating_add(1);
		if self.tally.invariant_failure.is_some() {
			return;
		}
		let checked =
			UsefulWork::do_try_state().map_err(|error| format!("useful-work: {error:?}")).and_then(
				|()| AiTreasury::do_try_state().map_err(|error| format!("ai-treasury: {error:?}")),
			);
		if let Err(failure) = checked {
			self.tally.invariant_failure = Some(format!("epoch {epoch}: {failure}"));
		}
	}

	/// Whether the reputation of the registry should be sampled at `epoch`.
	pub(crate) fn samples_reputation_at(&self, epoch: EpochIndex) -> bool {
		let every = (self.config.epochs / 8).max(1);
		epoch % every == 0
			&& (self.scenario == Scenario::VerifierCartel || self.scenario == Scenario::SybilFarm)
	}
}

fn bump(counter: &mut u64) {
	*counter = counter.saturating_add(1);
}

fn bump32(counter: &mut u32) {
	*counter = counter.saturating_add(1);
}
