//! Pure, deterministic arithmetic of a round: seeded sampling and the weighted median.
//!
//! Integer only: these run in consensus.

use alloc::vec::Vec;
use codec::Encode;
use polkadot_sdk::{sp_core::H256, sp_io::hashing::blake2_256};
use useful_work_primitives::MetricValue;

/// A deterministic stream of random `u64`s: `blake2_256(seed, label, counter)`.
pub(crate) struct SeededStream {
	seed: H256,
	label: u32,
	counter: u32,
}

impl SeededStream {
	pub(crate) fn new(seed: H256, label: u32) -> Self {
		Self { seed, label, counter: 0 }
	}

	pub(crate) fn next_u64(&mut self) -> u64 {
		let digest = blake2_256(&(self.seed, self.label, self.counter).encode());
		self.counter = self.counter.wrapping_add(1);
		let mut word = [0u8; 8];
		word.copy_from_slice(digest.get(..8).unwrap_or(&[0u8; 8]));
		u64::from_le_bytes(word)
	}
}

/// Picks up to `count` distinct indices of `weights`, each draw proportional to the weight among
/// those not yet picked. Entries of weight zero are never picked.
pub(crate) fn weighted_sample(weights: &[u64], count: usize, stream: &mut SeededStream) -> Vec<usize> {
	let mut remaining: Vec<(usize, u64)> =
		weights.iter().copied().enumerate().filter(|(_, weight)| *weight > 0).collect();
	let mut picked = Vec::with_capacity(count.min(remaining.len()));
	while picked.len() < count && !remaining.is_empty() {
		let total: u64 = remaining.iter().fold(0u64, |sum, (_, weight)| sum.saturating_add(*weight));
		let mut target = stream.next_u64() % total.max(1);
		let mut chosen = remaining.len().saturating_sub(1);
		for (position, (_, weight)) in remaining.iter().enumerate() {
			if target < *weight {
				chosen = position;
				break;
			}
			target = target.saturating_sub(*weight);
		}
		let (index, _) = remaining.swap_remove(chosen);
		picked.push(index);
	}
	picked
}

/// The weighted median of `(value, weight)` reports: the smallest value at which the cumulative
/// weight reaches half of the total. A set of colluding reports holding less than half of the
/// weight cannot move it outside the range of the honest reports.
///
/// `None` when there are no reports.
pub(crate) fn weighted_median(reports: &[(MetricValue, u64)]) -> Option<MetricValue> {
	let mut sorted: Vec<(MetricValue, u64)> = reports.to_vec();
	sorted.sort_by_key(|(value, _)| *value);
	let total: u128 = sorted.iter().map(|(_, weight)| u128::from(*weight)).sum();
	let mut cumulative: u128 = 0;
	for (value, weight) in &sorted {
		cumulative = cumulative.saturating_add(u128::from(*weight));
		if cumulative.saturating_mul(2) >= total {
			return Some(*value);
		}
	}
	sorted.last().map(|(value, _)| *value)
}

/// Whether `report` lies within `tolerance` of `accepted`.
pub(crate) fn within(report: MetricValue, accepted: MetricValue, tolerance: MetricValue) -> bool {
	report.abs_diff(accepted) <= tolerance
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn median_of_equal_weights_is_the_middle_value() {
		assert_eq!(weighted_median(&[(900, 1), (100, 1), (500, 1)]), Some(500));
	}

	#[test]
	fn a_light_minority_cannot_move_the_median() {
		// Two honest verifiers at ~0.95, one liar at 0.10 with less weight than the honest pair.
		let reports = [(950_000, 400_000), (949_000, 400_000), (100_000, 700_000)];
		let median = weighted_median(&reports).expect("reports are not empty");
		assert!((949_000..=950_000).contains(&median), "median {median} moved by the liar");
	}

	#[test]
	fn a_heavy_majority_decides_the_median() {
		let reports = [(10, 1), (20, 1), (30, 10)];
		assert_eq!(weighted_median(&reports), Some(30));
	}

	#[test]
	fn no_reports_no_median() {
		assert_eq!(weighted_median(&[]), None);
	}

	#[test]
	fn sampling_is_deterministic_distinct_and_skips_zero_weights() {
		let weights = [5, 0, 7, 9, 1];
		let first = weighted_sample(&weights, 3, &mut SeededStream::new(H256::repeat_byte(7), 1));
		let again = weighted_sample(&weights, 3, &mut SeededStream::new(H256::repeat_byte(7), 1));
		assert_eq!(first, again);
		assert_eq!(first.len(), 3);
		assert!(!first.contains(&1));
		let mut unique = first.clone();
		unique.sort();
		unique.dedup();
		assert_eq!(unique.len(), 3);
	}

	#[test]
	fn sampling_never_returns_more_than_the_positive_entries() {
		let picked = weighted_sample(&[0, 3, 0], 5, &mut SeededStream::new(H256::zero(), 0));
		assert_eq!(picked, vec![1]);
	}

	#[test]
	fn sampling_follows_the_weights() {
		// Over many seeds, an entry with 9x the weight is picked first far more often.
		let mut heavy = 0;
		for label in 0..1_000u32 {
			let picked = weighted_sample(&[1, 9], 1, &mut SeededStream::new(H256::zero(), label));
			if picked == vec![1] {
				heavy += 1;
			}
		}
		assert!((850..=950).contains(&heavy), "heavy entry picked {heavy} times of 1000");
	}
}
