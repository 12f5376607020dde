//! The `usefulWork_*` JSON-RPC interface of a Paradigm node, defined once.
//!
//! [`UsefulWorkApiServer`] is what the node implements (`useful-work-rpc`);
//! [`UsefulWorkApiClient`] is what clients call, over any jsonrpsee client. Both are generated
//! from the one trait below, and every answer is a type of `useful-work-primitives`, the same one
//! the runtime API returns: a field added to a view, or a new metric, changes the server and every
//! client together.
//!
//! On the wire (see `useful_work_primitives::wire`): camelCase fields, accounts as SS58, hashes
//! and byte strings as `0x` hex, names as text, balances as decimal strings, metrics and phases by
//! name (`accuracy`, `reveal`). Methods read the node's best block unless `at` names another.

use std::{fmt::Display, str::FromStr};

use jsonrpsee::{core::RpcResult, proc_macros::rpc};
pub use useful_work_primitives::{
	AssignmentView, ContributorView, RegistrationTicket, RoundView, TaskId, TaskView,
};

/// JSON-RPC error code of a runtime API call that failed on the node.
pub const RUNTIME_ERROR: i32 = 1;

/// The `usefulWork_*` methods.
#[rpc(client, server, namespace = "usefulWork")]
pub trait UsefulWorkApi<BlockHash, AccountId, Balance, BlockNumber>
where
	Balance: Display + FromStr,
{
	/// `usefulWork_openTasks`: every live task with its spec, champion and current round.
	#[method(name = "openTasks")]
	fn open_tasks(&self, at: Option<BlockHash>) -> RpcResult<Vec<TaskView<AccountId, Balance, BlockNumber>>>;

	/// `usefulWork_round`: the current round of `task`, or `null`.
	#[method(name = "round")]
	fn round(&self, task: TaskId, at: Option<BlockHash>) -> RpcResult<Option<RoundView<BlockNumber>>>;

	/// `usefulWork_assignments`: the submissions `who` is assigned to verify.
	#[method(name = "assignments")]
	fn assignments(&self, who: AccountId, at: Option<BlockHash>) -> RpcResult<Vec<AssignmentView<AccountId>>>;

	/// `usefulWork_contributor`: `who`'s registration, reputation and pool, or `null`.
	#[method(name = "contributor")]
	fn contributor(&self, who: AccountId, at: Option<BlockHash>) -> RpcResult<Option<ContributorView<BlockNumber>>>;

	/// `usefulWork_registrationPayload`: what `who` needs to register now: the payload to sign,
	/// anchored at the node's latest finalized block (a finalized anchor never disappears in a
	/// reorg), and the proof-of-work difficulty the chain asks at its best block. `at` is accepted
	/// for symmetry and ignored.
	#[method(name = "registrationPayload")]
	fn registration_payload(&self, who: AccountId, at: Option<BlockHash>) -> RpcResult<RegistrationTicket>;
}
