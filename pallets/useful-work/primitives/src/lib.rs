//! Domain types of Paradigm's proof of useful work.
//!
//! The useful-work pallet stores them, its runtime API returns them, the AI treasury reads the
//! epoch ledger through [`WorkLedger`], and clients read the same types as JSON from the
//! `usefulWork_*` RPC (their JSON shape is chosen in [`wire`]).
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

pub mod wire;

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
/// Domain separator of the registration proof of work (see [`registration_work`]).
pub const REGISTRATION_WORK_CONTEXT: &[u8] = b"paradigm:useful-work:register-work:";

/// The bytes a new contributor signs to register without holding PAR:
/// `REGISTRATION_CONTEXT ++ account (32 bytes) ++ anchor (u64, little endian) ++ anchor hash`.
///
/// The anchor is a recent block of the chain the account registers on (clients take the latest
/// finalized block). Its hash binds the signature to that chain, and the pallet accepts an anchor
/// only for a bounded number of blocks, so a signature seen once cannot register the account
/// again later (after it left or was evicted) without its owner.
pub fn registration_payload(account: &[u8], anchor: u64, anchor_hash: &H256) -> Vec<u8> {
	let mut payload = Vec::with_capacity(REGISTRATION_CONTEXT.len() + account.len() + 8 + 32);
	payload.extend_from_slice(REGISTRATION_CONTEXT);
	payload.extend_from_slice(account);
	payload.extend_from_slice(&anchor.to_le_bytes());
	payload.extend_from_slice(anchor_hash.as_bytes());
	payload
}

/// The registration proof of work of `payload` with `nonce`:
/// `blake2_256(REGISTRATION_WORK_CONTEXT ++ payload ++ nonce (u64, little endian))`.
///
/// Identities are free in coins (nobody holds PAR at genesis) but not in computation: a
/// registration must carry a nonce whose work has at least the chain's current number of leading
/// zero bits, and that number rises with the registrations of the epoch (see the pallet's
/// `registration_difficulty`), so that flooding the registry grows exponentially expensive.
pub fn registration_work(payload: &[u8], nonce: u64) -> H256 {
	let mut preimage = Vec::with_capacity(REGISTRATION_WORK_CONTEXT.len() + payload.len() + 8);
	preimage.extend_from_slice(REGISTRATION_WORK_CONTEXT);
	preimage.extend_from_slice(payload);
	preimage.extend_from_slice(&nonce.to_le_bytes());
	H256(polkadot_sdk::sp_crypto_hashing::blake2_256(&preimage))
}

/// Leading zero bits of `hash` read as a big-endian number.
pub fn leading_zero_bits(hash: &H256) -> u32 {
	let mut bits = 0u32;
	for byte in hash.as_bytes() {
		if *byte == 0 {
			bits = bits.saturating_add(8);
		} else {
			return bits.saturating_add(byte.leading_zeros());
		}
	}
	bits
}

/// Whether `nonce` is a registration proof of work of at least `difficulty` bits for `payload`.
pub fn meets_registration_difficulty(payload: &[u8], nonce: u64, difficulty: u32) -> bool {
	leading_zero_bits(&registration_work(payload, nonce)) >= difficulty
}

/// The smallest nonce that meets `difficulty` for `payload`, searching from `start`: what a
/// client runs before it registers. On average it tries `2^difficulty` nonces.
#[cfg(feature = "std")]
pub fn solve_registration_work(payload: &[u8], difficulty: u32, start: u64) -> u64 {
	let mut nonce = start;
	while !meets_registration_difficulty(payload, nonce, difficulty) {
		nonce = nonce.wrapping_add(1);
	}
	nonce
}

/// The commitment a trainer publishes before it reveals: `blake2_256(SCALE((artifact, who, salt)))`.
///
/// The pallet checks reveals against it and the contributor computes it before committing; for a
/// 32-byte account the encoding is the concatenation `artifact ‖ who ‖ salt`.
pub fn commitment_hash<AccountId: Encode>(artifact: &H256, who: &AccountId, salt: &[u8; 32]) -> H256 {
	H256(polkadot_sdk::sp_crypto_hashing::blake2_256(&(artifact, who, salt).encode()))
}

