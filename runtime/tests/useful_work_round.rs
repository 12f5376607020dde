//! A useful-work round driven through real extrinsics: signed and unsigned transactions built and
//! signed as a wallet does, validated by the transaction-pool entry point and applied by
//! `Executive` in blocks with Aura digests and timestamps.

mod common;

use common::Chain;
use pallet_useful_work::{self as useful_work, RoundPhase};
use paradigm_runtime::{Executive, Runtime, RuntimeCall, UsefulWork};
use polkadot_sdk::{
	frame_support::traits::{fungible::Inspect, Get},
	pallet_balances,
	sp_core::H256,
	sp_keyring::Sr25519Keyring,
	sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError},
};

const TASK: u32 = 0;

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
		// 855_000 ppm of improvement, credited up to the per-round bound.
		assert_eq!(alice.trainer, u64::from(useful_work::primitives::spec_bounds::MAX_CREDITED_IMPROVEMENT));
		assert!(useful_work::EpochWork::<Runtime>::get(epoch, Sr25519Keyring::Bob.to_account_id()).is_none());
		for key in VERIFIERS {
			let record = useful_work::EpochWork::<Runtime>::get(epoch, key.to_account_id())
				.expect("verifier points");
			// Only Alice's submission improved anything: verifying Bob's earns nothing.
			assert_eq!(record.verifier, 1_000);
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

	// A forged registration (Alice's payload with Bob's signature, work done) is rejected before
	// a block, and so is one without the proof of work.
	let forged = chain.registration(Sr25519Keyring::Alice, Sr25519Keyring::Bob);
	assert_eq!(chain.validate(&forged), Err(custom(useful_work::Error::BadRegistrationSignature)));
	let mut lazy = chain.registration(Sr25519Keyring::Alice, Sr25519Keyring::Alice);
	if let RuntimeCall::UsefulWork(useful_work::Call::register { who, anchor, nonce, .. }) = &mut lazy.function {
		let (payload, difficulty) = chain.ext.execute_with(|| {
			(UsefulWork::registration_message(who, *anchor), UsefulWork::registration_difficulty())
		});
		let payload = payload.expect("the parent is known");
		*nonce = (0u64..)
			.find(|nonce| !useful_work::primitives::meets_registration_difficulty(&payload, *nonce, difficulty))
			.expect("most nonces fail");
	}
	assert_eq!(chain.validate(&lazy), Err(custom(useful_work::Error::RegistrationWorkTooLow)));

	// A registered contributor that spent its feeless calls is rate-limited in the pool.
	chain.register(Sr25519Keyring::Alice);
	chain.register(Sr25519Keyring::Bob);
	chain.work(Sr25519Keyring::Alice, useful_work::Call::create_pool { fee: Default::default() });
	chain.work(Sr25519Keyring::Bob, useful_work::Call::join_pool { pool: 0 });
	let window_calls: u32 = <Runtime as useful_work::Config>::MaxFeelessCallsPerWindow::get();
	chain.ext.execute_with(|| {
		let now = polkadot_sdk::frame_system::Pallet::<Runtime>::block_number();
		useful_work::FeelessUsage::<Runtime>::insert(Sr25519Keyring::Bob.to_account_id(), (now, window_calls));
	});
	let over = chain.signed(Sr25519Keyring::Bob, RuntimeCall::UsefulWork(useful_work::Call::leave_pool {}));
	assert_eq!(chain.validate(&over), Err(custom(useful_work::Error::RateLimited)));
	// A block author that includes it anyway produces an invalid block: apply refuses it.
	let applied = chain.ext.execute_with(|| Executive::apply_extrinsic(over));
	assert!(matches!(applied, Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(_)))));
	chain.close_block();
	chain.ext.execute_with(|| UsefulWork::do_try_state().expect("invariants hold"));
}

#[test]
fn free_feeless_calls_share_a_quarter_of_the_block_and_paying_ones_keep_the_rest() {
	use polkadot_sdk::{
		frame_support::dispatch::GetDispatchInfo,
		sp_core::{sr25519, Pair},
	};
	let mut chain = Chain::new();
	let leave = RuntimeCall::UsefulWork(useful_work::Call::deregister {});
	// The call alone: an upper bound of how many fit (a signed extrinsic also carries its
	// extensions' weight).
	let budget = <Runtime as useful_work::Config>::FeelessWeightPerBlock::get().ref_time();
	let at_most = budget / leave.get_dispatch_info().total_weight().ref_time();
	let free: Vec<sr25519::Pair> = (0..at_most + 3)
		.map(|i| sr25519::Pair::from_string(&format!("//flood/{i}"), None).expect("valid path"))
		.collect();
	// Register the free accounts, eight per block (the per-block cap).
	for batch in free.chunks(8) {
		chain.open_block();
		for pair in batch {
			chain.register(pair);
		}
		chain.close_block();
	}

	// One block: every free account sends a valid feeless call. The pool accepts them all, the
	// block takes what the budget holds and refuses the rest for this block.
	chain.open_block();
	let mut included = 0u64;
	let mut refused = Vec::new();
	let mut per_call = 0;
	for pair in &free {
		let xt = chain.signed(pair, leave.clone());
		per_call = xt.get_dispatch_info().total_weight().ref_time();
		chain.validate(&xt).expect("each call is valid on its own");
		match chain.apply(xt.clone()) {
			Ok(Ok(())) => included += 1,
			Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources)) => refused.push(xt),
			other => panic!("unexpected {other:?}"),
		}
	}
	let fits = budget / per_call;
	assert_eq!(included, fits, "{fits} calls of {per_call} fit a budget of {budget}");
	assert_eq!(refused.len() as u64, at_most + 3 - fits);
	// A paying transfer still gets into the same block.
	let transfer = chain.signed(
		Sr25519Keyring::Ferdie,
		RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Sr25519Keyring::Alice.to_account_id().into(),
			value: paradigm_runtime::PAR,
		}),
	);
	chain.submit(transfer);
	chain.close_block();

	// The refused calls were not lost: they fit the next block's budget.
	chain.open_block();
	for xt in refused {
		assert_eq!(chain.apply(xt), Ok(Ok(())));
	}
	chain.close_block();
}
