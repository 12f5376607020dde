//! Invariants checked by `try_state` after every test and on `try-runtime` runs.

use crate::pallet::*;
use polkadot_sdk::{
	frame_support::{ensure, traits::Get},
	sp_runtime::TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Check the treasury's invariants.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		ensure!(Self::total_issuance() <= SupplyCap::<T>::get(), "total issuance exceeds the supply cap");
		let year = Budget::<T>::get();
		ensure!(year.emitted <= year.budget, "the year emitted more than its budget");
		ensure!(
			TotalEmitted::<T>::get() <= Self::total_issuance(),
			"the treasury minted more than exists"
		);
		if let Some((epoch, payouts)) = PendingPayouts::<T>::get() {
			ensure!(!payouts.is_empty(), "an empty payout batch is pending");
			ensure!(epoch < NextEpoch::<T>::get(), "payouts pending for an unsettled epoch");
			let pending = payouts.iter().fold(0u128, |sum, (_, amount)| sum.saturating_add(*amount));
			ensure!(pending <= year.emitted, "pending payouts are not counted against the year");
		}
		let kept = Reports::<T>::iter_keys().count() as u32;
		ensure!(kept <= T::HistoryDepth::get(), "more reports kept than the history depth");
		Ok(())
	}
}
