//! Work in rounds: who trains what, commits, reveals, verification reports, the requester's
//! paid tasks and governance's answer to a captured task.
//!
//! Timing within a round: junk and the requester's workers commit in the round's first block
//! (they need no training), honest trainers a random number of blocks into the commit phase,
//! everyone reveals in the first reveal block and reports in the first verify block, right after
//! the chain assigned the verifiers.

use crate::{
	agents::Role,
	chain::error_name,
	model::TaskModel,
	rng::{self, tags},
	world::{PlanEntry, RoundBook, RoundPlan, SubmissionRecord, World},
	Scenario, Side,
};
use codec::Encode;
use pallet_useful_work::{TaskOf, TaskOwner};
use paradigm_runtime::{BlockNumber, Runtime, RuntimeOrigin, UsefulWork, EXISTENTIAL_DEPOSIT, PAR};
use polkadot_sdk::{sp_core::H256, sp_io::hashing::blake2_256};
use useful_work_primitives::{
	spec_bounds, ArtifactLocation, DatasetRef, EpochIndex, Metric, MetricValue, Name, RoundPhase,
	RoundSchedule, RoundView, TaskId, TaskKind, TaskSpec,
};

/// Bytes every simulated artifact claims to have (within every reference task's bound).
const ARTIFACT_BYTES: u64 = 9_000;

impl World {
	/// Every live task's work in block `n`.
	pub(crate) fn work(&mut self, n: BlockNumber, epoch: EpochIndex) {
		let mut tasks: Vec<(TaskId, TaskOf<Runtime>)> =
			pallet_useful_work::Tasks::<Runtime>::iter().collect();
		tasks.sort_by_key(|(task, _)| *task);
		let live: Vec<TaskId> = tasks.iter().map(|(task, _)| *task).collect();
		let stale: Vec<TaskId> =
			self.plans.keys().filter(|task| !live.contains(task)).copied().collect();
		for task in stale {
			self.drop_plan(task);
		}
		for (task, entry) in tasks {
			let Some(view) = UsefulWork::round_view(task) else { continue };
			if self.plans.get(&task).is_none_or(|plan| plan.round != view.index) {
				self.drop_plan(task);
				let plan = self.plan_round(n, epoch, task, &entry, &view);
				self.plans.insert(task, plan);
			}
			self.commit_due(n, task);
			if n == view.reveal_from {
				self.reveal(epoch, task, &entry);
			}
			if n == view.verify_from {
				self.verify(epoch, task, &entry, &view);
			}
		}
	}

	fn drop_plan(&mut self, task: TaskId) {
		if let Some(plan) = self.plans.remove(&task) {
			for entry in plan.entries {
				self.truths.remove(&(task, entry.artifact));
			}
		}
	}

