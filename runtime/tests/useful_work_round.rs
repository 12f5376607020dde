//! A useful-work round driven through real extrinsics: signed and unsigned transactions built and
//! signed as a wallet does, validated by the transaction-pool entry point and applied by
//! `Executive` in blocks with Aura digests and timestamps.

use codec::Encode;
use pallet_useful_work::{self as useful_work, RoundPhase, TaskSpec};
use paradigm_runtime::{
	Executive, Header, Runtime, RuntimeCall, RuntimeGenesisConfig, SignedPayload, TxExtension,
	UncheckedExtrinsic, UsefulWork,
};
use polkadot_sdk::{
	frame_support::traits::{fungible::Inspect, Get},
	frame_system, pallet_balances, pallet_timestamp, pallet_transaction_payment,
	sp_consensus_aura::{Slot, AURA_ENGINE_ID},
	sp_core::{Pair, H256},
	sp_io,
	sp_keyring::Sr25519Keyring,
	sp_runtime::{
		generic::{Digest, DigestItem, Era},
		traits::Header as _,
		transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
		BuildStorage, MultiSignature,
	},
};

const SLOT_MS: u64 = 2_000;
const TASK: u32 = 0;

struct Chain {
	ext: sp_io::TestExternalities,
	parent: H256,
	number: u32,
	nonces: std::collections::BTreeMap<Sr25519Keyring, u32>,
}

fn short_task() -> TaskSpec {
	let mut spec = paradigm_runtime::genesis_config_presets::reference_tasks()
		.into_iter()
		.next()
		.expect("a reference task");
	spec.schedule = useful_work::RoundSchedule { commit_blocks: 4, reveal_blocks: 3, verify_blocks: 3 };
	spec
}

impl Chain {
	fn new() -> Self {
		let config = RuntimeGenesisConfig {
			balances: pallet_balances::GenesisConfig {
				balances: vec![(Sr25519Keyring::Ferdie.to_account_id(), 1_000 * paradigm_runtime::PAR)],
				..Default::default()
			},
			aura: polkadot_sdk::pallet_aura::GenesisConfig {
				authorities: vec![Sr25519Keyring::Alice.public().into()],
			},
			useful_work: useful_work::GenesisConfig { tasks: vec![short_task()], ..Default::default() },
			..Default::default()
		};
		let storage = config.build_storage().expect("genesis builds");
		Self {
			ext: sp_io::TestExternalities::new(storage),
			parent: H256::repeat_byte(0x99),
			number: 0,
			nonces: Default::default(),
		}
	}

	/// Open the next block with an Aura pre-digest and its timestamp inherent.
	fn open_block(&mut self) {
		self.number += 1;
		let number = self.number;
		let slot = Slot::from(u64::from(number));
		let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
		let header = Header::new(number, Default::default(), Default::default(), self.parent, digest);
		self.ext.execute_with(|| {
			Executive::initialize_block(&header);
			let now = u64::from(number) * SLOT_MS;
			let inherent = UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(
				pallet_timestamp::Call::set { now },
			));
			Executive::apply_extrinsic(inherent).expect("inherent valid").expect("inherent applies");
		});
	}

	fn close_block(&mut self) {
		let header = self.ext.execute_with(Executive::finalize_block);
		self.parent = header.hash();
	}

	/// Produce empty blocks until the next block to open is `number`.
	fn advance_to(&mut self, number: u32) {
		while self.number + 1 < number {
			self.open_block();
			self.close_block();
		}
	}

	fn signed(&mut self, key: Sr25519Keyring, call: RuntimeCall) -> UncheckedExtrinsic {
		let nonce = *self.nonces.get(&key).unwrap_or(&0);
		let extension: TxExtension = (
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
		);
		let payload = self
			.ext
			.execute_with(|| SignedPayload::new(call.clone(), extension.clone()))
			.expect("payload builds");
		let signature = MultiSignature::from(payload.using_encoded(|bytes| key.pair().sign(bytes)));
		UncheckedExtrinsic::new_signed(call, key.to_account_id().into(), signature, extension)
	}

	/// What the transaction pool says about `xt` at the current state (changes nothing).
	fn validate(&mut self, xt: &UncheckedExtrinsic) -> Result<(), TransactionValidityError> {
		let parent = self.parent;
		self.ext.execute_with(|| {
			sp_io::storage::start_transaction();
			let verdict =
				Executive::validate_transaction(TransactionSource::External, xt.clone(), parent);
			sp_io::storage::rollback_transaction();
			verdict.map(|_| ())
		})
	}

	/// Validate as the pool does, then apply in the open block; the dispatch must succeed.
	fn submit(&mut self, key: Option<Sr25519Keyring>, xt: UncheckedExtrinsic) {
		self.validate(&xt).expect("the pool accepts the transaction");
		let applied = self.ext.execute_with(|| Executive::apply_extrinsic(xt));
		assert_eq!(applied, Ok(Ok(())), "the extrinsic applies and dispatches");
		if let Some(key) = key {
			*self.nonces.entry(key).or_default() += 1;
		}
	}

	fn work(&mut self, key: Sr25519Keyring, call: useful_work::Call<Runtime>) {
		let xt = self.signed(key, RuntimeCall::UsefulWork(call));
		self.submit(Some(key), xt);
	}

	fn register(&mut self, key: Sr25519Keyring) {
		let who = key.to_account_id();
		let signature = self.ext.execute_with(|| {
			MultiSignature::from(key.pair().sign(&UsefulWork::registration_message(&who)))
		});
		let xt = UncheckedExtrinsic::new_bare(RuntimeCall::UsefulWork(useful_work::Call::register {
			who,
			signature,
		}));
		self.submit(None, xt);
	}
}

