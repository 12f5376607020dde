//! Governance adds and removes validators; the session pallet rotates them in and out.

use crate::{mock::*, *};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	frame_system, pallet_session,
	sp_runtime::DispatchError,
};

fn add(who: AccountId, key: u64) -> polkadot_sdk::sp_runtime::DispatchResult {
	ValidatorSet::add_validator(RuntimeOrigin::root(), who, keys(key))
}

#[test]
fn genesis_validators_author_the_first_sessions() {
	new_test_ext().execute_with(|| {
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 2]);
		assert_eq!(authorities(), vec![1, 2]);
		assert_eq!(SessionBlocks::<Test>::get(), SESSION_BLOCKS);
		run_to_block(3 * SESSION_BLOCKS);
		assert_eq!(authorities(), vec![1, 2]);
	});
}

#[test]
fn an_added_validator_without_par_authors_from_the_session_after_next() {
	new_test_ext().execute_with(|| {
		assert_eq!(Balances::free_balance(3), 0);
		assert_ok!(add(3, 30));
		System::assert_last_event(Event::<Test>::ValidatorAdded { who: 3 }.into());
		// Planned at the next boundary, installed at the one after.
		run_to_block(SESSION_BLOCKS);
		assert_eq!(authorities(), vec![1, 2]);
		run_to_block(2 * SESSION_BLOCKS);
		assert_eq!(authorities(), vec![1, 2, 30]);
		assert!(frame_system::Pallet::<Test>::account_exists(&3));
	});
}

#[test]
fn a_removed_validator_stops_authoring_and_loses_its_keys() {
	new_test_ext().execute_with(|| {
		assert_ok!(add(3, 30));
		run_to_block(2 * SESSION_BLOCKS);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		System::assert_last_event(Event::<Test>::ValidatorRemoved { who: 3 }.into());
		assert!(pallet_session::NextKeys::<Test>::get(3).is_none());
		run_to_block(4 * SESSION_BLOCKS);
		assert_eq!(authorities(), vec![1, 2]);
		assert!(!frame_system::Pallet::<Test>::account_exists(&3));
		// It can be admitted again later.
		assert_ok!(add(3, 31));
	});
}

#[test]
fn only_the_validator_origin_changes_the_set() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(9), 3, keys(30)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 2),
			DispatchError::BadOrigin
		);
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 2]);
	});
}

#[test]
fn bad_changes_are_refused_and_change_nothing() {
	new_test_ext().execute_with(|| {
		assert_noop!(add(1, 10), Error::<Test>::AlreadyValidator);
		// Someone else's keys cannot be claimed.
		assert_noop!(add(3, 2), pallet_session::Error::<Test>::DuplicatedKey);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 7),
			Error::<Test>::NotValidator
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::TooFewValidators
		);
		assert_ok!(add(3, 30));
		assert_ok!(add(4, 40));
		assert_noop!(add(5, 50), Error::<Test>::TooManyValidators);
		assert!(!SetChanged::<Test>::get() || Validators::<Test>::get().len() == 4);
	});
}

#[test]
fn keys_squatted_during_the_referendum_do_not_block_the_admission() {
	new_test_ext().execute_with(|| {
		// Account 9 registers the candidate's published keys first.
		assert_ok!(pallet_session::Pallet::<Test>::set_keys(RuntimeOrigin::signed(9), keys(30), Vec::new()));
		assert_ok!(add(3, 30));
		assert!(pallet_session::NextKeys::<Test>::get(9).is_none());
		run_to_block(2 * SESSION_BLOCKS);
		assert_eq!(authorities(), vec![1, 2, 30]);
		// A validator's own keys are never taken away.
		assert_noop!(add(4, 1), pallet_session::Error::<Test>::DuplicatedKey);
	});
}

#[test]
fn a_validator_without_keys_drops_out_and_comes_back_with_new_ones() {
	// (The runtime refuses `session.purgeKeys`, so that the last validator cannot empty the
	// set; a mock without that filter shows the set following the keys.)
	new_test_ext().execute_with(|| {
		assert_ok!(pallet_session::Pallet::<Test>::purge_keys(RuntimeOrigin::signed(2)));
		run_to_block(2 * SESSION_BLOCKS);
		assert_eq!(authorities(), vec![1]);
		assert_ok!(pallet_session::Pallet::<Test>::set_keys(RuntimeOrigin::signed(2), keys(22), Vec::new()));
		run_to_block(4 * SESSION_BLOCKS);
		assert_eq!(authorities(), vec![1, 22]);
	});
}
