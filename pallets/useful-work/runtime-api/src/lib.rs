//! Runtime API through which contributors (and the `usefulWork_*` RPC) read the useful-work
//! pallet: which tasks are open, where each round stands, and what an account must verify.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use useful_work_primitives::{AssignmentView, ContributorView, RoundView, TaskId, TaskView};

pub use useful_work_primitives as primitives;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// What a contributor needs to follow the useful-work rounds.
	pub trait UsefulWorkApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// Every live task with its current round.
		fn open_tasks() -> Vec<TaskView<AccountId, Balance, BlockNumber>>;
		/// The current round of a task.
		fn round(task: TaskId) -> Option<RoundView<BlockNumber>>;
		/// The submissions `who` is assigned to verify.
		fn assignments(who: AccountId) -> Vec<AssignmentView<AccountId>>;
		/// A contributor's registration, reputation and pool.
		fn contributor(who: AccountId) -> Option<ContributorView<BlockNumber>>;
		/// Leading zero bits a registration's proof of work needs now (it rises with the
		/// registrations of the epoch). The payload to sign names a recent block, so clients build
		/// it from a block they know (`useful_work_primitives::registration_payload`).
		fn registration_difficulty() -> u32;
	}
}
