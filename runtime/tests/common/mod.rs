//! The harness every runtime integration test shares: a chain of real blocks.
//!
//! [`Chain`] builds blocks as a node does: `Executive::initialize_block` with an Aura pre-digest,
//! the timestamp inherent, extrinsics, `Executive::finalize_block`. Transactions are signed with
//! the runtime's own `TxExtension` tuple, validated like the transaction pool does
//! (`Executive::validate_transaction` on the state the block is built on, rolled back) and applied
//! like a block builder does (an extrinsic the runtime refuses leaves no trace in the block).
//!
//! Each test file declares `mod common;` and uses what it needs, so not every item is used by
//! every test crate.

#![allow(dead_code)]

use codec::Encode;
use pallet_useful_work::{self as useful_work, TaskSpec};
use paradigm_runtime::{
	AccountId, Executive, Header, Runtime, RuntimeCall, RuntimeGenesisConfig, SignedPayload,
	TxExtension, UncheckedExtrinsic, UsefulWork, SLOT_DURATION,
};
use polkadot_sdk::{
	frame_system, pallet_balances, pallet_timestamp, pallet_transaction_payment,
	sp_consensus_aura::{Slot, AURA_ENGINE_ID},
	sp_core::{sr25519, Pair, H256},
	sp_genesis_builder::PresetId,
	sp_io,
	sp_keyring::Sr25519Keyring,
	sp_runtime::{
		generic::{Digest, DigestItem, Era},
		traits::Header as _,
		transaction_validity::{TransactionSource, TransactionValidity, TransactionValidityError},
		ApplyExtrinsicResult, BuildStorage, MultiSignature,
	},
};
use serde_json::Value;

/// A key that signs transactions: a dev keyring account or any sr25519 pair (e.g. `//fuzz/3`).
pub(crate) trait Signer {
	/// The sr25519 pair.
	fn key_pair(&self) -> sr25519::Pair;

	/// The account the pair controls.
	fn account(&self) -> AccountId {
		AccountId::from(self.key_pair().public())
	}
}

impl Signer for Sr25519Keyring {
	fn key_pair(&self) -> sr25519::Pair {
		Sr25519Keyring::pair(*self)
	}

	fn account(&self) -> AccountId {
		self.to_account_id()
	}
}

impl Signer for sr25519::Pair {
	fn key_pair(&self) -> sr25519::Pair {
		self.clone()
	}
}

impl<S: Signer + ?Sized> Signer for &S {
	fn key_pair(&self) -> sr25519::Pair {
		(**self).key_pair()
	}

	fn account(&self) -> AccountId {
		(**self).account()
	}
}

/// The first reference task with 10-block rounds (4 commit, 3 reveal, 3 verify).
pub(crate) fn short_task() -> TaskSpec {
	let mut spec = paradigm_runtime::genesis_config_presets::reference_tasks()
		.into_iter()
		.next()
		.expect("a reference task");
	spec.schedule =
		useful_work::RoundSchedule { commit_blocks: 4, reveal_blocks: 3, verify_blocks: 3 };
	spec
}

/// The genesis config of a named preset (`development`, `local_testnet`, `paradigm_live`), merged
/// onto the default config exactly as the node's chain-spec builder merges a preset patch.
pub(crate) fn preset_config(preset: &str) -> RuntimeGenesisConfig {
	let patch = paradigm_runtime::genesis_config_presets::get_preset(&PresetId::from(preset))
		.expect("the runtime provides this preset");
	let patch: Value = serde_json::from_slice(&patch).expect("presets are valid JSON");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default())
		.expect("the default config serializes");
	merge(&mut config, patch);
	serde_json::from_value(config).expect("the preset matches the genesis config")
}

/// Applies a preset patch on top of a genesis config: objects merge key by key, anything else is
/// replaced.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// A chain under test: its state and the block being built, if any.
pub(crate) struct Chain {
	/// The chain's state.
	pub(crate) ext: sp_io::TestExternalities,
	/// Hash of the last closed block (the parent of the next or open block).
	pub(crate) parent: H256,
	/// Number of the open block, or of the last closed one.
	pub(crate) number: u32,
	/// Whether a block is open.
	open: bool,
}

