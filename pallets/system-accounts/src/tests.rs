use crate::mock::*;
use polkadot_sdk::frame_support::traits::fungible::Mutate;

#[test]
fn system_account_exists_at_genesis_with_nothing_minted() {
	new_test_ext(vec![]).execute_with(|| {
		assert!(System::account_exists(&POOL_ACCOUNT));
		assert_eq!(Balances::total_issuance(), 0);
		assert_eq!(Balances::free_balance(POOL_ACCOUNT), 0);
		assert!(SystemAccounts::do_try_state().is_ok());
	});
}

#[test]
fn other_accounts_are_not_touched() {
	new_test_ext(vec![(7, 100)]).execute_with(|| {
		assert!(!System::account_exists(&8));
		assert_eq!(System::providers(&7), 1);
		assert_eq!(Balances::total_issuance(), 100);
	});
}

#[test]
fn system_account_survives_losing_its_balance() {
	new_test_ext(vec![(7, 100)]).execute_with(|| {
		<Balances as Mutate<u64>>::transfer(
			&7,
			&POOL_ACCOUNT,
			50,
			polkadot_sdk::frame_support::traits::tokens::Preservation::Expendable,
		)
		.expect("transfer into the system account works");
		<Balances as Mutate<u64>>::transfer(
			&POOL_ACCOUNT,
			&7,
			50,
			polkadot_sdk::frame_support::traits::tokens::Preservation::Expendable,
		)
		.expect("transfer out of the system account works");
		assert_eq!(Balances::free_balance(POOL_ACCOUNT), 0);
		assert!(System::account_exists(&POOL_ACCOUNT));
		assert!(SystemAccounts::do_try_state().is_ok());
	});
}

#[test]
fn try_state_reports_a_missing_system_account() {
	polkadot_sdk::sp_io::TestExternalities::default().execute_with(|| {
		assert!(SystemAccounts::do_try_state().is_err());
	});
}
