//! A runtime with System, Balances and this pallet, for unit tests.

use crate as pallet_system_accounts;
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types},
	frame_system, pallet_balances,
	sp_runtime::BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(RuntimeCall, RuntimeEvent, RuntimeError, RuntimeOrigin, RuntimeHoldReason, RuntimeFreezeReason, RuntimeTask)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type SystemAccounts = pallet_system_accounts;
	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = polkadot_sdk::frame_support::traits::ConstU64<10>;
}

/// The pallet-owned account the tests keep alive.
pub(crate) const POOL_ACCOUNT: u64 = 1_000;

parameter_types! {
	pub KeptAlive: alloc::vec::Vec<u64> = alloc::vec![POOL_ACCOUNT];
}

impl pallet_system_accounts::Config for Test {
	type SystemAccounts = KeptAlive;
}

/// Builds genesis with `endowed` balances.
pub(crate) fn new_test_ext(endowed: alloc::vec::Vec<(u64, u64)>) -> polkadot_sdk::sp_io::TestExternalities {
	RuntimeGenesisConfig {
		system: Default::default(),
		system_accounts: Default::default(),
		balances: pallet_balances::GenesisConfig { balances: endowed, ..Default::default() },
	}
	.build_storage()
	.expect("genesis builds")
	.into()
}
