//! Settling epochs and minting their payouts: the storage side of the controller.
//!
//! One step per block, in `on_initialize`: mint the next batch of a settled epoch's payouts if
//! any are pending, otherwise settle the oldest finished epoch. Settling reads the ledger, asks
//! the policy, bounds the proposal, splits the emission and records the report; minting happens
//! in the following blocks, [`Config::MaxPayoutsPerBlock`] accounts at a time.

use crate::{
	controller::{self, Amount, YearBudget},
	distribution::{self, Caps},
	pallet::*,
	weights::WeightInfo,
	BuiltInPolicy, EmissionPolicy, EpochReport, PolicyInput, PolicySource,
};
use polkadot_sdk::{
	frame_support::{
		traits::{
			fungible::{Inspect, Mutate},
			tokens::{DepositConsequence, Provenance},
			Get,
		},
		weights::Weight,
		BoundedVec,
	},
	sp_runtime::traits::{Saturating, UniqueSaturatedFrom, UniqueSaturatedInto},
};
use useful_work_primitives::{EpochIndex, EpochObservation, WorkLedger};

impl<T: Config> Pallet<T> {
	/// The treasury's step for this block.
	pub(crate) fn advance() -> Weight {
		if PendingPayouts::<T>::exists() {
			return Self::mint_batch();
		}
		let epoch = NextEpoch::<T>::get();
		if epoch >= T::WorkLedger::current_epoch() {
			return T::WeightInfo::idle();
		}
		let paid = Self::settle(epoch);
		T::WeightInfo::settle_epoch(paid)
	}

	/// Settle `epoch`: decide its emission and queue the payouts. Returns the number of ledger
	/// entries read.
	pub(crate) fn settle(epoch: EpochIndex) -> u32 {
		let params = Params::<T>::get();
		let epochs_per_year = Self::epochs_per_year();
		let year = Self::enter_year(Self::year_of_epoch(epoch));
		let observation = observation_in_base_units::<T>(T::WorkLedger::epoch_observation(epoch));
		let work_units = controller::work_units(&observation);
		let state = Controller::<T>::get();

		let input = PolicyInput {
			epoch,
			epochs_per_year,
			epoch_in_year: epoch % epochs_per_year,
			observation: &observation,
			work_units,
			state: &state,
			year: &year,
			params: &params,
		};
		let (proposal, policy) = match T::Policy::propose(&input) {
			Ok(proposal) => (proposal, PolicySource::Configured),
			Err(_) => (
				BuiltInPolicy::propose(&input).unwrap_or(state.rate),
				PolicySource::FallbackAfterFailure,
			),
		};

		let issuance_before = Self::total_issuance();
		let supply_cap = SupplyCap::<T>::get();
		let cap_room = supply_cap.saturating_sub(issuance_before);
		let decision = controller::bound_proposal(proposal, &input, cap_room);
		Controller::<T>::put(controller::next_state(&state, work_units, &decision, &params));

		let work = T::WorkLedger::epoch_work(epoch);
		let read = work.len() as u32;
		let young = controller::is_young(
			&params.young,
			observation.active_contributors,
			TotalEmitted::<T>::get(),
			T::FirstYearBudget::get(),
		);
		let caps = young.then(|| Caps::young(&params.young, decision.emission));
		let split = distribution::distribute(decision.emission, &work, &params.weights, caps);

		let mut payouts = split.payouts.clone();
		// `integrity_test` holds MaxPaidAccounts to at least the ledger's bound on earners, so
		// this never truncates; if it ever did, the cut payouts would stay unissued, not be minted.
		payouts.truncate(T::MaxPaidAccounts::get() as usize);
		let paid = payouts.iter().fold(0u128, |sum, (_, amount)| sum.saturating_add(*amount));
		let accounts_paid = payouts.len() as u32;
		let year = YearBudget { emitted: year.emitted.saturating_add(paid), ..year };
		Budget::<T>::put(year);
		if !payouts.is_empty() {
			PendingPayouts::<T>::put((epoch, BoundedVec::truncate_from(payouts)));
		}

		let report = EpochReport {
			epoch,
			year: year.year,
			observation,
			work_units,
			policy,
			proposal,
			decision,
			young,
			paid,
			accounts_paid,
			withheld_by_caps: split.withheld_by_caps,
			undistributed: decision.emission.saturating_sub(paid).saturating_sub(split.withheld_by_caps),
			top_share: split.top_share,
			budget: year,
			supply_cap,
			issuance_before,
		};
		Reports::<T>::insert(epoch, report.clone());
		if let Some(expired) = epoch.checked_sub(T::HistoryDepth::get()) {
			Reports::<T>::remove(expired);
		}
		NextEpoch::<T>::put(epoch.saturating_add(1));
		Self::deposit_event(Event::EpochSettled { report });
		read
	}

