//! Registration: free in coins, paid in work, anchored so it cannot be replayed, and a full
//! registry still lets newcomers in.

use super::*;

fn register_call(pair: &polkadot_sdk::sp_core::sr25519::Pair) -> Call<Test> {
	let (anchor, nonce, signature) = registration_of(pair);
	Call::<Test>::register { who: pair.public().into(), anchor, nonce, signature }
}

fn pool_says(call: &Call<Test>) -> Result<(), TransactionValidityError> {
	UsefulWork::validate_unsigned(TransactionSource::External, call).map(drop)
}

#[test]
fn an_account_with_no_balance_registers_with_its_signature_and_work() {
	ExtBuilder::default().build_and_execute(|| {
		let who = account(TRAINER_A);
		assert_eq!(Balances::balance(&who), 0);
		assert_eq!(frame_system::Pallet::<Test>::providers(&who), 0);
		register(TRAINER_A);
		let info = Contributors::<Test>::get(&who).expect("registered");
		assert_eq!(info.reputation, 0, "a new identity starts at the floor");
		assert_eq!(info.pending, 0);
		// The provider reference lets the account's signed feeless calls pass the nonce check.
		assert_eq!(frame_system::Pallet::<Test>::providers(&who), 1);
		assert!(events().contains(&Event::Registered { who }));
	});
}

#[test]
fn registration_with_someone_elses_signature_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let victim = account(TRAINER_A);
		// Bob's own valid registration, replayed with Alice as `who`.
		let (anchor, nonce, forged) = registration_of(&TRAINER_B.pair());
		let call = Call::<Test>::register { who: victim.clone(), anchor, nonce, signature: forged.clone() };
		let refused = pool_says(&call).unwrap_err();
		// Bob's proof of work does not cover Alice's payload, or his signature does not.
		assert!(
			refused == custom_error(Error::RegistrationWorkTooLow) ||
				refused == custom_error(Error::BadRegistrationSignature)
		);
		let payload = UsefulWork::registration_message(&victim, anchor).expect("known anchor");
		let nonce = useful_work_primitives::solve_registration_work(&payload, 4, 0);
		assert_noop!(
			UsefulWork::register(RuntimeOrigin::none(), victim, anchor, nonce, forged),
			Error::<Test>::BadRegistrationSignature
		);
	});
}

#[test]
fn a_signature_for_another_chain_or_block_is_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		run_to_block(3);
		let who = account(TRAINER_A);
		// Signed for block 1 of a chain whose block 1 has another hash.
		let other_chain = useful_work_primitives::registration_payload(who.as_ref(), 1, &H256::repeat_byte(1));
		// Even with work that meets this chain's payload, the signature names the other chain.
		let ours = UsefulWork::registration_message(&who, 1).expect("known anchor");
		let nonce = useful_work_primitives::solve_registration_work(&ours, 4, 0);
		let signature = polkadot_sdk::sp_runtime::MultiSignature::from(TRAINER_A.pair().sign(&other_chain));
		assert_noop!(
			UsefulWork::register(RuntimeOrigin::none(), who, 1, nonce, signature),
			Error::<Test>::BadRegistrationSignature
		);
	});
}

#[test]
fn anchors_must_be_known_past_blocks_within_the_window() {
	ExtBuilder::default().build_and_execute(|| {
		let pair = TRAINER_A.pair();
		let call = register_call(&pair);
		let Call::register { anchor, nonce, signature, .. } = call.clone() else { unreachable!() };
		// Valid now, and through the window.
		assert_ok!(pool_says(&call));
		run_to_block(anchor + 20);
		assert_ok!(pool_says(&call));
		// One block later the anchor has expired: the signature can never be replayed.
		run_to_block(anchor + 21);
		assert_eq!(pool_says(&call), Err(custom_error(Error::BadRegistrationAnchor)));
		assert_noop!(
			UsefulWork::register(RuntimeOrigin::none(), account(TRAINER_A), anchor, nonce, signature.clone()),
			Error::<Test>::BadRegistrationAnchor
		);
		// The current block and the future are not anchors either.
		let now = System::block_number();
		for anchor in [now, now + 5] {
			let call = Call::<Test>::register {
				who: account(TRAINER_A),
				anchor,
				nonce,
				signature: signature.clone(),
			};
			assert_eq!(pool_says(&call), Err(custom_error(Error::BadRegistrationAnchor)));
		}
	});
}

