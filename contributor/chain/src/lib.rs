//! # paradigm-chain
//!
//! How `paradigm-contributor` talks to a Paradigm node: one WebSocket connection that reconnects
//! by itself, typed extrinsics generated at compile time from the runtime's metadata
//! (`metadata/paradigm.scale`, kept equal to the runtime's by a runtime test), signed with the
//! contributor's key, and the node's `usefulWork_*` views, read through the client generated from
//! their one definition (`useful-work-rpc-api`) into the runtime's own view types.
//!
//! Every failure a person can meet has its own [`ChainError`]: the node is unreachable, it runs
//! another chain, the runtime no longer matches, the account is not registered, the pool refused a
//! transaction (with the useful-work errors a person can act on named, [`UsefulWorkError`]), or a
//! call failed on chain.
//!
//! Registration is free of PAR but not of work: [`ChainClient::register`] fetches a
//! [`RegistrationTicket`], solves its proof of work on a blocking thread, signs the ticket's
//! payload and submits the unsigned `register` call, with a fresh ticket when the last one went
//! stale.

use std::time::Duration;

use paradigm_keys::ContributorKey;
use subxt::{
	client::OnlineClientAtBlockImpl,
	error::{DispatchError, TransactionEventsError},
	extrinsics::ExtrinsicEvents,
	rpcs::client::{reconnecting_rpc_client, rpc_params, RpcClient},
	tx::{Payload, Signer, TransactionProgress, TransactionStatus},
	utils::{MultiSignature, H256},
	Metadata, OnlineClient, OnlineClientAtBlock, PolkadotConfig,
};

mod error;
mod governance;
mod rpc;
pub mod views;

pub use error::{ChainError, UsefulWorkError};
pub use governance::{Referendum, ReferendumStage, StandingVote, Tally, MAX_LISTED_REFERENDA};
pub use subxt::utils::AccountId32;
pub use useful_work_primitives::{commitment_hash, RegistrationTicket, RoundKey};
use useful_work_rpc_api::UsefulWorkApiClient;
pub use views::{
	AssignmentView, ChainType, Champion, ContributorView, DatasetRef, Metric, Phase, RoundSchedule, RoundView, TaskKind,
	TaskSpec, TaskView,
};

/// The runtime's calls, storage and events, generated from its metadata.
#[allow(missing_docs, unreachable_pub, clippy::all)]
#[subxt::subxt(runtime_metadata_path = "metadata/paradigm.scale")]
pub mod runtime {}

use runtime::runtime_types::{
	bounded_collections::bounded_vec::BoundedVec, sp_arithmetic::per_things::Perbill,
	sp_runtime::MultiSignature as RuntimeSignature,
};

/// The `spec_name` of Paradigm runtimes.
pub const SPEC_NAME: &str = "paradigm";
/// How long to wait for a node to answer the first time.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Fresh registration tickets [`ChainClient::register`] tries when the chain's difficulty rose or
/// the ticket's anchor aged before the registration was accepted.
pub const REGISTRATION_ATTEMPTS: u32 = 3;
/// The hardest registration proof of work this client solves, in leading zero bits (about 10^12
/// hashes: hours on one core). The chain asks for far less unless the registry is being flooded.
pub const MAX_SOLVED_DIFFICULTY: u32 = 40;

/// What [`ChainClient::register`] is doing, for progress reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegistrationStep {
	/// Solving the proof of work of a fresh ticket (about `2^difficulty` hashes).
	Solving {
		/// 1 for the first ticket, up to [`REGISTRATION_ATTEMPTS`].
		attempt: u32,
		/// Leading zero bits the chain asks for.
		difficulty: u32,
	},
	/// Submitting the signed registration with its proof of work.
	Submitting {
		/// The ticket's attempt number.
		attempt: u32,
	},
}

/// The `usefulWork_*` client with this chain's block hash, account, balance and block number.
trait UsefulWorkClient: UsefulWorkApiClient<H256, AccountId32, u128, u32> + Sync {}

impl<Client: UsefulWorkApiClient<H256, AccountId32, u128, u32> + Sync> UsefulWorkClient for Client {}

