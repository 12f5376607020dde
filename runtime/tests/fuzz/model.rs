//! What the fuzzer works with: its accounts, the actions it plans, and the view of the chain it
//! plans them from.

use pallet_useful_work::{
	primitives::AssignmentView, ContributorInfo, MetricValue, PoolId, RoundPhase, TaskId, TaskSpec,
};
use paradigm_runtime::{AccountId, Balance, RuntimeCall};
use polkadot_sdk::sp_core::{sr25519, H256};

/// How an account behaves when it verifies and claims.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Temper {
	/// Reports what it measured, claims what it trained.
	Honest,
	/// Half of its reports are random; its claims are off by up to twice the tolerance.
	Sloppy,
	/// Reports and claims a perfect metric, whatever the artifact.
	Liar,
}

/// One of the 24 accounts the fuzzer signs for.
pub(crate) struct Actor {
	pub(crate) name: String,
	pub(crate) pair: sr25519::Pair,
	pub(crate) account: AccountId,
	pub(crate) temper: Temper,
}

/// Who sends an extrinsic.
#[derive(Clone, Copy)]
pub(crate) enum Origin {
	/// Unsigned (registration, or anything the fuzzer tries without a signature).
	Bare,
	/// Signed by this actor.
	Signed(usize),
}

/// The nonce a signed extrinsic carries, chosen when it is built.
#[derive(Clone, Copy)]
pub(crate) enum NonceChoice {
	Current,
	/// This many below the current nonce (or as far above it when the nonce is too small).
	Stale(u32),
	/// This many above the current nonce.
	Future(u32),
}

/// An extrinsic to build and submit.
pub(crate) struct Planned {
	pub(crate) origin: Origin,
	pub(crate) call: RuntimeCall,
	pub(crate) nonce: NonceChoice,
	pub(crate) label: String,
	/// The call cannot succeed whatever else happens in the block: if it is included and
	/// dispatches without error (including the call under sudo), an invariant is broken.
	pub(crate) must_fail: bool,
}

/// What the fuzzer does next.
pub(crate) enum Action {
	/// A call, signed or unsigned.
	Call(Planned),
	/// Bytes submitted as an extrinsic.
	Raw {
		bytes: Vec<u8>,
		label: String,
		/// They must not decode (an argument above its bound).
		must_not_decode: bool,
	},
}

/// `call` signed by `actor` with its current nonce.
pub(crate) fn signed(actor: usize, call: RuntimeCall, label: String) -> Action {
	Action::Call(Planned {
		origin: Origin::Signed(actor),
		call,
		nonce: NonceChoice::Current,
		label,
		must_fail: false,
	})
}

/// `call` unsigned.
pub(crate) fn bare(call: RuntimeCall, label: String) -> Action {
	Action::Call(Planned {
		origin: Origin::Bare,
		call,
		nonce: NonceChoice::Current,
		label,
		must_fail: false,
	})
}

impl Action {
	/// Mark the action as one that cannot succeed (when `must_fail`).
	pub(crate) fn failing(self, must_fail: bool) -> Self {
		match self {
			Action::Call(planned) => {
				Action::Call(Planned { must_fail: planned.must_fail || must_fail, ..planned })
			},
			raw => raw,
		}
	}

	/// Sign with `nonce` instead of the current nonce.
	pub(crate) fn with_nonce(self, nonce: NonceChoice) -> Self {
		match self {
			Action::Call(planned) => Action::Call(Planned { nonce, ..planned }),
			raw => raw,
		}
	}
}

/// The kinds of registration the fuzzer sends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Registration {
	Valid,
	WrongSigner,
	StaleAnchor,
	NoWork,
	Again,
}

/// What a random action does.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
	Register,
	Deregister,
	Commit,
	Reveal,
	Verify,
	Pool,
	Transfer,
	PaidTask,
	SudoTask,
	SudoTreasury,
	Batch,
	RandomCall,
	Garbage,
	BadNonce,
	Donation,
}

/// Random actions and their weights.
pub(crate) const KINDS: [(Kind, u32); 15] = [
	(Kind::Register, 8),
	(Kind::Deregister, 3),
	(Kind::Commit, 6),
	(Kind::Reveal, 6),
	(Kind::Verify, 6),
	(Kind::Pool, 6),
	(Kind::Transfer, 10),
	(Kind::PaidTask, 4),
	(Kind::SudoTask, 4),
	(Kind::SudoTreasury, 3),
	(Kind::Batch, 5),
	(Kind::RandomCall, 7),
	(Kind::Garbage, 7),
	(Kind::BadNonce, 3),
	(Kind::Donation, 1),
];

/// A live task as the planner sees it.
pub(crate) struct TaskState {
	pub(crate) id: TaskId,
	pub(crate) spec: TaskSpec,
	pub(crate) closed: bool,
	pub(crate) paid: bool,
	/// The value to beat: the champion's metric or the baseline.
	pub(crate) reference: MetricValue,
	pub(crate) phase: RoundPhase,
	pub(crate) submissions: u32,
}

/// A commitment of one of the fuzzer's accounts in a current round.
pub(crate) struct CommitState {
	pub(crate) task: TaskId,
	pub(crate) actor: usize,
	pub(crate) hash: H256,
	pub(crate) revealed: bool,
}

/// The chain as the planner reads it at the start of a block (after its hooks ran).
pub(crate) struct View {
	pub(crate) now: u32,
	pub(crate) tasks: Vec<TaskState>,
	pub(crate) contributors: Vec<Option<ContributorInfo<u32>>>,
	pub(crate) commitments: Vec<CommitState>,
	pub(crate) assignments: Vec<(usize, AssignmentView<AccountId>)>,
	pub(crate) pools: Vec<(PoolId, u32)>,
	pub(crate) free: Vec<Balance>,
	pub(crate) next_task: TaskId,
	pub(crate) next_pool: PoolId,
	pub(crate) issuance: Balance,
	pub(crate) supply_cap: u128,
	pub(crate) cap_base: Option<(u32, u128)>,
}

impl View {
	pub(crate) fn task(&self, id: TaskId) -> Option<&TaskState> {
		self.tasks.iter().find(|task| task.id == id)
	}

	pub(crate) fn registered(&self, actor: usize) -> bool {
		self.contributors.get(actor).is_some_and(Option::is_some)
	}

	pub(crate) fn registered_actors(&self) -> Vec<usize> {
		(0..self.contributors.len()).filter(|actor| self.registered(*actor)).collect()
	}

	pub(crate) fn unregistered_actors(&self) -> Vec<usize> {
		(0..self.contributors.len()).filter(|actor| !self.registered(*actor)).collect()
	}

	pub(crate) fn has_commitment(&self, task: TaskId, actor: usize) -> bool {
		self.commitments
			.iter()
			.any(|commitment| commitment.task == task && commitment.actor == actor)
	}

	/// Live tasks whose round is in `phase`.
	pub(crate) fn tasks_in(&self, phase: RoundPhase) -> Vec<usize> {
		(0..self.tasks.len()).filter(|index| self.tasks[*index].phase == phase).collect()
	}

	/// Actors holding at least `amount` free.
	pub(crate) fn funded(&self, amount: Balance) -> Vec<usize> {
		(0..self.free.len()).filter(|actor| self.free[*actor] >= amount).collect()
	}
}

/// How a reveal is (mis)built.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum RevealKind {
	Honest,
	WrongSalt,
	Oversized,
	AbsurdClaim,
	WrongPhase,
	NotCommitted,
}
