//! Paid tasks: settling an escrowed bounty by the points earned on the task.
//!
//! A finished task's bounty is paid out over as many blocks as it needs,
//! [`Config::MaxBountyPayoutsPerBlock`] shares per block, so that however many accounts earned on
//! a task, no block does more than a benchmarked, bounded amount of work.

use crate::{pallet::*, weights::WeightInfo, Bounty, BountySettlement};
use polkadot_sdk::{
	frame_support::{
		defensive,
		traits::{fungible::Mutate, tokens::Preservation, Get},
		weights::Weight,
	},
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::{
		helpers_128bit::multiply_by_rational_with_rounding,
		traits::{SaturatedConversion, Saturating, Zero},
		Rounding,
	},
};
use useful_work_primitives::TaskId;

impl<T: Config> Pallet<T> {
	/// The task ended: refund its bounty at once if nobody earned on it, otherwise queue it for
	/// payout by points. The task's paid-task slot stays taken until the payout completes.
	pub(crate) fn begin_bounty_settlement(
		task: TaskId,
		bounty: Bounty<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
	) {
		let Some((top, _)) = bounty.top.filter(|_| bounty.total_points > 0) else {
			let refunded = T::Currency::transfer(
				&Self::escrow_account(),
				&bounty.requester,
				bounty.amount,
				Preservation::Expendable,
			);
			if refunded.is_err() {
				defensive!("escrow holds every live bounty");
			}
			PaidTaskCount::<T>::mutate(|count| count.saturating_dec());
			Self::deposit_event(Event::BountyRefunded {
				task,
				requester: bounty.requester,
				amount: bounty.amount,
			});
			return;
		};
		BountySettlements::<T>::insert(
			task,
			BountySettlement {
				requester: bounty.requester,
				amount: bounty.amount,
				total_points: bounty.total_points,
				top,
				paid: Zero::zero(),
				recipients: 0,
			},
		);
		Self::deposit_event(Event::BountySettling { task, total_points: bounty.total_points });
	}

	/// Pay the next batch of shares of one settling bounty (in storage order). Each account gets the bounty
	/// in proportion to its points, rounded down; the top scorer is paid last and gets the rest
	/// (rounding dust and shares that could not be delivered), so the whole amount always leaves
	/// escrow. Shares paid to the requester itself are not counted as demand.
	pub(crate) fn pay_bounty_batch() -> Weight {
		let Some((task, mut settlement)) = BountySettlements::<T>::iter().next() else {
			return T::DbWeight::get().reads(1);
		};
		let escrow = Self::escrow_account();
		let batch: alloc::vec::Vec<_> =
			BountyPoints::<T>::iter_prefix(task).take(T::MaxBountyPayoutsPerBlock::get() as usize).collect();
		let handled = batch.len() as u32;
		let mut demand = BalanceOf::<T>::zero();
		for (who, points) in batch {
			BountyPoints::<T>::remove(task, &who);
			if who == settlement.top || points == 0 {
				continue;
			}
			let share: BalanceOf<T> = multiply_by_rational_with_rounding(
				settlement.amount.saturated_into::<u128>(),
				u128::from(points),
				u128::from(settlement.total_points),
				Rounding::Down,
			)
			.unwrap_or_default()
			.saturated_into();
			if share.is_zero() {
				continue;
			}
			if T::Currency::transfer(&escrow, &who, share, Preservation::Expendable).is_ok() {
				settlement.paid.saturating_accrue(share);
				settlement.recipients.saturating_inc();
				if who != settlement.requester {
					demand.saturating_accrue(share);
				}
			}
		}

		if BountyPoints::<T>::iter_prefix(task).next().is_some() {
			BountySettlements::<T>::insert(task, settlement);
		} else {
			let rest = settlement.amount.saturating_sub(settlement.paid);
			if T::Currency::transfer(&escrow, &settlement.top, rest, Preservation::Expendable).is_ok() {
				settlement.recipients.saturating_inc();
				if settlement.top != settlement.requester {
					demand.saturating_accrue(rest);
				}
			} else {
				defensive!("the top share of a bounty reaches the existential deposit");
				let _ = T::Currency::transfer(&escrow, &settlement.requester, rest, Preservation::Expendable);
			}
			BountySettlements::<T>::remove(task);
			PaidTaskCount::<T>::mutate(|count| count.saturating_dec());
			Self::deposit_event(Event::BountyPaid {
				task,
				recipients: settlement.recipients,
				amount: settlement.amount,
			});
		}
		if !demand.is_zero() {
			Self::note_activity(|activity| activity.bounties_paid.saturating_accrue(demand));
		}
		T::WeightInfo::pay_bounty_batch(handled)
	}
}
