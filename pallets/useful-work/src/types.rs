//! Storage types of the useful-work pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	sp_core::{Get, H256},
	sp_runtime::{BoundedVec, Perbill, RuntimeDebug},
};
use scale_info::TypeInfo;
use useful_work_primitives::{
	ArtifactLocation, Champion, EpochIndex, MetricValue, PoolId, Reputation, RoundIndex, TaskSpec,
	WorkPoints,
};

/// A registered contributor.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct ContributorInfo<BlockNumber> {
	/// Block of registration.
	pub registered_at: BlockNumber,
	/// Weight as a verifier, and the weight of its reports in the median (ppm). Starts at zero
	/// and moves only with verification of network tasks.
	pub reputation: Reputation,
	/// Last epoch in which it registered or earned treasury points; pruning and eviction count
	/// from here.
	pub last_active_epoch: EpochIndex,
	/// Pool it works for.
	pub pool: Option<PoolId>,
	/// Commitments and verifier assignments not yet settled; a contributor with pending work is
	/// never pruned and cannot change pool.
	pub pending: u32,
	/// The epoch of its last pool change: one change per epoch, so free accounts cannot fill
	/// blocks by joining and leaving.
	pub pool_changed_epoch: Option<EpochIndex>,
}

/// Who created a task.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug,
)]
pub enum TaskOwner<AccountId> {
	/// Created by governance; rewarded by the treasury only.
	Network,
	/// Created by a requester who escrowed a bounty.
	Requester(AccountId),
}

/// The PAR a requester escrowed for a paid task.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct Bounty<AccountId, Balance, BlockNumber> {
	/// Who paid it, and who gets it back if no accepted work arrives.
	pub requester: AccountId,
	/// Escrowed amount.
	pub amount: Balance,
	/// The first round that ends at or after this block settles the bounty and closes the task.
	pub deadline: BlockNumber,
	/// Points earned on the task so far, by everyone.
	pub total_points: WorkPoints,
	/// The account with the most points so far; it receives the rounding remainder.
	pub top: Option<(AccountId, WorkPoints)>,
}

/// A finished paid task's bounty, paid out over several blocks.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct BountySettlement<AccountId, Balance> {
	/// Who paid the bounty: shares to it are not demand.
	pub requester: AccountId,
	/// The whole bounty.
	pub amount: Balance,
	/// Points earned on the task by everyone: the denominator of every share.
	pub total_points: WorkPoints,
	/// The top scorer, paid last with whatever rounding and refused transfers left.
	pub top: AccountId,
	/// Paid so far.
	pub paid: Balance,
	/// Accounts paid so far.
	pub recipients: u32,
}

/// A task in the registry.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct Task<AccountId, Balance, BlockNumber> {
	/// What to do.
	pub spec: TaskSpec,
	/// Governance or a paying requester.
	pub owner: TaskOwner<AccountId>,
	/// Best accepted artifact so far.
	pub champion: Option<Champion<AccountId>>,
	/// Escrow of a paid task.
	pub bounty: Option<Bounty<AccountId, Balance, BlockNumber>>,
	/// A closed task finishes its current round and starts no other.
	pub closed: bool,
}

/// The state of a task's current round.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct RoundState<BlockNumber> {
	/// Round number within the task.
	pub index: RoundIndex,
	/// First block of the commit phase.
	pub started_at: BlockNumber,
	/// Commitments made so far.
	pub commitments: u32,
	/// Submissions (valid reveals) so far.
	pub submissions: u32,
	/// Running hash of every reveal's salt and artifact: entropy no block author knows before the
	/// reveals are in.
	pub reveal_entropy: H256,
	/// Validation seed, drawn when the reveal phase closes.
	pub seed: Option<H256>,
}

/// A trainer's commitment: `blake2_256(SCALE(artifact_hash, account, salt))`.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct Commitment {
	/// The committed hash.
	pub hash: H256,
	/// Pool the trainer works for, fixed at commit time.
	pub pool: Option<PoolId>,
	/// Whether it has been revealed.
	pub revealed: bool,
}

/// One assigned verifier of a submission and what it reported.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct VerifierSlot<AccountId> {
	/// The verifier.
	pub verifier: AccountId,
	/// Its reputation when assigned: the weight of its report.
	pub weight: Reputation,
	/// The value it measured, once reported.
	pub report: Option<MetricValue>,
}

/// A revealed artifact waiting for verification.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
#[scale_info(skip_type_params(MaxVerifiers))]
pub struct Submission<AccountId, MaxVerifiers: Get<u32>> {
	/// The trainer.
	pub trainer: AccountId,
	/// Pool of the trainer at commit time.
	pub pool: Option<PoolId>,
	/// BLAKE2b-256 of the artifact bytes.
	pub artifact: H256,
	/// Artifact size in bytes.
	pub size: u64,
	/// Where verifiers fetch it.
	pub location: ArtifactLocation,
	/// The metric the trainer claims.
	pub claimed: MetricValue,
	/// Assigned verifiers, filled when the reveal phase closes.
	pub verifiers: BoundedVec<VerifierSlot<AccountId>, MaxVerifiers>,
}

/// A pool: workers share their points with an operator for a fee.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
#[scale_info(skip_type_params(MaxMembers))]
pub struct Pool<AccountId, MaxMembers: Get<u32>> {
	/// Receives `fee` of every member's points.
	pub operator: AccountId,
	/// Operator's share.
	pub fee: Perbill,
	/// Members, the operator first.
	pub members: BoundedVec<AccountId, MaxMembers>,
}

/// A round transition scheduled for a block.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum RoundTransition {
	/// Reveals close: draw the seed and assign verifiers.
	CloseReveals,
	/// Verification closes: aggregate, score, start the next round.
	Finalize,
}
