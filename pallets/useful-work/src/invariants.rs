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
use useful_work_primitives::PPM;

impl<T: Config> Pallet<T> {
	/// Check every invariant of the pallet's storage.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_pending_matches_work()?;
		Self::check_assignments_match_submissions()?;
		Self::check_escrow_covers_bounties()?;
		Self::check_pools()?;
		Self::check_rounds()?;
		ensure!(
			Contributors::<T>::count() <= T::MaxContributors::get(),
			"more contributors than the bound"
		);
		ensure!(Tasks::<T>::count() <= T::MaxTasks::get(), "more tasks than the bound");
		for (_, info) in Contributors::<T>::iter() {
			ensure!(info.reputation <= PPM, "reputation above one million ppm");
		}
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

	/// Escrow holds at least every live bounty (anyone may send it more).
	fn check_escrow_covers_bounties() -> Result<(), TryRuntimeError> {
		let owed = Tasks::<T>::iter_values()
			.filter_map(|task| task.bounty.map(|bounty| bounty.amount))
			.fold(BalanceOf::<T>::default(), |sum, amount| sum.saturating_add(amount));
		ensure!(
			T::Currency::balance(&Self::escrow_account()) >= owed,
			"escrow holds less than the live bounties"
		);
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