impl Chain {
	/// A chain with one validator (Alice), 1,000 PAR on Ferdie and the first reference task with
	/// 10-block rounds.
	pub(crate) fn new() -> Self {
		Self::from_config(RuntimeGenesisConfig {
			balances: pallet_balances::GenesisConfig {
				balances: vec![(
					Sr25519Keyring::Ferdie.to_account_id(),
					1_000 * paradigm_runtime::PAR,
				)],
				..Default::default()
			},
			aura: polkadot_sdk::pallet_aura::GenesisConfig {
				authorities: vec![Sr25519Keyring::Alice.public().into()],
			},
			useful_work: useful_work::GenesisConfig {
				tasks: vec![short_task()],
				..Default::default()
			},
			..Default::default()
		})
	}

	/// A chain from the runtime's preset `preset` (e.g. `development`: Alice validates and holds
	/// sudo, the dev accounts are endowed), changed by `customize` before genesis is built.
	pub(crate) fn from_preset(
		preset: &str,
		customize: impl FnOnce(&mut RuntimeGenesisConfig),
	) -> Self {
		let mut config = preset_config(preset);
		customize(&mut config);
		Self::from_config(config)
	}

	/// A chain from an explicit genesis config.
	pub(crate) fn from_config(config: RuntimeGenesisConfig) -> Self {
		let storage = config.build_storage().expect("genesis builds");
		Self {
			ext: sp_io::TestExternalities::new(storage),
			parent: H256::repeat_byte(0x99),
			number: 0,
			open: false,
		}
	}