	/// Who submits in this round of `task`, decided when the round is first seen in its commit
	/// phase.
	fn plan_round(
		&mut self,
		n: BlockNumber,
		epoch: EpochIndex,
		task: TaskId,
		entry: &TaskOf<Runtime>,
		view: &RoundView<BlockNumber>,
	) -> RoundPlan {
		let mut plan = RoundPlan { round: view.index, entries: Vec::new() };
		if view.phase != RoundPhase::Commit {
			return plan;
		}
		let model = TaskModel::of(&entry.spec);
		let last_commit = view.reveal_from.saturating_sub(1);
		match &entry.owner {
			TaskOwner::Network => {
				// The farm's junk goes in first: it needs no training.
				if self.scenario == Scenario::SybilFarm && epoch >= self.config.attack_from {
					for agent in self.take_attackers(Role::Sybil, self.config.sybil_junk) {
						let unit = rng::unit(self.round_draw(agent, task, view.index, tags::JUNK));
						let truth = model.junk(unit);
						plan.entries.push(self.entry(agent, task, view.index, truth, n, true));
					}
				}
				let mut trainers: Vec<(u64, PlanEntry)> = Vec::new();
				let commit_blocks =
					u64::from(entry.spec.schedule.commit_blocks.saturating_sub(1).max(1));
				for agent in 0..self.agents.len() {
					let Some(contributor) = self.agents.get(agent) else { continue };
					if !contributor.trains_network_tasks() {
						continue;
					}
					let chance = rng::unit(self.round_draw(agent, task, view.index, tags::TRAIN));
					if chance >= self.config.train_chance {
						continue;
					}
					let noise = rng::unit(self.round_draw(agent, task, view.index, tags::NOISE));
					let progress = self.frontier.honest_progress(
						self.elapsed_epochs(n),
						contributor.skill,
						noise,
					);
					let truth = model.value(progress);
					let delay = 1u64.saturating_add(rng::below(
						self.round_draw(agent, task, view.index, tags::DELAY),
						commit_blocks,
					));
					let commit_at = view
						.started_at
						.saturating_add(u32::try_from(delay).unwrap_or(u32::MAX))
						.clamp(n, last_commit.max(n));
					let order = self.round_draw(agent, task, view.index, tags::ORDER);
					trainers.push((
						order,
						self.entry(agent, task, view.index, truth, commit_at, false),
					));
				}
				// Same-block commits land in a random order.
				trainers.sort_by_key(|(order, _)| *order);
				plan.entries.extend(trainers.into_iter().map(|(_, entry)| entry));
			},
			TaskOwner::Requester(requester) => {
				let ours = self
					.requester
					.and_then(|index| self.agents.get(index))
					.is_some_and(|agent| &agent.account == requester);
				if ours {
					if let Some(worker) =
						self.take_attackers(Role::RequesterWorker, 1).into_iter().next()
					{
						let truth = model.value(1.0);
						plan.entries.push(self.entry(worker, task, view.index, truth, n, false));
					}
				}
			},
		}
		plan
	}

	/// `count` distinct registered accounts of the attacker's `role`, round-robin.
	fn take_attackers(&mut self, role: Role, count: u32) -> Vec<usize> {
		let pool: Vec<usize> = self
			.agents
			.iter()
			.enumerate()
			.filter(|(_, agent)| agent.role == role && agent.registered)
			.map(|(index, _)| index)
			.collect();
		let wanted = usize::try_from(count).unwrap_or(usize::MAX).min(pool.len());
		let mut picked = Vec::with_capacity(wanted);
		for _ in 0..wanted {
			if let Some(index) = pool.get(self.cursor % pool.len().max(1)) {
				picked.push(*index);
			}
			self.cursor = self.cursor.wrapping_add(1);
		}
		picked
	}

	/// A draw for `agent`'s part in round `round` of `task`.
	fn round_draw(&self, agent: usize, task: TaskId, round: u32, tag: u64) -> u64 {
		let key = self.agents.get(agent).map_or(0, |agent| agent.key);
		rng::draw(&[self.config.seed, key, u64::from(task), u64::from(round), tag])
	}

	fn entry(
		&self,
		agent: usize,
		task: TaskId,
		round: u32,
		truth: MetricValue,
		commit_at: BlockNumber,
		junk: bool,
	) -> PlanEntry {
		let key = self.agents.get(agent).map_or(0, |agent| agent.key);
		let artifact =
			H256(blake2_256(&(tags::ARTIFACT, self.config.seed, key, task, round).encode()));
		let salt = blake2_256(&(tags::SALT, self.config.seed, key, task, round).encode());
		PlanEntry {
			agent,
			artifact,
			salt,
			truth,
			commit_at,
			junk,
			committed: false,
			revealed: false,
		}
	}

	fn commit_due(&mut self, n: BlockNumber, task: TaskId) {
		let Some(mut plan) = self.plans.remove(&task) else { return };
		for entry in
			plan.entries.iter_mut().filter(|entry| entry.commit_at == n && !entry.committed)
		{
			let Some(who) = self.agents.get(entry.agent).map(|agent| agent.account.clone()) else {
				continue;
			};
			let side = self.side_of_agent(entry.agent);
			let commitment = UsefulWork::commitment_of(&entry.artifact, &who, &entry.salt);
			match UsefulWork::commit(RuntimeOrigin::signed(who), task, commitment) {
				Ok(()) => {
					entry.committed = true;
					self.truths.insert((task, entry.artifact), entry.truth);
					if entry.junk {
						self.tally.junk_submissions = self.tally.junk_submissions.saturating_add(1);
					}
				},
				Err(error) => self.tally.refuse(side, "commit", error_name(&error)),
			}
		}
		self.plans.insert(task, plan);
	}

