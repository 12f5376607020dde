//! Splitting an epoch's emission among the accounts that did its work.
//!
//! Every account is paid in proportion to its weighted work points, rounded down, so a reward
//! is linear in work: splitting one contributor's work over many accounts never raises what it
//! is paid in total (rounding can only lose). While the network is young, no account and no pool
//! may take more than its configured share; what the caps hold back stays unissued rather than
//! going to the others, so that a cap never makes anyone else's work worth more than its points.

use crate::controller::{share_of, Amount, CategoryWeights, YoungNetworkRules};
use alloc::{collections::BTreeMap, vec::Vec};
use polkadot_sdk::sp_arithmetic::{traits::Saturating, Perbill};
use useful_work_primitives::{PoolId, WorkRecord};

/// The caps in force for one epoch.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Caps {
	/// Most one account may take.
	pub per_account: Amount,
	/// Most one pool (operator and members together) may take.
	pub per_pool: Amount,
}

impl Caps {
	/// The caps of a young epoch emitting `emission`.
	pub fn young(rules: &YoungNetworkRules, emission: Amount) -> Self {
		Self {
			per_account: rules.max_account_share.mul_floor(emission),
			per_pool: rules.max_pool_share.mul_floor(emission),
		}
	}
}

/// How an epoch's emission was split.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Distribution<AccountId> {
	/// What each account is paid (only non-zero amounts, in ledger order).
	pub payouts: Vec<(AccountId, Amount)>,
	/// What the young-network caps held back.
	pub withheld_by_caps: Amount,
	/// Rounding dust, or the whole emission when nobody has weighted points.
	pub undistributed: Amount,
	/// The largest payout as a share of the emission.
	pub top_share: Perbill,
}

impl<AccountId> Distribution<AccountId> {
	/// The sum of all payouts.
	pub fn paid(&self) -> Amount {
		self.payouts.iter().fold(0, |sum, (_, amount)| sum.saturating_add(*amount))
	}
}

/// An account's work points, each kind weighed by `weights`.
pub fn weighted_points(record: &WorkRecord, weights: &CategoryWeights) -> u128 {
	[
		(record.trainer, weights.trainer),
		(record.verifier, weights.verifier),
		(record.oracle, weights.oracle),
		(record.pool_fees, weights.pool_operator),
	]
	.iter()
	.fold(0u128, |sum, (points, weight)| sum.saturating_add(u128::from(weight.mul_floor(*points))))
}

/// Split `emission` among `work` by weighted points, applying `caps` when given.
pub fn distribute<AccountId: Clone>(
	emission: Amount,
	work: &[(AccountId, WorkRecord)],
	weights: &CategoryWeights,
	caps: Option<Caps>,
) -> Distribution<AccountId> {
	let points: Vec<u128> = work.iter().map(|(_, record)| weighted_points(record, weights)).collect();
	let total = points.iter().fold(0u128, |sum, p| sum.saturating_add(*p));
	let proportional: Vec<Amount> =
		points.iter().map(|p| share_of(emission, *p, total)).collect();

	let mut paid = proportional.clone();
	if let Some(caps) = caps {
		for amount in paid.iter_mut() {
			*amount = (*amount).min(caps.per_account);
		}
		let mut pool_totals: BTreeMap<PoolId, Amount> = BTreeMap::new();
		for ((_, record), amount) in work.iter().zip(&paid) {
			if let Some(pool) = record.pool {
				pool_totals.entry(pool).or_default().saturating_accrue(*amount);
			}
		}
		for ((_, record), amount) in work.iter().zip(paid.iter_mut()) {
			let Some(pool_total) = record.pool.and_then(|pool| pool_totals.get(&pool)) else {
				continue;
			};
			if *pool_total > caps.per_pool {
				*amount = share_of(*amount, caps.per_pool, *pool_total);
			}
		}
	}

	let sum = |amounts: &[Amount]| amounts.iter().fold(0u128, |s, a| s.saturating_add(*a));
	let proportional_sum = sum(&proportional);
	let paid_sum = sum(&paid);
	let top = paid.iter().copied().max().unwrap_or(0);
	Distribution {
		payouts: work
			.iter()
			.zip(paid)
			.filter(|(_, amount)| *amount > 0)
			.map(|((who, _), amount)| (who.clone(), amount))
			.collect(),
		withheld_by_caps: proportional_sum.saturating_sub(paid_sum),
		undistributed: emission.saturating_sub(proportional_sum),
		top_share: if emission == 0 { Perbill::zero() } else { Perbill::from_rational(top, emission) },
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::controller::ControllerParams;

	fn trainer(points: u64, pool: Option<PoolId>) -> WorkRecord {
		WorkRecord { trainer: points, pool, ..Default::default() }
	}

	fn weights() -> CategoryWeights {
		ControllerParams::default().weights
	}

	fn amount_of(distribution: &Distribution<u32>, who: u32) -> Amount {
		distribution.payouts.iter().find(|(a, _)| *a == who).map_or(0, |(_, amount)| *amount)
	}

	#[test]
	fn emission_is_split_by_points_and_conserved() {
		let work = [(1, trainer(1, None)), (2, trainer(3, None))];
		let split = distribute(1_000, &work, &weights(), None);
		assert_eq!(split.payouts, vec![(1, 250), (2, 750)]);
		assert_eq!(split.paid() + split.withheld_by_caps + split.undistributed, 1_000);
		assert_eq!(split.top_share, Perbill::from_percent(75));
	}

	#[test]
	fn category_weights_shape_the_split() {
		let mut weights = weights();
		weights.verifier = Perbill::from_percent(50);
		let verifier = WorkRecord { verifier: 200, ..Default::default() };
		let oracle = WorkRecord { oracle: 100, ..Default::default() };
		let operator = WorkRecord { pool_fees: 100, ..Default::default() };
		let work = [(1, trainer(100, None)), (2, verifier), (3, oracle), (4, operator)];
		let split = distribute(400, &work, &weights, None);
		assert_eq!(split.payouts, vec![(1, 100), (2, 100), (3, 100), (4, 100)]);
	}

	#[test]
	fn nobody_with_points_means_nothing_paid() {
		let split = distribute(1_000, &[(1, WorkRecord::default())], &weights(), None);
		assert!(split.payouts.is_empty());
		assert_eq!(split.undistributed, 1_000);
	}

	#[test]
	fn young_caps_hold_accounts_and_pools_and_keep_the_excess_unissued() {
		let caps = Caps { per_account: 300, per_pool: 400 };
		let work = [
			(1, trainer(60, None)),
			(2, trainer(10, Some(7))),
			(3, trainer(20, Some(7))),
			(4, trainer(10, Some(7))),
		];
		let split = distribute(1_000, &work, &weights(), Some(caps));
		assert_eq!(amount_of(&split, 1), 300, "held to the account cap");
		// The pool earned 100 + 200 + 100 = 400 before the cap: exactly the pool cap.
		assert_eq!(amount_of(&split, 3), 200);
		assert_eq!(split.withheld_by_caps, 300);
		assert_eq!(split.paid(), 700);

		let crowded = [(1, trainer(50, Some(1))), (2, trainer(50, Some(1)))];
		let split = distribute(1_000, &crowded, &weights(), Some(Caps { per_account: 1_000, per_pool: 400 }));
		assert_eq!(split.payouts, vec![(1, 200), (2, 200)], "pool members scaled down together");
	}
}