#[test]
fn a_registration_replayed_after_leaving_is_refused_once_its_anchor_expired() {
	ExtBuilder::default().build_and_execute(|| {
		let pair = TRAINER_A.pair();
		let call = register_call(&pair);
		let Call::register { who, anchor, nonce, signature } = call.clone() else { unreachable!() };
		assert_ok!(UsefulWork::register(RuntimeOrigin::none(), who.clone(), anchor, nonce, signature.clone()));
		assert_ok!(UsefulWork::deregister(RuntimeOrigin::signed(who.clone())));
		run_to_block(anchor + 21);
		// Someone who saw the old extrinsic cannot put the account back against its will.
		assert_noop!(
			UsefulWork::register(RuntimeOrigin::none(), who.clone(), anchor, nonce, signature),
			Error::<Test>::BadRegistrationAnchor
		);
		assert!(!Contributors::<Test>::contains_key(&who));
	});
}

#[test]
fn a_registration_without_enough_work_is_refused_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let who = account(TRAINER_A);
		let anchor = System::block_number() - 1;
		let payload = UsefulWork::registration_message(&who, anchor).expect("known anchor");
		let lazy = (0u64..)
			.find(|nonce| !useful_work_primitives::meets_registration_difficulty(&payload, *nonce, 4))
			.expect("most nonces fail");
		let signature = polkadot_sdk::sp_runtime::MultiSignature::from(TRAINER_A.pair().sign(&payload));
		let call = Call::<Test>::register { who: who.clone(), anchor, nonce: lazy, signature: signature.clone() };
		assert_eq!(pool_says(&call), Err(custom_error(Error::RegistrationWorkTooLow)));
		assert_noop!(
			UsefulWork::register(RuntimeOrigin::none(), who, anchor, lazy, signature),
			Error::<Test>::RegistrationWorkTooLow
		);
	});
}

#[test]
fn registering_twice_is_rejected_in_the_pool() {
	ExtBuilder::default().build_and_execute(|| {
		let call = register_call(&TRAINER_A.pair());
		register(TRAINER_A);
		assert_eq!(pool_says(&call), Err(custom_error(Error::AlreadyRegistered)));
	});
}

#[test]
fn registrations_per_block_are_capped() {
	ExtBuilder::default().build_and_execute(|| {
		for index in 0..6 {
			register_pair(&sybil(index));
		}
		let call = register_call(&sybil(6));
		assert_eq!(pool_says(&call), Err(custom_error(Error::RegistrationsFull)));
		// The next block has room again.
		run_to_block(2);
		assert_ok!(pool_says(&call));
		register_pair(&sybil(6));
	});
}

#[test]
fn a_registration_flood_pays_exponentially_more_work_and_stops_at_the_epoch_cap() {
	ExtBuilder::default().build_and_execute(|| {
		let base = UsefulWork::registration_difficulty();
		assert_eq!(base, 4);
		let mut expected_work: u128 = 0;
		for index in 0..16 {
			if index % 6 == 0 {
				run_to_block(System::block_number() + 1);
			}
			expected_work += 1u128 << UsefulWork::registration_difficulty();
			register_pair(&sybil(index));
		}
		// One more bit per 8 registrations of the epoch: the 17th needs 4 times the first's work.
		assert_eq!(UsefulWork::registration_difficulty(), base + 2);
		assert_eq!(expected_work, 8 * 16 + 8 * 32);
		// The registry (16) is full and everyone is new: nobody can be evicted.
		assert_eq!(pool_says(&register_call(&sybil(16))), Err(custom_error(Error::TooManyContributors)));
		// A new epoch makes registration cheap again.
		run_to_block(UsefulWork::epoch_length() * 3);
		assert_eq!(UsefulWork::registration_difficulty(), base);
	});
}

