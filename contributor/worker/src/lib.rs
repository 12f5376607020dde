//! # paradigm-worker
//!
//! The work loop of `paradigm-contributor run`, following the useful-work pallet's rounds:
//!
//! 1. register the account if it is not (an unsigned, self-signed call: no PAR needed);
//! 2. in a task's **commit** phase: train the task's model ([`tasks`] says on what), and if the
//!    result beats the champion, store the artifact, remember the salt ([`state`]) and commit to
//!    `blake2_256(artifact ‖ account ‖ salt)`;
//! 3. in its **reveal** phase: reveal the artifact, with the URL where this worker serves it;
//! 4. whenever the chain assigns a submission to verify: fetch the artifact (checked against its
//!    hash and the task's size limit), score it on the round's validation data and report the
//!    metric; an artifact that cannot be fetched or read is reported as the worst value.
//!
//! Every step asks the chain first whether it already happened, and records its intent on disk
//! before submitting, so a contributor killed at any point and restarted never submits twice.

use std::{
	net::SocketAddr,
	path::PathBuf,
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	time::Duration,
};

use paradigm_artifacts::{hex_name, ArtifactError, ArtifactStore};
use paradigm_chain::{views, ChainClient, ChainError, DatasetView, Phase, TaskView};
use paradigm_keys::ContributorKey;
use paradigm_ml::{artifact::Artifact, evaluate, train, MlError, Mlp};

pub mod device;
pub mod state;
pub mod tasks;

pub use device::{DeviceChoice, SelectedDevice};
use state::{round_key, verification_key, RoundWork, StateFile};
use tasks::TaskPlan;

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
	Device(String),
	/// The state file cannot be used.
	#[error("state: {0}")]
	State(String),
	/// A task this contributor cannot work on.
	#[error("task {task}: {reason}")]
	UnsupportedTask {
		/// The task.
		task: u32,
		/// Why.
		reason: String,
	},
}

impl WorkError {
	/// Whether the loop should wait and retry rather than stop.
	fn is_transient(&self) -> bool {
		match self {
			WorkError::Chain(error) => error.is_transient(),
			_ => false,
		}
	}
}

/// Which tasks to train on (every worker verifies what it is assigned).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrainOn {
	/// Every task it knows how to do.
	All,
	/// None: verify only.
	Nothing,
	/// These task ids.
	Tasks(Vec<u32>),
}

impl TrainOn {
	fn includes(&self, task: u32) -> bool {
		match self {
			TrainOn::All => true,
			TrainOn::Nothing => false,
			TrainOn::Tasks(tasks) => tasks.contains(&task),
		}
	}
}

/// How to run the worker.
#[derive(Clone, Debug)]
pub struct WorkerConfig {
	/// Node WebSocket URL.
	pub node_url: String,
	/// Where the state and artifacts live.
	pub data_dir: PathBuf,
	/// CPU or GPU.
	pub device: DeviceChoice,
	/// Where the artifact server listens.
	pub artifact_listen: SocketAddr,
	/// The base URL others fetch artifacts from (default: `http://` + the bound address).
	pub public_url: Option<String>,
	/// Tasks to train on.
	pub train: TrainOn,
	/// How often to look at the chain.
	pub poll_interval: Duration,
}

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
	/// Something went wrong that the worker works around.
	Warning(String),
	/// The loop ended because it was asked to stop.
	Stopped,
}

