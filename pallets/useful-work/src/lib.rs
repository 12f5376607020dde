//! # Useful-work pallet
//!
//! Paradigm has no mining: PAR is earned only for machine-learning work the network can check.
//! This pallet turns such work into attested *work points*, which the AI treasury converts into
//! PAR through [`WorkLedger`].
//!
//! ## Overview
//!
//! - **Contributors without coins.** [`Pallet::register`] is an unsigned call carrying a signature
//!   by the new account, so an account holding 0 PAR can join. Registration gives the account a
//!   provider reference, after which its work calls are signed but feeless. Every feeless call is
//!   checked in the transaction pool by [`CheckUsefulWork`] (registered, within its rate limit,
//!   within the round's caps), so an invalid one never reaches a block. Registrations per block
//!   are capped and contributors without accepted work for [`Config::PruneAfterEpochs`] epochs are
//!   pruned.
//! - **Tasks.** A bounded registry of [`TaskSpec`]s. Network tasks come from
//!   [`Config::TaskOrigin`] (governance); paid tasks escrow a requester's bounty, paid out by
//!   the same scores or refunded when no accepted work arrives before the deadline.
//! - **Rounds.** Commit -> reveal -> the validation seed is drawn once reveals close -> verifiers
//!   are assigned at random, weighted by reputation, never the trainer or its pool -> verifiers
//!   report -> the reputation-weighted median is accepted -> the best improvement over the champion
//!   becomes champion and earns points in proportion to the improvement.
//! - **Pools.** Members' points are split on-chain: the operator's fee, the rest to the worker.
//!
//! ## Randomness
//!
//! The seed of a round is `blake2_256(task, round, reveal_entropy, parent_hash)`, where
//! `reveal_entropy` chains the secret salt of every reveal. What can bias it is written down in
//! `docs/decisions.md` (D8): the author of the last reveal block can censor reveals, and a
//! trainer can withhold its own reveal (forfeiting its reward); nobody can predict the seed before
//! committing.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod aggregation;
mod bounty;
mod checks;
pub mod extension;
mod finalize;
#[cfg(any(feature = "try-runtime", feature = "std"))]
mod invariants;
mod ledger;
pub mod migrations;
mod rounds;
pub mod types;
mod views;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use extension::CheckUsefulWork;
pub use pallet::*;
pub use types::*;
pub use useful_work_primitives::{
	self as primitives, Champion, DatasetRef, EpochActivity, EpochIndex, EpochObservation,
	Metric, MetricValue, PoolId, Reputation, RoundIndex, RoundPhase, RoundSchedule, TaskId,
	TaskKind, TaskSpec, WorkLedger, WorkPoints, WorkRecord, ReputationLedger,
};
pub use weights::WeightInfo;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{
				fungible::{self, Mutate},
				tokens::Preservation,
			},
			PalletId,
		},
		frame_system::{self, pallet_prelude::*},
		sp_core::H256,
		sp_runtime::{
			traits::{
				AccountIdConversion, IdentifyAccount, Saturating, UniqueSaturatedInto, Verify, Zero,
			},
			Perbill,
		},
	};
	use useful_work_primitives::{registration_payload, spec_bounds, ArtifactLocation, SpecError};

	/// Balance type of the currency bounties are paid in.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// A task with the runtime's types.
	pub type TaskOf<T> = crate::types::Task<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
	/// A submission with the runtime's types.
	pub type SubmissionOf<T> =
		Submission<<T as frame_system::Config>::AccountId, <T as Config>::MaxVerifiersPerSubmission>;
	/// A bounty being paid out, with the runtime's types.
	pub type BountySettlementOf<T> =
		BountySettlement<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
	/// A pool with the runtime's types.
	pub type PoolOf<T> = Pool<<T as frame_system::Config>::AccountId, <T as Config>::MaxPoolMembers>;
	/// Verifiers of one submission.
	pub type VerifierList<T> = BoundedVec<
		<T as frame_system::Config>::AccountId,
		<T as Config>::MaxVerifiersPerSubmission,
	>;

	/// The most leading zero bits a registration's proof of work is ever asked for.
	pub const MAX_REGISTRATION_DIFFICULTY: u32 = 64;

	/// Expired epochs whose ledger removal can be queued at once. One epoch's removal takes a few
	/// blocks, far less than an epoch, so more than one is never pending in practice.
	pub const MAX_PENDING_CLEANUPS: u32 = 8;

	/// The storage layout version: 2 added [`TotalReputation`] ([`migrations::v2`]). A migration
	/// that changes the layout bumps it.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The currency bounties are escrowed and paid in.
		type Currency: fungible::Mutate<Self::AccountId>;
		/// Signature a new contributor registers with; its signer must be the account itself.
		type RegistrationSignature: Verify<Signer: IdentifyAccount<AccountId = Self::AccountId>>
			+ Parameter
			+ DecodeWithMemTracking;
		/// Who may create and close network tasks (the network-tasks track of governance).
		type TaskOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Derives the escrow account of paid-task bounties.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Registered contributors at most. When the registry is full a new registration evicts
		/// the least reputable idle contributor, so a larger value only costs storage and the
		/// verifier draw's iteration.
		#[pallet::constant]
		type MaxContributors: Get<u32>;
		/// New registrations per block at most.
		#[pallet::constant]
		type MaxRegistrationsPerBlock: Get<u32>;
		/// New registrations per epoch at most. With `MaxContributors` it bounds how many accounts
		/// can earn points in one epoch (see [`WorkLedger::max_epoch_earners`]); too high and the
		/// treasury must be able to pay that many accounts per epoch.
		#[pallet::constant]
		type MaxRegistrationsPerEpoch: Get<u32>;
		/// How many blocks a registration's anchor stays valid. Too short and a client whose
		/// finalized block lags cannot register; too long and an old signature can re-register an
		/// account that left for longer. Must stay below the block hashes the chain keeps.
		#[pallet::constant]
		type RegistrationAnchorWindow: Get<BlockNumberFor<Self>>;
		/// Leading zero bits the registration proof of work needs in a quiet epoch. Too low and
		/// identities are free to mint; too high and a newcomer waits on a slow machine.
		#[pallet::constant]
		type BaseRegistrationDifficulty: Get<u32>;
		/// Registrations in one epoch after which the proof of work needs one more bit (costs
		/// double). Too high and a registry flood stays cheap.
		#[pallet::constant]
		type RegistrationsPerDifficultyBit: Get<u32>;
		/// Live network tasks at most (created by [`Config::TaskOrigin`]).
		#[pallet::constant]
		type MaxTasks: Get<u32>;
		/// Paid tasks at most, live or still settling their bounty. Separate from
		/// [`Config::MaxTasks`], so requesters can never crowd out the network's own tasks.
		#[pallet::constant]
		type MaxPaidTasks: Get<u32>;
		/// Latest deadline of a paid task, in blocks from its creation: no requester holds a
		/// paid-task slot for longer.
		#[pallet::constant]
		type MaxPaidTaskBlocks: Get<BlockNumberFor<Self>>;
		/// Bounty shares paid per block while a settled bounty is paid out.
		#[pallet::constant]
		type MaxBountyPayoutsPerBlock: Get<u32>;
		/// Commitments per task and round at most (and so submissions).
		#[pallet::constant]
		type MaxCommitsPerRound: Get<u32>;
		/// Verifiers per submission at most.
		#[pallet::constant]
		type MaxVerifiersPerSubmission: Get<u32>;
		/// Round transitions scheduled for one block at most; at least twice
		/// `MaxTasks + MaxPaidTasks`.
		#[pallet::constant]
		type MaxTransitionsPerBlock: Get<u32>;
		/// Pools at most.
		#[pallet::constant]
		type MaxPools: Get<u32>;
		/// Members per pool at most, operator included.
		#[pallet::constant]
		type MaxPoolMembers: Get<u32>;
		/// Largest fee an operator may take.
		#[pallet::constant]
		type MaxPoolFee: Get<Perbill>;
		/// Blocks per accounting epoch, unless the genesis config chooses another length.
		#[pallet::constant]
		type EpochLength: Get<BlockNumberFor<Self>>;
		/// Completed epochs kept for the treasury and auditors.
		#[pallet::constant]
		type EpochsRetained: Get<u32>;
		/// Epochs without accepted work after which a contributor is pruned.
		#[pallet::constant]
		type PruneAfterEpochs: Get<u32>;
		/// Length of the feeless rate-limit window, in blocks.
		#[pallet::constant]
		type RateLimitWindow: Get<BlockNumberFor<Self>>;
		/// Feeless calls one contributor may make per window.
		#[pallet::constant]
		type MaxFeelessCallsPerWindow: Get<u32>;
		/// Weight all feeless calls together may use in one block. Too high and free accounts can
		/// crowd paying transactions out; too low and honest reveals wait for the next block.
		#[pallet::constant]
		type FeelessWeightPerBlock: Get<Weight>;
		/// Expired ledger entries removed per block.
		#[pallet::constant]
		type MaxLedgerRemovalsPerBlock: Get<u32>;
		/// Reputation gained by a verifier that agrees with the accepted value (ppm).
		#[pallet::constant]
		type AgreementGain: Get<Reputation>;
		/// Reputation lost by a verifier whose report is an outlier, or a trainer whose claim is
		/// beyond tolerance (ppm).
		#[pallet::constant]
		type OutlierPenalty: Get<Reputation>;
		/// Reputation lost by an assigned verifier that does not report (ppm).
		#[pallet::constant]
		type NoShowPenalty: Get<Reputation>;
		/// Points per agreeing verification, multiplied by the task's reward weight.
		#[pallet::constant]
		type VerificationPoints: Get<WorkPoints>;
		/// Smallest bounty of a paid task; at least the existential deposit times
		/// `MaxContributors`, so the top scorer's share is a valid transfer.
		#[pallet::constant]
		type MinBounty: Get<BalanceOf<Self>>;
		/// Weights from benchmarks.
		type WeightInfo: WeightInfo;
		/// Signs registrations in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId, Self::RegistrationSignature>;
	}

	/// Registered contributors.
	#[pallet::storage]
	pub type Contributors<T: Config> = CountedStorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		ContributorInfo<BlockNumberFor<T>>,
	>;

	/// The sum of every registered contributor's reputation, kept exact wherever reputation moves
	/// ([`Pallet::set_reputation`], [`Pallet::remove_contributor`]): governance weighs a vote's
	/// turnout against it without reading the whole registry.
	#[pallet::storage]
	pub type TotalReputation<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Blocks per accounting epoch, fixed at genesis (defaults to [`Config::EpochLength`]). No call
	/// changes it: epoch numbers are derived from it and must never jump.
	#[pallet::storage]
	pub type EpochBlocks<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery, T::EpochLength>;

	/// Registrations made in the current block: `(block, count)`.
	#[pallet::storage]
	pub type RegistrationsInBlock<T: Config> = StorageValue<_, (BlockNumberFor<T>, u32), ValueQuery>;

	/// Registrations made in the current epoch: `(epoch, count)`. Sets the proof-of-work
	/// difficulty and bounds the accounts that can earn in one epoch.
	#[pallet::storage]
	pub type RegistrationsInEpoch<T: Config> = StorageValue<_, (EpochIndex, u32), ValueQuery>;

	/// Weight used by feeless calls in the current block: `(block, weight)`.
	#[pallet::storage]
	pub type FeelessWeightInBlock<T: Config> =
		StorageValue<_, (BlockNumberFor<T>, Weight), ValueQuery>;

	/// Feeless calls per contributor in its current rate-limit window: `(window start, count)`.
	#[pallet::storage]
	pub type FeelessUsage<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (BlockNumberFor<T>, u32), OptionQuery>;

	/// Identifier of the next task.
	#[pallet::storage]
	pub type NextTaskId<T: Config> = StorageValue<_, TaskId, ValueQuery>;

	/// The task registry.
	#[pallet::storage]
	pub type Tasks<T: Config> = CountedStorageMap<_, Twox64Concat, TaskId, TaskOf<T>, OptionQuery>;

	/// Paid tasks live or settling: at most [`Config::MaxPaidTasks`].
	#[pallet::storage]
	pub type PaidTaskCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Bounties of finished paid tasks being paid out, [`Config::MaxBountyPayoutsPerBlock`]
	/// shares per block.
	#[pallet::storage]
	pub type BountySettlements<T: Config> =
		CountedStorageMap<_, Twox64Concat, TaskId, BountySettlementOf<T>, OptionQuery>;

	/// Epochs whose ledger left retention and is being removed, oldest first.
	#[pallet::storage]
	pub type LedgerCleanup<T: Config> =
		StorageValue<_, BoundedVec<EpochIndex, ConstU32<MAX_PENDING_CLEANUPS>>, ValueQuery>;

	/// Current round of every live task.
	#[pallet::storage]
	pub type Rounds<T: Config> =
		StorageMap<_, Twox64Concat, TaskId, RoundState<BlockNumberFor<T>>, OptionQuery>;

	/// Commitments of the current round of a task.
	#[pallet::storage]
	pub type Commitments<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		TaskId,
		Blake2_128Concat,
		T::AccountId,
		Commitment,
		OptionQuery,
	>;

	/// Submissions (valid reveals) of the current round of a task, by index.
	#[pallet::storage]
	pub type Submissions<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TaskId, Twox64Concat, u32, SubmissionOf<T>, OptionQuery>;

	/// Artifacts revealed in the current round of a task: a second reveal of the same artifact is
	/// a copy.
	#[pallet::storage]
	pub type RevealedArtifacts<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TaskId, Identity, H256, u32, OptionQuery>;

	/// Open verifier assignments: verifier -> (task, submission index).
	#[pallet::storage]
	pub type Assignments<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		(TaskId, u32),
		(),
		OptionQuery,
	>;

	/// Round transitions due at a block.
	#[pallet::storage]
	pub type Agenda<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<(TaskId, RoundTransition), T::MaxTransitionsPerBlock>,
		ValueQuery,
	>;

	/// Identifier of the next pool.
	#[pallet::storage]
	pub type NextPoolId<T: Config> = StorageValue<_, PoolId, ValueQuery>;

	/// Pools.
	#[pallet::storage]
	pub type Pools<T: Config> = CountedStorageMap<_, Twox64Concat, PoolId, PoolOf<T>, OptionQuery>;

	/// Points per account and epoch: what the treasury pays for.
	#[pallet::storage]
	pub type EpochWork<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EpochIndex,
		Blake2_128Concat,
		T::AccountId,
		WorkRecord,
		OptionQuery,
	>;

	/// Counters per epoch.
	#[pallet::storage]
	pub type EpochActivities<T: Config> =
		StorageMap<_, Twox64Concat, EpochIndex, EpochActivity<BalanceOf<T>>, ValueQuery>;

	/// Points earned on a paid task, by account: the bounty is split by these.
	#[pallet::storage]
	pub type BountyPoints<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		TaskId,
		Blake2_128Concat,
		T::AccountId,
		WorkPoints,
		ValueQuery,
	>;

	/// Network tasks that exist from genesis (the dev chain's reference tasks).
	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Specs of the network tasks created at genesis.
		pub tasks: Vec<TaskSpec>,
		/// Blocks per accounting epoch; zero keeps [`Config::EpochLength`]. Development chains use
		/// short epochs so that rewards follow work within a minute.
		pub epoch_length: BlockNumberFor<T>,
		/// Contributors registered at genesis with the reputation they have earned: only for
		/// rehearsals and tests that need an electorate at once (the live presets have none).
		pub contributors: Vec<(T::AccountId, Reputation)>,
		#[serde(skip)]
		#[allow(missing_docs)]
		pub _phantom: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if !self.epoch_length.is_zero() {
				EpochBlocks::<T>::put(self.epoch_length);
			}
			for spec in &self.tasks {
				let created = Pallet::<T>::add_task(spec.clone(), TaskOwner::Network, None);
				assert!(created.is_ok(), "invalid genesis task {spec:?}: {created:?}");
			}
			assert!(
				self.contributors.len() <= T::MaxContributors::get() as usize,
				"more genesis contributors than MaxContributors"
			);
			for (who, reputation) in &self.contributors {
				assert!(!Contributors::<T>::contains_key(who), "a genesis contributor is listed twice");
				Pallet::<T>::enroll_with_reputation(who, *reputation);
			}
		}
	}

	/// Why a verifier gained or lost reputation.
	#[derive(
		Encode, Decode, DecodeWithMemTracking, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug,
	)]
	pub enum VerifierOutcome {
		/// Within tolerance of the accepted value.
		Agreed,
		/// Beyond tolerance.
		Outlier,
		/// Did not report.
		NoShow,
	}

	/// The role a contributor was credited for.
	#[derive(
		Encode, Decode, DecodeWithMemTracking, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug,
	)]
	pub enum WorkRole {
		/// Trained (or evaluated) an accepted submission.
		Trainer,
		/// Verified a submission honestly.
		Verifier,
		/// Took a pool fee of a member's points.
		PoolOperator,
	}

	// Field names carry the meaning; each variant is documented.
	#[allow(missing_docs)]
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A contributor registered.
		Registered { who: T::AccountId },
		/// A contributor left.
		Deregistered { who: T::AccountId },
		/// A contributor was pruned for inactivity.
		Pruned { who: T::AccountId },
		/// The registry was full: the least reputable idle contributor made room for a newcomer.
		Evicted { who: T::AccountId, by: T::AccountId },
		/// A task was added to the registry.
		TaskCreated { task: TaskId, requester: Option<T::AccountId> },
		/// A task was closed; it finishes its current round.
		TaskClosed { task: TaskId },
		/// A task finished its last round and left the registry.
		TaskRemoved { task: TaskId },
		/// A requester escrowed a bounty.
		BountyEscrowed {
			task: TaskId,
			requester: T::AccountId,
			amount: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
		},
		/// A finished paid task's bounty began paying out by points.
		BountySettling { task: TaskId, total_points: WorkPoints },
		/// A bounty was paid out by points.
		BountyPaid { task: TaskId, recipients: u32, amount: BalanceOf<T> },
		/// A bounty was returned because no accepted work arrived.
		BountyRefunded { task: TaskId, requester: T::AccountId, amount: BalanceOf<T> },
		/// A round began.
		RoundStarted {
			task: TaskId,
			round: RoundIndex,
			reveal_from: BlockNumberFor<T>,
			verify_from: BlockNumberFor<T>,
			ends_at: BlockNumberFor<T>,
		},
		/// A trainer committed.
		Committed { task: TaskId, round: RoundIndex, who: T::AccountId },
		/// A trainer revealed.
		Revealed {
			task: TaskId,
			round: RoundIndex,
			who: T::AccountId,
			submission: u32,
			artifact: H256,
			claimed: MetricValue,
		},
		/// The validation seed of a round was drawn.
		SeedDrawn { task: TaskId, round: RoundIndex, seed: H256 },
		/// Verifiers were assigned to a submission.
		VerifiersAssigned {
			task: TaskId,
			round: RoundIndex,
			submission: u32,
			verifiers: VerifierList<T>,
		},
		/// A verifier reported.
		VerificationReported {
			task: TaskId,
			round: RoundIndex,
			submission: u32,
			verifier: T::AccountId,
		},
		/// A submission was scored; `accepted` is `None` without a verifier quorum.
		SubmissionScored {
			task: TaskId,
			round: RoundIndex,
			submission: u32,
			trainer: T::AccountId,
			accepted: Option<MetricValue>,
		},
		/// A verifier was judged against the accepted value.
		VerifierJudged {
			task: TaskId,
			round: RoundIndex,
			verifier: T::AccountId,
			outcome: VerifierOutcome,
			reputation: Reputation,
		},
		/// A trainer claimed a metric beyond tolerance of what verifiers measured.
		ClaimRejected {
			task: TaskId,
			round: RoundIndex,
			trainer: T::AccountId,
			claimed: MetricValue,
			accepted: MetricValue,
		},
		/// A full round gave a more reputable contributor the place of `who`'s commitment.
		CommitmentDisplaced { task: TaskId, round: RoundIndex, who: T::AccountId, by: T::AccountId },
		/// A new champion.
		ChampionChanged {
			task: TaskId,
			round: RoundIndex,
			trainer: T::AccountId,
			artifact: H256,
			metric: MetricValue,
			improvement: MetricValue,
		},
		/// Points on a paid task were credited (after the pool fee): a share of its bounty, never
		/// treasury emission.
		BountyPointsCredited { task: TaskId, who: T::AccountId, role: WorkRole, points: WorkPoints },
		/// Treasury work points were credited (after the pool fee).
		PointsCredited {
			epoch: EpochIndex,
			who: T::AccountId,
			role: WorkRole,
			points: WorkPoints,
			pool: Option<PoolId>,
		},
		/// A pool was created.
		PoolCreated { pool: PoolId, operator: T::AccountId, fee: Perbill },
		/// A contributor joined a pool.
		PoolJoined { pool: PoolId, who: T::AccountId },
		/// A contributor left a pool.
		PoolLeft { pool: PoolId, who: T::AccountId },
		/// A pool was dissolved (its operator left or was pruned).
		PoolDissolved { pool: PoolId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already registered.
		AlreadyRegistered,
		/// The account is not a registered contributor.
		NotRegistered,
		/// The registration signature is not the account's signature of the registration payload.
		BadRegistrationSignature,
		/// This block already holds the most registrations allowed.
		RegistrationsFull,
		/// The contributor registry is full and no contributor is idle enough to be evicted.
		TooManyContributors,
		/// The contributor used up its feeless calls for this window.
		RateLimited,
		/// The registry of network tasks is full.
		TooManyTasks,
		/// No such task.
		UnknownTask,
		/// The task is closed.
		TaskClosed,
		/// The call does not belong to the round's current phase.
		WrongPhase,
		/// The account already committed in this round.
		AlreadyCommitted,
		/// The round already holds the most commitments allowed.
		RoundFull,
		/// The account did not commit in this round.
		NotCommitted,
		/// The commitment was already revealed.
		AlreadyRevealed,
		/// The reveal does not hash to the commitment.
		CommitMismatch,
		/// The artifact is larger than the task allows.
		ArtifactTooLarge,
		/// The artifact was already revealed in this round by another account.
		DuplicateArtifact,
		/// The account is not assigned to verify this submission.
		NotAssigned,
		/// The verifier already reported on this submission.
		AlreadyReported,
		/// The bounty is below the minimum.
		BountyTooSmall,
		/// The deadline leaves less than one full round.
		DeadlineTooSoon,
		/// The pool fee is above the maximum.
		PoolFeeTooHigh,
		/// The pool registry is full.
		TooManyPools,
		/// No such pool.
		UnknownPool,
		/// The pool has the most members allowed.
		PoolFull,
		/// The contributor is already in a pool.
		AlreadyInPool,
		/// The contributor is not in a pool.
		NotInPool,
		/// The contributor has unsettled commitments or assignments.
		PendingWork,
		/// The registration's anchor block is not a past block this chain knows, or is older than
		/// [`Config::RegistrationAnchorWindow`]. (A payload signed with another hash for the
		/// anchor fails as `RegistrationWorkTooLow` or `BadRegistrationSignature`: the chain
		/// rebuilds the payload with its own hash.)
		BadRegistrationAnchor,
		/// The registration's proof of work has fewer leading zero bits than the chain asks now.
		RegistrationWorkTooLow,
		/// This epoch already holds the most registrations allowed.
		RegistrationsThisEpochFull,
		/// A phase is shorter or longer than the spec bounds allow.
		SpecPhaseLength,
		/// Fewer than three verifiers per submission, or more than the chain allows.
		SpecVerifiers,
		/// A zero artifact size, or one above the spec bound.
		SpecArtifactSize,
		/// An accuracy baseline above 100 %, or a loss baseline above the spec bound.
		SpecBaseline,
		/// A zero smallest improvement, or one above the spec bound.
		SpecMinImprovement,
		/// A tolerance above the spec bound.
		SpecTolerance,
		/// A zero reward weight, or one above the spec bound.
		SpecRewardWeight,
		/// The paid-task registry is full (live and settling paid tasks).
		TooManyPaidTasks,
		/// The deadline is further away than [`Config::MaxPaidTaskBlocks`].
		DeadlineTooLate,
		/// The contributor already changed pool in this epoch.
		PoolChangeTooSoon,
		/// Every pool identifier has been used.
		PoolIdsExhausted,
		/// Every task identifier has been used.
		TaskIdsExhausted,
		/// A task's model, hyper-parameters or dataset name is not UTF-8 text.
		SpecNotText,
		/// A revealed artifact location is not UTF-8 text.
		LocationNotText,
	}

	impl<T> From<SpecError> for Error<T> {
		fn from(error: SpecError) -> Self {
			match error {
				SpecError::PhaseLength => Error::SpecPhaseLength,
				SpecError::Verifiers => Error::SpecVerifiers,
				SpecError::ArtifactSize => Error::SpecArtifactSize,
				SpecError::Baseline => Error::SpecBaseline,
				SpecError::MinImprovement => Error::SpecMinImprovement,
				SpecError::Tolerance => Error::SpecTolerance,
				SpecError::RewardWeight => Error::SpecRewardWeight,
				SpecError::NotText => Error::SpecNotText,
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let mut weight = T::DbWeight::get().reads(1);
			for (task, transition) in Agenda::<T>::take(now) {
				weight.saturating_accrue(match transition {
					RoundTransition::CloseReveals => Self::close_reveals(task, now),
					RoundTransition::Finalize => Self::finalize_round(task, now),
				});
			}
			if Self::is_epoch_start(now) {
				weight.saturating_accrue(Self::rotate_epoch(Self::epoch_at(now)));
			}
			weight.saturating_accrue(Self::pay_bounty_batch());
			weight.saturating_accrue(Self::clean_ledger_batch());
			weight
		}

		fn integrity_test() {
			let tasks = T::MaxTasks::get().saturating_add(T::MaxPaidTasks::get());
			assert!(
				T::MaxTransitionsPerBlock::get() >= tasks.saturating_mul(2),
				"every live task schedules two transitions; the agenda must hold them all"
			);
			assert!(T::MaxBountyPayoutsPerBlock::get() > 0, "bounties must make progress");
			assert!(T::MaxLedgerRemovalsPerBlock::get() > 0, "ledger cleanup must make progress");
			assert!(
				!T::RegistrationAnchorWindow::get().is_zero() &&
					T::RegistrationAnchorWindow::get() < T::BlockHashCount::get(),
				"registration anchors must be recent blocks whose hashes the chain keeps"
			);
			assert!(
				BlockNumberFor::<T>::from(spec_bounds::MAX_PHASE_BLOCKS.saturating_add(1)) <
					T::BlockHashCount::get(),
				"the validation seed reads the block hash before the reveal phase when it closes"
			);
			assert!(T::RegistrationsPerDifficultyBit::get() > 0);
			assert!(T::MaxRegistrationsPerEpoch::get() >= T::MaxRegistrationsPerBlock::get());
			assert!(!T::EpochLength::get().is_zero(), "epochs must have a length");
			assert!(!T::RateLimitWindow::get().is_zero(), "the rate-limit window must have a length");
			assert!(T::MaxVerifiersPerSubmission::get() <= u8::MAX.into());
			assert!(T::MaxPoolMembers::get() >= 1);
			let ed = <T::Currency as fungible::Inspect<T::AccountId>>::minimum_balance();
			assert!(
				T::MinBounty::get() >= ed.saturating_mul(T::MaxContributors::get().into()),
				"the top scorer's share of the smallest bounty must reach the existential deposit"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register `who` as a contributor. Unsigned, so an account with no PAR can join.
		///
		/// - `anchor`: a recent block (at most [`Config::RegistrationAnchorWindow`] old) whose
		///   number and hash are in the signed [`registration_payload`]: the signature expires.
		/// - `nonce`: a proof of work over the payload with [`Pallet::registration_difficulty`]
		///   leading zero bits ([`useful_work_primitives::registration_work`]).
		/// - `signature`: `who`'s signature of the payload.
		///
		/// A new contributor starts with zero reputation, the floor, so leaving and registering
		/// again never restores lost reputation. When the registry is full the least reputable
		/// idle contributor is evicted ([`Event::Evicted`]). Gives `who` a provider reference so
		/// that its later signed, feeless calls pass the nonce check.
		///
		/// Complexity: O(contributors) when the registry is full (the eviction scan); the weight
		/// is that worst case.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(
			origin: OriginFor<T>,
			who: T::AccountId,
			anchor: BlockNumberFor<T>,
			nonce: u64,
			signature: T::RegistrationSignature,
		) -> DispatchResult {
			ensure_none(origin)?;
			let evictee = Self::check_register(&who, anchor, nonce, &signature)?;
			if let Some(evictee) = evictee {
				Self::remove_contributor(&evictee);
				Self::deposit_event(Event::Evicted { who: evictee, by: who.clone() });
			}
			let now = frame_system::Pallet::<T>::block_number();
			let epoch = Self::current_epoch();
			RegistrationsInBlock::<T>::mutate(|(block, count)| {
				if *block != now {
					*block = now;
					*count = 0;
				}
				count.saturating_inc();
			});
			RegistrationsInEpoch::<T>::mutate(|(registered_epoch, count)| {
				if *registered_epoch != epoch {
					*registered_epoch = epoch;
					*count = 0;
				}
				count.saturating_inc();
			});
			frame_system::Pallet::<T>::inc_providers(&who);
			Contributors::<T>::insert(
				&who,
				ContributorInfo {
					registered_at: now,
					reputation: 0,
					last_active_epoch: epoch,
					pool: None,
					pending: 0,
					pool_changed_epoch: None,
				},
			);
			Self::deposit_event(Event::Registered { who });
			Ok(())
		}

		/// Leave the contributor registry (and the pool, dissolving it if `who` operates it).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::deregister(T::MaxPoolMembers::get()))]
		#[pallet::feeless_if(|_origin: &OriginFor<T>| -> bool { true })]
		pub fn deregister(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::check_deregister(&who)?;
			Self::remove_contributor(&who);
			Self::deposit_event(Event::Deregistered { who });
			Ok(())
		}

		/// Add a network task. Its first round starts in this block.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::create_task())]
		pub fn create_task(origin: OriginFor<T>, spec: TaskSpec) -> DispatchResult {
			T::TaskOrigin::ensure_origin(origin)?;
			Self::add_task(spec, TaskOwner::Network, None)?;
			Ok(())
		}

		/// Add a paid task: `bounty` moves from the caller into escrow and is paid to the
		/// contributors by their points on this task when the first round ending at or after
		/// `deadline` settles, or refunded if no accepted work arrived.
		///
		/// Work on a paid task earns a share of its bounty and nothing else: no treasury points,
		/// no reputation, no activity for the emission controller, so a requester paying its own
		/// accounts gains nothing but its own PAR back (`docs/decisions.md`, D11). Paid tasks have
		/// their own registry ([`Config::MaxPaidTasks`]) and live at most
		/// [`Config::MaxPaidTaskBlocks`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::create_paid_task())]
		pub fn create_paid_task(
			origin: OriginFor<T>,
			spec: TaskSpec,
			bounty: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
		) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			Self::ensure_task_capacity(&spec, true)?;
			ensure!(bounty >= T::MinBounty::get(), Error::<T>::BountyTooSmall);
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(
				deadline >= now.saturating_add(spec.schedule.round_blocks().into()),
				Error::<T>::DeadlineTooSoon
			);
			ensure!(
				deadline <= now.saturating_add(T::MaxPaidTaskBlocks::get()),
				Error::<T>::DeadlineTooLate
			);
			T::Currency::transfer(&requester, &Self::escrow_account(), bounty, Preservation::Preserve)?;
			let task = Self::add_task(
				spec,
				TaskOwner::Requester(requester.clone()),
				Some(Bounty {
					requester: requester.clone(),
					amount: bounty,
					deadline,
					total_points: 0,
					top: None,
				}),
			)?;
			Self::deposit_event(Event::BountyEscrowed { task, requester, amount: bounty, deadline });
			Ok(())
		}

		/// Close a task: it finishes its current round (settling a bounty) and leaves the registry.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::close_task())]
		pub fn close_task(origin: OriginFor<T>, task: TaskId) -> DispatchResult {
			T::TaskOrigin::ensure_origin(origin)?;
			Tasks::<T>::try_mutate(task, |entry| {
				let entry = entry.as_mut().ok_or(Error::<T>::UnknownTask)?;
				ensure!(!entry.closed, Error::<T>::TaskClosed);
				entry.closed = true;
				Ok::<_, DispatchError>(())
			})?;
			Self::deposit_event(Event::TaskClosed { task });
			Ok(())
		}

		/// Commit to an artifact: `commitment = blake2_256(SCALE((artifact_hash, who, salt)))`.
		///
		/// When the round already holds [`Config::MaxCommitsPerRound`] commitments, the caller
		/// takes the place of the least reputable committer if its own reputation is higher
		/// ([`Event::CommitmentDisplaced`]); otherwise the round is full.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::commit())]
		#[pallet::feeless_if(|_origin: &OriginFor<T>, _task: &TaskId, _commitment: &H256| -> bool { true })]
		pub fn commit(origin: OriginFor<T>, task: TaskId, commitment: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (round, pool, displaced) = Self::check_commit(&who, task)?;
			if let Some(displaced) = displaced {
				// A full round gives way to reputation: free, never-revealed commitments by
				// fresh accounts cannot lock earned contributors out of a round.
				Commitments::<T>::remove(task, &displaced);
				Self::settle_pending(&displaced);
				Self::deposit_event(Event::CommitmentDisplaced { task, round, who: displaced, by: who.clone() });
			} else {
				Rounds::<T>::mutate(task, |state| {
					if let Some(state) = state {
						state.commitments.saturating_inc();
					}
				});
			}
			Commitments::<T>::insert(task, &who, Commitment { hash: commitment, pool, revealed: false });
			Self::add_pending(&who);
			Self::deposit_event(Event::Committed { task, round, who });
			Ok(())
		}

		/// Reveal the committed artifact: its hash, the salt, its size, where verifiers fetch it
		/// and the metric the trainer measured.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::reveal())]
		#[pallet::feeless_if(|_origin: &OriginFor<T>, _task: &TaskId, _artifact: &H256, _salt: &[u8; 32], _size: &u64, _location: &ArtifactLocation, _claimed: &MetricValue| -> bool { true })]
		pub fn reveal(
			origin: OriginFor<T>,
			task: TaskId,
			artifact: H256,
			salt: [u8; 32],
			size: u64,
			location: ArtifactLocation,
			claimed: MetricValue,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (round, commitment) = Self::check_reveal(&who, task, &artifact, &salt, size, &location)?;
			Self::record_reveal(&who, task, round, commitment, artifact, salt, size, location, claimed);
			Ok(())
		}

		/// Report the metric measured for an assigned submission on the round's validation seed.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::submit_verification())]
		#[pallet::feeless_if(|_origin: &OriginFor<T>, _task: &TaskId, _submission: &u32, _measured: &MetricValue| -> bool { true })]
		pub fn submit_verification(
			origin: OriginFor<T>,
			task: TaskId,
			submission: u32,
			measured: MetricValue,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (round, slot) = Self::check_verification(&who, task, submission)?;
			Submissions::<T>::mutate(task, submission, |entry| {
				if let Some(slot) = entry.as_mut().and_then(|s| s.verifiers.get_mut(slot)) {
					slot.report = Some(measured);
				}
			});
			Self::deposit_event(Event::VerificationReported { task, round, submission, verifier: who });
			Ok(())
		}

		/// Create a pool operated by the caller, who becomes its first member.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::create_pool())]
		#[pallet::feeless_if(|_origin: &OriginFor<T>, _fee: &Perbill| -> bool { true })]
		pub fn create_pool(origin: OriginFor<T>, fee: Perbill) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::check_create_pool(&operator, fee)?;
			let pool = NextPoolId::<T>::get();
			NextPoolId::<T>::put(pool.checked_add(1).ok_or(Error::<T>::PoolIdsExhausted)?);
			let mut members = BoundedVec::new();
			members.try_push(operator.clone()).map_err(|_| Error::<T>::PoolFull)?;
			Pools::<T>::insert(pool, Pool { operator: operator.clone(), fee, members });
			Self::set_pool(&operator, Some(pool));
			Self::deposit_event(Event::PoolCreated { pool, operator, fee });
			Ok(())
		}

		/// Join a pool: later commitments are made for it.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::join_pool())]
		#[pallet::feeless_if(|_origin: &OriginFor<T>, _pool: &PoolId| -> bool { true })]
		pub fn join_pool(origin: OriginFor<T>, pool: PoolId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::check_join_pool(&who, pool)?;
			Pools::<T>::try_mutate(pool, |entry| {
				let entry = entry.as_mut().ok_or(Error::<T>::UnknownPool)?;
				entry.members.try_push(who.clone()).map_err(|_| Error::<T>::PoolFull)
			})?;
			Self::set_pool(&who, Some(pool));
			Self::deposit_event(Event::PoolJoined { pool, who });
			Ok(())
		}

		/// Leave the caller's pool. An operator leaving dissolves the pool.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::leave_pool(T::MaxPoolMembers::get()))]
		#[pallet::feeless_if(|_origin: &OriginFor<T>| -> bool { true })]
		pub fn leave_pool(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let pool = Self::check_leave_pool(&who)?;
			Self::detach_from_pool(&who, pool);
			Self::set_pool(&who, None);
			Ok(())
		}
	}

	#[pallet::validate_unsigned]
	impl<T: Config> ValidateUnsigned for Pallet<T> {
		type Call = Call<T>;

		fn validate_unsigned(_source: TransactionSource, call: &Self::Call) -> TransactionValidity {
			let Call::register { who, anchor, nonce, signature } = call else {
				return InvalidTransaction::Call.into();
			};
			Self::check_register(who, *anchor, *nonce, signature)
				.map_err(extension::invalid_because::<T>)?;
			// The registration is valid until its anchor leaves the window.
			let now = frame_system::Pallet::<T>::block_number();
			let expires = anchor.saturating_add(T::RegistrationAnchorWindow::get());
			let longevity: u64 = expires.saturating_sub(now).unique_saturated_into();
			ValidTransaction::with_tag_prefix("UsefulWorkRegister")
				.and_provides(who)
				.longevity(longevity.max(1))
				.propagate(true)
				.build()
		}
	}

	impl<T: Config> Pallet<T> {
		/// The account holding paid-task bounties.
		pub fn escrow_account() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// The bytes `who` signs to register with `anchor`, a block this chain knows; `None` if
		/// the chain has no hash for it.
		pub fn registration_message(who: &T::AccountId, anchor: BlockNumberFor<T>) -> Option<Vec<u8>> {
			let hash = frame_system::Pallet::<T>::block_hash(anchor);
			let hash = H256::from_slice(hash.as_ref());
			if hash.is_zero() {
				return None;
			}
			Some(registration_payload(&who.encode(), anchor.unique_saturated_into(), &hash))
		}

		/// Leading zero bits a registration's proof of work needs now: the base difficulty, plus
		/// one for every [`Config::RegistrationsPerDifficultyBit`] registrations already made
		/// in this epoch. A flood pays exponentially more; the next epoch starts cheap again.
		pub fn registration_difficulty() -> u32 {
			let (epoch, count) = RegistrationsInEpoch::<T>::get();
			let made = if epoch == Self::current_epoch() { count } else { 0 };
			let extra = made / T::RegistrationsPerDifficultyBit::get().max(1);
			T::BaseRegistrationDifficulty::get().saturating_add(extra).min(MAX_REGISTRATION_DIFFICULTY)
		}

		fn ensure_task_capacity(spec: &TaskSpec, paid: bool) -> DispatchResult {
			if paid {
				ensure!(PaidTaskCount::<T>::get() < T::MaxPaidTasks::get(), Error::<T>::TooManyPaidTasks);
			} else {
				let network = Tasks::<T>::count().saturating_sub(Self::live_paid_tasks());
				ensure!(network < T::MaxTasks::get(), Error::<T>::TooManyTasks);
			}
			spec.check_bounds(T::MaxVerifiersPerSubmission::get()).map_err(Error::<T>::from)?;
			Ok(())
		}

		/// Paid tasks still in the registry (the rest of [`PaidTaskCount`] is settling).
		pub(crate) fn live_paid_tasks() -> u32 {
			PaidTaskCount::<T>::get().saturating_sub(BountySettlements::<T>::count())
		}

		/// Record `who`'s pool and that it changed in this epoch.
		fn set_pool(who: &T::AccountId, pool: Option<PoolId>) {
			let epoch = Self::current_epoch();
			Contributors::<T>::mutate(who, |info| {
				if let Some(info) = info {
					info.pool = pool;
					info.pool_changed_epoch = Some(epoch);
				}
			});
		}

		/// Insert a task and start its first round in the current block.
		pub(crate) fn add_task(
			spec: TaskSpec,
			owner: TaskOwner<T::AccountId>,
			bounty: Option<Bounty<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>>,
		) -> Result<TaskId, DispatchError> {
			let paid = bounty.is_some();
			Self::ensure_task_capacity(&spec, paid)?;
			let task = NextTaskId::<T>::get();
			NextTaskId::<T>::put(task.checked_add(1).ok_or(Error::<T>::TaskIdsExhausted)?);
			if paid {
				PaidTaskCount::<T>::mutate(|count| count.saturating_inc());
			}
			let requester = match &owner {
				TaskOwner::Network => None,
				TaskOwner::Requester(who) => Some(who.clone()),
			};
			Tasks::<T>::insert(task, crate::types::Task { spec, owner, champion: None, bounty, closed: false });
			Self::deposit_event(Event::TaskCreated { task, requester });
			Self::start_round(task, 0, frame_system::Pallet::<T>::block_number());
			Ok(task)
		}

		pub(crate) fn add_pending(who: &T::AccountId) {
			Contributors::<T>::mutate(who, |info| {
				if let Some(info) = info {
					info.pending.saturating_inc();
				}
			});
		}

		pub(crate) fn settle_pending(who: &T::AccountId) {
			Contributors::<T>::mutate(who, |info| {
				if let Some(info) = info {
					info.pending.saturating_dec();
				}
			});
		}
	}
}
