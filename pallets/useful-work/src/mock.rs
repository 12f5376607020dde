//! A test runtime with balances and the useful-work pallet.

use crate::{self as pallet_useful_work, *};
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::Hooks, PalletId},
	frame_system::{self, EnsureRoot},
	pallet_balances,
	sp_core::{Pair, H256},
	sp_io,
	sp_keyring::Sr25519Keyring,
	sp_runtime::{
		traits::{IdentifyAccount, Verify},
		BuildStorage, MultiSignature, Perbill,
	},
};
use useful_work_primitives::{HyperParams, Name};

pub(crate) type AccountId = <<MultiSignature as Verify>::Signer as IdentifyAccount>::AccountId;
pub(crate) type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type UsefulWork = pallet_useful_work;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = polkadot_sdk::sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
	// Longer than a phase can be, so the seed's pre-reveal block hash is always kept.
	type BlockHashCount = polkadot_sdk::sp_core::ConstU64<2_400>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
}

parameter_types! {
	pub const ExistentialDeposit: Balance = 10;
	pub const WorkPalletId: PalletId = PalletId(*b"par/work");
	pub const MaxPoolFee: Perbill = Perbill::from_percent(50);
	pub const MinBounty: Balance = 10 * 16;
	/// Room for a handful of feeless calls per block.
	pub FeelessWeightPerBlock: polkadot_sdk::frame_support::weights::Weight =
		polkadot_sdk::frame_support::weights::Weight::from_parts(10_000_000_000, 1 << 20);
}

impl Config for Test {
	type Currency = Balances;
	type RegistrationSignature = MultiSignature;
	type TaskOrigin = EnsureRoot<AccountId>;
	type PalletId = WorkPalletId;
	type MaxContributors = polkadot_sdk::sp_core::ConstU32<16>;
	type MaxRegistrationsPerBlock = polkadot_sdk::sp_core::ConstU32<6>;
	type MaxRegistrationsPerEpoch = polkadot_sdk::sp_core::ConstU32<24>;
	type RegistrationAnchorWindow = polkadot_sdk::sp_core::ConstU64<20>;
	type BaseRegistrationDifficulty = polkadot_sdk::sp_core::ConstU32<4>;
	type RegistrationsPerDifficultyBit = polkadot_sdk::sp_core::ConstU32<8>;
	type MaxTasks = polkadot_sdk::sp_core::ConstU32<4>;
	type MaxPaidTasks = polkadot_sdk::sp_core::ConstU32<2>;
	type MaxPaidTaskBlocks = polkadot_sdk::sp_core::ConstU64<200>;
	type MaxBountyPayoutsPerBlock = polkadot_sdk::sp_core::ConstU32<2>;
	type MaxCommitsPerRound = polkadot_sdk::sp_core::ConstU32<4>;
	type MaxVerifiersPerSubmission = polkadot_sdk::sp_core::ConstU32<3>;
	type MaxTransitionsPerBlock = polkadot_sdk::sp_core::ConstU32<12>;
	type MaxPools = polkadot_sdk::sp_core::ConstU32<4>;
	type MaxPoolMembers = polkadot_sdk::sp_core::ConstU32<4>;
	type MaxPoolFee = MaxPoolFee;
	type EpochLength = polkadot_sdk::sp_core::ConstU64<20>;
	type EpochsRetained = polkadot_sdk::sp_core::ConstU32<2>;
	type PruneAfterEpochs = polkadot_sdk::sp_core::ConstU32<2>;
	type RateLimitWindow = polkadot_sdk::sp_core::ConstU64<10>;
	type MaxFeelessCallsPerWindow = polkadot_sdk::sp_core::ConstU32<5>;
	type FeelessWeightPerBlock = FeelessWeightPerBlock;
	type MaxLedgerRemovalsPerBlock = polkadot_sdk::sp_core::ConstU32<4>;
	type AgreementGain = polkadot_sdk::sp_core::ConstU32<50_000>;
	type OutlierPenalty = polkadot_sdk::sp_core::ConstU32<100_000>;
	type NoShowPenalty = polkadot_sdk::sp_core::ConstU32<50_000>;
	type VerificationPoints = polkadot_sdk::sp_core::ConstU64<1_000>;
	type MinBounty = MinBounty;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = SignWithSeed;
}

/// Signs benchmark registrations with a fixed sr25519 key.
#[cfg(feature = "runtime-benchmarks")]
pub(crate) struct SignWithSeed;

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId, MultiSignature> for SignWithSeed {
	fn signed_registration(
		message: &dyn Fn(&AccountId) -> Vec<u8>,
	) -> (AccountId, MultiSignature) {
		let pair = polkadot_sdk::sp_core::sr25519::Pair::from_seed(&[42u8; 32]);
		let who: AccountId = pair.public().into();
		let signature = MultiSignature::from(pair.sign(&message(&who)));
		(who, signature)
	}
}