	/// The value a trainer claims: the truth, except a lying cartel claims perfection.
	fn claim(
		&self,
		agent: usize,
		truth: MetricValue,
		model: &TaskModel,
		epoch: EpochIndex,
	) -> MetricValue {
		let cartel = self.agents.get(agent).is_some_and(|agent| agent.role == Role::Cartel);
		if cartel && self.cartel_lies(epoch) {
			model.perfect()
		} else {
			truth
		}
	}

	fn reveal(&mut self, epoch: EpochIndex, task: TaskId, entry: &TaskOf<Runtime>) {
		let Some(mut plan) = self.plans.remove(&task) else { return };
		let model = TaskModel::of(&entry.spec);
		let size = entry.spec.max_artifact_size.min(ARTIFACT_BYTES);
		let location = ArtifactLocation::truncate_from(b"sim://artifact".to_vec());
		for planned in
			plan.entries.iter_mut().filter(|planned| planned.committed && !planned.revealed)
		{
			let Some(who) = self.agents.get(planned.agent).map(|agent| agent.account.clone())
			else {
				continue;
			};
			let side = self.side_of_agent(planned.agent);
			let claimed = self.claim(planned.agent, planned.truth, &model, epoch);
			let origin = RuntimeOrigin::signed(who);
			match UsefulWork::reveal(
				origin,
				task,
				planned.artifact,
				planned.salt,
				size,
				location.clone(),
				claimed,
			) {
				Ok(()) => planned.revealed = true,
				Err(error) => self.tally.refuse(side, "reveal", error_name(&error)),
			}
		}
		self.plans.insert(task, plan);
	}

	/// What `verifier` reports for a submission of `trainer_side` whose true value is `truth`;
	/// `None`: it does not report.
	fn report_value(
		&self,
		verifier: usize,
		trainer_side: Side,
		truth: MetricValue,
		model: &TaskModel,
		epoch: EpochIndex,
	) -> Option<MetricValue> {
		let role = self.agents.get(verifier)?.role;
		match role {
			Role::Flooder | Role::Requester => None,
			Role::Cartel if self.cartel_lies(epoch) => Some(match trainer_side {
				Side::Attacker => model.perfect(),
				Side::Honest => model.worst(),
			}),
			Role::Honest | Role::Newcomer | Role::Sybil | Role::Cartel | Role::RequesterWorker => {
				Some(truth)
			},
		}
	}

	/// The verify phase opened in this block: record every submission and its assigned
	/// verifiers, and report.
	fn verify(
		&mut self,
		epoch: EpochIndex,
		task: TaskId,
		entry: &TaskOf<Runtime>,
		view: &RoundView<BlockNumber>,
	) {
		let network = entry.bounty.is_none();
		let model = TaskModel::of(&entry.spec);
		let mut submissions: Vec<_> =
			pallet_useful_work::Submissions::<Runtime>::iter_prefix(task).collect();
		submissions.sort_by_key(|(index, _)| *index);
		let mut book = RoundBook::new(&entry.spec, network);
		for (index, submission) in submissions {
			let trainer_side = self.side_of(&submission.trainer);
			let Some(truth) = self.truths.get(&(task, submission.artifact)).copied() else {
				continue;
			};
			let mut record = SubmissionRecord {
				trainer_side,
				artifact: submission.artifact,
				truth,
				reports: Vec::new(),
			};
			for slot in submission.verifiers.iter() {
				let Some(verifier) = self.agent_of(&slot.verifier) else { continue };
				let side = self.side_of_agent(verifier);
				if network {
					let slots = self.tally.verifier_slots.get_mut(side);
					*slots = slots.saturating_add(1);
				}
				let Some(measured) =
					self.report_value(verifier, trainer_side, truth, &model, epoch)
				else {
					continue;
				};
				let origin = RuntimeOrigin::signed(slot.verifier.clone());
				match UsefulWork::submit_verification(origin, task, index, measured) {
					Ok(()) => record.reports.push((verifier, measured)),
					Err(error) => {
						self.tally.refuse(side, "submit_verification", error_name(&error))
					},
				}
			}
			book.submissions.insert(index, record);
		}
		// A round without submissions is never scored: nothing to keep.
		if !book.submissions.is_empty() {
			self.books.insert((task, view.index), book);
		}
	}

