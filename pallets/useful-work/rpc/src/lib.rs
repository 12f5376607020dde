//! `usefulWork_*` JSON-RPC methods: a contributor-friendly view of the useful-work pallet.
//!
//! Each method calls the [`UsefulWorkApi`] runtime API at the best block (or at `at`) and returns
//! plain JSON: accounts as SS58 strings, hashes and byte strings as `0x` hex, balances as decimal
//! strings (they exceed JavaScript's safe integers).

use std::{fmt::Display, sync::Arc};

use codec::Codec;
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{error::ErrorObject, ErrorObjectOwned},
};
use polkadot_sdk::{
	sp_api::{ApiError, ProvideRuntimeApi},
	sp_blockchain::HeaderBackend,
	sp_core::{hexdisplay::HexDisplay, H256},
	sp_runtime::traits::{Block as BlockT, UniqueSaturatedInto},
};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use useful_work_runtime_api::{
	primitives::{
		registration_payload, AssignmentView, RegistrationTicket, Champion, ContributorView, DatasetRef, RoundPhase, RoundView, TaskId,
		TaskKind, TaskSpec, TaskView,
	},
	UsefulWorkApi as UsefulWorkRuntimeApi,
};

/// Error code of a failed runtime API call.
pub const RUNTIME_ERROR: i32 = 1;

/// The `usefulWork_*` methods.
#[rpc(client, server)]
pub trait UsefulWorkApi<BlockHash, AccountId> {
	/// Every live task with its spec, champion and current round.
	#[method(name = "usefulWork_openTasks")]
	fn open_tasks(&self, at: Option<BlockHash>) -> RpcResult<Value>;

	/// The current round of `task`, or `null`.
	#[method(name = "usefulWork_round")]
	fn round(&self, task: TaskId, at: Option<BlockHash>) -> RpcResult<Value>;

	/// The submissions `who` is assigned to verify.
	#[method(name = "usefulWork_assignments")]
	fn assignments(&self, who: AccountId, at: Option<BlockHash>) -> RpcResult<Value>;

	/// `who`'s registration, reputation and pool, or `null`.
	#[method(name = "usefulWork_contributor")]
	fn contributor(&self, who: AccountId, at: Option<BlockHash>) -> RpcResult<Value>;

	/// What `who` needs to register now: the payload to sign, anchored at the node's latest
	/// finalized block (its number and hash; a finalized anchor never disappears in a reorg),
	/// and the proof-of-work difficulty the chain asks at its best block. `at` is accepted for
	/// symmetry and ignored.
	#[method(name = "usefulWork_registrationPayload")]
	fn registration_payload(&self, who: AccountId, at: Option<BlockHash>) -> RpcResult<RegistrationTicket>;
}

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

fn hex(bytes: &[u8]) -> String {
	format!("0x{}", HexDisplay::from(&bytes))
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

fn hash(value: &H256) -> String {
	hex(value.as_bytes())
}

fn phase(phase: RoundPhase) -> &'static str {
	match phase {
		RoundPhase::Commit => "commit",
		RoundPhase::Reveal => "reveal",
		RoundPhase::Verify => "verify",
	}
}

fn spec_json(spec: &TaskSpec) -> Value {
	let dataset = match &spec.dataset {
		DatasetRef::Shipped { name, content_hash } =>
			json!({ "shipped": { "name": text(name), "contentHash": hash(content_hash) } }),
		DatasetRef::Seeded { generator, seed } =>
			json!({ "seeded": { "generator": text(generator), "seed": seed } }),
	};
	json!({
		"kind": match spec.kind { TaskKind::Train => "train", TaskKind::Evaluate => "evaluate" },
		"model": text(&spec.model),
		"hyperParams": text(&spec.hyper_params),
		"dataset": dataset,
		"metric": format!("{:?}", spec.metric),
		"higherIsBetter": spec.metric.higher_is_better(),
		"baseline": spec.baseline,
		"minImprovement": spec.min_improvement,
		"tolerance": spec.tolerance,
		"verifiersPerSubmission": spec.verifiers_per_submission,
		"maxArtifactSize": spec.max_artifact_size,
		"schedule": {
			"commitBlocks": spec.schedule.commit_blocks,
			"revealBlocks": spec.schedule.reveal_blocks,
			"verifyBlocks": spec.schedule.verify_blocks,
		},
		"rewardWeight": spec.reward_weight,
	})
}

