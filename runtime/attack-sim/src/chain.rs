//! The native runtime: its genesis, its blocks and its events.
//!
//! No block is built or signed: [`advance_to`] runs every pallet's `on_finalize` and
//! `on_initialize` through `frame_system`'s `run_to_block_with`, with what a real block would
//! bring to them (a parent hash per block, an Aura pre-digest and the timestamp inherent), and
//! the simulation then dispatches the pallets' calls directly. What the transaction pool and the
//! transaction extensions add (fees, `CheckUsefulWork`'s rate limit and feeless block budget) is
//! therefore not simulated; every check a dispatchable makes is.

use crate::SimError;
use codec::Encode;
use paradigm_runtime::{
	AccountId, AllPalletsWithSystem, Balance, BlockNumber, Runtime, RuntimeEvent,
	RuntimeGenesisConfig, RuntimeOrigin, System, Timestamp, BLOCK_HASH_COUNT, SLOT_DURATION,
};
use polkadot_sdk::{
	frame_system::{self, RunToBlockHooks},
	pallet_balances,
	sp_consensus_aura::{Slot, AURA_ENGINE_ID},
	sp_core::H256,
	sp_io::{self, hashing::blake2_256},
	sp_runtime::{
		generic::{Digest, DigestItem},
		BuildStorage, DispatchError,
	},
};
use useful_work_primitives::TaskSpec;

/// Domain of the simulated block hashes.
const BLOCK_HASH_DOMAIN: &[u8] = b"paradigm-attack-sim:block";

/// Externalities holding the runtime's genesis: `tasks` as the network's tasks, epochs of
/// `epoch_blocks` blocks and `endowed` accounts (the only PAR that is not minted by the treasury).
pub fn genesis(
	tasks: Vec<TaskSpec>,
	epoch_blocks: BlockNumber,
	endowed: Vec<(AccountId, Balance)>,
) -> Result<sp_io::TestExternalities, SimError> {
	let config = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig { balances: endowed, ..Default::default() },
		useful_work: pallet_useful_work::GenesisConfig {
			tasks,
			epoch_length: epoch_blocks,
			..Default::default()
		},
		..Default::default()
	};
	let storage = config.build_storage().map_err(SimError::Genesis)?;
	Ok(sp_io::TestExternalities::new(storage))
}

/// The hash the simulation gives block `number`: distinct and never zero, so that every block
/// can anchor a registration and seed a round.
pub fn block_hash(number: BlockNumber) -> H256 {
	H256(blake2_256(&(BLOCK_HASH_DOMAIN, number).encode()))
}

/// Finalize the current block and initialize the blocks up to `number` with every pallet's
/// hooks. Each new block gets its parent's hash (as `frame_system::initialize` records it), an
/// Aura pre-digest for its slot and its timestamp, and the block hashes older than
/// `BLOCK_HASH_COUNT` are dropped as `frame_system::finalize` does. Must run inside the
/// externalities.
pub fn advance_to(number: BlockNumber) {
	let hooks = RunToBlockHooks::<Runtime>::default()
		.before_initialize(|block: BlockNumber| {
			let parent = block_hash(block.saturating_sub(1));
			let slot = Slot::from(u64::from(block));
			let digest =
				Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
			System::initialize(&block, &parent, &digest);
			if let Some(old) = block.checked_sub(BLOCK_HASH_COUNT.saturating_add(1)) {
				frame_system::BlockHash::<Runtime>::remove(old);
			}
		})
		.after_initialize(|block: BlockNumber| {
			// Aura set the slot in `on_initialize`; the timestamp must agree with it.
			let now = u64::from(block).saturating_mul(SLOT_DURATION);
			let set = Timestamp::set(RuntimeOrigin::none(), now);
			debug_assert!(set.is_ok(), "the timestamp inherent applies");
		});
	System::run_to_block_with::<AllPalletsWithSystem>(number, hooks);
}

/// The events deposited since the last call, oldest first; clears them. Must run inside the
/// externalities.
pub fn take_events() -> Vec<RuntimeEvent> {
	let events = System::events().into_iter().map(|record| record.event).collect();
	System::reset_events();
	events
}

/// A short name of a dispatch error: the pallet error's name when there is one.
pub fn error_name(error: &DispatchError) -> &'static str {
	match error {
		DispatchError::Module(module) => module.message.unwrap_or("Module"),
		DispatchError::Other(message) => *message,
		DispatchError::BadOrigin => "BadOrigin",
		DispatchError::CannotLookup => "CannotLookup",
		DispatchError::ConsumerRemaining => "ConsumerRemaining",
		DispatchError::NoProviders => "NoProviders",
		DispatchError::TooManyConsumers => "TooManyConsumers",
		DispatchError::Token(_) => "Token",
		DispatchError::Arithmetic(_) => "Arithmetic",
		DispatchError::Transactional(_) => "Transactional",
		DispatchError::Exhausted => "Exhausted",
		DispatchError::Corruption => "Corruption",
		DispatchError::Unavailable => "Unavailable",
		DispatchError::RootNotAllowed => "RootNotAllowed",
		DispatchError::Trie(_) => "Trie",
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use paradigm_runtime::UsefulWork;

	#[test]
	fn blocks_advance_with_hashes_the_pallets_can_use() {
		let tasks = paradigm_runtime::genesis_config_presets::reference_tasks();
		let mut ext = genesis(tasks, 30, Vec::new()).expect("genesis builds");
		ext.execute_with(|| {
			advance_to(3);
			assert_eq!(System::block_number(), 3);
			assert_eq!(System::block_hash(2), block_hash(2));
			assert!(UsefulWork::registration_message(&AccountId::from([1u8; 32]), 2).is_some());
			advance_to(31);
			assert_eq!(UsefulWork::current_epoch(), 1);
			assert!(!take_events().is_empty(), "rounds started and transitions ran");
			assert!(take_events().is_empty());
		});
	}
}