/// The contributor's key as a subxt signer.
struct KeySigner<'a>(&'a ContributorKey);

impl Signer<PolkadotConfig> for KeySigner<'_> {
	fn account_id(&self) -> AccountId32 {
		AccountId32(self.0.public())
	}

	fn sign(&self, payload: &[u8]) -> MultiSignature {
		MultiSignature::Sr25519(self.0.sign(payload))
	}
}

/// A commitment of the current round, as stored on chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommitmentOnChain {
	/// The committed hash.
	pub hash: [u8; 32],
	/// Whether it was revealed.
	pub revealed: bool,
}

/// A connection to a Paradigm node.
#[derive(Clone)]
pub struct ChainClient {
	api: OnlineClient<PolkadotConfig>,
	rpc: RpcClient,
	node: rpc::NodeRpc,
	url: String,
}

impl ChainClient {
	/// Connect to the node at `url` (`ws://host:port`), check that it runs a Paradigm runtime this
	/// build understands, and keep reconnecting behind the scenes if it restarts later.
	pub async fn connect(url: &str) -> Result<Self, ChainError> {
		let unreachable = |reason: String| ChainError::Unreachable { url: url.to_owned(), reason };
		let address = url
			.strip_prefix("ws://")
			.or_else(|| url.strip_prefix("wss://"))
			.ok_or_else(|| unreachable("the URL must start with ws:// or wss://".into()))?;
		let address = address.split('/').next().unwrap_or(address).to_owned();
		// The reconnecting client would retry an unreachable node forever: probe it first.
		match tokio::time::timeout(CONNECT_TIMEOUT, tokio::net::TcpStream::connect(&address)).await {
			Ok(Ok(_)) => {},
			Ok(Err(error)) => return Err(unreachable(error.to_string())),
			Err(_) => return Err(unreachable("timed out".into())),
		}
		let reconnecting = tokio::time::timeout(
			CONNECT_TIMEOUT,
			reconnecting_rpc_client::RpcClient::builder()
				.retry_policy(
					reconnecting_rpc_client::ExponentialBackoff::from_millis(100).max_delay(Duration::from_secs(5)),
				)
				.request_timeout(Duration::from_secs(30))
				.build(url.to_owned()),
		)
		.await
		.map_err(|_| unreachable("timed out".into()))?
		.map_err(|error| unreachable(error.to_string()))?;
		let rpc = RpcClient::new(reconnecting);

		let version: serde_json::Value = rpc.request("state_getRuntimeVersion", rpc_params![]).await.map_err(subxt::Error::from)?;
		let spec_name = version.get("specName").and_then(|v| v.as_str()).unwrap_or_default().to_owned();
		if spec_name != SPEC_NAME {
			return Err(ChainError::WrongChain { url: url.to_owned(), found: spec_name });
		}
		let api = OnlineClient::<PolkadotConfig>::from_rpc_client(rpc.clone()).await.map_err(subxt::Error::from)?;
		let client = Self { api, node: rpc::NodeRpc(rpc.clone()), rpc, url: url.to_owned() };
		// Static calls carry a hash of their types: a runtime whose useful-work calls changed
		// shape is refused here rather than at the first submission.
		let transactions = client.at_best().await?.transactions();
		for check in [
			transactions.validate(&runtime::transactions().useful_work().register(
				AccountId32([0; 32]),
				0,
				0,
				RuntimeSignature::Sr25519([0; 64]),
			)),
			transactions.validate(&runtime::transactions().useful_work().commit(0, H256::zero())),
			transactions.validate(&runtime::transactions().useful_work().submit_verification(0, 0, 0)),
		] {
			check.map_err(|error| ChainError::Incompatible(error.into()))?;
		}
		Ok(client)
	}

	/// The node's URL.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// The chain's genesis hash.
	pub fn genesis_hash(&self) -> [u8; 32] {
		self.api.genesis_hash().0
	}

	/// What kind of chain the node runs (`system_chainType`): development and local chains may
	/// serve artifacts from loopback and private addresses, live chains may not.
	pub async fn chain_type(&self) -> Result<ChainType, ChainError> {
		Ok(self.rpc.request("system_chainType", rpc_params![]).await.map_err(subxt::Error::from)?)
	}

