//! Concentration measures over rewards (off-chain reporting, so floats are fine here).

use pallet_ai_treasury::Amount;

/// The Gini coefficient of `values`: 0 when everyone has the same, close to 1 when one has
/// everything. `None` when there is nobody or nothing to share.
pub fn gini(values: &[Amount]) -> Option<f64> {
	let mut sorted: Vec<f64> = values.iter().map(|value| *value as f64).collect();
	sorted.sort_by(f64::total_cmp);
	let total: f64 = sorted.iter().sum();
	if sorted.is_empty() || total <= 0.0 {
		return None;
	}
	let n = sorted.len() as f64;
	// G = 2 Σ i·x_i / (n Σ x) − (n + 1) / n, with i from 1 over the values in ascending order.
	let weighted: f64 = (1u32..).zip(&sorted).map(|(i, x)| f64::from(i) * x).sum();
	Some((2.0 * weighted / (n * total) - (n + 1.0) / n).max(0.0))
}

/// The largest of `values` as a share of `total`; `None` when `total` is 0.
pub fn top_share(values: &[Amount], total: Amount) -> Option<f64> {
	let top = values.iter().copied().max()?;
	share(top, total)
}

/// `part` over `total`; `None` when `total` is 0.
pub fn share(part: Amount, total: Amount) -> Option<f64> {
	(total > 0).then(|| part as f64 / total as f64)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn equal_rewards_have_no_inequality() {
		assert_eq!(gini(&[5; 100]), Some(0.0));
		assert_eq!(gini(&[7]), Some(0.0));
	}

	#[test]
	fn one_winner_is_close_to_one() {
		let rewards: Vec<Amount> =
			(0..1_000).map(|i| if i == 17 { 1_000_000 } else { 0 }).collect();
		let g = gini(&rewards).expect("something was paid");
		assert!((g - 0.999).abs() < 1e-9, "{g}");
	}

	#[test]
	fn a_known_case() {
		// Two of four hold everything equally: G = 0.5.
		let g = gini(&[0, 0, 10, 10]).expect("something was paid");
		assert!((g - 0.5).abs() < 1e-12, "{g}");
	}

	#[test]
	fn nothing_to_share_has_no_measure() {
		assert_eq!(gini(&[]), None);
		assert_eq!(gini(&[0, 0]), None);
		assert_eq!(top_share(&[0, 0], 0), None);
		assert_eq!(top_share(&[1, 3], 4), Some(0.75));
	}
}
