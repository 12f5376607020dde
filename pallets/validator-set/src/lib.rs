//! # Validator set pallet
//!
//! Who authors blocks (Aura) and votes on finality (GRANDPA), changed only by governance.
//!
//! `pallet-session` rotates sessions and installs each session's Aura and GRANDPA keys; this
//! pallet is its [`SessionManager`]: it keeps the approved validators in [`Validators`] and
//! hands a changed set to the session pallet at the next session boundary (the set takes effect
//! one session later, once its keys are queued, as pallet-session does for every change).
//!
//! - [`Pallet::add_validator`] admits an account **with its session keys**, so a new validator
//!   needs no PAR: it generates keys on its node (`author_rotateKeys`), publishes them, and the
//!   referendum that admits it sets them. The pallet gives the account a provider reference,
//!   as pallet-session's genesis does for the first validators, so a zero-balance account can
//!   hold keys.
//! - [`Pallet::remove_validator`] takes one out (never below [`Config::MinValidators`]) and
//!   purges its keys.
//! - [`SessionLength`] is the session length in blocks, fixed at genesis: short on test chains
//!   so that a change shows within a minute, an hour on the live network.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use pallet::*;
pub use weights::WeightInfo;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use polkadot_sdk::{
		frame_support::pallet_prelude::*,
		frame_system::{self, pallet_prelude::*, RawOrigin},
		pallet_session::{self, SessionManager},
		sp_runtime::traits::Zero,
	};

	/// A session's number, as pallet-session counts them.
	pub type SessionIndex = u32;

	/// The approved validators.
	pub type ValidatorsOf<T> =
		BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxValidators>;

	/// The storage layout version. Version 1 is the layout as of this release; a migration that
	/// changes the layout bumps it.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		polkadot_sdk::frame_system::Config
		+ pallet_session::Config<ValidatorId = <Self as frame_system::Config>::AccountId>
	{
		/// Who may add and remove validators: the governance origin of the validators track.
		type ValidatorOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Fewest validators: a removal below this is refused, so the chain can always author.
		#[pallet::constant]
		type MinValidators: Get<u32>;
		/// Most validators (at most the Aura and GRANDPA authority bounds).
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// Session length when genesis does not set one.
		#[pallet::constant]
		type DefaultSessionLength: Get<BlockNumberFor<Self>>;
		/// Weights from benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The approved validators, in the order they were admitted.
	#[pallet::storage]
	pub type Validators<T: Config> = StorageValue<_, ValidatorsOf<T>, ValueQuery>;

	/// Whether [`Validators`] changed since the session pallet last asked.
	#[pallet::storage]
	pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// Blocks per session, fixed at genesis.
	#[pallet::storage]
	pub type SessionBlocks<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, T::DefaultSessionLength>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The first validators; their session keys are in pallet-session's genesis.
		pub validators: Vec<T::AccountId>,
		/// Blocks per session; `None` keeps [`Config::DefaultSessionLength`].
		pub session_length: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// An empty list (a default genesis) leaves the choice to pallet-session's keys.
			assert!(
				self.validators.is_empty() ||
					self.validators.len() >= <T as Config>::MinValidators::get() as usize,
				"genesis needs at least MinValidators validators"
			);
			let mut validators = ValidatorsOf::<T>::default();
			for who in &self.validators {
				assert!(!validators.contains(who), "a genesis validator is listed twice");
				validators.try_push(who.clone()).expect("genesis lists at most MaxValidators");
				// The reference a removal gives back (see `add_validator`).
				frame_system::Pallet::<T>::inc_providers(who);
			}
			Validators::<T>::put(validators);
			if let Some(length) = self.session_length {
				assert!(!length.is_zero(), "a session lasts at least one block");
				SessionBlocks::<T>::put(length);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A validator was admitted; it authors from the session after next.
		ValidatorAdded {
			/// The validator's account.
			who: T::AccountId,
		},
		/// A validator was removed; it stops authoring from the session after next.
		ValidatorRemoved {
			/// The validator's account.
			who: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The set holds [`Config::MaxValidators`] already.
		TooManyValidators,
		/// Removing it would leave fewer than [`Config::MinValidators`].
		TooFewValidators,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Admit `who` as a validator with its session `keys` (from its node's
		/// `author_rotateKeys`). Keys already held by another validator are refused.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::add_validator())]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId, keys: T::Keys) -> DispatchResult {
			T::ValidatorOrigin::ensure_origin(origin)?;
			let mut validators = Validators::<T>::get();
			ensure!(!validators.contains(&who), Error::<T>::AlreadyValidator);
			validators.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
			// The keys were public for the whole referendum: an account that registered them first
			// to block the admission loses them, unless it is a validator itself.
			Self::release_squatted_keys(&who, &keys, &validators)?;
			// Held while it is a validator, so that an account without PAR can hold keys.
			frame_system::Pallet::<T>::inc_providers(&who);
			pallet_session::Pallet::<T>::set_keys(RawOrigin::Signed(who.clone()).into(), keys, Vec::new())?;
			Validators::<T>::put(validators);
			SetChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { who });
			Ok(())
		}

		/// Remove `who` from the validators and purge its session keys.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ValidatorOrigin::ensure_origin(origin)?;
			let mut validators = Validators::<T>::get();
			let position = validators.iter().position(|v| v == &who).ok_or(Error::<T>::NotValidator)?;
			ensure!(
				validators.len() > <T as Config>::MinValidators::get() as usize,
				Error::<T>::TooFewValidators
			);
			validators.remove(position);
			// Keys set through pallet-session's own call may be gone already.
			let _ = pallet_session::Pallet::<T>::purge_keys(RawOrigin::Signed(who.clone()).into());
			// Fails only if something else still needs the account; then it stays alive.
			let _ = frame_system::Pallet::<T>::dec_providers(&who);
			Validators::<T>::put(validators);
			SetChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorRemoved { who });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Purge the session keys of any non-validator account that holds one of `keys`.
		fn release_squatted_keys(
			who: &T::AccountId,
			keys: &T::Keys,
			validators: &ValidatorsOf<T>,
		) -> DispatchResult {
			use polkadot_sdk::sp_runtime::traits::OpaqueKeys;
			for id in T::Keys::key_ids() {
				let Some(owner) = pallet_session::Pallet::<T>::key_owner(*id, keys.get_raw(*id)) else {
					continue;
				};
				if &owner != who && !validators.contains(&owner) {
					pallet_session::Pallet::<T>::purge_keys(RawOrigin::Signed(owner).into())?;
				}
			}
			Ok(())
		}

		/// The approved validators that hold session keys: a validator that purged its keys
		/// cannot author, and must not empty the set.
		fn keyed_validators() -> Vec<T::AccountId> {
			Validators::<T>::get()
				.into_iter()
				.filter(|who| pallet_session::NextKeys::<T>::contains_key(who))
				.collect()
		}
	}

	impl<T: Config> SessionManager<T::AccountId> for Pallet<T> {
		/// The approved validators with keys, every session (so a validator that set its keys
		/// again comes back); never an empty set, which would halt block production: then the
		/// session pallet keeps the set it has.
		fn new_session(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
			SetChanged::<T>::kill();
			let validators = Self::keyed_validators();
			(!validators.is_empty()).then_some(validators)
		}

		fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
			let validators = Validators::<T>::get();
			(!validators.is_empty()).then(|| validators.into_inner())
		}

		fn end_session(_end_index: SessionIndex) {}

		fn start_session(_start_index: SessionIndex) {}
	}

	/// The session length, for `pallet_session::PeriodicSessions`.
	pub struct SessionLength<T>(core::marker::PhantomData<T>);

	impl<T: Config> Get<BlockNumberFor<T>> for SessionLength<T> {
		fn get() -> BlockNumberFor<T> {
			SessionBlocks::<T>::get()
		}
	}
}
