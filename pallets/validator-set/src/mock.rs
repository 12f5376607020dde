//! A test runtime: balances, pallet-session driven by the validator set, and a session handler
//! that records which authority keys each session installs.

use crate::{self as pallet_validator_set, *};
use core::cell::RefCell;
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{ConstU32, ConstU64, OnInitialize},
	},
	frame_system::{self, EnsureRoot},
	pallet_balances, pallet_session, sp_io,
	sp_runtime::{
		impl_opaque_keys,
		testing::UintAuthorityId,
		traits::{ConvertInto, OpaqueKeys},
		BuildStorage, KeyTypeId, RuntimeAppPublic,
	},
};

pub(crate) type AccountId = u64;
type Block = frame_system::mocking::MockBlock<Test>;

#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(3)]
	pub type Session = pallet_session;
}

impl_opaque_keys! {
	pub struct TestKeys {
		pub authority: UintAuthorityId,
	}
}

/// Session keys whose authority id is `id`.
pub(crate) fn keys(id: u64) -> TestKeys {
	TestKeys { authority: UintAuthorityId(id) }
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

thread_local! {
	static AUTHORITIES: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// The authority ids the current session installed, as Aura and GRANDPA would receive them.
pub(crate) fn authorities() -> Vec<u64> {
	AUTHORITIES.with(|a| a.borrow().clone())
}

/// Records each session's authorities.
pub struct RecordAuthorities;

impl pallet_session::SessionHandler<AccountId> for RecordAuthorities {
	const KEY_TYPE_IDS: &'static [KeyTypeId] = &[UintAuthorityId::ID];

	fn on_genesis_session<K: OpaqueKeys>(validators: &[(AccountId, K)]) {
		Self::record(validators);
	}

	fn on_new_session<K: OpaqueKeys>(
		_changed: bool,
		validators: &[(AccountId, K)],
		_queued: &[(AccountId, K)],
	) {
		Self::record(validators);
	}

	fn on_disabled(_: u32) {}
}

impl RecordAuthorities {
	fn record<K: OpaqueKeys>(validators: &[(AccountId, K)]) {
		let ids = validators
			.iter()
			.map(|(_, keys)| keys.get::<UintAuthorityId>(UintAuthorityId::ID).map_or(0, |id| id.0))
			.collect();
		AUTHORITIES.with(|a| *a.borrow_mut() = ids);
	}
}

/// Sessions of [`SESSION_BLOCKS`] blocks.
pub(crate) const SESSION_BLOCKS: u64 = 5;

parameter_types! {
	pub const KeyDeposit: u128 = 0;
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionLength<Test>, ConstU64<0>>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionLength<Test>, ConstU64<0>>;
	type SessionManager = ValidatorSet;
	type SessionHandler = RecordAuthorities;
	type Keys = TestKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = KeyDeposit;
}

impl pallet_validator_set::Config for Test {
	type ValidatorOrigin = EnsureRoot<AccountId>;
	type MinValidators = ConstU32<2>;
	type MaxValidators = ConstU32<4>;
	type DefaultSessionLength = ConstU64<100>;
	type WeightInfo = ();
}

/// Validators 1 and 2 at genesis (keys 1 and 2), sessions of [`SESSION_BLOCKS`] blocks. Account
/// 9 holds PAR; no validator does.
pub(crate) fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().expect("genesis");
	pallet_balances::GenesisConfig::<Test> { balances: vec![(9, 1_000)], ..Default::default() }
		.assimilate_storage(&mut storage)
		.expect("balances genesis");
	pallet_validator_set::GenesisConfig::<Test> {
		validators: vec![1, 2],
		session_length: Some(SESSION_BLOCKS),
	}
	.assimilate_storage(&mut storage)
	.expect("validator set genesis");
	pallet_session::GenesisConfig::<Test> {
		keys: vec![(1, 1, keys(1)), (2, 2, keys(2))],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.expect("session genesis");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Run blocks up to `n`, rotating sessions as the chain would.
pub(crate) fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Session::on_initialize(next);
	}
}
