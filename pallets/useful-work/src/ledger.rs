//! The epoch ledger: crediting points (with the pool split), epochs, pruning, and the
//! [`WorkLedger`] the treasury reads.

use crate::{pallet::*, weights::WeightInfo};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::{traits::Get, weights::Weight},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::{Saturating, UniqueSaturatedInto, Zero},
};
use useful_work_primitives::{Reputation, ReputationLedger, 
	EpochActivity, EpochIndex, EpochObservation, PoolId, TaskId, WorkLedger, WorkPoints,
	WorkRecord,
};

impl<T: Config> Pallet<T> {
	/// The epoch that block `block` belongs to.
	pub fn epoch_at(block: BlockNumberFor<T>) -> EpochIndex {
		(block / Self::epoch_length()).unique_saturated_into()
	}

	/// Blocks per epoch on this chain.
	pub fn epoch_length() -> BlockNumberFor<T> {
		EpochBlocks::<T>::get()
	}

	/// The epoch of the current block.
	pub fn current_epoch() -> EpochIndex {
		Self::epoch_at(frame_system::Pallet::<T>::block_number())
	}

	pub(crate) fn is_epoch_start(block: BlockNumberFor<T>) -> bool {
		!block.is_zero() && (block % Self::epoch_length()).is_zero()
	}

	pub(crate) fn note_activity(update: impl FnOnce(&mut EpochActivity<BalanceOf<T>>)) {
		EpochActivities::<T>::mutate(Self::current_epoch(), update);
	}

	/// Credit `points` earned on `task` by `who`, working for `pool`: the pool's operator takes its
	/// fee, the rest is the worker's.
	///
	/// On a network task the points go to the epoch ledger the treasury pays from, and both
	/// count as active. On a paid task they are shares of its bounty only (see
	/// [`Pallet::create_paid_task`]).
	pub(crate) fn credit(
		task: TaskId,
		entry: &mut TaskOf<T>,
		who: &T::AccountId,
		pool: Option<PoolId>,
		role: WorkRole,
		points: WorkPoints,
	) {
		if points == 0 {
			return;
		}
		let pool_entry = pool.and_then(Pools::<T>::get);
		let pool = pool_entry.as_ref().and(pool);
		let fee = pool_entry.as_ref().map_or(0, |entry| entry.fee.mul_floor(points));
		let worker_points = points.saturating_sub(fee);
		let operator = pool_entry.filter(|_| fee > 0).map(|entry| entry.operator);

		if let Some(bounty) = entry.bounty.as_mut() {
			Self::credit_bounty(task, bounty, who, role, worker_points);
			if let Some(operator) = &operator {
				Self::credit_bounty(task, bounty, operator, WorkRole::PoolOperator, fee);
			}
			return;
		}

		let epoch = Self::current_epoch();
		EpochWork::<T>::mutate(epoch, who, |record| {
			let record = record.get_or_insert_with(WorkRecord::default);
			match role {
				WorkRole::Trainer => record.trainer.saturating_accrue(worker_points),
				WorkRole::Verifier => record.verifier.saturating_accrue(worker_points),
				WorkRole::PoolOperator => record.pool_fees.saturating_accrue(worker_points),
			}
			record.pool = pool;
		});
		Self::mark_active(who, epoch);
		Self::deposit_event(Event::PointsCredited {
			epoch,
			who: who.clone(),
			role,
			points: worker_points,
			pool,
		});
		if let Some(operator) = operator {
			EpochWork::<T>::mutate(epoch, &operator, |record| {
				let record = record.get_or_insert_with(WorkRecord::default);
				record.pool_fees.saturating_accrue(fee);
				record.pool = pool;
			});
			Self::mark_active(&operator, epoch);
		}
		Self::note_activity(|activity| activity.total_points.saturating_accrue(points));
	}

	/// Add `points` to `who`'s share of a paid task's bounty.
	fn credit_bounty(
		task: TaskId,
		bounty: &mut crate::Bounty<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
		who: &T::AccountId,
		role: WorkRole,
		points: WorkPoints,
	) {
		if points == 0 {
			return;
		}
		let earned = BountyPoints::<T>::mutate(task, who, |earned| {
			earned.saturating_accrue(points);
			*earned
		});
		bounty.total_points.saturating_accrue(points);
		if bounty.top.as_ref().is_none_or(|(_, top)| earned > *top) {
			bounty.top = Some((who.clone(), earned));
		}
		Self::deposit_event(Event::BountyPointsCredited { task, who: who.clone(), role, points });
	}

	fn mark_active(who: &T::AccountId, epoch: EpochIndex) {
		Contributors::<T>::mutate(who, |info| {
			if let Some(info) = info {
				info.last_active_epoch = epoch;
			}
		});
	}

	/// Most accounts that can earn treasury points in one epoch: everyone registered when it
	/// began plus everyone who registered during it (only registered accounts are credited).
	pub fn max_epoch_earners() -> u32 {
		T::MaxContributors::get().saturating_add(T::MaxRegistrationsPerEpoch::get())
	}

