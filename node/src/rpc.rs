//! The node's JSON-RPC methods beyond Substrate's defaults: account nonces (`system_*`) and fee
//! estimates (`payment_*`), which polkadot.js apps uses to build and price transactions, and the
//! contributor's view of the useful-work rounds (`usefulWork_*`).

use std::sync::Arc;

use jsonrpsee::RpcModule;
use paradigm_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Nonce};
use useful_work_rpc::{UsefulWork, UsefulWorkApiServer};
use useful_work_runtime_api::UsefulWorkApi as UsefulWorkRuntimeApi;
use polkadot_sdk::{
	pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer},
	sc_transaction_pool_api::TransactionPool,
	sp_api::ProvideRuntimeApi,
	sp_block_builder::BlockBuilder,
	sp_blockchain::HeaderBackend,
	substrate_frame_rpc_system::{AccountNonceApi, System, SystemApiServer},
	*,
};

/// What the RPC methods need from the node.
pub(crate) struct FullDeps<C, P> {
	/// The client, to call runtime APIs at the best block.
	pub(crate) client: Arc<C>,
	/// The transaction pool, for nonces that count pending transactions.
	pub(crate) pool: Arc<P>,
}

/// Builds the RPC module with every Paradigm-specific method merged in.
pub(crate) fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: AccountNonceApi<Block, AccountId, Nonce>
		+ BlockBuilder<Block>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ UsefulWorkRuntimeApi<Block, AccountId, Balance, BlockNumber>,
	P: TransactionPool + 'static,
{
	let FullDeps { client, pool } = deps;
	let mut module = RpcModule::new(());
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(UsefulWork::new(client).into_rpc())?;
	Ok(module)
}
