//! Artifacts: trained weights in a small, exact byte format, content-addressed by BLAKE2b-256.
//!
//! The same weights always encode to the same bytes (burn's own records carry random parameter
//! ids), so the artifact hash a trainer commits to is a function of the weights alone. Decoding
//! checks everything: a verifier fetches artifacts from strangers.
//!
//! Layout: `b"PARMLP1\0"`, `u32` layer count, then per layer `u32` inputs, `u32` outputs,
//! `inputs × outputs` `f32` weights and `outputs` `f32` biases; all little-endian.

use crate::{
	dataset::content_hash,
	model::{LayerWeights, MlpWeights, MAX_LAYER_WIDTH, MAX_PARAMETERS},
	MlError,
};

const MAGIC: &[u8; 8] = b"PARMLP1\0";

/// An encoded model and its content hash (the artifact id committed on chain).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
	/// The encoded weights.
	pub bytes: Vec<u8>,
	/// BLAKE2b-256 of `bytes`.
	pub hash: [u8; 32],
}

impl Artifact {
	/// Encode `weights`.
	pub fn encode(weights: &MlpWeights) -> Self {
		let mut bytes = Vec::with_capacity(12 + weights.layers.iter().map(|l| 8 + 4 * (l.weight.len() + l.bias.len())).sum::<usize>());
		bytes.extend_from_slice(MAGIC);
		bytes.extend_from_slice(&(weights.layers.len() as u32).to_le_bytes());
		for layer in &weights.layers {
			bytes.extend_from_slice(&(layer.inputs as u32).to_le_bytes());
			bytes.extend_from_slice(&(layer.outputs as u32).to_le_bytes());
			for value in layer.weight.iter().chain(&layer.bias) {
				bytes.extend_from_slice(&value.to_le_bytes());
			}
		}
		let hash = content_hash(&bytes);
		Self { bytes, hash }
	}

	/// Decode bytes fetched from elsewhere, which must hash to `expected` and be at most
	/// `max_size` bytes long (the task's limit).
	pub fn decode_verified(bytes: &[u8], expected: &[u8; 32], max_size: u64) -> Result<MlpWeights, MlError> {
		if bytes.len() as u64 > max_size {
			return Err(MlError::ArtifactTooLarge { size: bytes.len() as u64, limit: max_size });
		}
		let actual = content_hash(bytes);
		if &actual != expected {
			return Err(MlError::ArtifactHashMismatch { expected: *expected, actual });
		}
		decode(bytes)
	}
}

/// Decode an artifact's bytes, refusing anything malformed.
pub fn decode(bytes: &[u8]) -> Result<MlpWeights, MlError> {
	let mut reader = Reader { bytes, at: 0 };
	if reader.take(8)? != MAGIC {
		return Err(MlError::BadArtifact("not a Paradigm MLP artifact"));
	}
	let count = reader.u32()? as usize;
	if count == 0 || count > 64 {
		return Err(MlError::BadArtifact("layer count out of range"));
	}
	let mut layers: Vec<LayerWeights> = Vec::with_capacity(count);
	let mut parameters = 0usize;
	for _ in 0..count {
		let inputs = reader.u32()? as usize;
		let outputs = reader.u32()? as usize;
		if !(1..=MAX_LAYER_WIDTH).contains(&inputs) || !(1..=MAX_LAYER_WIDTH).contains(&outputs) {
			return Err(MlError::BadArtifact("layer width out of range"));
		}
		if layers.last().is_some_and(|previous| previous.outputs != inputs) {
			return Err(MlError::BadArtifact("layer widths do not chain"));
		}
		parameters += inputs * outputs + outputs;
		if parameters > MAX_PARAMETERS {
			return Err(MlError::BadArtifact("too many parameters"));
		}
		let weight = reader.floats(inputs * outputs)?;
		let bias = reader.floats(outputs)?;
		layers.push(LayerWeights { inputs, outputs, weight, bias });
	}
	if reader.at != bytes.len() {
		return Err(MlError::BadArtifact("trailing bytes"));
	}
	Ok(MlpWeights { layers })
}

struct Reader<'a> {
	bytes: &'a [u8],
	at: usize,
}

impl<'a> Reader<'a> {
	fn take(&mut self, len: usize) -> Result<&'a [u8], MlError> {
		let end = self.at.checked_add(len).filter(|end| *end <= self.bytes.len());
		let end = end.ok_or(MlError::BadArtifact("truncated"))?;
		let slice = &self.bytes[self.at..end];
		self.at = end;
		Ok(slice)
	}

	fn u32(&mut self) -> Result<u32, MlError> {
		let bytes = self.take(4)?;
		Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
	}

	fn floats(&mut self, count: usize) -> Result<Vec<f32>, MlError> {
		let bytes = self.take(count * 4)?;
		let values: Vec<f32> =
			bytes.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
		if values.iter().any(|v| !v.is_finite()) {
			return Err(MlError::BadArtifact("weights must be finite"));
		}
		Ok(values)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn weights() -> MlpWeights {
		MlpWeights {
			layers: vec![
				LayerWeights { inputs: 2, outputs: 3, weight: vec![0.5, -1.0, 2.0, 0.25, 0.0, -3.5], bias: vec![0.1, 0.2, 0.3] },
				LayerWeights { inputs: 3, outputs: 2, weight: vec![1.0; 6], bias: vec![-0.5, 0.5] },
			],
		}
	}

	#[test]
	fn encoding_is_exact_and_content_addressed() {
		let artifact = Artifact::encode(&weights());
		assert_eq!(artifact.bytes.len(), 8 + 4 + 2 * 8 + 4 * (9 + 8));
		assert_eq!(Artifact::encode(&weights()), artifact, "same weights, same bytes, same hash");
		assert_eq!(artifact.hash, content_hash(&artifact.bytes));
		assert_eq!(decode(&artifact.bytes), Ok(weights()));
		assert_eq!(Artifact::decode_verified(&artifact.bytes, &artifact.hash, 1 << 20), Ok(weights()));
	}

	#[test]
	fn corrupt_oversized_or_substituted_artifacts_are_refused() {
		let artifact = Artifact::encode(&weights());
		let mut flipped = artifact.bytes.clone();
		flipped[20] ^= 0x40;
		assert!(matches!(
			Artifact::decode_verified(&flipped, &artifact.hash, 1 << 20),
			Err(MlError::ArtifactHashMismatch { .. })
		));
		assert!(matches!(
			Artifact::decode_verified(&artifact.bytes, &artifact.hash, 10),
			Err(MlError::ArtifactTooLarge { .. })
		));
		assert!(matches!(decode(&artifact.bytes[..artifact.bytes.len() - 1]), Err(MlError::BadArtifact("truncated"))));
		let mut trailing = artifact.bytes.clone();
		trailing.push(0);
		assert!(matches!(decode(&trailing), Err(MlError::BadArtifact("trailing bytes"))));
		let mut nan = artifact.bytes.clone();
		nan[28..32].copy_from_slice(&f32::NAN.to_le_bytes());
		assert!(matches!(decode(&nan), Err(MlError::BadArtifact("weights must be finite"))));
		let mut huge = artifact.bytes.clone();
		huge[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
		assert!(matches!(decode(&huge), Err(MlError::BadArtifact("layer width out of range"))));
		assert!(matches!(decode(b"GIF89a.."), Err(MlError::BadArtifact(_))));
	}
}