	/// The best block's number.
	pub async fn best_block(&self) -> Result<u32, ChainError> {
		let header: serde_json::Value =
			self.rpc.request("chain_getHeader", rpc_params![]).await.map_err(subxt::Error::from)?;
		let number = header.get("number").and_then(|n| n.as_str()).unwrap_or("0x0");
		u32::from_str_radix(number.trim_start_matches("0x"), 16).map_err(|_| ChainError::BadHeader(number.to_owned()))
	}

	fn useful_work(&self) -> &impl UsefulWorkClient {
		&self.node
	}

	/// Every live task.
	pub async fn open_tasks(&self) -> Result<Vec<TaskView>, ChainError> {
		self.useful_work()
			.open_tasks(None)
			.await
			.map_err(|source| ChainError::Call { method: "usefulWork_openTasks", source })
	}

	/// The current round of `task`, if the task is live.
	pub async fn round(&self, task: u32) -> Result<Option<RoundView>, ChainError> {
		self.useful_work()
			.round(task, None)
			.await
			.map_err(|source| ChainError::Call { method: "usefulWork_round", source })
	}

	/// What `who` is assigned to verify.
	pub async fn assignments(&self, who: [u8; 32]) -> Result<Vec<AssignmentView>, ChainError> {
		self.useful_work()
			.assignments(AccountId32(who), None)
			.await
			.map_err(|source| ChainError::Call { method: "usefulWork_assignments", source })
	}

	/// `who`'s registration, if any.
	pub async fn contributor(&self, who: [u8; 32]) -> Result<Option<ContributorView>, ChainError> {
		self.useful_work()
			.contributor(AccountId32(who), None)
			.await
			.map_err(|source| ChainError::Call { method: "usefulWork_contributor", source })
	}

	/// The free balance of `account` in planck (10^-8 PAR).
	pub async fn free_balance(&self, account: [u8; 32]) -> Result<u128, ChainError> {
		let at = self.at_best().await?;
		let info = at
			.storage()
			.try_fetch(runtime::storage().system().account(), (AccountId32(account),))
			.await
			.map_err(subxt::Error::from)?;
		Ok(match info {
			Some(info) => info.decode().map_err(subxt::Error::from)?.data.free,
			None => 0,
		})
	}

	/// `who`'s commitment in the current round of `task`, if it made one.
	pub async fn commitment(&self, task: u32, who: [u8; 32]) -> Result<Option<CommitmentOnChain>, ChainError> {
		let at = self.at_best().await?;
		let found = at
			.storage()
			.try_fetch(runtime::storage().useful_work().commitments(), (task, AccountId32(who)))
			.await
			.map_err(subxt::Error::from)?;
		match found {
			Some(value) => {
				let commitment = value.decode().map_err(subxt::Error::from)?;
				Ok(Some(CommitmentOnChain { hash: commitment.hash.0, revealed: commitment.revealed }))
			},
			None => Ok(None),
		}
	}

	/// The chain at the best block, the block the `usefulWork_*` views read. (subxt's
	/// `at_current_block` is the finalized block, a few blocks behind: a round that just ended
	/// would still show its commitments there, and an account's nonce there would not count a
	/// transaction this client sent a block ago.)
	pub(crate) async fn at_best(&self) -> Result<OnlineClientAtBlock<PolkadotConfig>, ChainError> {
		let best: H256 = self.rpc.request("chain_getBlockHash", rpc_params![]).await.map_err(subxt::Error::from)?;
		Ok(self.api.at_block(best).await.map_err(subxt::Error::from)?)
	}

	/// A registration ticket for `who`: the payload to sign, its anchor block and the proof of
	/// work the chain asks for now.
	pub async fn registration_ticket(&self, who: [u8; 32]) -> Result<RegistrationTicket, ChainError> {
		self.useful_work()
			.registration_payload(AccountId32(who), None)
			.await
			.map_err(|source| ChainError::Call { method: "usefulWork_registrationPayload", source })
	}

