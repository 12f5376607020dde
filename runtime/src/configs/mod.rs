//! One `Config` implementation per pallet. Numbers that a wallet user or validator meets (block
//! time, fees, deposits) are defined in `crate::currency` or at the top of this file.

use crate::{
	currency::{
		deposit, EXISTENTIAL_DEPOSIT, FEE_PER_SECOND_OF_WEIGHT, FIRST_YEAR_EMISSION_BUDGET,
		INITIAL_SUPPLY_CAP, PAR, TRANSACTION_BYTE_FEE,
	},
	AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, Signature, OriginCaller, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask,
	System, Timestamp, TransactionPayment, UsefulWork, BLOCK_HASH_COUNT, DAYS, SLOT_DURATION,
	VERSION,
};
use crate::governance::{EnsureNetworkTasks, EnsureSupplyCap, EnsureTreasuryParams, RootOr};
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types, PalletId,
		traits::{ConstBool, ConstU32, ConstU64, ConstU8, VariantCountOf},
		weights::{
			constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
			Weight, WeightToFeeCoefficient, WeightToFeeCoefficients, WeightToFeePolynomial,
		},
	},
	frame_system::{limits::{BlockLength, BlockWeights}, EnsureSigned},
	pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier},
	sp_consensus_aura::sr25519::AuthorityId as AuraId,
	sp_runtime::{traits::One, Perbill},
	sp_version::RuntimeVersion,
	*,
};

/// Share of a block's weight and length that ordinary (non-operational) extrinsics may use.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Execution time a block may use: one second of the two-second slot, leaving the other second
/// for propagation and import on the next validator.
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

/// Largest block in bytes (5 MiB).
const MAXIMUM_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

/// The SS58 address prefix of Paradigm accounts: addresses are shown in PAR's own format, so that
/// they cannot be confused with Polkadot (0), Kusama (2) or generic Substrate (42) addresses.
pub const SS58_PREFIX: u16 = 7272;

/// Chain id reported to Ethereum-style tooling of pallet-revive; the same number as [`SS58_PREFIX`].
pub const EVM_CHAIN_ID: u64 = SS58_PREFIX as u64;

/// Most Aura and GRANDPA authorities a chain spec or a governance change may install.
pub const MAX_AUTHORITIES: u32 = 32;

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;
	pub const SS58Prefix: u16 = SS58_PREFIX;

	pub RuntimeBlockWeights: BlockWeights =
		BlockWeights::with_sensible_defaults(MAXIMUM_BLOCK_WEIGHT, NORMAL_DISPATCH_RATIO);
	pub RuntimeBlockLength: BlockLength =
		BlockLength::max_with_normal_ratio(MAXIMUM_BLOCK_LENGTH, NORMAL_DISPATCH_RATIO);
}

/// Calls no transaction may make. `session.purgeKeys` would let a validator drop its own keys,
/// and the last one halt block production; validators leave through a `validators` referendum
/// (`validatorSet.removeValidator`), which purges the keys itself.
pub struct RuntimeCallFilter;

impl polkadot_sdk::frame_support::traits::Contains<RuntimeCall> for RuntimeCallFilter {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(call, RuntimeCall::Session(pallet_session::Call::purge_keys { .. }))
	}
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type BaseCallFilter = RuntimeCallFilter;
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = ConstU32<BLOCK_HASH_COUNT>;
	// Paradigm nodes store state in ParityDB (pure Rust, no RocksDB), so its costs apply.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

parameter_types! {
	pub const ExistentialDeposit: Balance = EXISTENTIAL_DEPOSIT;
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<0>;
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	// Dust of reaped accounts is burned: issuance only ever comes from treasury rewards.
	type DustRemoval = ();
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

/// Converts execution weight into a fee at a flat [`FEE_PER_SECOND_OF_WEIGHT`], so that the fee a
/// wallet shows is proportional to the work a transaction costs the validators.
pub struct WeightToFee;

impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;

	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let fee_per_ref_time_unit =
			Perbill::from_rational(FEE_PER_SECOND_OF_WEIGHT, WEIGHT_REF_TIME_PER_SECOND as Balance);
		smallvec::smallvec![WeightToFeeCoefficient {
			coeff_integer: 0,
			coeff_frac: fee_per_ref_time_unit,
			negative: false,
			degree: 1,
		}]
	}
}

parameter_types! {
	pub const TransactionByteFee: Balance = TRANSACTION_BYTE_FEE;
	/// Fees do not float with congestion: the same transaction always costs the same, which is what
	/// a new user can understand. Congestion is handled by block limits and tips.
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Fees are burned (credit dropped) rather than paid to an account: no one earns PAR by
	// authoring blocks, only by useful work.
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = WeightToFee;
	type LengthToFee =
		polkadot_sdk::frame_support::weights::ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = ();
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Pallet-owned accounts that must exist from genesis: pallet-revive holds code deposits in its
	/// account and would otherwise mint an existential deposit into it, breaking zero issuance.
	pub RuntimeSystemAccounts: alloc::vec::Vec<AccountId> =
		alloc::vec![pallet_revive::Pallet::<Runtime>::account_id()];
}

