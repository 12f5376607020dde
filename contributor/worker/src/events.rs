//! What the worker reports as it goes. The worker only emits events; the CLI turns them into log
//! lines and progress bars and the GUI into its window, so both show the same facts.

use std::sync::Arc;

use paradigm_chain::{Phase, RegistrationStep};

use crate::SkipReason;

/// What the worker reports as it goes, for the CLI's log and progress bars and the GUI.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerEvent {
	/// Connected and ready.
	Connected {
		/// Node URL.
		node: String,
		/// Genesis hash (hex).
		genesis: String,
		/// The device in words.
		device: String,
		/// This contributor's address.
		address: String,
		/// Where its artifacts are served.
		artifacts_url: String,
	},
	/// Registering the account: solving the chain's proof of work, or submitting.
	Registering(RegistrationStep),
	/// The account was registered by this worker.
	Registered,
	/// A new best block.
	Block(u32),
	/// The round this worker is busy with.
	Round {
		/// Task.
		task: u32,
		/// Round index.
		round: u32,
		/// Its phase.
		phase: Phase,
	},
	/// Training progress.
	Training {
		/// Task.
		task: u32,
		/// Round.
		round: u32,
		/// Epochs done.
		epoch: usize,
		/// Epochs in all.
		epochs: usize,
		/// Mean loss of the epoch.
		loss: f32,
	},
	/// Training finished.
	Trained {
		/// Task.
		task: u32,
		/// Round.
		round: u32,
		/// Metric on the trainer's validation data (ppm).
		measured: u32,
		/// Whether it beats the champion, so it will be committed.
		improves: bool,
	},
	/// A commitment is on chain.
	Committed {
		/// Task.
		task: u32,
		/// Round.
		round: u32,
	},
	/// A reveal is on chain.
	Revealed {
		/// Task.
		task: u32,
		/// Round.
		round: u32,
		/// The claimed metric.
		claimed: u32,
	},
	/// A verification report is on chain.
	Verified {
		/// Task.
		task: u32,
		/// Round.
		round: u32,
		/// Submission index.
		submission: u32,
		/// The measured metric.
		measured: u32,
	},
	/// An assigned artifact could not be fetched or read; it was reported as the worst value.
	ArtifactRejected {
		/// Task.
		task: u32,
		/// Submission index.
		submission: u32,
		/// Why.
		reason: String,
	},
	/// The account's free balance (planck).
	Balance(u128),
	/// The account's standing as a contributor.
	Profile {
		/// Reputation (ppm).
		reputation: u32,
		/// Pool membership.
		pool: Option<u32>,
	},
	/// A chosen task is not trained (announced once per task).
	TaskSkipped {
		/// The task.
		task: u32,
		/// Why.
		reason: SkipReason,
	},
	/// Something went wrong that the worker works around.
	Warning(String),
	/// The loop ended because it was asked to stop.
	Stopped,
}

/// Where events go.
pub type EventSink = Arc<dyn Fn(WorkerEvent) + Send + Sync>;