	/// The self-dealing requester keeps every paid-task slot busy with its own tasks.
	pub(crate) fn request(&mut self, n: BlockNumber, epoch: EpochIndex) {
		if self.scenario != Scenario::SelfDealingRequester || epoch < self.config.attack_from {
			return;
		}
		let Some(requester) =
			self.requester.and_then(|index| self.agents.get(index)).map(|a| a.account.clone())
		else {
			return;
		};
		let workers =
			self.agents.iter().any(|agent| agent.role == Role::RequesterWorker && agent.registered);
		if !workers {
			return;
		}
		let bounty =
			self.config.requester_bounty_par.saturating_mul(PAR).max(self.constants.min_bounty);
		let spec = self_dealing_spec();
		let deadline = n.saturating_add(spec.schedule.round_blocks());
		while pallet_useful_work::PaidTaskCount::<Runtime>::get() < self.constants.max_paid_tasks {
			let funds = paradigm_runtime::Balances::free_balance(&requester);
			if funds < bounty.saturating_add(EXISTENTIAL_DEPOSIT) {
				return;
			}
			let origin = RuntimeOrigin::signed(requester.clone());
			match UsefulWork::create_paid_task(origin, spec.clone(), bounty, deadline) {
				Ok(()) => self.tally.bounties.tasks = self.tally.bounties.tasks.saturating_add(1),
				Err(error) => {
					self.tally.refuse(Side::Attacker, "create_paid_task", error_name(&error));
					return;
				},
			}
		}
	}

	/// Governance closes a captured task and creates it again, `governance_delay` epochs after
	/// the capture (when a delay is configured). A refusal is counted, not fatal.
	pub(crate) fn govern(&mut self, epoch: EpochIndex) {
		let due: Vec<TaskId> =
			self.recreations.iter().filter(|(at, _)| *at <= epoch).map(|(_, task)| *task).collect();
		self.recreations.retain(|(at, _)| *at > epoch);
		for task in due {
			let Some(entry) = pallet_useful_work::Tasks::<Runtime>::get(task) else { continue };
			if !entry.closed {
				if let Err(error) = UsefulWork::close_task(RuntimeOrigin::root(), task) {
					self.tally.refuse(Side::Honest, "close_task", error_name(&error));
					continue;
				}
			}
			match UsefulWork::create_task(RuntimeOrigin::root(), entry.spec) {
				Ok(()) => self.tally.tasks_recreated = self.tally.tasks_recreated.saturating_add(1),
				Err(error) => self.tally.refuse(Side::Honest, "create_task", error_name(&error)),
			}
		}
	}
}

/// The most rewarding task the spec bounds allow, for a requester paying its own accounts: an
/// evaluation (every honest claim earns, no improvement needed) at the largest reward weight and
/// tolerance, the fewest verifiers and the shortest phases, so that tasks turn over fast.
pub(crate) fn self_dealing_spec() -> TaskSpec {
	let phase = spec_bounds::MIN_PHASE_BLOCKS;
	TaskSpec {
		kind: TaskKind::Evaluate,
		model: Name::truncate_from(b"self-dealing".to_vec()),
		hyper_params: Default::default(),
		dataset: DatasetRef::Seeded {
			generator: Name::truncate_from(b"own-data".to_vec()),
			seed: 1,
		},
		metric: Metric::Accuracy,
		baseline: 0,
		min_improvement: 1,
		tolerance: spec_bounds::MAX_TOLERANCE,
		verifiers_per_submission: spec_bounds::MIN_VERIFIERS,
		max_artifact_size: 1,
		schedule: RoundSchedule {
			commit_blocks: phase,
			reveal_blocks: phase,
			verify_blocks: phase,
		},
		reward_weight: spec_bounds::MAX_REWARD_WEIGHT,
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_self_dealing_spec_is_within_the_bounds() {
		let spec = self_dealing_spec();
		assert_eq!(spec.check_bounds(3), Ok(()));
		assert_eq!(spec.schedule.round_blocks(), 3 * spec_bounds::MIN_PHASE_BLOCKS);
	}
}
