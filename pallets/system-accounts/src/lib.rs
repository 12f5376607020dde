//! # System accounts pallet
//!
//! Paradigm has no premine: total issuance is zero at genesis. Some pallets nevertheless need an
//! account of their own to exist from block 0 — pallet-revive, for example, holds contract code
//! deposits in its pallet account and, if that account does not exist at genesis, mints an
//! existential deposit into it. This pallet runs its genesis *before* such pallets and gives each
//! configured account a provider reference, so the account exists with a zero balance and nothing
//! is minted.
//!
//! The provider reference is never removed: these accounts belong to the runtime, not to a key, and
//! must not be reaped.
//!
//! Invariant (`try_state`): every configured account exists.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use alloc::vec::Vec;
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, traits::BuildGenesisConfig},
		frame_system::{self, pallet_prelude::BlockNumberFor},
	};

	/// The storage layout version (the pallet keeps no storage of its own yet); a migration that
	/// adds or changes storage bumps it.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The accounts to keep alive from genesis. Listing an account that a key controls would
		/// make it impossible to reap; list only pallet-owned accounts (e.g. `PalletId` accounts).
		type SystemAccounts: Get<Vec<Self::AccountId>>;
	}

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		_config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for account in T::SystemAccounts::get() {
				Pallet::<T>::keep_alive(&account);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// Gives `account` a provider reference unless it already exists.
		pub fn keep_alive(account: &T::AccountId) {
			if !frame_system::Pallet::<T>::account_exists(account) {
				// A fresh account: the new provider reference cannot fail to be added.
				let _ = frame_system::Pallet::<T>::inc_providers(account);
			}
		}

		/// Every configured system account exists.
		pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			for account in T::SystemAccounts::get() {
				ensure!(
					frame_system::Pallet::<T>::account_exists(&account),
					"a system account does not exist"
				);
			}
			Ok(())
		}
	}
}
