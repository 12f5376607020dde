//! Read-only views behind the runtime API.

use crate::{pallet::*, TaskOwner};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::Saturating,
};
use useful_work_primitives::{AssignmentView, ContributorView, RoundView, TaskId, TaskView};

impl<T: Config> Pallet<T> {
	/// Every live task with its current round.
	pub fn open_tasks() -> Vec<TaskView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let mut tasks: Vec<_> = Tasks::<T>::iter()
			.map(|(id, entry)| TaskView {
				id,
				requester: match &entry.owner {
					TaskOwner::Network => None,
					TaskOwner::Requester(who) => Some(who.clone()),
				},
				bounty: entry.bounty.as_ref().map(|bounty| bounty.amount),
				champion: entry.champion.clone(),
				round: Self::round_view(id),
				spec: entry.spec,
			})
			.collect();
		tasks.sort_by_key(|task| task.id);
		tasks
	}

	/// The current round of `task`, with its phase at the current block.
	pub fn round_view(task: TaskId) -> Option<RoundView<BlockNumberFor<T>>> {
		let entry = Tasks::<T>::get(task)?;
		let round = Rounds::<T>::get(task)?;
		let schedule = entry.spec.schedule;
		let reveal_from = round.started_at.saturating_add(schedule.commit_blocks.into());
		let verify_from = reveal_from.saturating_add(schedule.reveal_blocks.into());
		let now = frame_system::Pallet::<T>::block_number();
		Some(RoundView {
			index: round.index,
			phase: Self::phase_at(&round, &schedule, now),
			started_at: round.started_at,
			reveal_from,
			verify_from,
			ends_at: verify_from.saturating_add(schedule.verify_blocks.into()),
			commitments: round.commitments,
			submissions: round.submissions,
			seed: round.seed,
		})
	}

	/// The submissions `who` is assigned to verify.
	pub fn assignments_of(who: &T::AccountId) -> Vec<AssignmentView<T::AccountId>> {
		Assignments::<T>::iter_prefix(who)
			.filter_map(|((task, index), ())| {
				let submission = Submissions::<T>::get(task, index)?;
				let round = Rounds::<T>::get(task)?;
				Some(AssignmentView {
					task,
					round: round.index,
					submission: index,
					reported: submission
						.verifiers
						.iter()
						.any(|slot| &slot.verifier == who && slot.report.is_some()),
					trainer: submission.trainer,
					artifact: submission.artifact,
					size: submission.size,
					location: submission.location,
					seed: round.seed?,
				})
			})
			.collect()
	}

	/// A contributor's registration, reputation and pool.
	pub fn contributor_view(who: &T::AccountId) -> Option<ContributorView<BlockNumberFor<T>>> {
		Contributors::<T>::get(who).map(|info| ContributorView {
			registered_at: info.registered_at,
			reputation: info.reputation,
			pool: info.pool,
			pending: info.pending,
			last_active_epoch: info.last_active_epoch,
		})
	}
}
