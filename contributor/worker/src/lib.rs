//! # paradigm-worker
//!
//! The work loop of `paradigm-contributor run`, following the useful-work pallet's rounds:
//!
//! 1. register the account if it is not (an unsigned, self-signed call with a small proof of
//!    work: no PAR needed);
//! 2. in a task's **commit** phase, for the tasks it trains ([`selection`]: network tasks only
//!    unless paid tasks are enabled, within a local compute budget): draw a secret salt, train the
//!    task's model from a seed derived from that salt ([`training_seed`]; [`tasks`] says on what
//!    data), and if the result beats the champion, store the artifact, remember the salt
//!    ([`state`]) and commit to `blake2_256(artifact ‖ account ‖ salt)`;
//! 3. in its **reveal** phase: reveal the artifact, with the URL where this worker serves it (on
//!    a live chain, one other contributors can reach: never loopback or private);
//! 4. whenever the chain assigns a submission to verify: fetch the artifact (only from a location
//!    naming its hash, on a live chain only from public hosts, exactly the revealed size; see
//!    `paradigm-artifacts`), score it on the round's validation data and report the metric; an
//!    artifact that cannot be fetched or read is reported as the worst value.
//!
//! Every step asks the chain first whether it already happened, and records its intent on disk
//! before submitting, so a contributor killed at any point and restarted never submits twice.
//!
//! The loop ([`run`]) drives one block at a time: `round` decides what each trained task's round
//! needs next, `training` and `verifying` do the trainer's and the verifier's work, [`state`]
//! remembers it across restarts, [`tasks`] turns a task into data and a score, [`selection`]
//! chooses the tasks to train and [`device`] the hardware. What happens is reported as
//! [`WorkerEvent`]s; what goes wrong is a [`WorkError`].

use std::{
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	time::Duration,
};

use paradigm_artifacts::{hex_name, ArtifactStore, HostPolicy};
use paradigm_chain::{ChainClient, ChainError, Phase};
use paradigm_keys::ContributorKey;

mod config;
pub mod device;
mod error;
mod events;
mod hashing;
mod round;
pub mod selection;
pub mod state;
pub mod tasks;
mod training;
mod verifying;

pub use config::WorkerConfig;
pub use device::{DeviceChoice, SelectedDevice};
pub use error::{ArtifactRejection, DeviceError, StateError, UnsupportedReason, WorkError};
pub use events::{EventSink, WorkerEvent};
pub use hashing::{commitment, training_seed};
pub use selection::{SkipReason, TrainOn, TrainingPolicy, DEFAULT_MAX_TRAIN_WORK};
pub use tasks::describe_dataset;
pub use training::artifacts_base_url;
pub use verifying::fetch_policy;

use state::StateFile;

/// Run the work loop until `stop` is set. Returns an error only for what retrying cannot fix
/// (wrong chain, unusable device or data directory, ...); a node that restarts is waited for.
pub async fn run(
	config: WorkerConfig,
	key: ContributorKey,
	events: EventSink,
	stop: Arc<AtomicBool>,
) -> Result<(), WorkError> {
	let device = device::select(config.device)?;
	let chain = ChainClient::connect(&config.node_url).await?;
	let chain_type = chain.chain_type().await?;
	std::fs::create_dir_all(&config.data_dir)
		.map_err(|source| StateError::Io { path: config.data_dir.clone(), source })?;
	let state = StateFile::load(&config.data_dir, &chain.genesis_hash())?;
	let store = ArtifactStore::open(&config.data_dir.join("artifacts"))?;
	let (bound, server) = paradigm_artifacts::spawn_server(store.clone(), config.artifact_listen).await?;
	let artifacts_url = match artifacts_base_url(config.public_url.as_deref(), bound, &chain_type).await {
		Ok(url) => url,
		Err(error) => {
			server.abort();
			return Err(error);
		},
	};
	events(WorkerEvent::Connected {
		node: config.node_url.clone(),
		genesis: hex_name(&chain.genesis_hash()),
		device: device.description.clone(),
		address: key.address(),
		artifacts_url: artifacts_url.clone(),
	});

	let mut worker = Worker {
		chain,
		key,
		device,
		state,
		store,
		artifacts_url,
		training: config.training.clone(),
		fetch_policy: fetch_policy(&chain_type, config.allow_private_artifact_hosts),
		events: events.clone(),
		last_block: 0,
		refused_tasks: Default::default(),
		announced: Default::default(),
	};
	let result = async {
		worker.ensure_registered().await?;
		while !stop.load(Ordering::Relaxed) {
			match worker.tick().await {
				Ok(()) => {},
				// Pruned for inactivity, or a registration lost with a node's unfinalized blocks.
				Err(WorkError::Chain(ChainError::NotRegistered(_))) => worker.ensure_registered().await?,
				Err(error) if error.is_transient() => {
					events(WorkerEvent::Warning(format!("{error}; retrying")));
					tokio::time::sleep(Duration::from_secs(1)).await;
				},
				Err(error) => return Err(error),
			}
			tokio::time::sleep(config.poll_interval).await;
		}
		Ok(())
	}
	.await;
	server.abort();
	if result.is_ok() {
		events(WorkerEvent::Stopped);
	}
	result
}

