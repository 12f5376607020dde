//! Domain types of Paradigm's proof of useful work.
//!
//! The useful-work pallet stores them, its runtime API returns them, the AI treasury reads the
//! epoch ledger through [`WorkLedger`], and the contributor decodes them from chain metadata.
//! Everything consensus-relevant is an integer: metrics are parts per million, points are `u64`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	sp_core::{ConstU32, H256},
	sp_runtime::{BoundedVec, RuntimeDebug},
};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// Identifier of a task in the on-chain registry.
pub type TaskId = u32;
/// Index of a round within one task; round 0 starts when the task is created.
pub type RoundIndex = u32;
/// Identifier of a pool.
pub type PoolId = u32;
/// Index of an accounting epoch (`block / epoch_length`).
pub type EpochIndex = u32;
/// Work points: the unit the treasury converts into PAR.
pub type WorkPoints = u64;
/// A metric value in parts per million: accuracy 95.3 % is `953_000`, a loss of 0.25 is `250_000`.
pub type MetricValue = u32;
/// Reputation in parts per million (`0..=1_000_000`).
pub type Reputation = u32;

/// Largest reputation (and largest meaningful accuracy): one million parts per million.
pub const PPM: u32 = 1_000_000;

/// Longest task or dataset name, in bytes.
pub type MaxNameLen = ConstU32<64>;
/// Longest hyper-parameter string, in bytes.
pub type MaxHyperParamsLen = ConstU32<256>;
/// Longest artifact location (a URL the contributor serves the artifact from), in bytes.
pub type MaxLocationLen = ConstU32<256>;

/// A short, bounded name (model architecture, dataset, generator).
pub type Name = BoundedVec<u8, MaxNameLen>;
/// Hyper-parameters as `key=value` pairs separated by commas, e.g. `lr=0.1,batch=64,epochs=30`.
pub type HyperParams = BoundedVec<u8, MaxHyperParamsLen>;
/// Where an artifact can be fetched from.
pub type ArtifactLocation = BoundedVec<u8, MaxLocationLen>;

/// Domain separator of the registration signature (see [`registration_payload`]).
pub const REGISTRATION_CONTEXT: &[u8] = b"paradigm:useful-work:register:";

/// The bytes a new contributor signs to register without holding PAR:
/// `REGISTRATION_CONTEXT ++ account (32 bytes) ++ genesis hash (32 bytes)`.
///
/// The genesis hash stops a signature made for one Paradigm network from registering the account
/// on another.
pub fn registration_payload(account: &[u8], genesis_hash: &H256) -> Vec<u8> {
	let mut payload = Vec::with_capacity(REGISTRATION_CONTEXT.len() + account.len() + 32);
	payload.extend_from_slice(REGISTRATION_CONTEXT);
	payload.extend_from_slice(account);
	payload.extend_from_slice(genesis_hash.as_bytes());
	payload
}

/// What a contributor does for a task.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum TaskKind {
	/// Train a model that beats the champion on held-out data.
	Train,
	/// Evaluate or run inference with a given model and publish the result.
	Evaluate,
}

/// The metric a task is scored by, and which direction is better.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum Metric {
	/// Fraction of correct predictions (higher is better).
	Accuracy,
	/// Mean cross-entropy loss (lower is better).
	CrossEntropy,
	/// Mean squared error (lower is better).
	MeanSquaredError,
}

impl Metric {
	/// Whether a larger value is a better result.
	pub fn higher_is_better(self) -> bool {
		matches!(self, Metric::Accuracy)
	}

	/// How much `candidate` improves on `reference`, in ppm; zero when it is not better.
	pub fn improvement(self, reference: MetricValue, candidate: MetricValue) -> MetricValue {
		if self.higher_is_better() {
			candidate.saturating_sub(reference)
		} else {
			reference.saturating_sub(candidate)
		}
	}
}

