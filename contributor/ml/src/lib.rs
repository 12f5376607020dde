//! # paradigm-ml
//!
//! The machine learning behind `paradigm-contributor`: what a trainer runs to produce an
//! artifact and what a verifier runs to score one.
//!
//! - [`dataset`]: the UCI digits compiled into the binary and checked against the chain's content
//!   hash, the seeded two-spirals generator, and seeded train/held-out splits.
//! - [`model`]: multi-layer perceptrons named like the chain's task specs (`mlp:64-64-10`).
//! - [`train`]: training with burn (CPU by default, CUDA with the `cuda` feature) from a task's
//!   hyper-parameters, and evaluation in the chain's parts-per-million metrics.
//! - [`artifact`]: an exact byte format for weights, content-addressed by BLAKE2b-256, decoded
//!   with every check a verifier needs against hostile input.

pub mod artifact;
pub mod dataset;
pub mod model;
pub mod rng;
pub mod train;

pub use artifact::Artifact;
pub use dataset::Dataset;
pub use model::{Mlp, MlpSpec, MlpWeights};
pub use train::{evaluate, train, Metric, TrainConfig};

/// What can go wrong in loading data, training, or reading an artifact.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MlError {
	/// A shipped dataset does not hash to what the chain pins.
	#[error("dataset hash mismatch: expected {}, got {}", hex(expected), hex(actual))]
	DatasetHashMismatch {
		/// The pinned hash.
		expected: [u8; 32],
		/// The data's hash.
		actual: [u8; 32],
	},
	/// Compressed data could not be read.
	#[error("cannot decompress the dataset: {0}")]
	Decompress(String),
	/// A dataset line is malformed.
	#[error("malformed dataset at line {line}: {reason}")]
	Malformed {
		/// 1-based line, 0 for the whole file.
		line: usize,
		/// What is wrong.
		reason: &'static str,
	},
	/// No samples to train or evaluate on.
	#[error("the dataset is empty")]
	EmptyDataset,
	/// A task names a model this contributor cannot build.
	#[error("unsupported model `{model}`: {reason}")]
	BadModel {
		/// The model name.
		model: String,
		/// Why.
		reason: &'static str,
	},
	/// A task's hyper-parameters cannot be followed.
	#[error("unsupported hyper-parameters `{hyper_params}`: {reason}")]
	BadHyperParams {
		/// The hyper-parameter string.
		hyper_params: String,
		/// Why.
		reason: String,
	},
	/// The model's input or output width does not match the data.
	#[error("model widths {widths:?} do not fit data with {dim} features and {classes} classes")]
	ModelDoesNotFit {
		/// The model's widths.
		widths: Vec<usize>,
		/// Features per sample.
		dim: usize,
		/// Classes.
		classes: usize,
	},
	/// An artifact is larger than the task allows.
	#[error("artifact of {size} bytes exceeds the task's limit of {limit}")]
	ArtifactTooLarge {
		/// Its size.
		size: u64,
		/// The limit.
		limit: u64,
	},
	/// An artifact's bytes do not hash to the revealed id: corrupt or substituted.
	#[error("artifact hash mismatch: revealed {}, fetched bytes hash to {}", hex(expected), hex(actual))]
	ArtifactHashMismatch {
		/// The id revealed on chain.
		expected: [u8; 32],
		/// The hash of the fetched bytes.
		actual: [u8; 32],
	},
	/// An artifact's bytes are malformed.
	#[error("malformed artifact: {0}")]
	BadArtifact(&'static str),
	/// A tensor could not be read back from the backend.
	#[error("tensor read-back failed: {0}")]
	Tensor(String),
}

fn hex(bytes: &[u8; 32]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}