/// Where events go.
pub type EventSink = Arc<dyn Fn(WorkerEvent) + Send + Sync>;

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
	let genesis = hex_name(&chain.genesis_hash());
	std::fs::create_dir_all(&config.data_dir)
		.map_err(|e| WorkError::State(format!("{}: {e}", config.data_dir.display())))?;
	let state = StateFile::load(&config.data_dir, &genesis)?;
	let store = ArtifactStore::open(&config.data_dir.join("artifacts"))?;
	let (bound, server) = paradigm_artifacts::spawn_server(store.clone(), config.artifact_listen).await?;
	let artifacts_url = config.public_url.clone().unwrap_or_else(|| format!("http://{bound}"));
	events(WorkerEvent::Connected {
		node: config.node_url.clone(),
		genesis,
		device: device.description.clone(),
		address: key.address(),
		artifacts_url: artifacts_url.clone(),
	});

	let mut worker = Worker {
		chain,
		address: key.address(),
		key,
		device,
		state,
		store,
		artifacts_url,
		train: config.train.clone(),
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

struct Worker {
	chain: ChainClient,
	key: ContributorKey,
	address: String,
	device: SelectedDevice,
	state: StateFile,
	store: ArtifactStore,
	artifacts_url: String,
	train: TrainOn,
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
		if self.chain.contributor(&self.address).await?.is_none() {
			self.chain.register(&self.key).await?;
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
			if self.train.includes(task.id) {
				let result = self.train_step(task).await;
				self.step(task.id, result)?;
			}
		}
		self.verify_step(&tasks).await?;
		self.emit(WorkerEvent::Balance(self.chain.free_balance(self.key.public()).await?));
		if let Some(profile) = self.chain.contributor(&self.address).await? {
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
			Err(error @ (WorkError::Chain(ChainError::Rejected(_)) | WorkError::Chain(ChainError::Failed(_)))) => {
				self.emit(WorkerEvent::Warning(format!("task {task}: {error}")));
				Ok(())
			},
			Err(error) => Err(error),
		}
	}

	async fn train_step(&mut self, task: &TaskView) -> Result<(), WorkError> {
		let Some(round) = &task.round else { return Ok(()) };
		let key = round_key(task.id, round.index);
		let me = self.key.public();
		match round.phase {
			Phase::Commit => {
				if self.state.state.passed.contains(&key) {
					return Ok(());
				}
				match self.state.state.rounds.get(&key).cloned() {
					Some(work) if work.committed => Ok(()),
					Some(work) => {
						// A commit was prepared before a restart: it may or may not have landed.
						match self.chain.commitment(task.id, me).await? {
							Some(on_chain) if hex_name(&on_chain.hash) == work.commitment => {},
							Some(_) => return self.pass(key, "a different commitment is on chain"),
							None => {
								let commitment = parse_hex(&work.commitment)?;
								self.chain.commit(&self.key, task.id, commitment).await?;
							},
						}
						self.confirm(&key, |work| work.committed = true)?;
						self.emit(WorkerEvent::Committed { task: task.id, round: round.index });
						Ok(())
					},
					None => {
						if self.chain.commitment(task.id, me).await?.is_some() {
							return self.pass(key, "committed by an earlier run whose state was lost");
						}
						let plan = TaskPlan::from_view(task)?;
						self.announce(task.id, round.index, round.phase);
						self.train_and_commit(task, &plan, round.index, key).await
					},
				}
			},
			Phase::Reveal => {
				let Some(work) = self.state.state.rounds.get(&key).cloned() else { return Ok(()) };
				if work.revealed {
					return Ok(());
				}
				self.announce(task.id, round.index, round.phase);
				match self.chain.commitment(task.id, me).await? {
					Some(on_chain) if hex_name(&on_chain.hash) == work.commitment =>
						if !on_chain.revealed {
							let artifact = parse_hex(&work.artifact)?;
							if self.store.get(&artifact)?.is_none() {
								return Err(WorkError::State(format!("artifact {} is missing from the store", work.artifact)));
							}
							let location = format!("{}/{}", self.artifacts_url, work.artifact);
							let salt = parse_hex(&work.salt)?;
							self.chain
								.reveal(&self.key, task.id, artifact, salt, work.size, &location, work.claimed)
								.await?;
						},
					_ => return self.pass(key, "the commitment never reached the chain"),
				}
				self.confirm(&key, |work| work.revealed = true)?;
				self.emit(WorkerEvent::Revealed { task: task.id, round: round.index, claimed: work.claimed });
				Ok(())
			},
			Phase::Verify => Ok(()),
		}
	}

	async fn train_and_commit(
		&mut self,
		task: &TaskView,
		plan: &TaskPlan,
		round: u32,
		key: String,
	) -> Result<(), WorkError> {
		let seed = training_seed(&self.key.public(), task.id, round);
		let events = self.events.clone();
		let device = self.device.device.clone();
		let (task_id, plan_for_training) = (task.id, plan.clone());
		let (weights, measured) = tokio::task::spawn_blocking(move || -> Result<_, WorkError> {
			let (training, own_validation) = plan_for_training.training_data()?;
			let trained = train(&plan_for_training.spec, &training, &plan_for_training.config, seed, &device, |p| {
				events(WorkerEvent::Training { task: task_id, round, epoch: p.epoch, epochs: p.epochs, loss: p.loss })
			})?;
			let measured = evaluate(&trained.model, &own_validation, plan_for_training.metric, &device)?;
			Ok((trained.model.weights()?, measured))
		})
		.await
		.map_err(|e| WorkError::State(format!("training thread: {e}")))??;

		let improves = plan.improves(measured);
		self.emit(WorkerEvent::Trained { task: task.id, round, measured, improves });
		if !improves {
			return self.pass(key, "the result does not beat the champion");
		}
		let artifact = Artifact::encode(&weights);
		let hash = self.store.put(&artifact.bytes)?;
		let mut salt = [0u8; 32];
		getrandom::getrandom(&mut salt).map_err(|e| WorkError::State(format!("no randomness: {e}")))?;
		let commitment = commitment(&hash, &self.key.public(), &salt);
		self.state.state.rounds.insert(
			key.clone(),
			RoundWork {
				artifact: hex_name(&hash),
				salt: hex_name(&salt),
				commitment: hex_name(&commitment),
				size: artifact.bytes.len() as u64,
				claimed: plan.claim(measured),
				committed: false,
				revealed: false,
			},
		);
		// Saved before submitting: after a crash the salt is still known and the chain is asked
		// whether the commit landed.
		self.state.save()?;
		self.chain.commit(&self.key, task.id, commitment).await?;
		self.confirm(&key, |work| work.committed = true)?;
		self.emit(WorkerEvent::Committed { task: task.id, round });
		Ok(())
	}

	async fn verify_step(&mut self, tasks: &[TaskView]) -> Result<(), WorkError> {
		for assignment in self.chain.assignments(&self.address).await? {
			let key = verification_key(assignment.task, assignment.round, assignment.submission);
			if assignment.reported || self.state.state.verified.contains(&key) {
				continue;
			}
			let Some(task) = tasks.iter().find(|t| t.id == assignment.task) else { continue };
			match self.verify(task, &assignment).await {
				Ok(measured) => {
					self.state.state.verified.insert(key);
					self.state.save()?;
					self.emit(WorkerEvent::Verified {
						task: assignment.task,
						round: assignment.round,
						submission: assignment.submission,
						measured,
					});
				},
				Err(error) => self.step(assignment.task, Err(error))?,
			}
		}
		Ok(())
	}

	async fn verify(&mut self, task: &TaskView, assignment: &views::AssignmentView) -> Result<u32, WorkError> {
		let plan = TaskPlan::from_view(task)?;
		let seed = views::parse_h256(&assignment.seed)
			.ok_or_else(|| WorkError::State(format!("malformed validation seed {}", assignment.seed)))?;
		let measured = match self.fetch_model(&plan, assignment).await {
			Ok(weights) => {
				let (device, plan) = (self.device.device.clone(), plan.clone());
				tokio::task::spawn_blocking(move || -> Result<u32, WorkError> {
					let model = Mlp::from_weights(&weights, &device);
					Ok(evaluate(&model, &plan.validation_data(&seed)?, plan.metric, &device)?)
				})
				.await
				.map_err(|e| WorkError::State(format!("evaluation thread: {e}")))??
			},
			Err(reason) => {
				self.emit(WorkerEvent::ArtifactRejected {
					task: assignment.task,
					submission: assignment.submission,
					reason: reason.clone(),
				});
				plan.worst_value()
			},
		};
		self.chain.submit_verification(&self.key, assignment.task, assignment.submission, measured).await?;
		Ok(measured)
	}

	/// The assigned artifact, or why it cannot be trusted.
	async fn fetch_model(
		&self,
		plan: &TaskPlan,
		assignment: &views::AssignmentView,
	) -> Result<paradigm_ml::MlpWeights, String> {
		let hash = views::parse_h256(&assignment.artifact).ok_or("malformed artifact hash")?;
		let bytes = paradigm_artifacts::fetch(&assignment.location, &hash, plan.max_artifact_size)
			.await
			.map_err(|e| e.to_string())?;
		if bytes.len() as u64 != assignment.size {
			return Err(format!("{} bytes, but the trainer revealed {}", bytes.len(), assignment.size));
		}
		let weights = Artifact::decode_verified(&bytes, &hash, plan.max_artifact_size).map_err(|e| e.to_string())?;
		if weights.spec() != plan.spec {
			return Err(format!("the artifact is a {:?}, the task asks for {:?}", weights.spec(), plan.spec));
		}
		Ok(weights)
	}

	fn pass(&mut self, key: String, reason: &str) -> Result<(), WorkError> {
		self.emit(WorkerEvent::Warning(format!("round {key}: not training ({reason})")));
		self.state.state.passed.insert(key);
		self.state.save()
	}

	fn confirm(&mut self, key: &str, update: impl FnOnce(&mut RoundWork)) -> Result<(), WorkError> {
		if let Some(work) = self.state.state.rounds.get_mut(key) {
			update(work);
		}
		self.state.save()
	}
}