	/// Register `key`'s account: an unsigned call carrying the account's signature of a fresh
	/// ticket and the ticket's proof of work, so no PAR is needed. Solving the proof of work runs
	/// on a blocking thread and may take seconds; `on_step` hears each step. A ticket that went
	/// stale meanwhile (the difficulty rose, the anchor aged) is replaced, at most
	/// [`REGISTRATION_ATTEMPTS`] times in all. An account that turns out to be registered already
	/// (an earlier attempt landed) counts as registered.
	pub async fn register(
		&self,
		key: &ContributorKey,
		mut on_step: impl FnMut(RegistrationStep),
	) -> Result<(), ChainError> {
		let address = key.address();
		let mut attempt = 0u32;
		loop {
			attempt = attempt.saturating_add(1);
			let ticket = self.registration_ticket(key.public()).await?;
			if ticket.difficulty > MAX_SOLVED_DIFFICULTY {
				return Err(ChainError::RegistrationTooHard {
					difficulty: ticket.difficulty,
					limit: MAX_SOLVED_DIFFICULTY,
				});
			}
			let anchor = u32::try_from(ticket.anchor).map_err(|_| ChainError::BadAnchor(ticket.anchor))?;
			on_step(RegistrationStep::Solving { attempt, difficulty: ticket.difficulty });
			let nonce = solve_registration_work(&ticket).await?;
			on_step(RegistrationStep::Submitting { attempt });
			let call = runtime::transactions().useful_work().register(
				AccountId32(key.public()),
				anchor,
				nonce,
				RuntimeSignature::Sr25519(key.sign(&ticket.payload)),
			);
			match self.submit_unsigned(&call, &address).await {
				Ok(()) | Err(ChainError::Refused(UsefulWorkError::AlreadyRegistered)) => return Ok(()),
				Err(ChainError::Refused(error)) if error.needs_fresh_ticket() =>
					if attempt >= REGISTRATION_ATTEMPTS {
						return Err(ChainError::RegistrationGaveUp { attempts: attempt, last: error });
					},
				Err(error) => return Err(error),
			}
		}
	}

	async fn submit_unsigned<Call: Payload>(&self, call: &Call, address: &str) -> Result<(), ChainError> {
		let at = self.at_best().await?;
		let transaction = at.transactions().create_unsigned(call).map_err(subxt::Error::from)?;
		let progress =
			transaction.submit_and_watch().await.map_err(|e| refused(e.into(), &at.metadata(), address))?;
		self.included(progress, &at.metadata(), address).await.map(drop)
	}

	/// Commit to an artifact in the current round of `task`.
	pub async fn commit(&self, key: &ContributorKey, task: u32, commitment: [u8; 32]) -> Result<(), ChainError> {
		self.submit(key, &runtime::transactions().useful_work().commit(task, H256(commitment))).await
	}

	/// Reveal the committed artifact.
	#[allow(clippy::too_many_arguments)]
	pub async fn reveal(
		&self,
		key: &ContributorKey,
		task: u32,
		artifact: [u8; 32],
		salt: [u8; 32],
		size: u64,
		location: &str,
		claimed: u32,
	) -> Result<(), ChainError> {
		let call = runtime::transactions().useful_work().reveal(
			task,
			H256(artifact),
			salt,
			size,
			BoundedVec(location.as_bytes().to_vec()),
			claimed,
		);
		self.submit(key, &call).await
	}

	/// Report the metric measured for an assigned submission.
	pub async fn submit_verification(
		&self,
		key: &ContributorKey,
		task: u32,
		submission: u32,
		measured: u32,
	) -> Result<(), ChainError> {
		self.submit(key, &runtime::transactions().useful_work().submit_verification(task, submission, measured)).await
	}

	/// Create a pool that takes `fee_per_billion` of its members' rewards; returns its id.
	pub async fn create_pool(&self, key: &ContributorKey, fee_per_billion: u32) -> Result<u32, ChainError> {
		let events = self
			.submit_with_events(key, &runtime::transactions().useful_work().create_pool(Perbill(fee_per_billion)))
			.await?;
		match events.find_first::<runtime::useful_work::events::PoolCreated>() {
			Some(created) => Ok(created.map_err(subxt::Error::from)?.pool),
			None => Err(ChainError::MissingEvent("PoolCreated")),
		}
	}

