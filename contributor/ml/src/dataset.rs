//! Datasets the reference tasks name: shipped files pinned by hash, and seeded generators.
//! Nothing is downloaded: the UCI digits CSV is compiled into the binary.

use crate::{rng::SplitMix64, MlError};
use std::io::Read;

/// The UCI 8x8 handwritten digits (CC BY 4.0), gzip-compressed, as shipped in
/// `contributor/datasets/`.
pub const UCI_DIGITS_GZ: &[u8] = include_bytes!("../../datasets/uci-digits-8x8.csv.gz");

/// BLAKE2b-256 of the decompressed digits CSV: the `content_hash` the chain's reference task
/// pins (`runtime/src/genesis_config_presets.rs`).
pub const UCI_DIGITS_CONTENT_HASH: [u8; 32] = [
	0xe3, 0xd3, 0x22, 0xed, 0xef, 0xd7, 0x9b, 0x22, 0xfb, 0xdc, 0xd8, 0x12, 0x59, 0x6f, 0x7b, 0xc5,
	0xea, 0xdc, 0x36, 0xa1, 0x9c, 0x70, 0xf8, 0x6b, 0x4b, 0x78, 0x5f, 0xbf, 0x2d, 0x08, 0x63, 0x89,
];

/// Largest decompressed dataset accepted, so a corrupted or hostile file cannot exhaust memory.
const MAX_DECOMPRESSED_BYTES: u64 = 64 << 20;

/// Samples with dense `f32` features and class labels.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
	/// Row-major features, `len() × dim` values.
	pub features: Vec<f32>,
	/// One class per sample, below `classes`.
	pub labels: Vec<u32>,
	/// Features per sample.
	pub dim: usize,
	/// Number of classes.
	pub classes: usize,
}

impl Dataset {
	/// Number of samples.
	pub fn len(&self) -> usize {
		self.labels.len()
	}

	/// Whether there are no samples.
	pub fn is_empty(&self) -> bool {
		self.labels.is_empty()
	}

	/// The samples at `indices`, in that order.
	pub fn select(&self, indices: &[usize]) -> Dataset {
		let mut features = Vec::with_capacity(indices.len() * self.dim);
		let mut labels = Vec::with_capacity(indices.len());
		for &index in indices {
			features.extend_from_slice(&self.features[index * self.dim..(index + 1) * self.dim]);
			labels.push(self.labels[index]);
		}
		Dataset { features, labels, dim: self.dim, classes: self.classes }
	}

	/// Split into a training part and a held-out part of `held_out_ppm` parts per million of
	/// the samples, by a permutation drawn from `seed`. On chain the seed is the round's
	/// validation seed, known only after the trainer committed.
	pub fn split(&self, seed: u64, held_out_ppm: u32) -> (Dataset, Dataset) {
		let mut order: Vec<usize> = (0..self.len()).collect();
		SplitMix64::new(seed).shuffle(&mut order);
		let held_out = (self.len() as u64 * u64::from(held_out_ppm.min(1_000_000)) / 1_000_000) as usize;
		let (test, train) = order.split_at(held_out);
		(self.select(train), self.select(test))
	}
}

/// BLAKE2b-256, the hash the chain pins datasets and artifacts with.
pub fn content_hash(bytes: &[u8]) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(bytes)
}

/// The UCI digits shipped with the binary, checked against the chain's content hash.
pub fn uci_digits() -> Result<Dataset, MlError> {
	let csv = gunzip(UCI_DIGITS_GZ)?;
	let actual = content_hash(&csv);
	if actual != UCI_DIGITS_CONTENT_HASH {
		return Err(MlError::DatasetHashMismatch { expected: UCI_DIGITS_CONTENT_HASH, actual });
	}
	parse_digits_csv(&csv)
}

/// Decompress gzip data, refusing more than [`MAX_DECOMPRESSED_BYTES`].
pub fn gunzip(compressed: &[u8]) -> Result<Vec<u8>, MlError> {
	let mut out = Vec::new();
	flate2::read::GzDecoder::new(compressed)
		.take(MAX_DECOMPRESSED_BYTES + 1)
		.read_to_end(&mut out)
		.map_err(|error| MlError::Decompress(error.to_string()))?;
	if out.len() as u64 > MAX_DECOMPRESSED_BYTES {
		return Err(MlError::Decompress(format!("more than {MAX_DECOMPRESSED_BYTES} bytes")));
	}
	Ok(out)
}

