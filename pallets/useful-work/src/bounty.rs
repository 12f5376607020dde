//! Paid tasks: settling an escrowed bounty by the points earned on the task.

use crate::{pallet::*, Bounty};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::{
		defensive,
		traits::{fungible::Mutate, tokens::Preservation},
	},
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::{
		helpers_128bit::multiply_by_rational_with_rounding,
		traits::{SaturatedConversion, Saturating, Zero},
		Rounding,
	},
};
use useful_work_primitives::{TaskId, WorkPoints};

impl<T: Config> Pallet<T> {
	/// Pay the bounty of `task` out of escrow in proportion to the points earned on it, or
	/// refund it when nobody earned any. The whole amount always leaves escrow: rounding dust and
	/// shares that cannot be delivered go to the top scorer, whose share of a bounty of at least
	/// `MinBounty` always reaches the existential deposit.
	pub(crate) fn settle_bounty(
		task: TaskId,
		bounty: Bounty<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
	) {
		let escrow = Self::escrow_account();
		let earned: Vec<(T::AccountId, WorkPoints)> =
			BountyPoints::<T>::drain_prefix(task).filter(|(_, points)| *points > 0).collect();
		let total: WorkPoints = earned.iter().fold(0, |sum, (_, points)| sum.saturating_add(*points));
		let top = earned
			.iter()
			.enumerate()
			.max_by_key(|(position, (_, points))| (*points, core::cmp::Reverse(*position)))
			.map(|(position, _)| position);
		let Some(top) = top.filter(|_| total > 0) else {
			let refunded =
				T::Currency::transfer(&escrow, &bounty.requester, bounty.amount, Preservation::Expendable);
			if refunded.is_err() {
				defensive!("escrow holds every live bounty");
			}
			Self::deposit_event(Event::BountyRefunded {
				task,
				requester: bounty.requester,
				amount: bounty.amount,
			});
			return;
		};

		let mut paid = BalanceOf::<T>::zero();
		let mut recipients = 0u32;
		for (position, (who, points)) in earned.iter().enumerate() {
			if position == top {
				continue;
			}
			let share: BalanceOf<T> = multiply_by_rational_with_rounding(
				bounty.amount.saturated_into::<u128>(),
				u128::from(*points),
				u128::from(total),
				Rounding::Down,
			)
			.unwrap_or_default()
			.saturated_into();
			if share.is_zero() {
				continue;
			}
			if T::Currency::transfer(&escrow, who, share, Preservation::Expendable).is_ok() {
				paid.saturating_accrue(share);
				recipients.saturating_inc();
			}
		}
		let rest = bounty.amount.saturating_sub(paid);
		let top_paid = earned
			.get(top)
			.map(|(who, _)| T::Currency::transfer(&escrow, who, rest, Preservation::Expendable));
		match top_paid {
			Some(Ok(_)) => recipients.saturating_inc(),
			_ => {
				defensive!("the top share of a bounty reaches the existential deposit");
				let _ = T::Currency::transfer(&escrow, &bounty.requester, rest, Preservation::Expendable);
			},
		}
		Self::note_activity(|activity| activity.bounties_paid.saturating_accrue(bounty.amount));
		Self::deposit_event(Event::BountyPaid { task, recipients, amount: bounty.amount });
	}
}