/// What a client needs to register: the payload to sign, the anchor block it names and the proof
/// of work the chain asks for now.
#[derive(Clone, PartialEq, Eq, RuntimeDebug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationTicket {
	/// The bytes to sign ([`registration_payload`]), hex on the wire.
	#[serde(with = "wire::hex_bytes")]
	pub payload: Vec<u8>,
	/// The anchor block's number, to pass to `register`.
	pub anchor: u64,
	/// Leading zero bits the proof of work needs at the anchor's state.
	pub difficulty: u32,
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
	/// Every metric, in declaration order.
	pub const ALL: [Metric; 3] = [Metric::Accuracy, Metric::CrossEntropy, Metric::MeanSquaredError];

	/// The metric's name on the wire and in a person's terminal: `accuracy`, `crossEntropy`,
	/// `meanSquaredError`.
	pub fn name(self) -> &'static str {
		match self {
			Metric::Accuracy => "accuracy",
			Metric::CrossEntropy => "crossEntropy",
			Metric::MeanSquaredError => "meanSquaredError",
		}
	}

	/// Whether a larger value is a better result.
	pub fn higher_is_better(self) -> bool {
		matches!(self, Metric::Accuracy)
	}

	/// The largest meaningful value: 100 % for accuracy, [`spec_bounds::MAX_LOSS_VALUE`] for a
	/// loss.
	pub fn max_value(self) -> MetricValue {
		match self {
			Metric::Accuracy => PPM,
			Metric::CrossEntropy | Metric::MeanSquaredError => spec_bounds::MAX_LOSS_VALUE,
		}
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

impl core::fmt::Display for Metric {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str(self.name())
	}
}

/// The data a task trains and validates on. Nothing is downloaded at run time: a dataset is either
/// shipped with the contributor (and pinned by its content hash) or generated from a seed.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum DatasetRef {
	/// A dataset file shipped with the contributor, e.g. `uci-digits-8x8`.
	Shipped {
		/// Dataset name, as the contributor knows it.
		#[serde(with = "wire::text")]
		name: Name,
		/// BLAKE2b-256 of the dataset file; contributors refuse a file that does not match.
		content_hash: H256,
	},
	/// A synthetic dataset produced by a named generator from a seed.
	Seeded {
		/// Generator name, as the contributor knows it.
		#[serde(with = "wire::text")]
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
	#[serde(with = "wire::text")]
	pub model: Name,
	/// Training hyper-parameters.
	#[serde(with = "wire::text")]
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

/// Bounds every [`TaskSpec`] must respect, network and paid tasks alike. They keep a task from
/// buying emission or reputation with extreme numbers (see `docs/decisions.md`, D11).
pub mod spec_bounds {
	use super::{MetricValue, PPM};

	/// Shortest phase, in blocks: a phase must outlive one block author's censorship.
	pub const MIN_PHASE_BLOCKS: u32 = 2;
	/// Longest phase, in blocks (one hour of 2-second blocks). The validation seed reads the
	/// hash of the block before the reveal phase when reveals close, so the reveal phase must be
	/// much shorter than the block hashes the chain keeps.
	pub const MAX_PHASE_BLOCKS: u32 = 1_800;
	/// Fewest verifiers per submission: the median needs at least three reports to outvote one
	/// liar.
	pub const MIN_VERIFIERS: u8 = 3;
	/// Largest artifact a task may ask verifiers to download (64 MiB).
	pub const MAX_ARTIFACT_SIZE: u64 = 64 << 20;
	/// Largest baseline or metric value of a loss metric (a loss of 100).
	pub const MAX_LOSS_VALUE: MetricValue = 100 * PPM;
	/// Largest smallest-improvement a task may demand (10 percentage points).
	pub const MAX_MIN_IMPROVEMENT: MetricValue = PPM / 10;
	/// Widest tolerance (5 percentage points): beyond it any report "agrees".
	pub const MAX_TOLERANCE: MetricValue = PPM / 20;
	/// Largest reward weight: one task can weigh at most this many times a standard task.
	pub const MAX_REWARD_WEIGHT: u32 = 16;
	/// Largest improvement one round credits, however far the accepted metric jumped: a captured
	/// verification can win at most this much.
	pub const MAX_CREDITED_IMPROVEMENT: MetricValue = PPM / 10;
}

/// Why a [`TaskSpec`] is refused.
#[derive(Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum SpecError {
	/// A phase is shorter than [`spec_bounds::MIN_PHASE_BLOCKS`] or longer than
	/// [`spec_bounds::MAX_PHASE_BLOCKS`].
	PhaseLength,
	/// Fewer verifiers than [`spec_bounds::MIN_VERIFIERS`] or more than the chain allows.
	Verifiers,
	/// Zero or above [`spec_bounds::MAX_ARTIFACT_SIZE`].
	ArtifactSize,
	/// An accuracy above 100 % or a loss above [`spec_bounds::MAX_LOSS_VALUE`].
	Baseline,
	/// Zero or above [`spec_bounds::MAX_MIN_IMPROVEMENT`].
	MinImprovement,
	/// Above [`spec_bounds::MAX_TOLERANCE`].
	Tolerance,
	/// Zero or above [`spec_bounds::MAX_REWARD_WEIGHT`].
	RewardWeight,
	/// The model, the hyper-parameters or the dataset's name is not UTF-8: clients read them as
	/// text, and one undecodable task must not hide every other from them.
	NotText,
}