impl pallet_system_accounts::Config for Runtime {
	type SystemAccounts = RuntimeSystemAccounts;
}

parameter_types! {
	pub const DepositPerItem: Balance = deposit(1, 0);
	pub const DepositPerByte: Balance = deposit(0, 1);
	pub const CodeHashLockupDepositPercent: Perbill = Perbill::from_percent(30);
}

impl pallet_revive::Config for Runtime {
	type Time = Timestamp;
	type Currency = Balances;
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type RuntimeHoldReason = RuntimeHoldReason;
	type WeightPrice = TransactionPayment;
	type WeightInfo = pallet_revive::weights::SubstrateWeight<Runtime>;
	type Precompiles = ();
	type FindAuthor = ();
	type DepositPerByte = DepositPerByte;
	type DepositPerItem = DepositPerItem;
	type CodeHashLockupDepositPercent = CodeHashLockupDepositPercent;
	type AddressMapper = pallet_revive::AccountId32Mapper<Self>;
	type UnsafeUnstableInterface = ConstBool<false>;
	// Modules are ink! (PolkaVM) contracts; EVM bytecode is not part of Paradigm's design.
	type AllowEVMBytecode = ConstBool<false>;
	type UploadOrigin = EnsureSigned<AccountId>;
	type InstantiateOrigin = EnsureSigned<AccountId>;
	type RuntimeMemory = ConstU32<{ 128 * 1024 * 1024 }>;
	type PVFMemory = ConstU32<{ 512 * 1024 * 1024 }>;
	type ChainId = ConstU64<EVM_CHAIN_ID>;
	// Ethereum tooling counts 18 decimals, PAR has 8: the exact ratio 10^10 does not fit the
	// pallet's `u32`, so contracts see values scaled by 10^9 (see docs/decisions.md).
	type NativeToEthRatio = ConstU32<1_000_000_000>;
	type EthGasEncoder = ();
}

impl pallet_skip_feeless_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
}

/// Blocks per useful-work accounting epoch: 10 minutes of 2-second blocks. The treasury pays once
/// per epoch.
pub const WORK_EPOCH_BLOCKS: BlockNumber = 300;

parameter_types! {
	pub const UsefulWorkPalletId: PalletId = PalletId(*b"par/work");
	pub const MaxPoolFee: Perbill = Perbill::from_percent(20);
	/// At least the existential deposit times `MaxContributors` (1.024 PAR), so that the top
	/// scorer's share of any bounty is a valid transfer.
	pub const MinBounty: Balance = 10 * PAR;
	/// A quarter of a block for all feeless calls together: free accounts can never crowd out
	/// paying transactions (docs/decisions.md, D11).
	pub FeelessWeightPerBlock: Weight = Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND / 4, u64::MAX);
}

/// Contributors at most; a full registry evicts its least reputable idle member.
pub const MAX_CONTRIBUTORS: u32 = 1024;
/// Registrations per epoch at most; with [`MAX_CONTRIBUTORS`] it bounds the accounts the treasury
/// may have to pay for one epoch.
pub const MAX_REGISTRATIONS_PER_EPOCH: u32 = 1024;

impl pallet_useful_work::Config for Runtime {
	type Currency = Balances;
	type RegistrationSignature = Signature;
	type TaskOrigin = RootOr<EnsureNetworkTasks>;
	type PalletId = UsefulWorkPalletId;
	type MaxContributors = ConstU32<MAX_CONTRIBUTORS>;
	type MaxRegistrationsPerBlock = ConstU32<8>;
	type MaxRegistrationsPerEpoch = ConstU32<MAX_REGISTRATIONS_PER_EPOCH>;
	// 400 s: a client anchors at its finalized block, a few blocks behind.
	type RegistrationAnchorWindow = ConstU32<200>;
	// 2^16 hashes: well under a second for the contributor; one more bit per 32 registrations in
	// an epoch, so a flood of 512 costs about 2^32 hashes for its last one.
	type BaseRegistrationDifficulty = ConstU32<16>;
	type RegistrationsPerDifficultyBit = ConstU32<32>;
	type MaxTasks = ConstU32<16>;
	type MaxPaidTasks = ConstU32<16>;
	// A week.
	type MaxPaidTaskBlocks = ConstU32<{ 7 * DAYS }>;
	type MaxBountyPayoutsPerBlock = ConstU32<64>;
	type MaxCommitsPerRound = ConstU32<16>;
	type MaxVerifiersPerSubmission = ConstU32<5>;
	type MaxTransitionsPerBlock = ConstU32<64>;
	type MaxPools = ConstU32<64>;
	type MaxPoolMembers = ConstU32<64>;
	type MaxPoolFee = MaxPoolFee;
	type EpochLength = ConstU32<WORK_EPOCH_BLOCKS>;
	// One day of epochs stays readable for the treasury and auditors.
	type EpochsRetained = ConstU32<144>;
	// A day without treasury-paid work (eviction makes room sooner when the registry is full).
	type PruneAfterEpochs = ConstU32<144>;
	type RateLimitWindow = ConstU32<10>;
	type MaxFeelessCallsPerWindow = ConstU32<20>;
	type FeelessWeightPerBlock = FeelessWeightPerBlock;
	type MaxLedgerRemovalsPerBlock = ConstU32<256>;
	type AgreementGain = ConstU32<20_000>;
	type OutlierPenalty = ConstU32<100_000>;
	type NoShowPenalty = ConstU32<50_000>;
	type VerificationPoints = ConstU64<1_000>;
	type MinBounty = MinBounty;
	type WeightInfo = pallet_useful_work::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = SignWithBenchmarkKeystore;
}

