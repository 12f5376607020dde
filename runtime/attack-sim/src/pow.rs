//! The registration proof of work, solved as a client does and counted hash by hash.
//!
//! The chain checks `blake2_256(REGISTRATION_WORK_CONTEXT ++ payload ++ nonce)` for leading zero
//! bits ([`useful_work_primitives::registration_work`]). [`solve`] searches nonces from 0 like
//! [`useful_work_primitives::solve_registration_work`], but hashes the fixed prefix once and only
//! the nonce's block per try, and returns how many nonces it tried: the work an attacker spends
//! is a figure of the report. Every solution is checked with the chain's own function before it
//! is used.

use useful_work_primitives::{
	meets_registration_difficulty, solve_registration_work, REGISTRATION_WORK_CONTEXT,
};

/// A nonce that meets a difficulty, and what finding it took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Solution {
	/// The nonce to register with.
	pub nonce: u64,
	/// Hashes computed to find it (nonces tried).
	pub tries: u64,
	/// Leading zero bits it actually reached (at least the difficulty asked for), so that a
	/// client may reuse it while the chain asks no more.
	pub bits: u32,
}

/// Leading zero bits of `hash` read as a big-endian number.
pub fn leading_zero_bits(hash: &[u8]) -> u32 {
	let mut bits = 0u32;
	for byte in hash {
		if *byte == 0 {
			bits = bits.saturating_add(8);
		} else {
			return bits.saturating_add(byte.leading_zeros());
		}
	}
	bits
}

/// The smallest nonce from 0 whose registration work over `payload` has `difficulty` leading
/// zero bits. Expected tries: `2^difficulty`.
pub fn solve(payload: &[u8], difficulty: u32) -> Solution {
	let mut prefix = blake2b_simd::Params::new().hash_length(32).to_state();
	prefix.update(REGISTRATION_WORK_CONTEXT);
	prefix.update(payload);
	let mut nonce = 0u64;
	loop {
		let mut state = prefix.clone();
		state.update(&nonce.to_le_bytes());
		let bits = leading_zero_bits(state.finalize().as_bytes());
		if bits >= difficulty {
			if meets_registration_difficulty(payload, nonce, difficulty) {
				return Solution { nonce, tries: nonce.saturating_add(1), bits };
			}
			// The fast search disagrees with the chain's function (it never should): use the
			// chain's own search instead.
			let nonce = solve_registration_work(payload, difficulty, 0);
			return Solution { nonce, tries: nonce.saturating_add(1), bits: difficulty };
		}
		nonce = nonce.wrapping_add(1);
	}
}

/// Expected hashes of one registration at `difficulty`: `2^difficulty`.
pub fn expected_tries(difficulty: u32) -> f64 {
	2f64.powi(i32::try_from(difficulty).unwrap_or(i32::MAX))
}

#[cfg(test)]
mod tests {
	use super::*;
	use useful_work_primitives::registration_work;

	#[test]
	fn solutions_meet_the_chains_check_and_match_its_search() {
		for (i, difficulty) in [0u32, 1, 4, 8, 11].into_iter().enumerate() {
			let payload = vec![i as u8; 107];
			let solution = solve(&payload, difficulty);
			assert!(meets_registration_difficulty(&payload, solution.nonce, difficulty));
			assert_eq!(solution.nonce, solve_registration_work(&payload, difficulty, 0));
			assert_eq!(solution.tries, solution.nonce + 1);
			assert!(solution.bits >= difficulty);
			let hash = registration_work(&payload, solution.nonce);
			assert_eq!(leading_zero_bits(hash.as_bytes()), solution.bits);
		}
	}

	#[test]
	fn leading_zero_bits_counts_across_bytes() {
		assert_eq!(leading_zero_bits(&[0xff, 0]), 0);
		assert_eq!(leading_zero_bits(&[0x0f, 0]), 4);
		assert_eq!(leading_zero_bits(&[0, 0x01]), 15);
		assert_eq!(leading_zero_bits(&[0, 0]), 16);
	}
}
