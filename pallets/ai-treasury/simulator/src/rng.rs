//! A small deterministic random number generator, so that a seed always gives the same run.

/// SplitMix64: tiny, fast and good enough for generating simulated work.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
	state: u64,
}

impl SplitMix64 {
	/// A generator starting from `seed`.
	pub fn new(seed: u64) -> Self {
		Self { state: seed }
	}

	/// The next 64 random bits.
	pub fn next_u64(&mut self) -> u64 {
		self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
		finalize(self.state)
	}

	/// A uniform number in `[0, 1)`.
	pub fn unit(&mut self) -> f64 {
		unit_of(self.next_u64())
	}

	/// A uniform integer in `[0, n)`; 0 when `n` is 0.
	pub fn below(&mut self, n: u64) -> u64 {
		self.next_u64().checked_rem(n).unwrap_or(0)
	}

	/// `true` with probability `p`.
	pub fn chance(&mut self, p: f64) -> bool {
		self.unit() < p
	}

	/// A uniform number in `[mean × (1 − spread), mean × (1 + spread))`.
	pub fn around(&mut self, mean: f64, spread: f64) -> f64 {
		mean * (1.0 + spread * (2.0 * self.unit() - 1.0))
	}
}

/// Mix two numbers into one well-spread 64-bit value (for seeds and per-account traits).
pub fn mix(a: u64, b: u64) -> u64 {
	finalize(
		a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ finalize(b.wrapping_add(0xD1B5_4A32_D192_ED03)),
	)
}

/// A uniform number in `[0, 1)` from 64 random bits.
pub fn unit_of(bits: u64) -> f64 {
	// The top 53 bits fill an f64 mantissa exactly.
	(bits >> 11) as f64 / (1u64 << 53) as f64
}

/// A stable 64-bit hash of a name (FNV-1a), to derive a seed from it.
pub fn hash_name(name: &str) -> u64 {
	name.bytes().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
		(hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3)
	})
}

fn finalize(mut z: u64) -> u64 {
	z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
	z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
	z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn same_seed_same_numbers() {
		let (mut a, mut b) = (SplitMix64::new(7), SplitMix64::new(7));
		for _ in 0..100 {
			assert_eq!(a.next_u64(), b.next_u64());
		}
	}

	#[test]
	fn units_stay_in_range() {
		let mut rng = SplitMix64::new(1);
		for _ in 0..10_000 {
			let u = rng.unit();
			assert!((0.0..1.0).contains(&u));
			assert!(rng.below(3) < 3);
		}
		assert_eq!(rng.below(0), 0);
	}
}
