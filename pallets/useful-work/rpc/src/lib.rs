//! The node's implementation of the `usefulWork_*` JSON-RPC methods
//! ([`useful_work_rpc_api::UsefulWorkApiServer`], defined once in `useful-work-rpc-api`).
//!
//! Each method calls the [`UsefulWorkRuntimeApi`] at the best block (or at `at`) and returns the
//! runtime's own view types; how they look as JSON is decided by those types.

use std::{fmt::Display, str::FromStr, sync::Arc};

use codec::Codec;
use jsonrpsee::{
	core::RpcResult,
	types::{error::ErrorObject, ErrorObjectOwned},
};
use polkadot_sdk::{
	sp_api::{ApiError, ProvideRuntimeApi},
	sp_blockchain::HeaderBackend,
	sp_core::H256,
	sp_runtime::traits::{Block as BlockT, UniqueSaturatedInto},
};
use serde::{de::DeserializeOwned, Serialize};
pub use useful_work_rpc_api::{UsefulWorkApiServer, RUNTIME_ERROR};
use useful_work_runtime_api::{
	primitives::{
		registration_payload, AssignmentView, ContributorView, RegistrationTicket, RoundView, TaskId, TaskView,
	},
	UsefulWorkApi as UsefulWorkRuntimeApi,
};

/// Implements [`UsefulWorkApiServer`] over a client with the runtime API.
pub struct UsefulWork<Client, Block, Balance, BlockNumber> {
	client: Arc<Client>,
	_marker: std::marker::PhantomData<(Block, Balance, BlockNumber)>,
}

impl<Client, Block, Balance, BlockNumber> UsefulWork<Client, Block, Balance, BlockNumber> {
	/// Serve the methods from `client`.
	pub fn new(client: Arc<Client>) -> Self {
		Self { client, _marker: Default::default() }
	}
}

fn runtime_error(error: ApiError) -> ErrorObjectOwned {
	ErrorObject::owned(RUNTIME_ERROR, "useful-work runtime API call failed", Some(error.to_string()))
}

impl<Client, Block, AccountId, Balance, BlockNumber>
	UsefulWorkApiServer<<Block as BlockT>::Hash, AccountId, Balance, BlockNumber>
	for UsefulWork<Client, Block, Balance, BlockNumber>
where
	Block: BlockT,
	Client: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	Client::Api: UsefulWorkRuntimeApi<Block, AccountId, Balance, BlockNumber>,
	AccountId: Codec + Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
	Balance: Codec + Clone + Display + FromStr + Serialize + Send + Sync + 'static,
	BlockNumber: Codec + Clone + Serialize + Send + Sync + 'static,
{
	fn open_tasks(&self, at: Option<Block::Hash>) -> RpcResult<Vec<TaskView<AccountId, Balance, BlockNumber>>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().open_tasks(at).map_err(runtime_error)
	}

	fn round(&self, task: TaskId, at: Option<Block::Hash>) -> RpcResult<Option<RoundView<BlockNumber>>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().round(at, task).map_err(runtime_error)
	}

	fn assignments(&self, who: AccountId, at: Option<Block::Hash>) -> RpcResult<Vec<AssignmentView<AccountId>>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().assignments(at, who).map_err(runtime_error)
	}

	fn contributor(&self, who: AccountId, at: Option<Block::Hash>) -> RpcResult<Option<ContributorView<BlockNumber>>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().contributor(at, who).map_err(runtime_error)
	}

	fn registration_payload(&self, who: AccountId, _at: Option<Block::Hash>) -> RpcResult<RegistrationTicket> {
		let info = self.client.info();
		let anchor: u64 = info.finalized_number.unique_saturated_into();
		let payload =
			registration_payload(&who.encode(), anchor, &H256::from_slice(info.finalized_hash.as_ref()));
		let difficulty = self.client.runtime_api().registration_difficulty(info.best_hash).map_err(runtime_error)?;
		Ok(RegistrationTicket { payload, anchor, difficulty })
	}
}
