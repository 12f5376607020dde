//! The fuzzer's randomness: a seeded SplitMix64, so that a seed replays a run exactly.

/// SplitMix64: small and well mixed; a whole run follows from its seed.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
	pub(crate) fn next_u64(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		z ^ (z >> 31)
	}

	/// Uniform in `0..n` (0 when `n` is 0).
	pub(crate) fn below(&mut self, n: u64) -> u64 {
		if n == 0 {
			0
		} else {
			self.next_u64() % n
		}
	}

	pub(crate) fn below_u32(&mut self, n: u32) -> u32 {
		self.below(u64::from(n)) as u32
	}

	pub(crate) fn below_u128(&mut self, n: u128) -> u128 {
		if n == 0 {
			return 0;
		}
		let wide = (u128::from(self.next_u64()) << 64) | u128::from(self.next_u64());
		wide % n
	}

	pub(crate) fn index(&mut self, len: usize) -> usize {
		self.below(len as u64) as usize
	}

	/// `true` with a chance of `percent` %.
	pub(crate) fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}

	pub(crate) fn one_of<T: Copy>(&mut self, items: &[T]) -> T {
		items[self.index(items.len())]
	}

	pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
		if items.is_empty() {
			None
		} else {
			Some(self.one_of(items))
		}
	}

	pub(crate) fn bytes32(&mut self) -> [u8; 32] {
		let mut out = [0u8; 32];
		for chunk in out.chunks_mut(8) {
			chunk.copy_from_slice(&self.next_u64().to_le_bytes());
		}
		out
	}

	pub(crate) fn bytes(&mut self, len: usize) -> Vec<u8> {
		(0..len).map(|_| self.next_u64() as u8).collect()
	}

	/// Bytes that often decode as SCALE: mostly zeros and small numbers, sometimes anything.
	pub(crate) fn decodable_bytes(&mut self, len: usize) -> Vec<u8> {
		(0..len)
			.map(|_| match self.below(10) {
				0..=3 => 0,
				4..=6 => self.below(8) as u8,
				_ => self.next_u64() as u8,
			})
			.collect()
	}

	pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
		for i in (1..items.len()).rev() {
			let j = self.index(i + 1);
			items.swap(i, j);
		}
	}

	/// An index into `weights`, chosen in proportion to them.
	pub(crate) fn weighted(&mut self, weights: &[u32]) -> usize {
		let total: u32 = weights.iter().sum();
		let mut ticket = self.below_u32(total);
		for (index, weight) in weights.iter().enumerate() {
			if ticket < *weight {
				return index;
			}
			ticket -= weight;
		}
		weights.len().saturating_sub(1)
	}
}