fn round_json<BlockNumber: serde::Serialize>(round: &RoundView<BlockNumber>) -> Value {
	json!({
		"index": round.index,
		"phase": phase(round.phase),
		"startedAt": round.started_at,
		"revealFrom": round.reveal_from,
		"verifyFrom": round.verify_from,
		"endsAt": round.ends_at,
		"commitments": round.commitments,
		"submissions": round.submissions,
		"seed": round.seed.as_ref().map(hash),
	})
}

fn champion_json<AccountId: Display>(champion: &Champion<AccountId>) -> Value {
	json!({
		"artifact": hash(&champion.artifact),
		"metric": champion.metric,
		"trainer": champion.trainer.to_string(),
		"round": champion.round,
	})
}

fn task_json<AccountId: Display, Balance: Display, BlockNumber: serde::Serialize>(
	task: &TaskView<AccountId, Balance, BlockNumber>,
) -> Value {
	json!({
		"id": task.id,
		"spec": spec_json(&task.spec),
		"requester": task.requester.as_ref().map(ToString::to_string),
		"bounty": task.bounty.as_ref().map(ToString::to_string),
		"champion": task.champion.as_ref().map(champion_json),
		"round": task.round.as_ref().map(round_json),
	})
}

fn assignment_json<AccountId: Display>(assignment: &AssignmentView<AccountId>) -> Value {
	json!({
		"task": assignment.task,
		"round": assignment.round,
		"submission": assignment.submission,
		"trainer": assignment.trainer.to_string(),
		"artifact": hash(&assignment.artifact),
		"size": assignment.size,
		"location": text(&assignment.location),
		"seed": hash(&assignment.seed),
		"reported": assignment.reported,
	})
}

fn contributor_json<BlockNumber: serde::Serialize>(view: &ContributorView<BlockNumber>) -> Value {
	json!({
		"registeredAt": view.registered_at,
		"reputation": view.reputation,
		"pool": view.pool,
		"pending": view.pending,
		"lastActiveEpoch": view.last_active_epoch,
	})
}

impl<Client, Block, AccountId, Balance, BlockNumber>
	UsefulWorkApiServer<<Block as BlockT>::Hash, AccountId>
	for UsefulWork<Client, Block, Balance, BlockNumber>
where
	Block: BlockT,
	Client: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	Client::Api: UsefulWorkRuntimeApi<Block, AccountId, Balance, BlockNumber>,
	AccountId: Codec + Display + DeserializeOwned + Send + Sync + 'static,
	Balance: Codec + Display + Send + Sync + 'static,
	BlockNumber: Codec + serde::Serialize + Send + Sync + 'static,
{
	fn open_tasks(&self, at: Option<Block::Hash>) -> RpcResult<Value> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let tasks = self.client.runtime_api().open_tasks(at).map_err(runtime_error)?;
		Ok(Value::Array(tasks.iter().map(task_json).collect()))
	}

	fn round(&self, task: TaskId, at: Option<Block::Hash>) -> RpcResult<Value> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let round = self.client.runtime_api().round(at, task).map_err(runtime_error)?;
		Ok(round.as_ref().map_or(Value::Null, round_json))
	}

	fn assignments(&self, who: AccountId, at: Option<Block::Hash>) -> RpcResult<Value> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let list = self.client.runtime_api().assignments(at, who).map_err(runtime_error)?;
		Ok(Value::Array(list.iter().map(assignment_json).collect()))
	}

	fn contributor(&self, who: AccountId, at: Option<Block::Hash>) -> RpcResult<Value> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let view = self.client.runtime_api().contributor(at, who).map_err(runtime_error)?;
		Ok(view.as_ref().map_or(Value::Null, contributor_json))
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
