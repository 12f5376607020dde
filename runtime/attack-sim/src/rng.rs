//! Deterministic randomness without state: every draw is a hash of the seed and of what it is
//! for (an account, a task, a round, a purpose tag).
//!
//! Stateless draws keep the honest population's behaviour identical across scenarios: an honest
//! contributor decides whether to train round 7 of task 1 from the same numbers whatever an
//! attacker did before.

/// What a draw is for; mixed into every draw so that two purposes never share a number.
pub mod tags {
	/// Whether a contributor trains a round.
	pub const TRAIN: u64 = 0x7261_696e;
	/// How many blocks into the commit phase a contributor commits.
	pub const DELAY: u64 = 0x6465_6c61;
	/// The order of same-block commits.
	pub const ORDER: u64 = 0x6f72_6465;
	/// A contributor's lasting skill.
	pub const SKILL: u64 = 0x736b_696c;
	/// Round-to-round noise of a model.
	pub const NOISE: u64 = 0x6e6f_6973;
	/// How bad a junk model is.
	pub const JUNK: u64 = 0x6a75_6e6b;
	/// Artifact hashes.
	pub const ARTIFACT: u64 = 0x6172_7469;
	/// Commitment salts.
	pub const SALT: u64 = 0x7361_6c74;
	/// When a newcomer arrives.
	pub const ARRIVAL: u64 = 0x6172_7269;
}

/// Mix two numbers into one well-spread 64-bit value (SplitMix64's finalizer).
pub fn mix(a: u64, b: u64) -> u64 {
	finalize(
		a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ finalize(b.wrapping_add(0xD1B5_4A32_D192_ED03)),
	)
}

/// One random 64-bit number for `parts` (seed, identities and a tag).
pub fn draw(parts: &[u64]) -> u64 {
	parts.iter().fold(0x5EED_0F_A77A_C4E5, |acc, part| mix(acc, *part))
}

/// A uniform number in `[0, 1)` from 64 random bits.
pub fn unit(bits: u64) -> f64 {
	// The top 53 bits fill an f64 mantissa exactly.
	(bits >> 11) as f64 / (1u64 << 53) as f64
}

/// A uniform integer in `[0, n)` from 64 random bits; 0 when `n` is 0.
pub fn below(bits: u64, n: u64) -> u64 {
	bits.checked_rem(n).unwrap_or(0)
}

/// A stable 64-bit number for a name (FNV-1a).
pub fn name_key(name: &[u8]) -> u64 {
	name.iter().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
		(hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01B3)
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
	fn draws_are_deterministic_and_depend_on_every_part() {
		assert_eq!(draw(&[1, 2, 3]), draw(&[1, 2, 3]));
		assert_ne!(draw(&[1, 2, 3]), draw(&[1, 2, 4]));
		assert_ne!(draw(&[1, 2, 3]), draw(&[3, 2, 1]));
	}

	#[test]
	fn units_and_ranges_stay_in_bounds() {
		for i in 0..10_000u64 {
			let bits = draw(&[i]);
			let u = unit(bits);
			assert!((0.0..1.0).contains(&u));
			assert!(below(bits, 7) < 7);
		}
		assert_eq!(below(5, 0), 0);
	}

	#[test]
	fn units_are_roughly_uniform() {
		let n = 20_000u64;
		let low = (0..n).filter(|i| unit(draw(&[*i, tags::TRAIN])) < 0.3).count() as f64;
		let share = low / n as f64;
		assert!((0.28..0.32).contains(&share), "share below 0.3 was {share}");
	}
}
