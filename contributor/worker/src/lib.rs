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

use std::{
	net::SocketAddr,
	path::PathBuf,
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	time::Duration,
};

use paradigm_artifacts::{hex_name, ArtifactError, ArtifactStore, HostPolicy};
use paradigm_chain::{views, ChainClient, ChainError, ChainType, DatasetView, Phase, RegistrationStep, TaskView};
use paradigm_keys::ContributorKey;
use paradigm_ml::{artifact::Artifact, evaluate, train, MlError, Mlp};

pub mod device;
pub mod selection;
pub mod state;
pub mod tasks;

pub use device::{DeviceChoice, SelectedDevice};
pub use selection::{SkipReason, TrainOn, TrainingPolicy, DEFAULT_MAX_TRAIN_WORK};
use state::{round_key, verification_key, RoundKey, RoundWork, StateFile};
use tasks::TaskPlan;

/// Domain separator of [`training_seed`].
const TRAINING_SEED_CONTEXT: &[u8] = b"paradigm:contributor:training-seed:";

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
	fn is_transient(&self) -> bool {
		match self {
			WorkError::Chain(error) => error.is_transient(),
			_ => false,
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
	/// The base URL others fetch artifacts from (default: `http://` + the bound address). On a
	/// live chain it must not be loopback or private.
	pub public_url: Option<String>,
	/// Which tasks to train on.
	pub training: TrainingPolicy,
	/// Fetch assigned artifacts from loopback and private hosts even on a live chain (they are
	/// always allowed on development and local chains).
	pub allow_private_artifact_hosts: bool,
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
	let genesis = hex_name(&chain.genesis_hash());
	std::fs::create_dir_all(&config.data_dir)
		.map_err(|e| WorkError::State(format!("{}: {e}", config.data_dir.display())))?;
	let state = StateFile::load(&config.data_dir, &genesis)?;
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

struct Worker {
	chain: ChainClient,
	key: ContributorKey,
	address: String,
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
		if self.chain.contributor(&self.address).await?.is_none() {
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
						let plan = TaskPlan::from_view(task)?;
						if let Some(reason) = self.training.refusal(task, &plan) {
							if self.refused_tasks.insert(task.id) {
								self.emit(WorkerEvent::TaskSkipped { task: task.id, reason });
							}
							return Ok(());
						}
						if self.chain.commitment(task.id, me).await?.is_some() {
							return self.pass(key, "committed by an earlier run whose state was lost");
						}
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
		key: RoundKey,
	) -> Result<(), WorkError> {
		// The salt comes first: the model's seed derives from it, so nobody can train the same
		// artifact before the reveal publishes the salt. It is kept in memory until it is saved
		// with the commitment below, before the commit is sent; a crash before that only loses a
		// training run that was never committed.
		let mut salt = [0u8; 32];
		getrandom::getrandom(&mut salt).map_err(|e| WorkError::State(format!("no randomness: {e}")))?;
		let seed = training_seed(&salt, &self.key.public(), task.id, round);
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
		let commitment = commitment(&hash, &self.key.public(), &salt);
		self.state.state.rounds.insert(
			key,
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
		if assignment.size > plan.max_artifact_size {
			return Err(format!(
				"the trainer revealed {} bytes, more than the task's limit of {}",
				assignment.size, plan.max_artifact_size
			));
		}
		// Exactly the revealed size, from a location naming the revealed hash, on a live chain
		// from a public host only.
		let bytes = paradigm_artifacts::fetch(&assignment.location, &hash, assignment.size, self.fetch_policy)
			.await
			.map_err(|e| e.to_string())?;
		let weights = Artifact::decode_verified(&bytes, &hash, plan.max_artifact_size).map_err(|e| e.to_string())?;
		if weights.spec() != plan.spec {
			return Err(format!("the artifact is a {:?}, the task asks for {:?}", weights.spec(), plan.spec));
		}
		Ok(weights)
	}

	fn pass(&mut self, key: RoundKey, reason: &str) -> Result<(), WorkError> {
		self.emit(WorkerEvent::Warning(format!("round {key}: not training ({reason})")));
		self.state.state.passed.insert(key);
		self.state.save()
	}

	fn confirm(&mut self, key: &RoundKey, update: impl FnOnce(&mut RoundWork)) -> Result<(), WorkError> {
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

/// The seed a trainer's model starts from in one round, derived from the round's secret
/// commitment salt.
///
/// CPU training is deterministic: a seed from public data (account, task, round) would let anyone
/// recompute a contributor's artifact, commit and reveal it first, and make the owner's reveal
/// fail as a duplicate. Nobody without the salt can reproduce the artifact before the reveal
/// publishes it, and the same salt always gives the same model. Each trainer's salt differs, so
/// two contributors never produce the same artifact either.
pub fn training_seed(salt: &[u8; 32], account: &[u8; 32], task: u32, round: u32) -> u64 {
	let mut preimage = Vec::with_capacity(TRAINING_SEED_CONTEXT.len().saturating_add(72));
	preimage.extend_from_slice(TRAINING_SEED_CONTEXT);
	preimage.extend_from_slice(salt);
	preimage.extend_from_slice(account);
	preimage.extend_from_slice(&task.to_le_bytes());
	preimage.extend_from_slice(&round.to_le_bytes());
	tasks::seed_of(&sp_crypto_hashing::blake2_256(&preimage))
}

/// Which hosts assigned artifacts may be fetched from: any on a development or local chain, or
/// when the operator allows private hosts; public ones only otherwise.
pub fn fetch_policy(chain: &ChainType, allow_private_hosts: bool) -> HostPolicy {
	if allow_private_hosts || chain.is_private() {
		HostPolicy::AllowPrivate
	} else {
		HostPolicy::PublicOnly
	}
}

/// The base URL of this worker's artifacts: `public_url`, or `http://` and the address the server
/// is bound to. It must have the shape verifiers accept and, on a live chain, name a public host:
/// verifiers elsewhere cannot reach a loopback or private address and would score every honest
/// submission of this worker as missing.
pub async fn artifacts_base_url(
	public_url: Option<&str>,
	bound: SocketAddr,
	chain: &ChainType,
) -> Result<String, WorkError> {
	let url = public_url.map_or_else(|| format!("http://{bound}"), str::to_owned);
	let policy = if chain.is_private() { HostPolicy::AllowPrivate } else { HostPolicy::PublicOnly };
	paradigm_artifacts::check_base_url(&url, policy).await.map_err(|source| WorkError::PublicUrl { url, source })
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
	}

	#[test]
	fn the_training_seed_needs_the_salt_and_follows_it() {
		let (account, salt) = ([2u8; 32], [3u8; 32]);
		let seed = training_seed(&salt, &account, 0, 7);
		assert_eq!(seed, training_seed(&salt, &account, 0, 7), "reproducible with the salt");
		assert_ne!(seed, training_seed(&[4u8; 32], &account, 0, 7), "another salt, another seed");
		assert_ne!(seed, training_seed(&salt, &[5u8; 32], 0, 7));
		assert_ne!(seed, training_seed(&salt, &account, 1, 7));
		assert_ne!(seed, training_seed(&salt, &account, 0, 8));
	}

	#[test]
	fn the_same_salt_trains_the_same_artifact_and_another_salt_another() {
		let device = device::select(DeviceChoice::Cpu).unwrap().device;
		let spec = paradigm_ml::MlpSpec::parse("mlp:2-8-2").unwrap();
		let config = paradigm_ml::TrainConfig::parse("optimizer=adam,lr=0.01,batch=16,epochs=2").unwrap();
		let data = paradigm_ml::dataset::two_spirals(5, 64);
		let artifact = |salt: &[u8; 32]| {
			let seed = training_seed(salt, &[2; 32], 0, 7);
			let trained = train(&spec, &data, &config, seed, &device, |_| ()).unwrap();
			Artifact::encode(&trained.model.weights().unwrap()).hash
		};
		assert_eq!(artifact(&[3; 32]), artifact(&[3; 32]));
		assert_ne!(artifact(&[3; 32]), artifact(&[4; 32]));
	}

	#[test]
	fn private_artifact_hosts_only_on_private_chains_or_when_allowed() {
		assert_eq!(fetch_policy(&ChainType::Development, false), HostPolicy::AllowPrivate);
		assert_eq!(fetch_policy(&ChainType::Local, false), HostPolicy::AllowPrivate);
		assert_eq!(fetch_policy(&ChainType::Live, false), HostPolicy::PublicOnly);
		assert_eq!(fetch_policy(&ChainType::Custom("x".into()), false), HostPolicy::PublicOnly);
		assert_eq!(fetch_policy(&ChainType::Live, true), HostPolicy::AllowPrivate);
	}

	#[tokio::test]
	async fn a_live_chain_needs_a_public_url() {
		let bound: SocketAddr = "127.0.0.1:9955".parse().unwrap();
		let refused = artifacts_base_url(None, bound, &ChainType::Live).await;
		assert!(
			matches!(refused, Err(WorkError::PublicUrl { source: ArtifactError::ForbiddenAddress { .. }, .. })),
			"{refused:?}"
		);
		assert!(refused.unwrap_err().to_string().contains("--public-url"));
		let private = artifacts_base_url(Some("http://192.168.1.5:9955"), bound, &ChainType::Custom("x".into())).await;
		assert!(matches!(private, Err(WorkError::PublicUrl { .. })));
		assert_eq!(
			artifacts_base_url(Some("http://8.8.8.8:9955/"), bound, &ChainType::Live).await.unwrap(),
			"http://8.8.8.8:9955"
		);
		assert_eq!(artifacts_base_url(None, bound, &ChainType::Development).await.unwrap(), "http://127.0.0.1:9955");
		// A path would make every location one verifiers refuse, on any chain.
		assert!(matches!(
			artifacts_base_url(Some("http://127.0.0.1:9955/artifacts"), bound, &ChainType::Local).await,
			Err(WorkError::PublicUrl { source: ArtifactError::BadLocation { .. }, .. })
		));
	}
}
