//! Runtime API of the AI treasury, through which wallets and auditors read what the
//! "autonomous government" decided and why. polkadot.js exposes it as `api.call.aiTreasuryApi`,
//! and any client can reach it with the `state_call` RPC.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use pallet_ai_treasury::{EpochIndex, EpochReport, TreasuryStatus};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// The treasury's state and history.
	pub trait AiTreasuryApi {
		/// Cap, issuance, the year's budget, the controller's memory and parameters.
		fn status() -> TreasuryStatus;
		/// Reports of up to `max` settled epochs from `from` on, oldest first (only the
		/// retained history).
		fn reports(from: EpochIndex, max: u32) -> Vec<EpochReport>;
	}
}