fn custom(error: useful_work::Error<Runtime>) -> TransactionValidityError {
	useful_work::extension::invalid_because::<Runtime>(error)
}

const TRAINERS: [Sr25519Keyring; 2] = [Sr25519Keyring::Alice, Sr25519Keyring::Bob];
const VERIFIERS: [Sr25519Keyring; 3] =
	[Sr25519Keyring::Charlie, Sr25519Keyring::Dave, Sr25519Keyring::Eve];

#[test]
fn a_round_through_real_extrinsics_crowns_the_improvement_and_records_points() {
	let mut chain = Chain::new();
	chain.open_block();
	for key in TRAINERS.into_iter().chain(VERIFIERS) {
		chain.register(key);
	}
	chain.close_block();

	// Block 2, commit phase: both trainers commit. They hold no PAR at all.
	chain.open_block();
	let artifacts = [H256::repeat_byte(0xa1), H256::repeat_byte(0xb1)];
	for (key, artifact) in TRAINERS.into_iter().zip(artifacts) {
		let commitment = UsefulWork::commitment_of(&artifact, &key.to_account_id(), &[7u8; 32]);
		chain.work(key, useful_work::Call::commit { task: TASK, commitment });
	}
	chain.close_block();

	// Reveal phase (blocks 4..7).
	chain.advance_to(4);
	chain.open_block();
	let claims = [960_000, 100_000];
	for ((key, artifact), claimed) in TRAINERS.into_iter().zip(artifacts).zip(claims) {
		chain.work(
			key,
			useful_work::Call::reveal {
				task: TASK,
				artifact,
				salt: [7u8; 32],
				size: 9_000,
				location: b"http://127.0.0.1:9955/artifacts".to_vec().try_into().expect("short"),
				claimed,
			},
		);
	}
	chain.close_block();

	// Verify phase (blocks 7..10): the seed is drawn and each verifier reports on its assignments.
	chain.advance_to(7);
	chain.open_block();
	let phase = chain.ext.execute_with(|| UsefulWork::round_view(TASK).map(|round| round.phase));
	assert_eq!(phase, Some(RoundPhase::Verify));
	for key in VERIFIERS {
		let assignments = chain.ext.execute_with(|| UsefulWork::assignments_of(&key.to_account_id()));
		assert_eq!(assignments.len(), 2, "three verifiers, two submissions, three each");
		for assignment in assignments {
			assert_ne!(assignment.trainer, key.to_account_id(), "nobody verifies itself");
			let measured = if assignment.artifact == artifacts[0] { 955_000 } else { 101_000 };
			chain.work(
				key,
				useful_work::Call::submit_verification {
					task: TASK,
					submission: assignment.submission,
					measured,
				},
			);
		}
	}
	chain.close_block();

	chain.advance_to(10);
	chain.open_block();
	chain.close_block();
	chain.ext.execute_with(|| {
		let task = useful_work::Tasks::<Runtime>::get(TASK).expect("task lives on");
		let champion = task.champion.expect("the improvement was crowned");
		assert_eq!(champion.trainer, Sr25519Keyring::Alice.to_account_id());
		assert_eq!(champion.metric, 955_000);
		let epoch = UsefulWork::current_epoch();
		let alice = useful_work::EpochWork::<Runtime>::get(epoch, Sr25519Keyring::Alice.to_account_id())
			.expect("points recorded");
		assert_eq!(alice.trainer, 855_000);
		assert!(useful_work::EpochWork::<Runtime>::get(epoch, Sr25519Keyring::Bob.to_account_id()).is_none());
		for key in VERIFIERS {
			let record = useful_work::EpochWork::<Runtime>::get(epoch, key.to_account_id())
				.expect("verifier points");
			assert_eq!(record.verifier, 2_000);
		}
		// Feeless: no contributor paid or received anything, and no PAR was created.
		for key in TRAINERS.into_iter().chain(VERIFIERS) {
			assert_eq!(pallet_balances::Pallet::<Runtime>::balance(&key.to_account_id()), 0);
		}
		assert_eq!(
			pallet_balances::Pallet::<Runtime>::total_issuance(),
			1_000 * paradigm_runtime::PAR
		);
		UsefulWork::do_try_state().expect("invariants hold");
	});
}

