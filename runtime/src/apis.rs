//! The runtime APIs: what the node, wallets (polkadot.js), block authors and contract tooling may
//! ask the runtime. pallet-revive's `ReviveApi` (dry runs of ink! v6 contract calls) is added by
//! its own macro around `impl_runtime_apis!`.

use crate::{
	genesis_config_presets, AccountId, Aura, Balance, Block,
	BlockNumber, Executive, Grandpa, InherentDataExt, Nonce, Runtime, RuntimeCall,
	AiTreasury, RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, TxExtension, UsefulWork,
	VERSION,
};
use alloc::{vec, vec::Vec};
use polkadot_sdk::{
	frame_support::{genesis_builder_helper::{build_state, get_preset}, weights::Weight},
	pallet_revive::{evm::runtime::EthExtra, impl_runtime_apis_plus_revive},
	sp_api::impl_runtime_apis,
	sp_consensus_aura::sr25519::AuthorityId as AuraId,
	sp_consensus_grandpa::AuthorityId as GrandpaId,
	sp_core::{crypto::KeyTypeId, OpaqueMetadata},
	sp_inherents::{CheckInherentsResult, InherentData},
	sp_runtime::{
		generic::Era,
		traits::{Block as BlockT, NumberFor},
		transaction_validity::{TransactionSource, TransactionValidity},
		ApplyExtrinsicResult,
	},
	sp_version::RuntimeVersion,
	*,
};

#[cfg(feature = "runtime-benchmarks")]
use crate::WorkVoting;

#[cfg(feature = "runtime-benchmarks")]
polkadot_sdk::frame_benchmarking::define_benchmarks!(
	[pallet_useful_work, UsefulWork]
	[pallet_ai_treasury, AiTreasury]
	[pallet_work_voting, WorkVoting]
);

/// How pallet-revive turns an Ethereum-style transaction into this runtime's extensions. Paradigm
/// does not accept Ethereum transactions, but dry runs (`ReviveApi::eth_transact`) use it to
/// compute fees exactly as for a signed extrinsic.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct EthExtraImpl;

impl EthExtra for EthExtraImpl {
	type Config = Runtime;
	type Extension = TxExtension;

	fn get_eth_extension(nonce: Nonce, tip: Balance) -> Self::Extension {
		(
			frame_system::CheckNonZeroSender::<Runtime>::new(),
			frame_system::CheckSpecVersion::<Runtime>::new(),
			frame_system::CheckTxVersion::<Runtime>::new(),
			frame_system::CheckGenesis::<Runtime>::new(),
			frame_system::CheckEra::<Runtime>::from(Era::Immortal),
			frame_system::CheckNonce::<Runtime>::from(nonce),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(tip).into(),
			pallet_useful_work::CheckUsefulWork::<Runtime>::new(),
			frame_system::WeightReclaim::<Runtime>::new(),
		)
	}
}

impl_runtime_apis_plus_revive! {
	Runtime,
	Executive,
	EthExtraImpl,

	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: Block) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(block: Block, data: InherentData) -> CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(seed: Option<Vec<u8>>) -> Vec<u8> {
			SessionKeys::generate(seed)
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// Without a session pallet there is no historical key ownership to prove.
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	impl useful_work_runtime_api::UsefulWorkApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn open_tasks() -> Vec<useful_work_runtime_api::primitives::TaskView<AccountId, Balance, BlockNumber>> {
			UsefulWork::open_tasks()
		}
		fn round(
			task: useful_work_runtime_api::primitives::TaskId,
		) -> Option<useful_work_runtime_api::primitives::RoundView<BlockNumber>> {
			UsefulWork::round_view(task)
		}
		fn assignments(who: AccountId) -> Vec<useful_work_runtime_api::primitives::AssignmentView<AccountId>> {
			UsefulWork::assignments_of(&who)
		}
		fn contributor(who: AccountId) -> Option<useful_work_runtime_api::primitives::ContributorView<BlockNumber>> {
			UsefulWork::contributor_view(&who)
		}
		fn registration_difficulty() -> u32 {
			UsefulWork::registration_difficulty()
		}
	}

	impl ai_treasury_runtime_api::AiTreasuryApi<Block> for Runtime {
		fn status() -> pallet_ai_treasury::TreasuryStatus {
			AiTreasury::status()
		}
		fn reports(
			from: pallet_ai_treasury::EpochIndex,
			max: u32,
		) -> Vec<pallet_ai_treasury::EpochReport> {
			AiTreasury::reports(from, max)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, crate::AllPalletsWithSystem::storage_info())
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::{TrackedStorageKey, WhitelistedStorageKeys};
			let whitelist: Vec<TrackedStorageKey> =
				crate::AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}
}
