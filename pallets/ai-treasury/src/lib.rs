//! # AI treasury pallet
//!
//! The "autonomous government" of PAR: the only way new PAR comes into existence. Nothing is
//! issued at genesis; at the end of every useful-work epoch the treasury reads what the network
//! did through [`WorkLedger`], decides how much to emit, and mints it to the accounts that did
//! the work.
//!
//! ## Overview
//!
//! - **Supply.** Total issuance never exceeds [`SupplyCap`], which starts at
//!   [`Config::InitialSupplyCap`]. Governance ([`Config::CapOrigin`]) may
//!   raise it by at most [`Config::MaxCapRaisePerYear`] per year; every change is an event.
//! - **Years.** A year is [`Config::BlocksPerYear`] blocks, counted in whole epochs. The first
//!   year may emit at most [`Config::FirstYearBudget`]; each later year's budget is a share of the
//!   year before ([`ControllerParams::next_year_budget`]). What is not earned stays unissued.
//! - **The controller** ([`controller`]). A policy behind [`EmissionPolicy`] proposes an epoch's
//!   emission from the observed work, contributors, pools, paid demand and its own past; the
//!   pallet then holds the proposal to hard bounds whatever the policy says: zero work means zero
//!   emission, the rate changes by at most `max_step` per epoch, it stays between a floor and a
//!   ceiling around the schedule pace, and the emission stays within the year's remaining budget
//!   and the room under the cap. If the configured policy fails, [`BuiltInPolicy`] decides.
//! - **Distribution** ([`distribution`]). The emission is split by weighted work points among
//!   trainers, verifiers, oracle feeders and pool operators. While the network is young (few
//!   active contributors or little emitted yet) one account or pool may take at most a configured
//!   share; the excess stays unissued. Payouts are minted in batches of
//!   [`Config::MaxPayoutsPerBlock`].
//! - **Transparency.** Every settled epoch emits [`Event::EpochSettled`] with an [`EpochReport`]
//!   (observations, proposal, decision, the bound that shaped it, payouts) and keeps the report
//!   for [`Config::HistoryDepth`] epochs, readable through the `AiTreasuryApi` runtime API.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod controller;
pub mod distribution;
#[cfg(any(feature = "try-runtime", feature = "std"))]
mod invariants;
mod settlement;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use controller::{
	Amount, Bound, BuiltInPolicy, CategoryWeights, ControllerParams, ControllerState, Decision,
	EmissionPolicy, PolicyFailure, PolicyInput, YearBudget, YoungNetworkRules,
};
pub use pallet::*;
pub use useful_work_primitives::{EpochIndex, EpochObservation, WorkLedger, WorkRecord};
pub use weights::WeightInfo;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{sp_arithmetic::Perbill, sp_runtime::RuntimeDebug};
use scale_info::TypeInfo;

/// Which policy made an epoch's proposal.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug,
)]
pub enum PolicySource {
	/// The configured policy.
	Configured,
	/// The configured policy failed; the built-in policy decided instead.
	FallbackAfterFailure,
}

/// Everything the treasury saw and decided for one epoch: the audit record of the
/// "autonomous government".
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug,
)]
pub struct EpochReport {
	/// The epoch settled.
	pub epoch: EpochIndex,
	/// Its emission year.
	pub year: u32,
	/// What the useful-work ledger observed (amounts in base units).
	pub observation: EpochObservation<Amount>,
	/// Accepted submissions plus honest verifications.
	pub work_units: u64,
	/// Which policy proposed.
	pub policy: PolicySource,
	/// The policy's proposal.
	pub proposal: Amount,
	/// The bounded decision.
	pub decision: Decision,
	/// Whether the young-network caps applied.
	pub young: bool,
	/// What the accounts are paid in total.
	pub paid: Amount,
	/// How many accounts are paid.
	pub accounts_paid: u32,
	/// What the young-network caps held back (unissued).
	pub withheld_by_caps: Amount,
	/// Rounding dust (unissued).
	pub undistributed: Amount,
	/// The largest payout as a share of the emission.
	pub top_share: Perbill,
	/// The year's budget and what it emitted, this epoch included.
	pub budget: YearBudget,
	/// The supply cap in force.
	pub supply_cap: Amount,
	/// Total issuance before this epoch's payouts.
	pub issuance_before: Amount,
}

