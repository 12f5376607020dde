//! The simulated accounts: who each is, its keys and what it knows about itself.

use crate::{model::SKILL_FLOOR, outcome::Side, rng};
use codec::Encode;
use paradigm_runtime::{AccountId, BlockNumber};
use polkadot_sdk::{
	sp_core::{sr25519, Pair},
	sp_io::hashing::blake2_256,
};
use useful_work_primitives::EpochIndex;

/// What an account does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Role {
	/// An honest contributor registered at launch.
	Honest,
	/// An honest contributor arriving later (the registry flood).
	Newcomer,
	/// An account of the Sybil farm.
	Sybil,
	/// A member of the verifier cartel.
	Cartel,
	/// An idle account of the registry flood.
	Flooder,
	/// The self-dealing requester (never registers).
	Requester,
	/// An account the requester works its own tasks with.
	RequesterWorker,
}

impl Role {
	pub(crate) fn side(self) -> Side {
		match self {
			Role::Honest | Role::Newcomer => Side::Honest,
			Role::Sybil
			| Role::Cartel
			| Role::Flooder
			| Role::Requester
			| Role::RequesterWorker => Side::Attacker,
		}
	}

	fn tag(self) -> &'static [u8] {
		match self {
			Role::Honest => b"honest",
			Role::Newcomer => b"newcomer",
			Role::Sybil => b"sybil",
			Role::Cartel => b"cartel",
			Role::Flooder => b"flooder",
			Role::Requester => b"requester",
			Role::RequesterWorker => b"requester-worker",
		}
	}
}

/// A proof of work a client keeps while it stays valid: its anchor is fresh and it meets the
/// difficulty the chain asks now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ticket {
	pub(crate) anchor: BlockNumber,
	pub(crate) nonce: u64,
	pub(crate) bits: u32,
}

/// One simulated account.
pub(crate) struct Agent {
	pub(crate) role: Role,
	/// Stable identity of the account in draws: the same honest contributor draws the same
	/// numbers in every scenario.
	pub(crate) key: u64,
	pub(crate) pair: sr25519::Pair,
	pub(crate) account: AccountId,
	/// Lasting share of the frontier its models reach.
	pub(crate) skill: f64,
	/// Registered now, as far as the chain's events told.
	pub(crate) registered: bool,
	/// Registered at some point.
	pub(crate) ever_registered: bool,
	/// Left for good (a newcomer whose stay ended).
	pub(crate) departed: bool,
	/// The epoch at which it leaves (newcomers).
	pub(crate) leave_at: Option<EpochIndex>,
	/// A proof of work it holds for a registration not yet admitted.
	pub(crate) ticket: Option<Ticket>,
}

impl Agent {
	/// The `index`th account of `role`. Keys depend on the role and index only, so that the
	/// same account plays the same part in every scenario and every seed.
	pub(crate) fn new(role: Role, index: u32, seed: u64) -> Self {
		let secret = blake2_256(&(b"paradigm-attack-sim:key", role.tag(), index).encode());
		let pair = sr25519::Pair::from_seed(&secret);
		let account = AccountId::from(pair.public());
		let key = rng::draw(&[rng::name_key(role.tag()), u64::from(index)]);
		let skill = SKILL_FLOOR
			+ (1.0 - SKILL_FLOOR) * rng::unit(rng::draw(&[seed, key, rng::tags::SKILL]));
		Self {
			role,
			key,
			pair,
			account,
			skill,
			registered: false,
			ever_registered: false,
			departed: false,
			leave_at: None,
			ticket: None,
		}
	}

	pub(crate) fn side(&self) -> Side {
		self.role.side()
	}

	/// Whether it trains network tasks now (honest contributors, and the cartel, which trains
	/// real models and lies only as a verifier and in its claims).
	pub(crate) fn trains_network_tasks(&self) -> bool {
		matches!(self.role, Role::Honest | Role::Newcomer | Role::Cartel)
			&& self.registered
			&& !self.departed
	}
}