/// The commitment a trainer publishes: `blake2_256(artifact ‖ account ‖ salt)` (the SCALE
/// encoding of the tuple, all fixed-size, is their concatenation).
pub fn commitment(artifact: &[u8; 32], account: &[u8; 32], salt: &[u8; 32]) -> [u8; 32] {
	let mut preimage = [0u8; 96];
	preimage[..32].copy_from_slice(artifact);
	preimage[32..64].copy_from_slice(account);
	preimage[64..].copy_from_slice(salt);
	sp_crypto_hashing::blake2_256(&preimage)
}

/// Each trainer starts from its own seed, so two contributors never produce the same artifact
/// (the chain refuses a copy of an artifact already revealed).
fn training_seed(account: &[u8; 32], task: u32, round: u32) -> u64 {
	let mut preimage = Vec::with_capacity(44);
	preimage.extend_from_slice(account);
	preimage.extend_from_slice(&task.to_le_bytes());
	preimage.extend_from_slice(&round.to_le_bytes());
	tasks::seed_of(&sp_crypto_hashing::blake2_256(&preimage))
}

fn parse_hex(text: &str) -> Result<[u8; 32], WorkError> {
	views::parse_h256(text).ok_or_else(|| WorkError::State(format!("malformed hash `{text}` in the state file")))
}

/// A dataset description for people.
pub fn describe_dataset(dataset: &DatasetView) -> String {
	match dataset {
		DatasetView::Shipped { name, .. } => name.clone(),
		DatasetView::Seeded { generator, seed } => format!("{generator} (seed {seed})"),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn commitment_matches_the_pallets_encoding() {
		// The pallet hashes SCALE((H256, AccountId32, [u8; 32])): the three 32-byte values in order.
		let (artifact, account, salt) = ([1u8; 32], [2u8; 32], [3u8; 32]);
		let expected = sp_crypto_hashing::blake2_256(&[[1u8; 32], [2u8; 32], [3u8; 32]].concat());
		assert_eq!(commitment(&artifact, &account, &salt), expected);
		assert_ne!(training_seed(&account, 0, 0), training_seed(&artifact, 0, 0));
		assert_ne!(training_seed(&account, 0, 0), training_seed(&account, 0, 1));
		assert!(TrainOn::Tasks(vec![1]).includes(1) && !TrainOn::Tasks(vec![1]).includes(0));
		assert!(!TrainOn::Nothing.includes(0));
	}
}