	/// Make `year` the current emission year, rolling budgets forward through any years that
	/// passed, and return it.
	fn enter_year(year: u32) -> YearBudget {
		let mut budget = Budget::<T>::get();
		let params = Params::<T>::get();
		while budget.year < year {
			let cap_room = SupplyCap::<T>::get().saturating_sub(Self::total_issuance());
			budget = budget.next(&params, cap_room);
			Self::deposit_event(Event::YearStarted { year: budget.year, budget: budget.budget });
		}
		Budget::<T>::put(budget);
		budget
	}

	/// Mint the next batch of pending payouts.
	fn mint_batch() -> Weight {
		let Some((epoch, payouts)) = PendingPayouts::<T>::take() else {
			return T::WeightInfo::idle();
		};
		let mut payouts = payouts.into_inner();
		let batch = (T::MaxPayoutsPerBlock::get() as usize).min(payouts.len());
		let rest = payouts.split_off(batch);
		let (mut minted, mut skipped) = (0u128, 0u32);
		for (who, amount) in payouts.iter() {
			if Self::mint_reward(epoch, who, *amount) {
				minted.saturating_accrue(*amount);
			} else {
				skipped.saturating_inc();
				Budget::<T>::mutate(|year| year.emitted.saturating_reduce(*amount));
			}
		}
		if rest.is_empty() {
			Self::deposit_event(Event::PayoutsCompleted { epoch, minted, skipped });
		} else {
			PendingPayouts::<T>::put((epoch, BoundedVec::truncate_from(rest)));
		}
		T::WeightInfo::mint_batch(batch as u32)
	}

	/// Mint `amount` to `who`, unless the currency would refuse it or it would break the cap.
	fn mint_reward(epoch: EpochIndex, who: &T::AccountId, amount: Amount) -> bool {
		let balance = BalanceOf::<T>::unique_saturated_from(amount);
		let within_cap =
			Self::total_issuance().saturating_add(amount) <= SupplyCap::<T>::get();
		let accepted = T::Currency::can_deposit(who, balance, Provenance::Minted) ==
			DepositConsequence::Success;
		if !within_cap || !accepted || T::Currency::mint_into(who, balance).is_err() {
			return false;
		}
		TotalEmitted::<T>::mutate(|total| total.saturating_accrue(amount));
		Self::deposit_event(Event::Rewarded { epoch, who: who.clone(), amount });
		true
	}
}

/// The ledger's observation with balances as plain base units.
fn observation_in_base_units<T: Config>(
	observation: EpochObservation<BalanceOf<T>>,
) -> EpochObservation<Amount> {
	let activity = observation.activity;
	EpochObservation {
		activity: useful_work_primitives::EpochActivity {
			improving_submissions: activity.improving_submissions,
			improvements: activity.improvements,
			honest_verifications: activity.honest_verifications,
			total_points: activity.total_points,
			bounties_paid: activity.bounties_paid.unique_saturated_into(),
		},
		active_contributors: observation.active_contributors,
		active_pools: observation.active_pools,
		registered_contributors: observation.registered_contributors,
	}
}
