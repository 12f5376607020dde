//! # Paradigm runtime
//!
//! The state transition function of the Paradigm (PAR) chain. Blocks are authored by Aura
//! validators every [`SLOT_DURATION`] milliseconds and finalized by GRANDPA. PAR is never
//! premined: the live chain specs start with zero issuance, and new PAR will only be minted by the
//! AI treasury as a reward for verified useful work (see `docs/architecture.md`).
//!
//! Layout (after `templates/solochain` of polkadot-sdk):
//! - [`currency`]: PAR units, the existential deposit and the supply cap.
//! - `configs`: one `impl Config` per pallet.
//! - [`governance`]: referenda, the electorate, tracks and origins, the validator set.
//! - `apis`: the runtime APIs the node, wallets and contributors call.
//! - [`genesis_config_presets`]: the genesis of every chain spec (`dev`, `local`, `paradigm`).

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` and `impl_runtime_apis` expand to items we cannot document.
#![allow(missing_docs)]
#![recursion_limit = "512"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
pub mod configs;
pub mod currency;
pub mod genesis_config_presets;
pub mod governance;

use alloc::vec::Vec;
use polkadot_sdk::{
	sp_runtime::{
		generic, impl_opaque_keys,
		traits::{BlakeTwo256, IdentifyAccount, Verify},
		MultiAddress, MultiSignature,
	},
	*,
};
#[cfg(feature = "std")]
use sp_version::NativeVersion;
use sp_version::RuntimeVersion;

pub use currency::*;
pub use polkadot_sdk::frame_support;

/// Opaque types: the node knows the block format without knowing the runtime's calls.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys a validator holds: Aura for authoring, GRANDPA for finality votes.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// Version of the runtime. Bump `spec_version` on every change of behaviour so nodes upgrade.
#[cfg(not(feature = "upgrade-fixture"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("paradigm"),
	impl_name: alloc::borrow::Cow::Borrowed("paradigm"),
	authoring_version: 1,
	spec_version: 103,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The same runtime one `spec_version` later: the upgrade the governance end-to-end test enacts
/// through a root referendum (`scripts/build-upgrade-runtime.sh` builds it). Only the version
/// differs, so the test proves that an upgrade keeps the chain and its data, not a behaviour.
#[cfg(feature = "upgrade-fixture")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("paradigm"),
	impl_name: alloc::borrow::Cow::Borrowed("paradigm"),
	authoring_version: 1,
	spec_version: 104,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Target block time. Aura opens one slot every `SLOT_DURATION` milliseconds; 2 s keeps transfers
/// "near instant" while leaving a validator time to author and import over a real network.
pub const MILLI_SECS_PER_BLOCK: u64 = 2000;
/// Aura slot duration; Aura requires it to equal the block time.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Block counts for common periods, derived from the block time.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// Blocks kept for `BlockHashCount` (mortal transactions may refer to this far back).
pub const BLOCK_HASH_COUNT: BlockNumber = 2400;

/// The version information used to identify this runtime when compiled natively.
#[cfg(feature = "std")]
pub fn native_version() -> NativeVersion {
	NativeVersion { runtime_version: VERSION, can_author_with: Default::default() }
}

/// Transaction signature: sr25519, ed25519 or ecdsa, as polkadot.js produces them.
pub type Signature = MultiSignature;
/// Account identifier: the public key behind a signature.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance in base units; 1 PAR = 10^8 base units (see [`currency`]).
pub type Balance = u128;
/// Transaction index of an account.
pub type Nonce = u32;
/// Hash of a block.
pub type Hash = polkadot_sdk::sp_core::H256;
/// Block height.
pub type BlockNumber = u32;
/// Address format accepted by extrinsics.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block as the runtime signs it.
pub type SignedBlock = generic::SignedBlock<Block>;
/// Block identifier.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions every signed extrinsic carries, in the order polkadot.js expects.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	// Useful-work calls are feeless: their fee is skipped, and CheckUsefulWork rejects in the
	// transaction pool every such call that would fail, so spam never reaches a block.
	pallet_skip_feeless_payment::SkipCheckIfFeeless<
		Runtime,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	>,
	pallet_useful_work::CheckUsefulWork<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on the next runtime upgrade. Each is versioned: it runs once, when
/// the pallet's on-chain storage version is the one it migrates from, and is a no-op otherwise.
type Migrations = (pallet_useful_work::migrations::v2::MigrateV1ToV2<Runtime>,);

/// Executive: dispatches incoming extrinsics to the right pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
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
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	// The validator set and sessions come before Aura and GRANDPA: hooks run in this order, so
	// a session rotates before the consensus pallets see the block.
	#[runtime::pallet_index(17)]
	pub type ValidatorSet = pallet_validator_set;

	#[runtime::pallet_index(18)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;

	// Before Revive: its genesis keeps pallet-revive's account alive without minting.
	#[runtime::pallet_index(8)]
	pub type SystemAccounts = pallet_system_accounts;

	#[runtime::pallet_index(9)]
	pub type Revive = pallet_revive;

	#[runtime::pallet_index(10)]
	pub type SkipFeelessPayment = pallet_skip_feeless_payment;

	#[runtime::pallet_index(11)]
	pub type UsefulWork = pallet_useful_work;

	#[runtime::pallet_index(12)]
	pub type AiTreasury = pallet_ai_treasury;

	#[runtime::pallet_index(13)]
	pub type Preimage = pallet_preimage;

	#[runtime::pallet_index(14)]
	pub type Scheduler = pallet_scheduler;

	#[runtime::pallet_index(15)]
	pub type Referenda = pallet_referenda;

	#[runtime::pallet_index(16)]
	pub type WorkVoting = pallet_work_voting;

	#[runtime::pallet_index(19)]
	pub type GovernanceOrigins = governance::origins;
}
