//! The origins a passed referendum dispatches with, one per kind of power, and the pace of
//! governance (live or test periods), fixed at genesis.
//!
//! A referendum on a track dispatches its call with that track's origin; each call of the
//! runtime accepts only the origin made for it (or root, which only the root track's referenda
//! and, on test chains, sudo can reach). So passing a network-tasks referendum can create tasks
//! but never upgrade the runtime.

pub use pallet_governance_origins::*;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet_governance_origins {
	use polkadot_sdk::frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The power a passed referendum holds: named after its track.
	#[derive(
		PartialEq,
		Eq,
		Clone,
		MaxEncodedLen,
		Encode,
		Decode,
		DecodeWithMemTracking,
		TypeInfo,
		RuntimeDebug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// Raise the supply cap, within the treasury's +2 % a year.
		SupplyCap,
		/// Retune the AI treasury's controller.
		TreasuryParams,
		/// Create and close network tasks.
		NetworkTasks,
		/// Admit and remove validators.
		Validators,
		/// Swap the ink! modules the network calls.
		Modules,
		/// Cancel a referendum, refunding its deposits.
		ReferendumCanceller,
	}

	/// How long governance takes: real periods on the live network, test periods (a referendum
	/// passes in about a minute) on development and rehearsal chains.
	#[derive(
		PartialEq,
		Eq,
		Clone,
		Copy,
		Default,
		MaxEncodedLen,
		Encode,
		Decode,
		DecodeWithMemTracking,
		TypeInfo,
		RuntimeDebug,
		serde::Serialize,
		serde::Deserialize,
	)]
	pub enum GovernancePace {
		/// Days to decide, hours to confirm: what a real network needs to notice and react.
		#[default]
		Live,
		/// Seconds: for `--dev`, `--chain local` and tests.
		Test,
	}

	/// The pace of this chain's tracks, fixed at genesis.
	#[pallet::storage]
	pub type Pace<T: Config> = StorageValue<_, GovernancePace, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The pace of this chain's tracks.
		pub pace: GovernancePace,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pace::<T>::put(self.pace);
		}
	}

	/// Declares an `EnsureOrigin` per origin variant.
	macro_rules! ensure_origin {
		($($(#[$doc:meta])* $name:ident => $variant:ident,)+) => {$(
			$(#[$doc])*
			pub struct $name;
			impl<O: OriginTrait + From<Origin>> EnsureOrigin<O> for $name
			where
				for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
			{
				type Success = ();

				fn try_origin(o: O) -> Result<Self::Success, O> {
					match o.caller().try_into() {
						Ok(Origin::$variant) => return Ok(()),
						_ => (),
					}
					Err(o)
				}

				#[cfg(feature = "runtime-benchmarks")]
				fn try_successful_origin() -> Result<O, ()> {
					Ok(O::from(Origin::$variant))
				}
			}
		)+};
	}

	use polkadot_sdk::frame_support::traits::{EnsureOrigin, OriginTrait};

	ensure_origin! {
		/// A passed supply-cap referendum.
		EnsureSupplyCap => SupplyCap,
		/// A passed treasury referendum.
		EnsureTreasuryParams => TreasuryParams,
		/// A passed network-tasks referendum.
		EnsureNetworkTasks => NetworkTasks,
		/// A passed validators referendum.
		EnsureValidators => Validators,
		/// A passed modules referendum.
		EnsureModules => Modules,
		/// A passed referendum-canceller referendum.
		EnsureReferendumCanceller => ReferendumCanceller,
	}
}
