//! What can stop the worker or one of its steps, and why an assigned artifact is not scored.
//!
//! [`WorkError`] is what the loop acts on: a transient chain error is retried, an unsupported
//! task or a refused transaction is warned about and skipped, anything else stops the worker. The
//! smaller enums say which part failed and keep the cause, so a message names the file, the
//! device or the task involved.

use std::path::PathBuf;

use paradigm_artifacts::ArtifactError;
use paradigm_chain::ChainError;
use paradigm_ml::{MlError, MlpSpec};

/// What can stop the worker or one of its steps.
#[derive(Debug, thiserror::Error)]
pub enum WorkError {
	/// Talking to the chain failed.
	#[error(transparent)]
	Chain(#[from] ChainError),
	/// Storing, serving or fetching an artifact failed.
	#[error(transparent)]
	Artifact(#[from] ArtifactError),
	/// Training or evaluation failed.
	#[error(transparent)]
	Ml(#[from] MlError),
	/// The requested device cannot be used.
	#[error("device: {0}")]
	Device(#[from] DeviceError),
	/// The data directory or its state file cannot be used.
	#[error("state: {0}")]
	State(#[from] StateError),
	/// The system has no randomness to draw a commitment salt from.
	// Not a `#[source]`: getrandom 0.2 implements `std::error::Error` only with its `std`
	// feature, which this crate does not ask for.
	#[error("no randomness: {0}")]
	Randomness(getrandom::Error),
	/// The thread that trained or evaluated a model panicked or was cancelled.
	#[error("{work} thread: {source}")]
	Thread {
		/// What the thread was doing: `training` or `evaluation`.
		work: &'static str,
		/// Why it ended.
		#[source]
		source: tokio::task::JoinError,
	},
	/// A task this contributor cannot work on.
	#[error("task {task}: {reason}")]
	UnsupportedTask {
		/// The task.
		task: u32,
		/// Why.
		#[source]
		reason: UnsupportedReason,
	},
	/// Other contributors could not fetch artifacts from this worker's URL.
	#[error(
		"artifacts would be served at {url}, which other contributors cannot use: {source}; pass --public-url \
		 http://<an address they reach>:<port> (and --artifacts-listen 0.0.0.0:<port>)"
	)]
	PublicUrl {
		/// The base URL.
		url: String,
		/// Why it cannot be used.
		#[source]
		source: ArtifactError,
	},
}

impl WorkError {
	/// Whether the loop should wait and retry rather than stop.
	pub(crate) fn is_transient(&self) -> bool {
		match self {
			WorkError::Chain(error) => error.is_transient(),
			_ => false,
		}
	}
}

/// Why the requested device cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DeviceError {
	/// `--device` names no device this worker knows.
	#[error("unknown device `{0}` (auto, cpu or cuda)")]
	Unknown(String),
	/// The GPU answered the probe computation wrongly.
	#[error("the GPU computed a wrong result")]
	WrongResult,
	/// This build has CUDA, but no driver or GPU answers.
	#[error("CUDA is not available on this machine")]
	CudaUnavailable,
	/// This build has no CUDA backend.
	#[error("this paradigm-contributor was built without CUDA (build it with `--features cuda`)")]
	NotBuiltWithCuda,
}

/// Why the data directory or its state file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
	/// Creating, reading or writing a file or directory failed.
	#[error("{path}: {source}")]
	Io {
		/// The file or directory.
		path: PathBuf,
		/// The cause.
		#[source]
		source: std::io::Error,
	},
	/// The state file is not the JSON this worker writes.
	#[error("{path} is corrupt: {source}")]
	Corrupt {
		/// The state file.
		path: PathBuf,
		/// What the parser found.
		#[source]
		source: serde_json::Error,
	},
	/// The state could not be turned into JSON.
	#[error("{0}")]
	Encode(#[source] serde_json::Error),
	/// The state file was written for another chain: its salts and records mean nothing here.
	#[error("{path} belongs to the chain with genesis {found}, the node runs {expected}; use another --data-dir")]
	OtherChain {
		/// The state file.
		path: PathBuf,
		/// The genesis hash (hex) the file records.
		found: String,
		/// The genesis hash (hex) of the node's chain.
		expected: String,
	},
	/// An artifact the state file says was committed is gone from the store, so it can never be
	/// revealed.
	#[error("artifact {0} is missing from the store")]
	MissingArtifact(String),
}

/// Why this contributor cannot work on a task.
#[derive(Debug, thiserror::Error)]
pub enum UnsupportedReason {
	/// The task's model cannot be built.
	#[error(transparent)]
	Model(MlError),
	/// The task's hyper-parameters cannot be read.
	#[error(transparent)]
	HyperParams(MlError),
	/// The task's metric is not one this contributor computes.
	#[error("metric {0}")]
	Metric(paradigm_chain::Metric),
	/// A text field of the task (its model or hyper-parameters) is not UTF-8.
	#[error("its {0} is not UTF-8 text")]
	NotText(&'static str),
	/// The task pins a digits file other than the one shipped with this contributor.
	#[error("the pinned digits hash is not the shipped file's")]
	DigitsHashMismatch,
	/// The task's dataset is not shipped with this contributor (the dataset, as the chain
	/// describes it).
	#[error("dataset {0} is not shipped with this contributor")]
	Dataset(String),
}

/// Why an assigned artifact is not scored; the verifier reports the worst value instead.
#[derive(Debug, thiserror::Error)]
pub enum ArtifactRejection {
	/// The trainer revealed a location that is not UTF-8 text, so not a URL.
	#[error("the revealed location is not UTF-8 text")]
	LocationNotText,
	/// The trainer revealed a size above the task's artifact limit.
	#[error("the trainer revealed {size} bytes, more than the task's limit of {limit}")]
	TooLarge {
		/// The revealed size.
		size: u64,
		/// The task's limit.
		limit: u64,
	},
	/// The artifact could not be fetched, or is not what was revealed.
	#[error(transparent)]
	Fetch(#[from] ArtifactError),
	/// The bytes are not a readable model artifact.
	#[error(transparent)]
	Decode(#[from] MlError),
	/// The artifact is a model of another shape than the task asks for.
	#[error("the artifact is a {found:?}, the task asks for {expected:?}")]
	WrongModel {
		/// The artifact's model.
		found: MlpSpec,
		/// The task's model.
		expected: MlpSpec,
	},
}