#[test]
fn invalid_feeless_calls_are_rejected_by_the_pool_and_never_included() {
	let mut chain = Chain::new();
	chain.open_block();

	// An account that never registered: its feeless commit is invalid in the pool.
	let stranger = Sr25519Keyring::Ferdie;
	let commit = chain.signed(
		stranger,
		RuntimeCall::UsefulWork(useful_work::Call::commit { task: TASK, commitment: H256::zero() }),
	);
	assert_eq!(chain.validate(&commit), Err(custom(useful_work::Error::NotRegistered)));
	// An account with no PAR that did not register is not even known to the chain.
	let ghost = chain.signed(
		Sr25519Keyring::Two,
		RuntimeCall::UsefulWork(useful_work::Call::commit { task: TASK, commitment: H256::zero() }),
	);
	assert!(chain.validate(&ghost).is_err());

	// A forged registration is rejected before a block.
	let forged = UncheckedExtrinsic::new_bare(RuntimeCall::UsefulWork(useful_work::Call::register {
		who: Sr25519Keyring::Alice.to_account_id(),
		signature: MultiSignature::from(Sr25519Keyring::Bob.pair().sign(b"anything")),
	}));
	assert_eq!(chain.validate(&forged), Err(custom(useful_work::Error::BadRegistrationSignature)));

	// A registered contributor that spends its feeless calls is rate-limited in the pool.
	chain.register(Sr25519Keyring::Alice);
	chain.register(Sr25519Keyring::Bob);
	chain.work(Sr25519Keyring::Alice, useful_work::Call::create_pool { fee: Default::default() });
	let window_calls = <Runtime as useful_work::Config>::MaxFeelessCallsPerWindow::get();
	for call in 0..window_calls {
		let next = if call % 2 == 0 {
			useful_work::Call::join_pool { pool: 0 }
		} else {
			useful_work::Call::leave_pool {}
		};
		chain.work(Sr25519Keyring::Bob, next);
	}
	let over = chain.signed(Sr25519Keyring::Bob, RuntimeCall::UsefulWork(useful_work::Call::leave_pool {}));
	assert_eq!(chain.validate(&over), Err(custom(useful_work::Error::RateLimited)));
	// A block author that includes it anyway produces an invalid block: apply refuses it.
	let applied = chain.ext.execute_with(|| Executive::apply_extrinsic(over));
	assert!(matches!(applied, Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(_)))));
	chain.close_block();
	chain.ext.execute_with(|| UsefulWork::do_try_state().expect("invariants hold"));
}
