//! The node's JSON-RPC connection as a jsonrpsee client, so that the `usefulWork_*` methods are
//! called through the client generated from their one definition
//! ([`useful_work_rpc_api::UsefulWorkApiClient`]) over subxt's reconnecting connection.

use jsonrpsee::core::{
	async_trait,
	client::{BatchResponse, ClientT, Error as ClientError},
	params::BatchRequestBuilder,
	traits::ToRpcParams,
	DeserializeOwned,
};
use subxt::rpcs::RpcClient;

/// subxt's RPC connection, speaking jsonrpsee's client interface.
#[derive(Clone)]
pub(crate) struct NodeRpc(pub(crate) RpcClient);

fn transport(error: subxt::rpcs::Error) -> ClientError {
	use subxt::rpcs::Error;
	match error {
		// The node answered with a JSON-RPC error: keep its code, message and data.
		Error::User(user) => ClientError::Call(jsonrpsee::types::ErrorObject::owned(
			user.code,
			user.message,
			user.data,
		)),
		other => ClientError::Transport(Box::new(other)),
	}
}

#[async_trait]
impl ClientT for NodeRpc {
	async fn notification<Params>(&self, method: &str, params: Params) -> Result<(), ClientError>
	where
		Params: ToRpcParams + Send,
	{
		// The node's methods all answer; a notification is a call whose answer is ignored.
		let params = params.to_rpc_params().map_err(ClientError::ParseError)?;
		self.0.request_raw(method, params).await.map(drop).map_err(transport)
	}

	async fn request<R, Params>(&self, method: &str, params: Params) -> Result<R, ClientError>
	where
		R: DeserializeOwned,
		Params: ToRpcParams + Send,
	{
		let params = params.to_rpc_params().map_err(ClientError::ParseError)?;
		let answer = self.0.request_raw(method, params).await.map_err(transport)?;
		serde_json::from_str(answer.get()).map_err(ClientError::ParseError)
	}

	async fn batch_request<'a, R>(
		&self,
		_batch: BatchRequestBuilder<'a>,
	) -> Result<BatchResponse<'a, R>, ClientError>
	where
		R: DeserializeOwned + std::fmt::Debug + 'a,
	{
		Err(ClientError::Custom("this client sends no batch requests".into()))
	}
}