/// Blocks in a year of 365.25 days at the target block time: the treasury's year.
pub const BLOCKS_PER_YEAR: BlockNumber = 365 * DAYS + DAYS / 4;

parameter_types! {
	pub const InitialSupplyCap: Balance = INITIAL_SUPPLY_CAP;
	pub const FirstYearBudget: Balance = FIRST_YEAR_EMISSION_BUDGET;
	/// The cap may grow by at most 2 % a year: "more can be generated in the future if
	/// necessary", slowly and visibly.
	pub const MaxCapRaisePerYear: Perbill = Perbill::from_percent(2);
}

impl pallet_ai_treasury::Config for Runtime {
	type Currency = Balances;
	type WorkLedger = UsefulWork;
	type Policy = pallet_ai_treasury::BuiltInPolicy;
	type ParamsOrigin = RootOr<EnsureTreasuryParams>;
	type CapOrigin = RootOr<EnsureSupplyCap>;
	type InitialSupplyCap = InitialSupplyCap;
	type FirstYearBudget = FirstYearBudget;
	type BlocksPerYear = ConstU32<BLOCKS_PER_YEAR>;
	type MaxCapRaisePerYear = MaxCapRaisePerYear;
	// Every account that can earn in one epoch can be paid: everyone registered when it began
	// plus everyone registering during it.
	type MaxPaidAccounts = ConstU32<{ MAX_CONTRIBUTORS + MAX_REGISTRATIONS_PER_EPOCH }>;
	type MaxPayoutsPerBlock = ConstU32<256>;
	// One day of reports at 10-minute epochs.
	type HistoryDepth = ConstU32<144>;
	type WeightInfo = pallet_ai_treasury::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = FillUsefulWorkLedger;
}

/// Writes epoch work straight into the useful-work ledger for treasury benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct FillUsefulWorkLedger;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_ai_treasury::benchmarking::BenchmarkHelper<AccountId> for FillUsefulWorkLedger {
	fn record_work(
		epoch: pallet_ai_treasury::EpochIndex,
		who: &AccountId,
		record: pallet_ai_treasury::WorkRecord,
	) {
		pallet_useful_work::EpochWork::<Runtime>::insert(epoch, who, record);
		pallet_useful_work::EpochActivities::<Runtime>::mutate(epoch, |activity| {
			activity.improving_submissions = activity.improving_submissions.saturating_add(1);
		});
	}

	fn enter_epoch(epoch: pallet_ai_treasury::EpochIndex) {
		let block = epoch.saturating_mul(UsefulWork::epoch_length());
		System::set_block_number(block);
	}
}

/// Signs benchmark registrations with a key generated in the benchmark host's keystore.
#[cfg(feature = "runtime-benchmarks")]
pub struct SignWithBenchmarkKeystore;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_useful_work::benchmarking::BenchmarkHelper<AccountId, Signature>
	for SignWithBenchmarkKeystore
{
	fn signed_registration(
		message: &dyn Fn(&AccountId) -> alloc::vec::Vec<u8>,
	) -> (AccountId, Signature) {
		use polkadot_sdk::sp_core::crypto::KeyTypeId;
		const BENCHMARK_KEY: KeyTypeId = KeyTypeId(*b"uwbk");
		let public = sp_io::crypto::sr25519_generate(BENCHMARK_KEY, None);
		let who = AccountId::from(public);
		let signature = sp_io::crypto::sr25519_sign(BENCHMARK_KEY, &public, &message(&who))
			.expect("the key was just generated in the benchmark keystore");
		(who, Signature::from(signature))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use polkadot_sdk::frame_support::weights::WeightToFee as _;

	#[test]
	fn one_second_of_execution_costs_ten_par() {
		let one_second = Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND, 0);
		assert_eq!(WeightToFee::weight_to_fee(&one_second), 10 * PAR);
	}

	#[test]
	fn block_limits_leave_room_for_thousands_of_transfers() {
		let weights = RuntimeBlockWeights::get();
		let normal = weights.get(frame_support::dispatch::DispatchClass::Normal);
		let max_normal = normal.max_total.expect("normal class has a limit");
		assert_eq!(max_normal.ref_time(), NORMAL_DISPATCH_RATIO * WEIGHT_REF_TIME_PER_SECOND);
		assert!(weights.base_block.ref_time() < WEIGHT_REF_TIME_PER_SECOND / 10);
	}

	#[test]
	fn ss58_prefix_is_paradigms_own() {
		assert!(![0u16, 2, 42].contains(&SS58_PREFIX));
		assert_eq!(<Runtime as frame_system::Config>::SS58Prefix::get(), SS58_PREFIX);
	}
}
