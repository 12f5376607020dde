//! Planning a block: the chain as the planner reads it, what honest, sloppy and lying
//! contributors do, and which random action comes next. The actions themselves are built in
//! [`crate::work`], [`crate::payments`], [`crate::root`] and [`crate::garbage`].

use crate::{
	model::{Action, CommitState, Kind, Registration, RevealKind, TaskState, View, KINDS},
	Fuzzer, COMMIT_PERCENT, JOIN_PERCENT, MAX_RANDOM_ACTIONS, REVEAL_PERCENT, VERIFY_PERCENT,
};
use pallet_ai_treasury as ai_treasury;
use pallet_useful_work::{self as useful_work, RoundPhase};
use paradigm_runtime::{AccountId, Runtime, UsefulWork};
use polkadot_sdk::pallet_balances;

impl Fuzzer {
	/// The chain as the planner needs it, read once per block after its hooks ran.
	fn read_view(&mut self) -> View {
		let now = self.chain.number;
		let accounts: Vec<AccountId> =
			self.actors.iter().map(|actor| actor.account.clone()).collect();
		let index = &self.index;
		self.chain.ext.execute_with(|| {
			let mut tasks: Vec<TaskState> = useful_work::Tasks::<Runtime>::iter()
				.filter_map(|(id, task)| {
					let round = UsefulWork::round_view(id)?;
					let reference = task
						.champion
						.as_ref()
						.map_or(task.spec.baseline, |champion| champion.metric);
					Some(TaskState {
						id,
						closed: task.closed,
						paid: task.bounty.is_some(),
						reference,
						phase: round.phase,
						submissions: round.submissions,
						spec: task.spec,
					})
				})
				.collect();
			tasks.sort_by_key(|task| task.id);
			let commitments = useful_work::Commitments::<Runtime>::iter()
				.filter_map(|(task, who, commitment)| {
					index.get(&who).map(|actor| CommitState {
						task,
						actor: *actor,
						hash: commitment.hash,
						revealed: commitment.revealed,
					})
				})
				.collect();
			let assignments = accounts
				.iter()
				.enumerate()
				.flat_map(|(actor, who)| {
					UsefulWork::assignments_of(who)
						.into_iter()
						.map(move |assignment| (actor, assignment))
				})
				.collect();
			View {
				now,
				tasks,
				contributors: accounts
					.iter()
					.map(|who| useful_work::Contributors::<Runtime>::get(who))
					.collect(),
				commitments,
				assignments,
				pools: useful_work::Pools::<Runtime>::iter()
					.map(|(id, pool)| (id, pool.members.len() as u32))
					.collect(),
				free: accounts
					.iter()
					.map(|who| pallet_balances::Pallet::<Runtime>::free_balance(who))
					.collect(),
				next_task: useful_work::NextTaskId::<Runtime>::get(),
				next_pool: useful_work::NextPoolId::<Runtime>::get(),
				issuance: pallet_balances::Pallet::<Runtime>::total_issuance(),
				supply_cap: ai_treasury::SupplyCap::<Runtime>::get(),
				cap_base: ai_treasury::CapRaiseBase::<Runtime>::get(),
			}
		})
	}

	/// The block's actions: the honest contributors' work and a few random actions, shuffled.
	pub(crate) fn plan_block(&mut self) -> Vec<Action> {
		let view = self.read_view();
		let mut actions = Vec::new();
		self.plan_work(&view, &mut actions);
		for _ in 0..self.rng.below(MAX_RANDOM_ACTIONS + 1) {
			if let Some(action) = self.plan_random(&view) {
				actions.push(action);
			}
		}
		self.rng.shuffle(&mut actions);
		actions
	}

	/// What honest (and sloppy, and lying) contributors do in this block.
	fn plan_work(&mut self, view: &View, actions: &mut Vec<Action>) {
		for actor in view.unregistered_actors() {
			if self.rng.chance(JOIN_PERCENT) {
				actions.push(self.registration(view, actor, Registration::Valid));
			}
		}
		for task in view.tasks_in(RoundPhase::Commit) {
			let task = &view.tasks[task];
			if task.closed {
				continue;
			}
			for actor in view.registered_actors() {
				if !view.has_commitment(task.id, actor) && self.rng.chance(COMMIT_PERCENT) {
					actions.push(self.commit(actor, task, None, false));
				}
			}
		}
		for commitment in view.commitments.iter().filter(|commitment| !commitment.revealed) {
			let Some(task) = view.task(commitment.task) else { continue };
			if task.phase == RoundPhase::Reveal && self.rng.chance(REVEAL_PERCENT) {
				if let Some(action) = self.reveal(commitment, task, RevealKind::Honest) {
					actions.push(action);
				}
			}
		}
		for (actor, assignment) in
			view.assignments.iter().filter(|(_, assignment)| !assignment.reported)
		{
			if self.rng.chance(VERIFY_PERCENT) {
				actions.push(self.verification(view, *actor, assignment, false));
			}
		}
	}

	/// One random action, its kind chosen by [`KINDS`]' weights.
	fn plan_random(&mut self, view: &View) -> Option<Action> {
		let weights: Vec<u32> = KINDS.iter().map(|(_, weight)| *weight).collect();
		let (kind, _) = KINDS[self.rng.weighted(&weights)];
		match kind {
			Kind::Register => Some(self.random_registration(view)),
			Kind::Deregister => self.random_deregistration(view),
			Kind::Commit => self.random_commit(view),
			Kind::Reveal => self.random_reveal(view),
			Kind::Verify => self.random_verification(view),
			Kind::Pool => self.random_pool_call(view),
			Kind::Transfer => Some(self.random_transfer(view)),
			Kind::PaidTask => Some(self.random_paid_task(view)),
			Kind::SudoTask => Some(self.random_sudo_task(view)),
			Kind::SudoTreasury => Some(self.random_sudo_treasury(view)),
			Kind::Batch => Some(self.random_batch(view)),
			Kind::RandomCall => self.random_call(),
			Kind::Garbage => Some(self.garbage()),
			Kind::BadNonce => Some(self.bad_nonce(view)),
			Kind::Donation => self.donation(view),
		}
	}
}