	/// A new epoch began: queue the ledger that left retention for removal and prune inactive
	/// contributors.
	pub(crate) fn rotate_epoch(epoch: EpochIndex) -> Weight {
		if let Some(expired) = epoch.checked_sub(T::EpochsRetained::get().saturating_add(1)) {
			EpochActivities::<T>::remove(expired);
			let queued = LedgerCleanup::<T>::mutate(|queue| queue.try_push(expired).is_ok());
			if !queued {
				// Each removal takes a few blocks of an epoch; a full queue means hooks did not
				// run for several epochs. Remove this one at once: it is bounded by the earners.
				let _ = EpochWork::<T>::clear_prefix(expired, Self::max_epoch_earners(), None);
			}
		}
		let inactive_for = T::PruneAfterEpochs::get();
		let stale: Vec<T::AccountId> = Contributors::<T>::iter()
			.filter(|(_, info)| {
				info.pending == 0 && epoch.saturating_sub(info.last_active_epoch) > inactive_for
			})
			.map(|(account, _)| account)
			.collect();
		let scanned = Contributors::<T>::count().saturating_add(stale.len() as u32);
		for who in stale {
			Self::remove_contributor(&who);
			Self::deposit_event(Event::Pruned { who });
		}
		T::WeightInfo::rotate_epoch(scanned)
	}

	/// Remove up to [`Config::MaxLedgerRemovalsPerBlock`] entries of the oldest expired epoch.
	pub(crate) fn clean_ledger_batch() -> Weight {
		let mut queue = LedgerCleanup::<T>::get();
		let Some(epoch) = queue.first().copied() else {
			return T::DbWeight::get().reads(1);
		};
		let result = EpochWork::<T>::clear_prefix(epoch, T::MaxLedgerRemovalsPerBlock::get(), None);
		if result.maybe_cursor.is_none() {
			queue.remove(0);
			LedgerCleanup::<T>::put(queue);
		}
		T::WeightInfo::clean_ledger_batch(result.unique)
	}

	/// Forget a contributor: leave its pool, drop its rate-limit entry and provider reference.
	pub(crate) fn remove_contributor(who: &T::AccountId) {
		let Some(info) = Contributors::<T>::get(who) else { return };
		if let Some(pool) = info.pool {
			Self::detach_from_pool(who, pool);
		}
		TotalReputation::<T>::mutate(|total| *total = total.saturating_sub(u64::from(info.reputation)));
		Contributors::<T>::remove(who);
		FeelessUsage::<T>::remove(who);
		// Fails only if something else made the account a consumer; then it stays alive.
		let _ = frame_system::Pallet::<T>::dec_providers(who);
	}

	/// Take `who` out of `pool`; the operator leaving dissolves the pool.
	pub(crate) fn detach_from_pool(who: &T::AccountId, pool: PoolId) {
		let clear = |account: &T::AccountId| {
			Contributors::<T>::mutate(account, |info| {
				if let Some(info) = info {
					info.pool = None;
				}
			})
		};
		let Some(mut entry) = Pools::<T>::get(pool) else {
			clear(who);
			return;
		};
		if &entry.operator == who {
			for member in &entry.members {
				clear(member);
			}
			Pools::<T>::remove(pool);
			Self::deposit_event(Event::PoolLeft { pool, who: who.clone() });
			Self::deposit_event(Event::PoolDissolved { pool });
		} else {
			entry.members.retain(|member| member != who);
			Pools::<T>::insert(pool, entry);
			clear(who);
			Self::deposit_event(Event::PoolLeft { pool, who: who.clone() });
		}
	}
}

impl<T: Config> ReputationLedger<T::AccountId> for Pallet<T> {
	fn reputation_of(who: &T::AccountId) -> Option<Reputation> {
		Contributors::<T>::get(who).map(|info| info.reputation)
	}

	fn total_reputation() -> u64 {
		TotalReputation::<T>::get()
	}
}

impl<T: Config> WorkLedger<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn current_epoch() -> EpochIndex {
		Pallet::<T>::current_epoch()
	}

	fn epoch_length() -> u32 {
		Pallet::<T>::epoch_length().unique_saturated_into()
	}

	fn epoch_work(epoch: EpochIndex) -> Vec<(T::AccountId, WorkRecord)> {
		EpochWork::<T>::iter_prefix(epoch).collect()
	}

	fn max_epoch_earners() -> u32 {
		Pallet::<T>::max_epoch_earners()
	}

	fn epoch_observation(epoch: EpochIndex) -> EpochObservation<BalanceOf<T>> {
		let mut active_contributors = 0u32;
		let mut pools: Vec<PoolId> = Vec::new();
		for (_, record) in EpochWork::<T>::iter_prefix(epoch) {
			active_contributors.saturating_inc();
			if let Some(pool) = record.pool {
				if let Err(position) = pools.binary_search(&pool) {
					pools.insert(position, pool);
				}
			}
		}
		EpochObservation {
			activity: EpochActivities::<T>::get(epoch),
			active_contributors,
			active_pools: pools.len() as u32,
			registered_contributors: Contributors::<T>::count(),
		}
	}
}