	/// Join pool `pool`.
	pub async fn join_pool(&self, key: &ContributorKey, pool: u32) -> Result<(), ChainError> {
		self.submit(key, &runtime::transactions().useful_work().join_pool(pool)).await
	}

	/// Leave the current pool.
	pub async fn leave_pool(&self, key: &ContributorKey) -> Result<(), ChainError> {
		self.submit(key, &runtime::transactions().useful_work().leave_pool()).await
	}

	pub(crate) async fn submit<Call: Payload>(&self, key: &ContributorKey, call: &Call) -> Result<(), ChainError> {
		self.submit_with_events(key, call).await.map(drop)
	}

	/// Sign (with the account's next nonce, immortal, no tip), submit, and wait until the
	/// transaction is in a block and its call succeeded.
	async fn submit_with_events<Call: Payload>(
		&self,
		key: &ContributorKey,
		call: &Call,
	) -> Result<ExtrinsicEvents<PolkadotConfig>, ChainError> {
		let address = key.address();
		// At the best block, so that the nonce counts this client's last transaction, which the
		// worker waits to see in a block before it sends the next.
		let at = self.at_best().await?;
		let metadata = at.metadata();
		let progress = at
			.transactions()
			.sign_and_submit_then_watch_default(call, &KeySigner(key))
			.await
			.map_err(|e| refused(e.into(), &metadata, &address))?;
		self.included(progress, &metadata, &address).await
	}

	async fn included(
		&self,
		mut progress: TransactionProgress<PolkadotConfig, OnlineClientAtBlockImpl<PolkadotConfig>>,
		metadata: &Metadata,
		address: &str,
	) -> Result<ExtrinsicEvents<PolkadotConfig>, ChainError> {
		while let Some(status) = progress.next().await {
			match status.map_err(|e| {
				let e = subxt::Error::from(e);
				// The node went away mid-watch: whether the transaction landed is unknown, and
				// the worker's state file plus the chain decide what happens next.
				if e.is_disconnected_will_reconnect() {
					ChainError::NodeRestarted(Box::new(e))
				} else {
					ChainError::from(e)
				}
			})? {
				TransactionStatus::InBestBlock(block) | TransactionStatus::InFinalizedBlock(block) =>
					return block.wait_for_success().await.map_err(failed),
				TransactionStatus::Error { message } |
				TransactionStatus::Invalid { message } |
				TransactionStatus::Dropped { message } => return Err(explain(message, metadata, address)),
				TransactionStatus::Validated |
				TransactionStatus::Broadcasted |
				TransactionStatus::NoLongerInBestBlock => {},
			}
		}
		Err(ChainError::ProgressEnded)
	}
}

/// Why the node refused to take a transaction: a useful-work error when the pool names one.
fn refused(error: subxt::Error, metadata: &Metadata, address: &str) -> ChainError {
	if error.is_disconnected_will_reconnect() {
		return ChainError::from(error);
	}
	match error {
		subxt::Error::ExtrinsicError(subxt::error::ExtrinsicError::ErrorSubmittingTransaction(_)) =>
			explain(error.to_string(), metadata, address),
		other => ChainError::from(other),
	}
}

/// Name the useful-work error behind a pool refusal (`Custom error: N` is the index of the
/// pallet's error variant, see `pallets/useful-work/src/extension.rs`).
fn explain(message: String, metadata: &Metadata, address: &str) -> ChainError {
	let Some(code) = custom_error_code(&message) else { return ChainError::Rejected(message) };
	let name = metadata
		.pallet_by_name("UsefulWork")
		.and_then(|pallet| pallet.error_variant_by_index(code))
		.map(|variant| variant.name.clone());
	match name.as_deref() {
		Some("NotRegistered") => ChainError::NotRegistered(address.to_owned()),
		Some(name) => match UsefulWorkError::from_name(name) {
			Some(error) => ChainError::Refused(error),
			None => ChainError::Rejected(format!("UsefulWork::{name}")),
		},
		None => ChainError::Rejected(message),
	}
}