impl TaskSpec {
	/// Check every field against [`spec_bounds`]; `max_verifiers` is the chain's own limit.
	pub fn check_bounds(&self, max_verifiers: u32) -> Result<(), SpecError> {
		use spec_bounds::*;
		let phases = [self.schedule.commit_blocks, self.schedule.reveal_blocks, self.schedule.verify_blocks];
		if phases.iter().any(|blocks| !(MIN_PHASE_BLOCKS..=MAX_PHASE_BLOCKS).contains(blocks)) {
			return Err(SpecError::PhaseLength);
		}
		if self.verifiers_per_submission < MIN_VERIFIERS ||
			u32::from(self.verifiers_per_submission) > max_verifiers
		{
			return Err(SpecError::Verifiers);
		}
		if !(1..=MAX_ARTIFACT_SIZE).contains(&self.max_artifact_size) {
			return Err(SpecError::ArtifactSize);
		}
		if self.baseline > self.metric.max_value() {
			return Err(SpecError::Baseline);
		}
		if !(1..=MAX_MIN_IMPROVEMENT).contains(&self.min_improvement) {
			return Err(SpecError::MinImprovement);
		}
		if self.tolerance > MAX_TOLERANCE {
			return Err(SpecError::Tolerance);
		}
		if !(1..=MAX_REWARD_WEIGHT).contains(&self.reward_weight) {
			return Err(SpecError::RewardWeight);
		}
		let dataset_name = match &self.dataset {
			DatasetRef::Shipped { name, .. } => name,
			DatasetRef::Seeded { generator, .. } => generator,
		};
		if [&self.model[..], &self.hyper_params[..], &dataset_name[..]]
			.iter()
			.any(|bytes| core::str::from_utf8(bytes).is_err())
		{
			return Err(SpecError::NotText);
		}
		Ok(())
	}
}

/// The best artifact of a task so far.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
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

/// Phase of a task's current round; `commit`, `reveal` or `verify` on the wire.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum RoundPhase {
	/// Trainers commit.
	Commit,
	/// Trainers reveal.
	Reveal,
	/// Verifiers report.
	Verify,
}

impl RoundPhase {
	/// The phase's name on the wire and in a person's terminal: `commit`, `reveal`, `verify`.
	pub fn name(self) -> &'static str {
		match self {
			RoundPhase::Commit => "commit",
			RoundPhase::Reveal => "reveal",
			RoundPhase::Verify => "verify",
		}
	}
}

impl core::fmt::Display for RoundPhase {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str(self.name())
	}
}