#[test]
fn registrations_per_epoch_are_capped() {
	ExtBuilder::default().build_and_execute(|| {
		// 24 registrations per 20-block epoch; 16 contributors fit, so churn through deregistration.
		let mut index = 0;
		while RegistrationsInEpoch::<Test>::get().1 < 24 {
			if RegistrationsInBlock::<Test>::get() == (System::block_number(), 6) {
				run_to_block(System::block_number() + 1);
			}
			register_pair(&sybil(index));
			assert_ok!(UsefulWork::deregister(RuntimeOrigin::signed(sybil(index).public().into())));
			index += 1;
		}
		run_to_block(System::block_number() + 1);
		assert_eq!(UsefulWork::current_epoch(), 0);
		assert_eq!(pool_says(&register_call(&sybil(index))), Err(custom_error(Error::RegistrationsThisEpochFull)));
	});
}

#[test]
fn a_full_registry_evicts_the_least_reputable_idle_contributor_never_an_active_one() {
	ExtBuilder::default().build_and_execute(|| {
		// Fill the registry with 16 idle accounts; give some of them reputation.
		for index in 0..16 {
			if index % 6 == 0 {
				run_to_block(System::block_number() + 1);
			}
			register_pair(&sybil(index));
		}
		let idle_reputable: AccountId = sybil(0).public().into();
		UsefulWork::set_reputation(&idle_reputable, 300_000);
		let weakest: AccountId = sybil(1).public().into();
		for index in 2..16 {
			let who: AccountId = sybil(index).public().into();
			UsefulWork::set_reputation(&who, 10_000);
		}
		// Within their first full epoch newcomers are safe: the registry is simply full.
		run_to_block(UsefulWork::epoch_length() + 1);
		assert_eq!(pool_says(&register_call(&TRAINER_A.pair())), Err(custom_error(Error::TooManyContributors)));

		// Two epochs later, one of them is active (earned treasury points this epoch).
		run_to_block(UsefulWork::epoch_length() * 2 + 1);
		let active: AccountId = sybil(1).public().into();
		Contributors::<Test>::mutate(&active, |info| info.as_mut().unwrap().last_active_epoch = UsefulWork::current_epoch());
		register(TRAINER_A);
		// Sybil 1 had the lowest reputation but is active: the next weakest idle one left.
		assert!(Contributors::<Test>::contains_key(&weakest));
		assert!(Contributors::<Test>::contains_key(&idle_reputable));
		let evicted = events()
			.into_iter()
			.find_map(|event| match event {
				Event::Evicted { who, by } if by == account(TRAINER_A) => Some(who),
				_ => None,
			})
			.expect("someone was evicted");
		assert!(!Contributors::<Test>::contains_key(&evicted));
		assert_eq!(Contributors::<Test>::get(&evicted), None);
		assert_ne!(evicted, idle_reputable);
		assert_eq!(Contributors::<Test>::count(), 16);
	});
}

#[test]
fn contributors_with_pending_work_are_never_evicted() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(UsefulWork::create_task(RuntimeOrigin::root(), spec()));
		for index in 0..16 {
			if index % 6 == 0 {
				run_to_block(System::block_number() + 1);
			}
			register_pair(&sybil(index));
		}
		run_to_block(UsefulWork::epoch_length() * 2 + 1);
		// Everyone commits in the current round: all have pending work.
		run_to_block(round().started_at + 9);
		for index in 0..4 {
			let who: AccountId = sybil(index).public().into();
			assert_ok!(UsefulWork::commit(RuntimeOrigin::signed(who), TASK, H256::repeat_byte(index as u8)));
		}
		for index in 4..16 {
			let who: AccountId = sybil(index).public().into();
			Contributors::<Test>::mutate(&who, |info| info.as_mut().unwrap().pending = 1);
		}
		assert_eq!(pool_says(&register_call(&TRAINER_A.pair())), Err(custom_error(Error::TooManyContributors)));
		for index in 4..16 {
			let who: AccountId = sybil(index).public().into();
			Contributors::<Test>::mutate(&who, |info| info.as_mut().unwrap().pending = 0);
		}
	});
}

#[test]
fn leaving_and_registering_again_never_restores_reputation() {
	ExtBuilder::default().build_and_execute(|| {
		register(TRAINER_A);
		let who = account(TRAINER_A);
		UsefulWork::set_reputation(&who, 0);
		assert_ok!(UsefulWork::deregister(RuntimeOrigin::signed(who.clone())));
		run_to_block(2);
		register(TRAINER_A);
		assert_eq!(reputation(TRAINER_A), 0, "a punished account gains nothing by starting over");
	});
}
