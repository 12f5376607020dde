//! Governance: no key decides anything on the live chain; passed referenda do.
//!
//! - `pallet-preimage` stores proposals, `pallet-scheduler` enacts them, `pallet-referenda`
//!   runs each referendum on a track ([`tracks`]) that fits its call's power.
//! - `pallet-work-voting` is the electorate: contributors vote with the reputation they earned
//!   by verified work, PAR holders with the PAR they lock; PAR can hold a decision back but never
//!   carry one the contributors reject (`docs/decisions.md`, D13).
//! - [`origins`] are what a passed referendum dispatches with; every privileged call of the
//!   runtime takes the origin of its track (or root, which only the root track reaches on the
//!   live chain).
//! - `pallet-validator-set` with `pallet-session` lets governance admit and remove validators.

pub mod origins;
pub mod tracks;

use crate::{
	configs::RuntimeBlockWeights,
	currency::{deposit, PAR},
	AccountId, Balance, Balances, BlockNumber, OriginCaller, Preimage, Referenda, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, Scheduler,
	System, UsefulWork, DAYS,
};
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{
			AsEnsureOriginWithArg, ConstU32, EitherOf, EqualPrivilegeOnly, LinearStoragePrice,
			fungible::HoldConsideration,
		},
		weights::Weight,
	},
	frame_system::{EnsureRoot, EnsureSigned},
	sp_runtime::Perbill,
	*,
};

pub use origins::{
	EnsureModules, EnsureNetworkTasks, EnsureReferendumCanceller, EnsureSupplyCap,
	EnsureTreasuryParams, EnsureValidators, GovernancePace,
};

/// Root (a passed root-track referendum; sudo on test chains) or the origin of `Track`.
pub type RootOr<Track> = EitherOf<EnsureRoot<AccountId>, Track>;

impl origins::Config for Runtime {}

parameter_types! {
	pub const PreimageBaseDeposit: Balance = deposit(2, 64);
	pub const PreimageByteDeposit: Balance = deposit(0, 1);
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	// A runtime upgrade's preimage (about 1.5 MB) holds about 150 PAR until it is enacted.
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

parameter_types! {
	/// Scheduled calls share a block with the useful-work and treasury hooks (at most 0.6 s of
	/// the 1 s block, docs/benchmarks.md); enactments get 0.3 s.
	pub MaximumSchedulerWeight: Weight = Perbill::from_percent(30) * RuntimeBlockWeights::get().max_block;
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

parameter_types! {
	/// Anyone may propose for 1 PAR (refunded unless the referendum is killed); the track's
	/// decision deposit is what lets it be decided.
	pub const SubmissionDeposit: Balance = PAR;
	/// The PAR chamber counts once 5 % of the issuance has voted in a referendum.
	pub const ParQuorum: Perbill = Perbill::from_percent(5);
}

/// Support is counted against at least five contributors' worth of full reputation (5 x 10^6
/// ppm): on a young network the root track's final 20 % support needs 1,000,000 ppm of aye votes,
/// fifty agreements of verified work, however little reputation exists in all.
pub const MIN_ELECTORATE: u64 = 5 * 1_000_000;

impl pallet_referenda::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_referenda::weights::SubstrateWeight<Runtime>;
	type Scheduler = Scheduler;
	type Currency = Balances;
	type SubmitOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type CancelOrigin = RootOr<EnsureReferendumCanceller>;
	type KillOrigin = EnsureRoot<AccountId>;
	// Deposits of killed referenda are burned: no account profits from a slash.
	type Slash = ();
	type Votes = u128;
	type Tally = pallet_work_voting::WorkTally<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<32>;
	type UndecidingTimeout = ConstU32<{ 14 * DAYS }>;
	type AlarmInterval = ConstU32<1>;
	type Tracks = tracks::TracksInfo;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl pallet_work_voting::Config for Runtime {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Polls = Referenda;
	type Reputation = UsefulWork;
	type ParQuorum = ParQuorum;
	type MinElectorate = polkadot_sdk::frame_support::traits::ConstU64<MIN_ELECTORATE>;
	type MaxVotes = ConstU32<32>;
	type WeightInfo = pallet_work_voting::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkVoters;
}

/// Registers benchmark voters as contributors with reputation, and funds them.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkVoters;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_work_voting::benchmarking::BenchmarkHelper<AccountId> for BenchmarkVoters {
	fn earn(who: &AccountId, reputation: u32) {
		UsefulWork::enroll_with_reputation(who, reputation);
	}

	fn fund(who: &AccountId, amount: Balance) {
		use polkadot_sdk::frame_support::traits::fungible::Mutate;
		let _ = Balances::set_balance(who, amount);
	}
}

/// Blocks per session on the live network: one hour. Test chains set a shorter one at genesis.
pub const SESSION_BLOCKS: BlockNumber = crate::HOURS;

/// Blocks per session on development chains: one minute, so a validator change shows within two.
/// pallet-session reserves the whole block that rotates a session (it returns the block's
/// maximum weight), so shorter sessions would cost development chains more empty blocks.
pub const TEST_SESSION_BLOCKS: BlockNumber = 30;

impl pallet_validator_set::Config for Runtime {
	type ValidatorOrigin = RootOr<EnsureValidators>;
	type MinValidators = ConstU32<1>;
	type MaxValidators = ConstU32<{ crate::configs::MAX_AUTHORITIES }>;
	type DefaultSessionLength = ConstU32<SESSION_BLOCKS>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
}

type Sessions = pallet_session::PeriodicSessions<
	pallet_validator_set::SessionLength<Runtime>,
	polkadot_sdk::frame_support::traits::ConstU32<0>,
>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = crate::ValidatorSet;
	type SessionHandler = <crate::SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = crate::SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	// A validator is admitted by referendum and needs no PAR to hold its keys.
	type KeyDeposit = polkadot_sdk::frame_support::traits::ConstU128<0>;
}
