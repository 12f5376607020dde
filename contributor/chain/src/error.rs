//! What can go wrong between the contributor and the chain, and the useful-work pallet's errors
//! this client names.

/// What can go wrong between the contributor and the chain.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
	/// No node answers at the URL.
	#[error("cannot reach a node at {url}: {reason} (is paradigm-node running? try --node)")]
	Unreachable {
		/// The URL tried.
		url: String,
		/// Why.
		reason: String,
	},
	/// The node runs another chain.
	#[error("the node at {url} runs `{found}`, not a Paradigm chain")]
	WrongChain {
		/// The URL.
		url: String,
		/// Its runtime's spec name.
		found: String,
	},
	/// The runtime changed in a way this build cannot follow.
	#[error("the node's runtime is incompatible with this paradigm-contributor ({0}); upgrade it")]
	Incompatible(#[source] subxt::Error),
	/// The account is not a registered contributor.
	#[error("{0} is not registered: run `paradigm-contributor register`")]
	NotRegistered(String),
	/// The useful-work pallet refused the transaction (in the pool or when it ran) for a reason
	/// this client knows.
	#[error("the chain refused the transaction: {0}")]
	Refused(#[source] UsefulWorkError),
	/// The transaction pool refused a transaction for another reason.
	#[error("the node refused the transaction: {0}")]
	Rejected(String),
	/// A governance call failed on chain (a vote without weight, a second vote, a vote on a
	/// closed referendum, ...).
	#[error("the chain refused: {error} ({reason})")]
	Governance {
		/// `Pallet::Error`.
		error: String,
		/// The error's documentation.
		reason: String,
	},
	/// The transaction was included but its call failed.
	#[error("the transaction failed on chain: {0}")]
	Failed(#[source] Box<subxt::Error>),
	/// The transaction was included but did not emit the event that carries its result.
	#[error("the transaction was included but emitted no {0} event")]
	MissingEvent(&'static str),
	/// The node asks for more registration work than this client will do.
	#[error(
		"the chain asks for a registration proof of work of {difficulty} bits, more than the {limit} this client \
		 solves; try again in a later epoch"
	)]
	RegistrationTooHard {
		/// Leading zero bits asked for.
		difficulty: u32,
		/// The most this client solves.
		limit: u32,
	},
	/// Every fresh registration ticket went stale before it was accepted.
	#[error(
		"registration refused {attempts} times, each time with a fresh ticket (last: {last}); the chain's \
		 registration difficulty may be rising quickly: try again later"
	)]
	RegistrationGaveUp {
		/// Tickets tried.
		attempts: u32,
		/// Why the last one was refused.
		#[source]
		last: UsefulWorkError,
	},
	/// The node named a registration anchor that does not fit a block number.
	#[error("the node named registration anchor block {0}, beyond 32-bit block numbers")]
	BadAnchor(u64),
	/// The thread solving the registration proof of work failed.
	#[error("the registration proof of work stopped: {0}")]
	Solver(#[source] tokio::task::JoinError),
	/// The connection, an RPC call or the node's answer failed.
	#[error("RPC error: {0}")]
	Rpc(#[from] Box<subxt::Error>),
	/// A `usefulWork_*` call failed.
	#[error("the node's {method} failed: {source}")]
	Call {
		/// The JSON-RPC method.
		method: &'static str,
		/// Why.
		#[source]
		source: jsonrpsee::core::ClientError,
	},
	/// The node restarted while it was reporting a transaction's progress: whether the
	/// transaction landed is unknown until the chain is read again.
	#[error("the node restarted: {0}")]
	NodeRestarted(#[source] Box<subxt::Error>),
	/// The node stopped reporting a transaction's progress before it was in a block.
	#[error("the node stopped reporting the transaction's progress")]
	ProgressEnded,
	/// The node's best header carries a number that is not a block number.
	#[error("the node's best header has no readable block number ({0:?})")]
	BadHeader(String),
}

impl From<subxt::Error> for ChainError {
	fn from(error: subxt::Error) -> Self {
		ChainError::Rpc(Box::new(error))
	}
}

impl ChainError {
	/// Whether retrying later may help (the node restarts, a block is full, ...).
	pub fn is_transient(&self) -> bool {
		matches!(
			self,
			ChainError::Rpc(_) |
				ChainError::Call { .. } |
				ChainError::NodeRestarted(_) |
				ChainError::ProgressEnded |
				ChainError::BadHeader(_) |
				ChainError::Unreachable { .. }
		)
	}
}

/// The useful-work pallet errors this client names (the rest are reported by their metadata name
/// in [`ChainError::Rejected`] or [`ChainError::Failed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UsefulWorkError {
	/// The account is already registered.
	#[error("the account is already registered")]
	AlreadyRegistered,
	/// The registration signature does not match the account.
	#[error("the registration signature is not this account's signature of the ticket")]
	BadRegistrationSignature,
	/// The block already holds the most registrations allowed.
	#[error("this block already holds the most registrations allowed")]
	RegistrationsFull,
	/// The ticket's anchor block is unknown or aged out of the chain's window.
	#[error("the registration ticket's anchor block is unknown or too old")]
	BadRegistrationAnchor,
	/// The proof of work is below the chain's current difficulty (it rose since the ticket).
	#[error("the registration proof of work is below the chain's current difficulty")]
	RegistrationWorkTooLow,
	/// The epoch's registrations are used up.
	#[error("this epoch already holds the most registrations allowed; try again in the next epoch")]
	RegistrationsThisEpochFull,
	/// The registry is full and no contributor is idle enough to be evicted.
	#[error("the contributor registry is full and no contributor is idle enough to be evicted; try again later")]
	TooManyContributors,
	/// The paid-task registry is full.
	#[error("the paid-task registry is full; try again when a paid task has settled")]
	TooManyPaidTasks,
	/// A paid task's deadline is further away than the chain allows.
	#[error("the deadline is further away than the chain allows for a paid task")]
	DeadlineTooLate,
	/// The account already changed pool in this epoch.
	#[error("this account already changed pool in this epoch; try again in the next epoch")]
	PoolChangeTooSoon,
	/// Every pool id has been used.
	#[error("every pool identifier has been used; no pool can be created")]
	PoolIdsExhausted,
	/// Another account revealed the same artifact first.
	#[error("the same artifact was already revealed in this round by another account")]
	DuplicateArtifact,
	/// The account used up its feeless calls for this window.
	#[error("this account used up its feeless calls for now; wait a few blocks")]
	RateLimited,
}

impl UsefulWorkError {
	/// The error named `name` in the pallet's metadata, if this client knows it.
	pub fn from_name(name: &str) -> Option<Self> {
		Some(match name {
			"AlreadyRegistered" => Self::AlreadyRegistered,
			"BadRegistrationSignature" => Self::BadRegistrationSignature,
			"RegistrationsFull" => Self::RegistrationsFull,
			"BadRegistrationAnchor" => Self::BadRegistrationAnchor,
			"RegistrationWorkTooLow" => Self::RegistrationWorkTooLow,
			"RegistrationsThisEpochFull" => Self::RegistrationsThisEpochFull,
			"TooManyContributors" => Self::TooManyContributors,
			"TooManyPaidTasks" => Self::TooManyPaidTasks,
			"DeadlineTooLate" => Self::DeadlineTooLate,
			"PoolChangeTooSoon" => Self::PoolChangeTooSoon,
			"PoolIdsExhausted" => Self::PoolIdsExhausted,
			"DuplicateArtifact" => Self::DuplicateArtifact,
			"RateLimited" => Self::RateLimited,
			_ => return None,
		})
	}

	/// Whether a fresh registration ticket may succeed where this one failed: the difficulty rose
	/// or the anchor aged while the proof of work was solved or the transaction waited.
	pub fn needs_fresh_ticket(self) -> bool {
		matches!(self, Self::RegistrationWorkTooLow | Self::BadRegistrationAnchor)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn names_the_pallets_errors() {
		assert_eq!(UsefulWorkError::from_name("RegistrationWorkTooLow"), Some(UsefulWorkError::RegistrationWorkTooLow));
		assert_eq!(UsefulWorkError::from_name("PoolIdsExhausted"), Some(UsefulWorkError::PoolIdsExhausted));
		assert_eq!(UsefulWorkError::from_name("WrongPhase"), None);
		assert!(UsefulWorkError::BadRegistrationAnchor.needs_fresh_ticket());
		assert!(!UsefulWorkError::TooManyContributors.needs_fresh_ticket());
		let gave_up =
			ChainError::RegistrationGaveUp { attempts: 3, last: UsefulWorkError::RegistrationWorkTooLow };
		assert!(gave_up.to_string().contains("3 times"), "{gave_up}");
	}
}