/// Parse the digits CSV: 64 pixel intensities (0..=16) then the label (0..=9) per line.
/// Pixels are scaled to `[0, 1]`.
pub fn parse_digits_csv(csv: &[u8]) -> Result<Dataset, MlError> {
	const PIXELS: usize = 64;
	let text = std::str::from_utf8(csv).map_err(|_| MlError::Malformed { line: 0, reason: "not UTF-8" })?;
	let mut features = Vec::new();
	let mut labels = Vec::new();
	for (index, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
		let line_no = index + 1;
		let values: Vec<&str> = line.split(',').map(str::trim).collect();
		if values.len() != PIXELS + 1 {
			return Err(MlError::Malformed { line: line_no, reason: "expected 65 comma-separated values" });
		}
		let parse = |value: &str| value.parse::<f32>().ok().filter(|v| v.is_finite());
		for value in &values[..PIXELS] {
			let pixel = parse(value)
				.filter(|v| (0.0..=16.0).contains(v))
				.ok_or(MlError::Malformed { line: line_no, reason: "pixel is not a number in 0..=16" })?;
			features.push(pixel / 16.0);
		}
		let label = parse(values[PIXELS])
			.filter(|v| v.fract() == 0.0 && (0.0..=9.0).contains(v))
			.ok_or(MlError::Malformed { line: line_no, reason: "label is not a digit 0..=9" })?;
		labels.push(label as u32);
	}
	if labels.is_empty() {
		return Err(MlError::Malformed { line: 0, reason: "no samples" });
	}
	Ok(Dataset { features, labels, dim: PIXELS, classes: 10 })
}

/// Two interleaved spirals of `samples` points (two classes) from `seed`, with a little noise:
/// a classic task a linear model cannot solve.
pub fn two_spirals(seed: u64, samples: usize) -> Dataset {
	let mut rng = SplitMix64::new(seed);
	let mut features = Vec::with_capacity(samples * 2);
	let mut labels = Vec::with_capacity(samples);
	for index in 0..samples {
		let class = (index % 2) as u32;
		// Up to three half-turns; the radius grows with the angle.
		let t = rng.unit_f64() * 3.0 * std::f64::consts::PI;
		let radius = t / (3.0 * std::f64::consts::PI);
		let sign = if class == 0 { 1.0 } else { -1.0 };
		let x = sign * radius * t.cos() + 0.02 * rng.normal_f64();
		let y = sign * radius * t.sin() + 0.02 * rng.normal_f64();
		features.push(x as f32);
		features.push(y as f32);
		labels.push(class);
	}
	Dataset { features, labels, dim: 2, classes: 2 }
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn shipped_digits_match_the_chain_hash() {
		let digits = uci_digits().expect("the shipped dataset loads");
		assert_eq!((digits.len(), digits.dim, digits.classes), (1_797, 64, 10));
		assert!(digits.features.iter().all(|v| (0.0..=1.0).contains(v)));
		assert!((0..10).all(|class| digits.labels.contains(&class)));
	}

	#[test]
	fn corrupted_data_is_refused_with_a_reason() {
		assert!(matches!(gunzip(&UCI_DIGITS_GZ[..UCI_DIGITS_GZ.len() / 2]), Err(MlError::Decompress(_))));
		let short = b"1,2,3\n";
		assert!(matches!(parse_digits_csv(short), Err(MlError::Malformed { line: 1, .. })));
		let mut row = vec!["0"; 64].join(",");
		row.push_str(",11\n");
		assert!(matches!(parse_digits_csv(row.as_bytes()), Err(MlError::Malformed { line: 1, .. })));
		let mut csv = gunzip(UCI_DIGITS_GZ).expect("decompresses");
		csv[10] ^= 1;
		assert_ne!(content_hash(&csv), UCI_DIGITS_CONTENT_HASH);
	}

	#[test]
	fn spirals_are_a_function_of_the_seed() {
		assert_eq!(two_spirals(7272, 100), two_spirals(7272, 100));
		assert_ne!(two_spirals(7272, 100), two_spirals(7273, 100));
		assert_eq!(two_spirals(1, 10).labels, vec![0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
	}

	#[test]
	fn splits_are_seeded_disjoint_and_complete() {
		let data = two_spirals(1, 1_000);
		let (train, held_out) = data.split(42, 200_000);
		assert_eq!((train.len(), held_out.len()), (800, 200));
		assert_eq!(data.split(42, 200_000), (train.clone(), held_out.clone()));
		assert_ne!(data.split(43, 200_000).1, held_out);
		let mut all: Vec<u32> = train.features.iter().chain(&held_out.features).map(|v| v.to_bits()).collect();
		let mut original: Vec<u32> = data.features.iter().map(|v| v.to_bits()).collect();
		all.sort();
		original.sort();
		assert_eq!(all, original);
	}
}
