//! Storage migrations, run by the runtime's `Migrations` on an upgrade.

/// Version 2: [`TotalReputation`](crate::TotalReputation) is the sum of every contributor's
/// reputation. A chain upgraded from version 1 computes it once from the registry.
pub mod v2 {
	use crate::pallet::{Config, Contributors, Pallet, TotalReputation};
	use polkadot_sdk::frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	#[cfg(feature = "try-runtime")]
	use {alloc::vec::Vec, codec::Encode, polkadot_sdk::sp_runtime::TryRuntimeError};

	/// Sums the registry into [`TotalReputation`]; bounded by `MaxContributors` reads.
	pub struct InitTotalReputation<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InitTotalReputation<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut contributors = 0u64;
			let mut total = 0u64;
			for (_, info) in Contributors::<T>::iter() {
				contributors = contributors.saturating_add(1);
				total = total.saturating_add(u64::from(info.reputation));
			}
			TotalReputation::<T>::put(total);
			T::DbWeight::get().reads_writes(contributors.saturating_add(1), 1)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let total: u64 =
				Contributors::<T>::iter_values().map(|info| u64::from(info.reputation)).sum();
			Ok(total.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			use codec::Decode;
			let expected = u64::decode(&mut &state[..])
				.map_err(|_| TryRuntimeError::Other("pre-upgrade state does not decode"))?;
			polkadot_sdk::frame_support::ensure!(
				TotalReputation::<T>::get() == expected,
				"total reputation does not match the registry"
			);
			Ok(())
		}
	}

	/// [`InitTotalReputation`] run once, from storage version 1 to 2.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InitTotalReputation<T>,
		Pallet<T>,
		<T as polkadot_sdk::frame_system::Config>::DbWeight,
	>;
}
