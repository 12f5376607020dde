//! Storage invariants, checked by `try_state` and after every unit test.

use crate::{pallet::*, RoundPhase};
use alloc::collections::btree_map::BTreeMap;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::Inspect, Get},
	},
	sp_runtime::{traits::Saturating, TryRuntimeError},
};
use useful_work_primitives::{EpochIndex, PPM};

impl<T: Config> Pallet<T> {
	/// Check every invariant of the pallet's storage.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_pending_matches_work()?;
		Self::check_assignments_match_submissions()?;
		Self::check_escrow_covers_bounties()?;
		Self::check_pools()?;
		Self::check_rounds()?;
		Self::check_paid_tasks()?;
		Self::check_ledger_bounds()?;
		ensure!(
			Contributors::<T>::count() <= T::MaxContributors::get(),
			"more contributors than the bound"
		);
		let mut total_reputation = 0u64;
		for (_, info) in Contributors::<T>::iter() {
			ensure!(info.reputation <= PPM, "reputation above one million ppm");
			total_reputation = total_reputation.saturating_add(u64::from(info.reputation));
		}
		ensure!(
			TotalReputation::<T>::get() == total_reputation,
			"total reputation differs from the registry's sum"
		);
		Ok(())
	}

	/// `pending` of each contributor counts exactly its commitments and assignments.
	fn check_pending_matches_work() -> Result<(), TryRuntimeError> {
		let mut counted: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (_, who, _) in Commitments::<T>::iter() {
			counted.entry(who).or_default().saturating_inc();
		}
		for (who, _, ()) in Assignments::<T>::iter() {
			counted.entry(who).or_default().saturating_inc();
		}
		for (who, info) in Contributors::<T>::iter() {
			let expected = counted.remove(&who).unwrap_or_default();
			ensure!(info.pending == expected, "pending does not match commitments + assignments");
		}
		ensure!(counted.is_empty(), "commitment or assignment of an unregistered account");
		Ok(())
	}

	/// No orphaned assignments: each one has its slot in a live submission, and vice versa.
	fn check_assignments_match_submissions() -> Result<(), TryRuntimeError> {
		for (who, (task, index), ()) in Assignments::<T>::iter() {
			let submission = Submissions::<T>::get(task, index).ok_or("orphaned assignment")?;
			ensure!(
				submission.verifiers.iter().any(|slot| slot.verifier == who),
				"assignment without a verifier slot"
			);
		}
		for (task, index, submission) in Submissions::<T>::iter() {
			ensure!(Tasks::<T>::contains_key(task), "submission of an unknown task");
			for slot in &submission.verifiers {
				ensure!(slot.verifier != submission.trainer, "trainer verifies itself");
				ensure!(
					Assignments::<T>::contains_key(&slot.verifier, (task, index)),
					"verifier slot without an assignment"
				);
			}
		}
		Ok(())
	}

	/// Escrow holds at least every live bounty and the unpaid rest of every settling one (anyone
	/// may send it more).
	fn check_escrow_covers_bounties() -> Result<(), TryRuntimeError> {
		let live = Tasks::<T>::iter_values()
			.filter_map(|task| task.bounty.map(|bounty| bounty.amount))
			.fold(BalanceOf::<T>::default(), |sum, amount| sum.saturating_add(amount));
		let settling = BountySettlements::<T>::iter_values()
			.map(|settlement| settlement.amount.saturating_sub(settlement.paid))
			.fold(BalanceOf::<T>::default(), |sum, amount| sum.saturating_add(amount));
		let owed = live.saturating_add(settling);
		ensure!(
			T::Currency::balance(&Self::escrow_account()) >= owed,
			"escrow holds less than the live bounties"
		);
		Ok(())
	}

	/// Paid tasks are counted exactly, within their own bound, and network tasks within theirs;
	/// bounty points belong only to live paid tasks or settling bounties.
	fn check_paid_tasks() -> Result<(), TryRuntimeError> {
		let live_paid = Tasks::<T>::iter_values().filter(|task| task.bounty.is_some()).count() as u32;
		let settling = BountySettlements::<T>::count();
		ensure!(
			PaidTaskCount::<T>::get() == live_paid.saturating_add(settling),
			"paid-task count does not match live and settling paid tasks"
		);
		ensure!(PaidTaskCount::<T>::get() <= T::MaxPaidTasks::get(), "more paid tasks than the bound");
		let network = Tasks::<T>::count().saturating_sub(live_paid);
		ensure!(network <= T::MaxTasks::get(), "more network tasks than the bound");
		for (task, _, _) in BountyPoints::<T>::iter() {
			let live = Tasks::<T>::get(task).is_some_and(|entry| entry.bounty.is_some());
			ensure!(
				live || BountySettlements::<T>::contains_key(task),
				"bounty points of a task that neither runs nor settles"
			);
		}
		Ok(())
	}

	/// No epoch holds more ledger entries than accounts can earn in one epoch.
	fn check_ledger_bounds() -> Result<(), TryRuntimeError> {
		let mut per_epoch: BTreeMap<EpochIndex, u32> = BTreeMap::new();
		for (epoch, _, _) in EpochWork::<T>::iter() {
			per_epoch.entry(epoch).or_default().saturating_inc();
		}
		for count in per_epoch.values() {
			ensure!(*count <= Self::max_epoch_earners(), "an epoch ledger above the earners bound");
		}
		Ok(())
	}

	/// Pool membership agrees with contributors' records.
	fn check_pools() -> Result<(), TryRuntimeError> {
		for (id, pool) in Pools::<T>::iter() {
			ensure!(pool.members.first() == Some(&pool.operator), "operator is not the first member");
			for member in &pool.members {
				let info = Contributors::<T>::get(member).ok_or("pool member not registered")?;
				ensure!(info.pool == Some(id), "pool member points to another pool");
			}
		}
		for (who, info) in Contributors::<T>::iter() {
			if let Some(id) = info.pool {
				let pool = Pools::<T>::get(id).ok_or("contributor in a missing pool")?;
				ensure!(pool.members.contains(&who), "contributor missing from its pool");
			}
		}
		Ok(())
	}

	/// Every live task has a round and no submission lacks its commitment.
	fn check_rounds() -> Result<(), TryRuntimeError> {
		for (task, entry) in Tasks::<T>::iter() {
			let round = Rounds::<T>::get(task).ok_or("live task without a round")?;
			ensure!(round.submissions <= round.commitments, "more submissions than commitments");
			ensure!(
				round.commitments <= T::MaxCommitsPerRound::get(),
				"more commitments than the bound"
			);
			let phase = Self::phase_at(
				&round,
				&entry.spec.schedule,
				polkadot_sdk::frame_system::Pallet::<T>::block_number(),
			);
			ensure!(
				phase != RoundPhase::Verify || round.seed.is_some(),
				"verify phase without a seed"
			);
		}
		Ok(())
	}
}