	/// Open the next block with an Aura pre-digest and its timestamp inherent.
	pub(crate) fn open_block(&mut self) {
		assert!(!self.open, "close the open block first");
		self.number += 1;
		let number = self.number;
		let slot = Slot::from(u64::from(number));
		let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
		let header =
			Header::new(number, Default::default(), Default::default(), self.parent, digest);
		self.ext.execute_with(|| {
			Executive::initialize_block(&header);
			let now = u64::from(number) * SLOT_DURATION;
			let inherent =
				UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
					now,
				}));
			Executive::apply_extrinsic(inherent)
				.expect("inherent valid")
				.expect("inherent applies");
		});
		self.open = true;
	}

	/// Finalize the open block.
	pub(crate) fn close_block(&mut self) {
		let header = self.ext.execute_with(Executive::finalize_block);
		self.parent = header.hash();
		self.open = false;
	}

	/// Produce empty blocks until the next block to open is `number`.
	pub(crate) fn advance_to(&mut self, number: u32) {
		while self.number + 1 < number {
			self.open_block();
			self.close_block();
		}
	}

	/// Move every change made so far into the state's backend, so that computing the state root
	/// of later blocks does not revisit them. Only between blocks.
	pub(crate) fn compact(&mut self) {
		assert!(!self.open, "compact between blocks");
		self.ext.commit_all().expect("the overlay commits to the in-memory backend");
	}

	/// The current nonce of `who`.
	pub(crate) fn nonce_of(&mut self, who: &AccountId) -> u32 {
		self.ext.execute_with(|| frame_system::Pallet::<Runtime>::account_nonce(who))
	}

	/// `call` signed by `key` with its current nonce, as a wallet signs it.
	pub(crate) fn signed(&mut self, key: impl Signer, call: RuntimeCall) -> UncheckedExtrinsic {
		let nonce = self.nonce_of(&key.account());
		self.signed_with_nonce(key, call, nonce)
	}

	/// `call` signed by `key` with `nonce` (right or wrong).
	pub(crate) fn signed_with_nonce(
		&mut self,
		key: impl Signer,
		call: RuntimeCall,
		nonce: u32,
	) -> UncheckedExtrinsic {
		let extension = tx_extension(nonce);
		let payload = self
			.ext
			.execute_with(|| SignedPayload::new(call.clone(), extension.clone()))
			.expect("payload builds");
		let pair = key.key_pair();
		let signature = MultiSignature::from(payload.using_encoded(|bytes| pair.sign(bytes)));
		UncheckedExtrinsic::new_signed(call, key.account().into(), signature, extension)
	}

	/// What the transaction pool says about `xt` (changes nothing).
	///
	/// The pool validates on the state a block is built on, and `validate_transaction` initializes
	/// the block after it. While a block is open, its state is the one the pool sees (the effects
	/// of its hooks and of the extrinsics already in it), and validation is for inclusion in that
	/// very block: the block number is stepped back by one inside the rolled-back validation, so
	/// the pool checks phases, anchors and rate limits at the block number apply will use.
	pub(crate) fn validity(&mut self, xt: &UncheckedExtrinsic) -> TransactionValidity {
		let parent = self.parent;
		let step_back = self.open;
		self.ext.execute_with(|| {
			sp_io::storage::start_transaction();
			if step_back {
				let open = frame_system::Pallet::<Runtime>::block_number();
				frame_system::Pallet::<Runtime>::set_block_number(open.saturating_sub(1));
			}
			let verdict =
				Executive::validate_transaction(TransactionSource::External, xt.clone(), parent);
			sp_io::storage::rollback_transaction();
			verdict
		})
	}

	/// Whether the transaction pool accepts `xt` (changes nothing).
	pub(crate) fn validate(
		&mut self,
		xt: &UncheckedExtrinsic,
	) -> Result<(), TransactionValidityError> {
		self.validity(xt).map(|_| ())
	}

	/// Apply `xt` in the open block as a block builder does: when the runtime refuses it (a
	/// validity error), every change it made is rolled back and it is not part of the block.
	pub(crate) fn apply(&mut self, xt: UncheckedExtrinsic) -> ApplyExtrinsicResult {
		self.ext.execute_with(|| {
			sp_io::storage::start_transaction();
			let result = Executive::apply_extrinsic(xt);
			if result.is_ok() {
				sp_io::storage::commit_transaction();
			} else {
				sp_io::storage::rollback_transaction();
			}
			result
		})
	}

	/// Validate as the pool does, then apply in the open block; the dispatch must succeed.
	pub(crate) fn submit(&mut self, xt: UncheckedExtrinsic) {
		self.validate(&xt).expect("the pool accepts the transaction");
		assert_eq!(self.apply(xt), Ok(Ok(())), "the extrinsic applies and dispatches");
	}

	/// A useful-work call signed by `key`, validated and applied; it must succeed.
	pub(crate) fn work(&mut self, key: impl Signer, call: useful_work::Call<Runtime>) {
		let xt = self.signed(key, RuntimeCall::UsefulWork(call));
		self.submit(xt);
	}

	/// A registration of `key` as a client builds it: anchored at the parent of the open block,
	/// with the proof of work the chain asks now, signed by `signer`.
	pub(crate) fn registration(
		&mut self,
		key: impl Signer,
		signer: impl Signer,
	) -> UncheckedExtrinsic {
		let anchor = self.number - 1;
		self.registration_at(key, signer, anchor)
	}

	/// A registration of `key` anchored at block `anchor` (which the chain must know), with the
	/// proof of work the chain asks now, signed by `signer`.
	pub(crate) fn registration_at(
		&mut self,
		key: impl Signer,
		signer: impl Signer,
		anchor: u32,
	) -> UncheckedExtrinsic {
		let who = key.account();
		let (payload, difficulty) = self.ext.execute_with(|| {
			let payload =
				UsefulWork::registration_message(&who, anchor).expect("the anchor is known");
			(payload, UsefulWork::registration_difficulty())
		});
		let nonce = useful_work::primitives::solve_registration_work(&payload, difficulty, 0);
		let signature = MultiSignature::from(signer.key_pair().sign(&payload));
		UncheckedExtrinsic::new_bare(RuntimeCall::UsefulWork(useful_work::Call::register {
			who,
			anchor,
			nonce,
			signature,
		}))
	}

	/// Register `key` (unsigned, with its own signature and proof of work); it must succeed.
	pub(crate) fn register(&mut self, key: impl Signer) {
		let xt = self.registration(&key, &key);
		self.submit(xt);
	}
}

/// The runtime's transaction extensions as a wallet fills them: immortal, no tip.
pub(crate) fn tx_extension(nonce: u32) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0).into(),
		useful_work::CheckUsefulWork::new(),
		frame_system::WeightReclaim::new(),
	)
}