/// One round of one task, ordered by task, then round, as numbers; written `task/round` as text
/// (e.g. a key of the contributor's `state.json`).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
	RuntimeDebug,
)]
pub struct RoundKey {
	/// The task.
	pub task: TaskId,
	/// The round within the task.
	pub round: RoundIndex,
}

/// Text that is not a [`RoundKey`] (`task/round`, two decimal numbers).
#[derive(Clone, PartialEq, Eq, RuntimeDebug)]
pub struct BadRoundKey;

impl core::fmt::Display for BadRoundKey {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str("not a round key of the form task/round")
	}
}

impl core::fmt::Display for RoundKey {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "{}/{}", self.task, self.round)
	}
}

impl core::str::FromStr for RoundKey {
	type Err = BadRoundKey;

	fn from_str(text: &str) -> Result<Self, BadRoundKey> {
		let (task, round) = text.split_once('/').ok_or(BadRoundKey)?;
		let number = |part: &str| {
			// `u32::from_str` accepts a leading `+`; a key is digits only.
			if part.is_empty() || !part.bytes().all(|byte| byte.is_ascii_digit()) {
				return Err(BadRoundKey);
			}
			part.parse().map_err(|_| BadRoundKey)
		};
		Ok(Self { task: number(task)?, round: number(round)? })
	}
}

/// Written as its `task/round` text, so that it can key a JSON map.
impl Serialize for RoundKey {
	fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.collect_str(self)
	}
}

impl<'de> Deserialize<'de> for RoundKey {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let text = alloc::string::String::deserialize(deserializer)?;
		text.parse().map_err(|_| {
			<D::Error as serde::de::Error>::custom(alloc::format!("`{text}` is not a key of the form task/round"))
		})
	}
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
	/// Network-task submissions accepted by verifiers that improved on the champion by at least
	/// the task's smallest improvement (only the best of a round is crowned). Submissions that
	/// improve nothing are not activity: anyone could make them in bulk.
	pub improving_submissions: u32,
	/// Improving submissions that became a champion.
	pub improvements: u32,
	/// Verifier reports that agreed with the accepted value of an improving network-task
	/// submission.
	pub honest_verifications: u32,
	/// Sum of all treasury points credited (network tasks only).
	pub total_points: WorkPoints,
	/// PAR paid out of settled bounties to accounts other than the task's requester: demand that
	/// cost the requester something. (Escrow alone is not demand: it comes back when no work
	/// arrives.)
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
	/// Points per account earned in `epoch`: at most [`WorkLedger::max_epoch_earners`] entries.
	fn epoch_work(epoch: EpochIndex) -> Vec<(AccountId, WorkRecord)>;
	/// Most accounts that can earn points in one epoch; a reader that pays them all must be able
	/// to hold this many.
	fn max_epoch_earners() -> u32;
	/// Totals observed in `epoch`.
	fn epoch_observation(epoch: EpochIndex) -> EpochObservation<Balance>;
}

/// Reputation earned by verified work, read by governance to weigh contributors' votes.
///
/// Reputation starts at zero for every new account and moves only with verification, so it
/// cannot be bought, transferred or split: a vote weighted by it is a vote weighted by work.
pub trait ReputationLedger<AccountId> {
	/// The reputation of a registered contributor (ppm); `None` for an unregistered account.
	fn reputation_of(who: &AccountId) -> Option<Reputation>;
	/// The sum of every registered contributor's reputation: the whole contributor electorate.
	fn total_reputation() -> u64;
}

/// A task as the runtime API shows it to contributors, and as `usefulWork_openTasks` sends it:
/// camelCase fields, hashes as `0x` hex, the bounty as a decimal string (balances exceed
/// JavaScript's safe integers).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(bound(
	serialize = "AccountId: Serialize, Balance: core::fmt::Display, BlockNumber: Serialize",
	deserialize = "AccountId: Deserialize<'de>, Balance: core::str::FromStr, BlockNumber: Deserialize<'de>"
))]
pub struct TaskView<AccountId, Balance, BlockNumber> {
	/// Task identifier.
	pub id: TaskId,
	/// What to do.
	pub spec: TaskSpec,
	/// The requester of a paid task; `None` for a network task.
	pub requester: Option<AccountId>,
	/// Escrowed bounty of a paid task.
	#[serde(with = "wire::decimal")]
	pub bounty: Option<Balance>,
	/// Best artifact so far.
	pub champion: Option<Champion<AccountId>>,
	/// Current round.
	pub round: Option<RoundView<BlockNumber>>,
}