/// Dev keys used as contributors.
pub(crate) const TRAINER_A: Sr25519Keyring = Sr25519Keyring::Alice;
pub(crate) const TRAINER_B: Sr25519Keyring = Sr25519Keyring::Bob;
pub(crate) const VERIFIER_1: Sr25519Keyring = Sr25519Keyring::Charlie;
pub(crate) const VERIFIER_2: Sr25519Keyring = Sr25519Keyring::Dave;
pub(crate) const VERIFIER_3: Sr25519Keyring = Sr25519Keyring::Eve;
pub(crate) const REQUESTER: Sr25519Keyring = Sr25519Keyring::Ferdie;

pub(crate) fn account(key: Sr25519Keyring) -> AccountId {
	key.to_account_id()
}

/// A registration of `pair`'s account anchored at the previous block, as a client builds it:
/// `(anchor, proof-of-work nonce, signature)`.
pub(crate) fn registration_of(pair: &polkadot_sdk::sp_core::sr25519::Pair) -> (u64, u64, MultiSignature) {
	let who: AccountId = pair.public().into();
	let anchor = System::block_number() - 1;
	let payload = UsefulWork::registration_message(&who, anchor).expect("anchor is known");
	let nonce = useful_work_primitives::solve_registration_work(
		&payload,
		UsefulWork::registration_difficulty(),
		0,
	);
	(anchor, nonce, MultiSignature::from(pair.sign(&payload)))
}

/// Register `pair`'s account.
pub(crate) fn register_pair(pair: &polkadot_sdk::sp_core::sr25519::Pair) {
	let (anchor, nonce, signature) = registration_of(pair);
	UsefulWork::register(RuntimeOrigin::none(), pair.public().into(), anchor, nonce, signature)
		.expect("registration succeeds");
}

pub(crate) fn register(key: Sr25519Keyring) {
	register_pair(&key.pair());
}

/// A fresh sr25519 key for tests that need many accounts.
pub(crate) fn sybil(index: u32) -> polkadot_sdk::sp_core::sr25519::Pair {
	polkadot_sdk::sp_core::sr25519::Pair::from_string(&format!("//sybil/{index}"), None)
		.expect("a valid derivation")
}

/// The reference spec of the tests: accuracy from a 10 % baseline, 3-block phases.
pub(crate) fn spec() -> TaskSpec {
	TaskSpec {
		kind: TaskKind::Train,
		model: Name::truncate_from(b"mlp:64-32-10".to_vec()),
		hyper_params: HyperParams::truncate_from(b"lr=0.1,batch=64,epochs=30".to_vec()),
		dataset: DatasetRef::Shipped {
			name: Name::truncate_from(b"uci-digits-8x8".to_vec()),
			content_hash: H256::repeat_byte(0xd1),
		},
		metric: Metric::Accuracy,
		baseline: 100_000,
		min_improvement: 1_000,
		tolerance: 5_000,
		verifiers_per_submission: 3,
		max_artifact_size: 1 << 20,
		schedule: RoundSchedule { commit_blocks: 3, reveal_blocks: 3, verify_blocks: 3 },
		reward_weight: 1,
	}
}

/// A distinct, non-zero hash for every block number.
pub(crate) fn block_hash_of(number: u64) -> H256 {
	H256(sp_io::hashing::blake2_256(&number.to_le_bytes()))
}

/// Advance to block `n`, running every pallet's hooks. Each block records its parent's hash,
/// as `frame_system::initialize` does on a real chain.
pub(crate) fn run_to_block(n: u64) {
	System::run_to_block_with::<AllPalletsWithSystem>(
		n,
		frame_system::RunToBlockHooks::default().before_initialize(|number| {
			frame_system::BlockHash::<Test>::insert(number - 1, block_hash_of(number - 1));
		}),
	);
}

pub(crate) fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::UsefulWork(event) => Some(event),
			_ => None,
		})
		.collect()
}

pub(crate) struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { balances: vec![(account(REQUESTER), 100_000)] }
	}
}

impl ExtBuilder {
	pub(crate) fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		pallet_balances::GenesisConfig::<Test> { balances: self.balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.expect("balances genesis builds");
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| run_to_block(1));
		ext
	}

	/// Run `test`, then check every storage invariant.
	pub(crate) fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			UsefulWork::do_try_state().expect("storage invariants hold");
			// One more full round of hooks must keep them.
			let next = System::block_number() + 10;
			run_to_block(next);
			UsefulWork::do_try_state().expect("storage invariants hold after more blocks");
			let _ = UsefulWork::on_idle(next, polkadot_sdk::frame_support::weights::Weight::MAX);
		});
	}
}
