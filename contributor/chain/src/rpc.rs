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

#[cfg(test)]
mod tests {
	use super::*;
	use subxt::rpcs::client::{RawRpcFuture, RawRpcSubscription, RawValue, RpcClientT};
	use useful_work_rpc_api::UsefulWorkApiClient;

	/// A node that answers every request with the same raw result, or the same JSON-RPC error.
	struct HostileNode(Result<String, (i32, &'static str)>);

	impl RpcClientT for HostileNode {
		fn request_raw<'a>(&'a self, _method: &'a str, _params: Option<Box<RawValue>>) -> RawRpcFuture<'a, Box<RawValue>> {
			let answer = match &self.0 {
				Ok(json) => RawValue::from_string(json.clone()).map_err(subxt::rpcs::Error::Deserialization),
				Err((code, message)) => Err(subxt::rpcs::Error::User(subxt::rpcs::UserError {
					code: *code,
					message: (*message).to_owned(),
					data: None,
				})),
			};
			Box::pin(async move { answer })
		}

		fn subscribe_raw<'a>(
			&'a self,
			_sub: &'a str,
			_params: Option<Box<RawValue>>,
			_unsub: &'a str,
		) -> RawRpcFuture<'a, RawRpcSubscription> {
			Box::pin(async { Err(subxt::rpcs::Error::Client("no subscriptions here".into())) })
		}
	}

	fn client(answer: Result<&str, (i32, &'static str)>) -> NodeRpc {
		NodeRpc(RpcClient::new(HostileNode(answer.map(str::to_owned))))
	}

	#[tokio::test]
	async fn answers_of_the_wrong_shape_or_size_are_named_errors_not_panics() {
		let open_tasks = |node: NodeRpc| async move {
			UsefulWorkApiClient::<subxt::utils::H256, subxt::utils::AccountId32, u128, u32>::open_tasks(&node, None).await
		};
		// Not a list of tasks, a list of numbers, a task whose name is longer than the chain allows.
		let long_name = format!(
				r#"[{{"id":0,"spec":{{"kind":"train","model":"{}","hyperParams":"","dataset":{{"seeded":{{"generator":"g","seed":1}}}},"metric":"accuracy","baseline":0,"minImprovement":1,"tolerance":0,"verifiersPerSubmission":3,"maxArtifactSize":1,"schedule":{{"commitBlocks":2,"revealBlocks":2,"verifyBlocks":2}},"rewardWeight":1}},"requester":null,"bounty":null,"champion":null,"round":null}}]"#,
			"m".repeat(10_000)
		);
		for hostile in [r#"{"not":"a list"}"#, r#"[1, 2, 3]"#, long_name.as_str()] {
			let error = open_tasks(client(Ok(hostile))).await.expect_err("refused");
			assert!(matches!(error, ClientError::ParseError(_)), "{error}");
		}
		// A JSON-RPC error keeps its code and message.
		let error = open_tasks(client(Err((1, "useful-work runtime API call failed")))).await.expect_err("an error");
		match error {
			ClientError::Call(object) => {
				assert_eq!(object.code(), 1);
				assert_eq!(object.message(), "useful-work runtime API call failed");
			},
			other => panic!("not a call error: {other}"),
		}
		// An empty list is a valid answer.
		assert!(open_tasks(client(Ok("[]"))).await.expect("an empty list").is_empty());
	}
}