/// A round as the runtime API shows it (`usefulWork_round`).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
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

/// A submission a verifier has been assigned to measure (`usefulWork_assignments`).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
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
	#[serde(with = "wire::text")]
	pub location: ArtifactLocation,
	/// Validation seed of the round.
	pub seed: H256,
	/// Whether this verifier has already reported.
	pub reported: bool,
}

/// A contributor as the runtime API shows it (`usefulWork_contributor`).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
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

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn leading_zero_bits_reads_the_hash_big_endian() {
		assert_eq!(leading_zero_bits(&H256::zero()), 256);
		assert_eq!(leading_zero_bits(&H256::repeat_byte(0xff)), 0);
		let mut bytes = [0u8; 32];
		bytes[1] = 0b0001_0000;
		assert_eq!(leading_zero_bits(&H256(bytes)), 8 + 3);
	}

	#[test]
	fn solved_work_meets_its_difficulty_and_binds_the_payload() {
		let payload = registration_payload(&[7u8; 32], 41, &H256::repeat_byte(9));
		assert_eq!(payload.len(), REGISTRATION_CONTEXT.len() + 32 + 8 + 32);
		let nonce = solve_registration_work(&payload, 12, 0);
		assert!(meets_registration_difficulty(&payload, nonce, 12));
		assert!(leading_zero_bits(&registration_work(&payload, nonce)) >= 12);
		// Another anchor is another payload: the work does not carry over (for this nonce).
		let other = registration_payload(&[7u8; 32], 42, &H256::repeat_byte(9));
		assert_ne!(registration_work(&payload, nonce), registration_work(&other, nonce));
	}

	#[test]
	fn a_ticket_travels_as_hex_and_refuses_malformed_payloads() {
		let ticket = RegistrationTicket { payload: alloc::vec![0x00, 0xab, 0x10], anchor: 5, difficulty: 16 };
		let json = serde_json::to_string(&ticket).expect("serialises");
		assert_eq!(json, r#"{"payload":"0x00ab10","anchor":5,"difficulty":16}"#);
		assert_eq!(serde_json::from_str::<RegistrationTicket>(&json).expect("parses"), ticket);
		for bad in [r#""0xabc""#, r#""0xzz""#] {
			let json = format!(r#"{{"payload":{bad},"anchor":5,"difficulty":16}}"#);
			assert!(serde_json::from_str::<RegistrationTicket>(&json).is_err(), "{bad}");
		}
	}

	#[test]
	fn spec_bounds_name_the_field_that_breaks_them() {
		let spec = TaskSpec {
			dataset: DatasetRef::Seeded { generator: Name::truncate_from(b"two-spirals".to_vec()), seed: 1 },
			metric: Metric::CrossEntropy,
			baseline: 693_147,
			..sample_spec()
		};
		assert_eq!(spec.check_bounds(5), Ok(()));
		assert_eq!(spec.check_bounds(2), Err(SpecError::Verifiers));
		let mut accuracy = spec.clone();
		accuracy.metric = Metric::Accuracy;
		assert_eq!(accuracy.check_bounds(5), Ok(()));
		accuracy.baseline = PPM + 1;
		assert_eq!(accuracy.check_bounds(5), Err(SpecError::Baseline));
		let mut loss = spec.clone();
		loss.baseline = spec_bounds::MAX_LOSS_VALUE + 1;
		assert_eq!(loss.check_bounds(5), Err(SpecError::Baseline));
		// Text fields must be text: 0xff bytes would grow past their bound as U+FFFD.
		let mut binary = spec.clone();
		binary.model = Name::truncate_from(alloc::vec![0xff; 30]);
		assert_eq!(binary.check_bounds(5), Err(SpecError::NotText));
		let mut binary = spec.clone();
		binary.hyper_params = HyperParams::truncate_from(alloc::vec![b'a', 0xc3]);
		assert_eq!(binary.check_bounds(5), Err(SpecError::NotText));
		let mut binary = spec;
		binary.dataset = DatasetRef::Seeded { generator: Name::truncate_from(alloc::vec![0x80]), seed: 1 };
		assert_eq!(binary.check_bounds(5), Err(SpecError::NotText));
	}

	fn sample_spec() -> TaskSpec {
		TaskSpec {
			kind: TaskKind::Train,
			model: Name::truncate_from(b"mlp:64-64-10".to_vec()),
			hyper_params: HyperParams::truncate_from(b"optimizer=sgd,lr=0.05".to_vec()),
			dataset: DatasetRef::Shipped {
				name: Name::truncate_from(b"uci-digits-8x8".to_vec()),
				content_hash: H256::repeat_byte(0xe3),
			},
			metric: Metric::Accuracy,
			baseline: 100_000,
			min_improvement: 5_000,
			tolerance: 10_000,
			verifiers_per_submission: 3,
			max_artifact_size: 1 << 20,
			schedule: RoundSchedule { commit_blocks: 10, reveal_blocks: 5, verify_blocks: 10 },
			reward_weight: 1,
		}
	}

	fn round_trip<T: Serialize + serde::de::DeserializeOwned + PartialEq + core::fmt::Debug>(value: &T) -> serde_json::Value {
		let json = serde_json::to_value(value).expect("serialises");
		let back: T = serde_json::from_value(json.clone()).expect("deserialises");
		assert_eq!(&back, value);
		json
	}

	#[test]
	fn a_task_view_travels_with_text_names_hex_hashes_and_a_decimal_bounty() {
		let view: TaskView<u64, u128, u32> = TaskView {
			id: 7,
			spec: sample_spec(),
			requester: Some(42),
			bounty: Some(u128::MAX),
			champion: Some(Champion { artifact: H256::repeat_byte(1), metric: 955_000, trainer: 9, round: 3 }),
			round: Some(RoundView {
				index: 4,
				phase: RoundPhase::Reveal,
				started_at: 100,
				reveal_from: 110,
				verify_from: 115,
				ends_at: 125,
				commitments: 2,
				submissions: 1,
				seed: None,
			}),
		};
		let json = round_trip(&view);
		assert_eq!(json["bounty"], serde_json::json!(u128::MAX.to_string()));
		assert_eq!(json["spec"]["model"], "mlp:64-64-10");
		assert_eq!(json["spec"]["hyperParams"], "optimizer=sgd,lr=0.05");
		assert_eq!(json["spec"]["metric"], "accuracy");
		assert_eq!(json["spec"]["dataset"]["shipped"]["name"], "uci-digits-8x8");
		assert_eq!(json["spec"]["dataset"]["shipped"]["contentHash"], alloc::format!("0x{}", "e3".repeat(32)));
		assert_eq!(json["champion"]["artifact"], alloc::format!("0x{}", "01".repeat(32)));
		assert_eq!(json["round"]["phase"], "reveal");
		assert_eq!(json["round"]["revealFrom"], 110);
		let network: TaskView<u64, u128, u32> = TaskView { requester: None, bounty: None, champion: None, round: None, ..view };
		let json = round_trip(&network);
		assert!(json["bounty"].is_null());
	}

	#[test]
	fn assignment_and_contributor_views_round_trip() {
		let assignment = AssignmentView {
			task: 1,
			round: 2,
			submission: 3,
			trainer: 5u64,
			artifact: H256::repeat_byte(0xab),
			size: 1_000,
			location: ArtifactLocation::truncate_from(b"http://127.0.0.1:9000/0xab".to_vec()),
			seed: H256::repeat_byte(0xcd),
			reported: false,
		};
		let json = round_trip(&assignment);
		assert_eq!(json["location"], "http://127.0.0.1:9000/0xab");
		assert_eq!(json["seed"], alloc::format!("0x{}", "cd".repeat(32)));
		let contributor =
			ContributorView { registered_at: 12u32, reputation: 500_000, pool: Some(1), pending: 2, last_active_epoch: 3 };
		let json = round_trip(&contributor);
		assert_eq!(json["registeredAt"], 12);
		assert_eq!(json["lastActiveEpoch"], 3);
	}

	#[test]
	fn wire_text_refuses_what_the_chain_could_not_store_and_bad_amounts() {
		let mut json = serde_json::to_value(sample_spec()).expect("serialises");
		json["model"] = serde_json::json!("m".repeat(65));
		let error = serde_json::from_value::<TaskSpec>(json).expect_err("longer than a name").to_string();
		assert!(error.contains("65 bytes"), "{error}");
		let json = serde_json::json!({ "id": 0, "spec": serde_json::to_value(sample_spec()).expect("spec"),
			"requester": null, "bounty": "12x", "champion": null, "round": null });
		assert!(serde_json::from_value::<TaskView<u64, u128, u32>>(json).is_err());
	}

	#[test]
	fn round_keys_read_and_write_task_slash_round() {
		let key = RoundKey { task: 3, round: 100 };
		assert_eq!(alloc::format!("{key}"), "3/100");
		assert_eq!("3/100".parse::<RoundKey>(), Ok(key));
		assert_eq!(serde_json::to_value(key).expect("serialises"), "3/100");
		assert_eq!(serde_json::from_value::<RoundKey>(serde_json::json!("3/100")).expect("parses"), key);
		for bad in ["3", "3/", "/3", "3/x", "3/1/2", "-1/2", "+1/2", "", "4294967296/0"] {
			assert!(bad.parse::<RoundKey>().is_err(), "{bad}");
		}
		assert!(RoundKey { task: 0, round: 99 } < RoundKey { task: 0, round: 100 });
		assert!(RoundKey { task: 0, round: 100 } < RoundKey { task: 1, round: 0 });
	}

	#[test]
	fn a_seeded_dataset_travels_with_its_generator_as_text() {
		let seeded = DatasetRef::Seeded { generator: Name::truncate_from(b"two-spirals".to_vec()), seed: 7272 };
		let json = round_trip(&seeded);
		assert_eq!(json, serde_json::json!({ "seeded": { "generator": "two-spirals", "seed": 7272 } }));
	}

	#[test]
	fn metric_names_are_the_wire_names() {
		for metric in Metric::ALL {
			assert_eq!(serde_json::to_value(metric).expect("serialises"), metric.name());
			assert_eq!(alloc::format!("{metric}"), metric.name());
		}
		for phase in [RoundPhase::Commit, RoundPhase::Reveal, RoundPhase::Verify] {
			round_trip(&phase);
			assert_eq!(serde_json::to_value(phase).expect("serialises"), phase.name());
			assert_eq!(alloc::format!("{phase}"), phase.name());
		}
	}

	/// The commitment test vector every implementation (pallet, contributor, e2e helper) checks.
	#[derive(Deserialize)]
	struct CommitmentVector {
		artifact: H256,
		account: H256,
		salt: H256,
		commitment: H256,
	}

	#[test]
	fn the_commitment_matches_the_shared_test_vector() {
		let vector: CommitmentVector =
			serde_json::from_str(include_str!("../test-vectors/commitment.json")).expect("a vector");
		let account: [u8; 32] = vector.account.0;
		assert_eq!(commitment_hash(&vector.artifact, &account, &vector.salt.0), vector.commitment);
	}

	#[test]
	fn the_commitment_of_a_32_byte_account_is_the_hash_of_the_concatenation() {
		let expected = polkadot_sdk::sp_crypto_hashing::blake2_256(&[[1u8; 32], [2u8; 32], [3u8; 32]].concat());
		assert_eq!(commitment_hash(&H256::repeat_byte(1), &[2u8; 32], &[3u8; 32]), H256(expected));
	}
}