/// A call that failed on chain, named when it is a useful-work error this client knows.
fn failed(error: TransactionEventsError) -> ChainError {
	if let TransactionEventsError::ExtrinsicFailed(DispatchError::Module(module)) = &error {
		if let Ok(details) = module.details() {
			if details.pallet.name() == "UsefulWork" {
				if let Some(known) = UsefulWorkError::from_name(&details.variant.name) {
					return ChainError::Refused(known);
				}
			}
			if matches!(details.pallet.name(), "WorkVoting" | "Referenda") {
				return ChainError::Governance {
					error: format!("{}::{}", details.pallet.name(), details.variant.name),
					reason: details.variant.docs.join(" "),
				};
			}
		}
	}
	ChainError::Failed(Box::new(error.into()))
}

/// A nonce meeting `ticket`'s difficulty, searched on a blocking thread from a random start.
async fn solve_registration_work(ticket: &RegistrationTicket) -> Result<u64, ChainError> {
	let mut start = [0u8; 8];
	if getrandom::getrandom(&mut start).is_err() {
		// The start only spreads the search; any value gives a valid proof.
		let nanos = std::time::SystemTime::now()
			.duration_since(std::time::UNIX_EPOCH)
			.map_or(0, |elapsed| elapsed.as_nanos());
		start = (nanos as u64).to_le_bytes();
	}
	let (payload, difficulty) = (ticket.payload.clone(), ticket.difficulty);
	tokio::task::spawn_blocking(move || {
		useful_work_primitives::solve_registration_work(&payload, difficulty, u64::from_le_bytes(start))
	})
	.await
	.map_err(ChainError::Solver)
}

/// The `N` of "Custom error: N" in a transaction-pool message (subxt 0.41 wrote the node's
/// "Custom error: N", subxt 0.50 writes "custom error: N").
fn custom_error_code(message: &str) -> Option<u8> {
	const MARK: &str = "custom error: ";
	let lower = message.to_ascii_lowercase();
	let rest = lower.get(lower.find(MARK)?.saturating_add(MARK.len())..)?;
	let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
	digits.parse().ok()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn reads_pool_error_codes() {
		assert_eq!(custom_error_code("Invalid Transaction: Custom error: 1"), Some(1));
		assert_eq!(custom_error_code("1010: Invalid Transaction: Custom error: 23 (extra)"), Some(23));
		assert_eq!(custom_error_code("Transaction is outdated"), None);
		assert_eq!(custom_error_code("the node refused the transaction: Invalid transaction with custom error: 10"), Some(10));
		assert_eq!(custom_error_code("custom error: 300"), None, "not a variant index");
	}

	#[tokio::test]
	async fn reads_a_registration_ticket_and_solves_its_work() {
		// The JSON `usefulWork_registrationPayload` returns.
		let ticket: RegistrationTicket =
			serde_json::from_str(r#"{"payload":"0x0102ff","anchor":41,"difficulty":8}"#).unwrap();
		assert_eq!(ticket, RegistrationTicket { payload: vec![1, 2, 0xff], anchor: 41, difficulty: 8 });
		let nonce = solve_registration_work(&ticket).await.unwrap();
		assert!(useful_work_primitives::meets_registration_difficulty(&ticket.payload, nonce, 8));
		assert!(serde_json::from_str::<RegistrationTicket>(r#"{"payload":"0x0g","anchor":1,"difficulty":1}"#).is_err());
		assert!(serde_json::from_str::<RegistrationTicket>(r#""0x0102""#).is_err(), "the old bare payload");
	}

	#[tokio::test]
	async fn an_unreachable_node_is_named() {
		// Nothing listens on port 1 of the loopback address.
		let error = ChainClient::connect("ws://127.0.0.1:1").await.err().expect("no node there");
		assert!(matches!(error, ChainError::Unreachable { .. }), "{error}");
		let error = ChainClient::connect("http://127.0.0.1:9944").await.err().expect("not a ws URL");
		assert!(error.to_string().contains("ws://"));
	}
}