/// The data a task trains and validates on. Nothing is downloaded at run time: a dataset is either
/// shipped with the contributor (and pinned by its content hash) or generated from a seed.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum DatasetRef {
	/// A dataset file shipped with the contributor, e.g. `uci-digits-8x8`.
	Shipped {
		/// Dataset name, as the contributor knows it.
		name: Name,
		/// BLAKE2b-256 of the dataset file; contributors refuse a file that does not match.
		content_hash: H256,
	},
	/// A synthetic dataset produced by a named generator from a seed.
	Seeded {
		/// Generator name, as the contributor knows it.
		generator: Name,
		/// Generator seed; the validation split also mixes in the round seed.
		seed: u64,
	},
}

/// Lengths of a round's three phases, in blocks.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct RoundSchedule {
	/// Blocks during which trainers commit to an artifact.
	pub commit_blocks: u32,
	/// Blocks during which trainers reveal what they committed to.
	pub reveal_blocks: u32,
	/// Blocks during which assigned verifiers report what they measured.
	pub verify_blocks: u32,
}

impl RoundSchedule {
	/// Total length of a round in blocks.
	pub fn round_blocks(&self) -> u32 {
		self.commit_blocks.saturating_add(self.reveal_blocks).saturating_add(self.verify_blocks)
	}
}

/// Everything a contributor needs to know to work on a task.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct TaskSpec {
	/// Train or evaluate.
	pub kind: TaskKind,
	/// Model architecture identifier, e.g. `mlp:64-32-10`.
	pub model: Name,
	/// Training hyper-parameters.
	pub hyper_params: HyperParams,
	/// Training and validation data.
	pub dataset: DatasetRef,
	/// What verifiers measure.
	pub metric: Metric,
	/// The value a submission must beat while there is no champion (e.g. chance accuracy).
	pub baseline: MetricValue,
	/// Smallest improvement over the champion that counts, in ppm.
	pub min_improvement: MetricValue,
	/// How far (ppm, absolute) a verifier's report may be from the accepted value and still count
	/// as agreeing; also how far a trainer's claim may be from it.
	pub tolerance: MetricValue,
	/// Verifiers assigned to each submission.
	pub verifiers_per_submission: u8,
	/// Largest artifact accepted, in bytes.
	pub max_artifact_size: u64,
	/// Phase lengths.
	pub schedule: RoundSchedule,
	/// Multiplier of the points this task's work earns.
	pub reward_weight: u32,
}

/// The best artifact of a task so far.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug,
)]
pub struct Champion<AccountId> {
	/// Content hash (BLAKE2b-256) of the artifact.
	pub artifact: H256,
	/// Accepted metric value.
	pub metric: MetricValue,
	/// The account that trained it.
	pub trainer: AccountId,
	/// The round it won.
	pub round: RoundIndex,
}

/// Phase of a task's current round.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug,
)]
pub enum RoundPhase {
	/// Trainers commit.
	Commit,
	/// Trainers reveal.
	Reveal,
	/// Verifiers report.
	Verify,
}

/// Points one account earned in one epoch, by role.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Default,
	PartialEq,
	Eq,
	RuntimeDebug,
)]
pub struct WorkRecord {
	/// Points for accepted improvements (after the pool fee).
	pub trainer: WorkPoints,
	/// Points for honest verifications (after the pool fee).
	pub verifier: WorkPoints,
	/// Fees this account earned as a pool operator.
	pub pool_fees: WorkPoints,
	/// Points for accepted oracle reports. The useful-work pallet credits none; an oracle ledger
	/// that shares the epoch clock does, so the treasury pays oracle feeders by the same rules.
	pub oracle: WorkPoints,
	/// The pool the work was done for, if any (the last one seen in the epoch).
	pub pool: Option<PoolId>,
}

impl WorkRecord {
	/// All points of the record.
	pub fn total(&self) -> WorkPoints {
		self.trainer
			.saturating_add(self.verifier)
			.saturating_add(self.pool_fees)
			.saturating_add(self.oracle)
	}
}