/// The treasury's state at a glance, for wallets and auditors.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, RuntimeDebug)]
pub struct TreasuryStatus {
	/// The supply cap.
	pub supply_cap: Amount,
	/// Total issuance now.
	pub total_issuance: Amount,
	/// Everything the treasury ever minted.
	pub total_emitted: Amount,
	/// The current year's budget.
	pub budget: YearBudget,
	/// The controller's memory.
	pub controller: ControllerState,
	/// The parameters in force.
	pub params: ControllerParams,
	/// The next epoch to settle.
	pub next_epoch: EpochIndex,
	/// Epochs per year on this chain.
	pub epochs_per_year: u32,
	/// Payouts of a settled epoch still waiting to be minted.
	pub pending_payouts: u32,
}

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::fungible::{self, Inspect},
		},
		frame_system::{self, pallet_prelude::*},
		sp_runtime::traits::UniqueSaturatedInto,
	};

	/// Balance type of the minted currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// Payouts of one epoch, waiting to be minted.
	pub type PayoutsOf<T> =
		BoundedVec<(<T as frame_system::Config>::AccountId, Amount), <T as Config>::MaxPaidAccounts>;

	/// The storage layout version. Version 1 is the layout as of this release; a migration that
	/// changes the layout bumps it.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The currency the treasury mints.
		type Currency: fungible::Mutate<Self::AccountId>;
		/// Where the epochs' work comes from.
		type WorkLedger: WorkLedger<Self::AccountId, BalanceOf<Self>>;
		/// The policy that proposes each epoch's emission; [`BuiltInPolicy`] is the fallback.
		type Policy: EmissionPolicy;
		/// Who may retune the controller (the treasury track of governance).
		type ParamsOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Who may raise the cap (the supply-cap track of governance), always within
		/// [`Config::MaxCapRaisePerYear`].
		type CapOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The supply cap at genesis, in base units.
		#[pallet::constant]
		type InitialSupplyCap: Get<Amount>;
		/// What the first year may emit, in base units.
		#[pallet::constant]
		type FirstYearBudget: Get<Amount>;
		/// Blocks in a year, from the block time.
		#[pallet::constant]
		type BlocksPerYear: Get<u32>;
		/// Most the cap may rise within one year, as a share of the cap at the year's start.
		#[pallet::constant]
		type MaxCapRaisePerYear: Get<Perbill>;
		/// Most accounts paid for one epoch; at least [`WorkLedger::max_epoch_earners`], checked
		/// by `integrity_test`, so no payout is ever cut.
		#[pallet::constant]
		type MaxPaidAccounts: Get<u32>;
		/// Most payouts minted in one block.
		#[pallet::constant]
		type MaxPayoutsPerBlock: Get<u32>;
		/// Epoch reports kept.
		#[pallet::constant]
		type HistoryDepth: Get<u32>;
		/// Weights from benchmarks.
		type WeightInfo: WeightInfo;
		/// Fills the work ledger in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	/// Total issuance may never exceed this.
	#[pallet::storage]
	pub type SupplyCap<T: Config> = StorageValue<_, Amount, ValueQuery, T::InitialSupplyCap>;

	/// The cap at the start of the year of its latest raise: `(year, cap)`. Raises within a year
	/// add up against [`Config::MaxCapRaisePerYear`] of it.
	#[pallet::storage]
	pub type CapRaiseBase<T: Config> = StorageValue<_, (u32, Amount), OptionQuery>;

	/// The controller's parameters.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, ControllerParams, ValueQuery>;

	/// The controller's memory between epochs.
	#[pallet::storage]
	pub type Controller<T: Config> = StorageValue<_, ControllerState, ValueQuery>;

	/// The current emission year.
	#[pallet::storage]
	pub type Budget<T: Config> = StorageValue<_, YearBudget, ValueQuery>;

	/// Everything the treasury ever minted.
	#[pallet::storage]
	pub type TotalEmitted<T: Config> = StorageValue<_, Amount, ValueQuery>;

	/// The next epoch to settle.
	#[pallet::storage]
	pub type NextEpoch<T: Config> = StorageValue<_, EpochIndex, ValueQuery>;

	/// A settled epoch's payouts not yet minted.
	#[pallet::storage]
	pub type PendingPayouts<T: Config> = StorageValue<_, (EpochIndex, PayoutsOf<T>), OptionQuery>;

	/// Reports of the last [`Config::HistoryDepth`] settled epochs.
	#[pallet::storage]
	pub type Reports<T: Config> = StorageMap<_, Twox64Concat, EpochIndex, EpochReport>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		#[allow(missing_docs)]
		pub _phantom: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let budget = YearBudget { year: 0, budget: T::FirstYearBudget::get(), emitted: 0 };
			Budget::<T>::put(budget);
			Controller::<T>::put(ControllerState {
				rate: budget.schedule_pace(Pallet::<T>::epochs_per_year()),
				work_average: Default::default(),
			});
			assert!(
				Pallet::<T>::total_issuance() <= SupplyCap::<T>::get(),
				"genesis balances exceed the supply cap"
			);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An epoch was settled: what the treasury saw, decided and will pay.
		EpochSettled {
			/// The full report.
			report: EpochReport,
		},
		/// PAR was minted to a contributor for an epoch's work.
		Rewarded {
			/// The epoch.
			epoch: EpochIndex,
			/// The contributor.
			who: T::AccountId,
			/// Base units minted.
			amount: Amount,
		},
		/// Every payout of an epoch was handled.
		PayoutsCompleted {
			/// The epoch.
			epoch: EpochIndex,
			/// Base units minted.
			minted: Amount,
			/// Payouts the currency refused (e.g. below the existential deposit of a new
			/// account); their amount stays unissued.
			skipped: u32,
		},
		/// A new emission year began.
		YearStarted {
			/// Its index.
			year: u32,
			/// Its budget.
			budget: Amount,
		},
		/// Governance raised the supply cap.
		CapRaised {
			/// The cap before.
			old: Amount,
			/// The cap now.
			new: Amount,
		},
		/// Governance retuned the controller.
		ParamsChanged {
			/// The parameters now in force.
			params: ControllerParams,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A new cap must be above the current one.
		CapNotRaised,
		/// The raise exceeds the yearly limit on cap growth.
		CapRaiseTooLarge,
		/// `work_smoothing` must be above zero.
		NoSmoothing,
		/// The activity clamp must include 1.
		ActivityRangeExcludesOne,
		/// The ceiling must be at least the schedule pace.
		CeilingBelowPace,
		/// `max_step` must be above zero.
		NoStep,
		/// At least one category weight must be above zero.
		NoCategoryWeight,
		/// The young-network shares must be above zero.
		NoYoungShare,
		/// The pool share must be at least the account share.
		PoolShareBelowAccountShare,
	}

	impl<T> From<controller::InvalidParams> for Error<T> {
		fn from(invalid: controller::InvalidParams) -> Self {
			use controller::InvalidParams::*;
			match invalid {
				NoSmoothing => Error::NoSmoothing,
				ActivityRangeExcludesOne => Error::ActivityRangeExcludesOne,
				CeilingBelowPace => Error::CeilingBelowPace,
				NoStep => Error::NoStep,
				NoCategoryWeight => Error::NoCategoryWeight,
				NoYoungShare => Error::NoYoungShare,
				PoolShareBelowAccountShare => Error::PoolShareBelowAccountShare,
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_now: BlockNumberFor<T>) -> Weight {
			Self::advance()
		}

		fn integrity_test() {
			assert!(T::MaxPayoutsPerBlock::get() > 0, "payouts must make progress");
			assert!(T::BlocksPerYear::get() > 0, "a year must have blocks");
			assert!(T::FirstYearBudget::get() <= T::InitialSupplyCap::get());
			assert!(
				T::MaxPaidAccounts::get() >= T::WorkLedger::max_epoch_earners(),
				"every account that can earn in an epoch must be payable, or payouts would be cut"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_now: BlockNumberFor<T>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Replace the controller's parameters. They apply from the next settled epoch.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: ControllerParams) -> DispatchResult {
			T::ParamsOrigin::ensure_origin(origin)?;
			params.validate().map_err(Error::<T>::from)?;
			Params::<T>::put(params);
			Self::deposit_event(Event::ParamsChanged { params });
			Ok(())
		}

		/// Raise the supply cap to `new_cap`. Within one year the cap may grow by at most
		/// [`Config::MaxCapRaisePerYear`] of what it was when the year's first raise was made.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::raise_cap())]
		pub fn raise_cap(origin: OriginFor<T>, new_cap: Amount) -> DispatchResult {
			T::CapOrigin::ensure_origin(origin)?;
			let old = SupplyCap::<T>::get();
			ensure!(new_cap > old, Error::<T>::CapNotRaised);
			let year = Self::year_of_block(frame_system::Pallet::<T>::block_number());
			let base = match CapRaiseBase::<T>::get() {
				Some((base_year, base)) if base_year == year => base,
				_ => old,
			};
			let limit = base.saturating_add(T::MaxCapRaisePerYear::get().mul_floor(base));
			ensure!(new_cap <= limit, Error::<T>::CapRaiseTooLarge);
			CapRaiseBase::<T>::put((year, base));
			SupplyCap::<T>::put(new_cap);
			Self::deposit_event(Event::CapRaised { old, new: new_cap });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Total issuance of the currency, in base units.
		pub fn total_issuance() -> Amount {
			<T::Currency as Inspect<T::AccountId>>::total_issuance().unique_saturated_into()
		}

		/// Epochs in a year on this chain: whole epochs of the ledger's length.
		pub fn epochs_per_year() -> u32 {
			(T::BlocksPerYear::get() / T::WorkLedger::epoch_length().max(1)).max(1)
		}

		/// The emission year of `epoch`.
		pub fn year_of_epoch(epoch: EpochIndex) -> u32 {
			epoch / Self::epochs_per_year()
		}

		fn year_of_block(block: BlockNumberFor<T>) -> u32 {
			let block: u32 = block.unique_saturated_into();
			block / T::BlocksPerYear::get().max(1)
		}

		/// Reports of up to `max` settled epochs from `from` on, oldest first.
		pub fn reports(from: EpochIndex, max: u32) -> Vec<EpochReport> {
			let end = NextEpoch::<T>::get();
			let from = from.max(end.saturating_sub(T::HistoryDepth::get()));
			(from..end).filter_map(Reports::<T>::get).take(max as usize).collect()
		}

		/// The treasury's state at a glance.
		pub fn status() -> TreasuryStatus {
			TreasuryStatus {
				supply_cap: SupplyCap::<T>::get(),
				total_issuance: Self::total_issuance(),
				total_emitted: TotalEmitted::<T>::get(),
				budget: Budget::<T>::get(),
				controller: Controller::<T>::get(),
				params: Params::<T>::get(),
				next_epoch: NextEpoch::<T>::get(),
				epochs_per_year: Self::epochs_per_year(),
				pending_payouts: PendingPayouts::<T>::get()
					.map_or(0, |(_, payouts)| payouts.len() as u32),
			}
		}
	}
}