/// The loop's state: the connections, the state file and what was already reported. Its methods
/// live with the part of the work they do (`round`, `training`, `verifying`).
struct Worker {
	chain: ChainClient,
	key: ContributorKey,
	device: SelectedDevice,
	state: StateFile,
	store: ArtifactStore,
	artifacts_url: String,
	training: TrainingPolicy,
	/// Which hosts assigned artifacts may be fetched from.
	fetch_policy: HostPolicy,
	events: EventSink,
	last_block: u32,
	refused_tasks: std::collections::BTreeSet<u32>,
	/// The round and phase last reported per task, so each change is reported once.
	announced: std::collections::BTreeMap<u32, (u32, Phase)>,
}

impl Worker {
	fn emit(&self, event: WorkerEvent) {
		(self.events)(event)
	}

	fn announce(&mut self, task: u32, round: u32, phase: Phase) {
		if self.announced.insert(task, (round, phase)) != Some((round, phase)) {
			self.emit(WorkerEvent::Round { task, round, phase });
		}
	}

	async fn ensure_registered(&mut self) -> Result<(), WorkError> {
		if self.chain.contributor(self.key.public()).await?.is_none() {
			let events = self.events.clone();
			self.chain.register(&self.key, |step| events(WorkerEvent::Registering(step))).await?;
			self.emit(WorkerEvent::Registered);
		}
		Ok(())
	}

	async fn tick(&mut self) -> Result<(), WorkError> {
		let block = self.chain.best_block().await?;
		if block == self.last_block {
			return Ok(());
		}
		self.last_block = block;
		self.emit(WorkerEvent::Block(block));
		let tasks = self.chain.open_tasks().await?;
		for task in &tasks {
			if self.training.train.includes(task.id) {
				let result = self.train_step(task).await;
				self.step(task.id, result)?;
			}
		}
		self.verify_step(&tasks).await?;
		self.emit(WorkerEvent::Balance(self.chain.free_balance(self.key.public()).await?));
		if let Some(profile) = self.chain.contributor(self.key.public()).await? {
			self.emit(WorkerEvent::Profile { reputation: profile.reputation, pool: profile.pool });
		}
		Ok(())
	}

	/// Keep going after a step's failure unless it is one the whole loop must handle.
	fn step(&mut self, task: u32, result: Result<(), WorkError>) -> Result<(), WorkError> {
		match result {
			Ok(()) => Ok(()),
			Err(error @ WorkError::UnsupportedTask { .. }) => {
				if self.refused_tasks.insert(task) {
					self.emit(WorkerEvent::Warning(format!("skipping {error}")));
				}
				Ok(())
			},
			Err(
				error @ (WorkError::Chain(ChainError::Rejected(_)) |
				WorkError::Chain(ChainError::Failed(_)) |
				WorkError::Chain(ChainError::Refused(_))),
			) => {
				self.emit(WorkerEvent::Warning(format!("task {task}: {error}")));
				Ok(())
			},
			Err(error) => Err(error),
		}
	}
}