/// What the network did in one epoch, as counted on-chain.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Default,
	PartialEq,
	Eq,
	RuntimeDebug,
)]
pub struct EpochActivity<Balance> {
	/// Submissions whose metric was accepted by verifiers.
	pub accepted_submissions: u32,
	/// Accepted submissions that became a champion.
	pub improvements: u32,
	/// Verifier reports that agreed with the accepted value.
	pub honest_verifications: u32,
	/// Sum of all points credited.
	pub total_points: WorkPoints,
	/// PAR escrowed by requesters for paid tasks in this epoch.
	pub bounties_escrowed: Balance,
	/// PAR paid out of bounties to contributors in this epoch.
	pub bounties_paid: Balance,
}

/// What the treasury observes about one completed epoch.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Default,
	PartialEq,
	Eq,
	RuntimeDebug,
)]
pub struct EpochObservation<Balance> {
	/// Counters kept while the epoch ran.
	pub activity: EpochActivity<Balance>,
	/// Accounts that earned points in the epoch.
	pub active_contributors: u32,
	/// Distinct pools whose members earned points in the epoch.
	pub active_pools: u32,
	/// Registered contributors when observed.
	pub registered_contributors: u32,
}

/// The epoch ledger of useful work, read by the AI treasury.
pub trait WorkLedger<AccountId, Balance> {
	/// The epoch the chain is in now; every epoch before it is complete and will not change.
	fn current_epoch() -> EpochIndex;
	/// Blocks per epoch.
	fn epoch_length() -> u32;
	/// Points per account earned in `epoch`. Bounded by the pallet's contributor limit.
	fn epoch_work(epoch: EpochIndex) -> Vec<(AccountId, WorkRecord)>;
	/// Totals observed in `epoch`.
	fn epoch_observation(epoch: EpochIndex) -> EpochObservation<Balance>;
}

/// A task as the runtime API shows it to contributors.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct TaskView<AccountId, Balance, BlockNumber> {
	/// Task identifier.
	pub id: TaskId,
	/// What to do.
	pub spec: TaskSpec,
	/// The requester of a paid task; `None` for a network task.
	pub requester: Option<AccountId>,
	/// Escrowed bounty of a paid task.
	pub bounty: Option<Balance>,
	/// Best artifact so far.
	pub champion: Option<Champion<AccountId>>,
	/// Current round.
	pub round: Option<RoundView<BlockNumber>>,
}

/// A round as the runtime API shows it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct RoundView<BlockNumber> {
	/// Round number within the task.
	pub index: RoundIndex,
	/// Phase at the block the API was called at.
	pub phase: RoundPhase,
	/// First block of the commit phase.
	pub started_at: BlockNumber,
	/// First block of the reveal phase.
	pub reveal_from: BlockNumber,
	/// First block of the verify phase (the seed is drawn at its start).
	pub verify_from: BlockNumber,
	/// The block that finalizes the round and starts the next one.
	pub ends_at: BlockNumber,
	/// Commitments so far.
	pub commitments: u32,
	/// Submissions so far.
	pub submissions: u32,
	/// Validation seed, once drawn.
	pub seed: Option<H256>,
}

/// A submission a verifier has been assigned to measure.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct AssignmentView<AccountId> {
	/// Task of the submission.
	pub task: TaskId,
	/// Round of the submission.
	pub round: RoundIndex,
	/// Index of the submission within the round.
	pub submission: u32,
	/// Who trained it.
	pub trainer: AccountId,
	/// Content hash of the artifact.
	pub artifact: H256,
	/// Artifact size in bytes.
	pub size: u64,
	/// Where to fetch it.
	pub location: ArtifactLocation,
	/// Validation seed of the round.
	pub seed: H256,
	/// Whether this verifier has already reported.
	pub reported: bool,
}

/// A contributor as the runtime API shows it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct ContributorView<BlockNumber> {
	/// Block of registration.
	pub registered_at: BlockNumber,
	/// Reputation (ppm).
	pub reputation: Reputation,
	/// Pool it works for.
	pub pool: Option<PoolId>,
	/// Unsettled commitments and assignments.
	pub pending: u32,
	/// Last epoch with registration or accepted work.
	pub last_active_epoch: EpochIndex,
}
