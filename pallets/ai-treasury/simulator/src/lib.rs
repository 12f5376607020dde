//! # AI treasury simulator
//!
//! Runs the AI treasury pallet's own emission code ([`pallet_ai_treasury::controller`] and
//! [`pallet_ai_treasury::distribution`]) over simulated years of epochs, chained exactly as the
//! pallet settles an epoch, for a set of [`Scenario`]s of who works and what requesters pay,
//! and reports what it would issue and to whom: charts ([`chart`]) and a summary table
//! ([`report`]).
//!
//! Everything here is off-chain reporting: floats appear only in the statistics and charts,
//! never in the amounts the controller decides.

pub mod chart;
pub mod report;
pub mod rng;
pub mod scenario;
pub mod sim;
pub mod stats;

pub use scenario::{AccountGroup, AccountId, Demand, Population, Scenario};
pub use sim::{simulate, BoundCounts, Sample, SimConfig, SimResult};

use std::path::PathBuf;

/// The real chain's numbers (see the runtime's `currency.rs` and `configs/mod.rs`).
pub mod chain {
	use pallet_ai_treasury::Amount;

	/// Base units in one PAR (8 decimals).
	pub const PAR: Amount = 100_000_000;
	/// What the first year may emit: 1,000,000,000 PAR.
	pub const FIRST_YEAR_BUDGET: Amount = 1_000_000_000 * PAR;
	/// The supply cap at genesis: 8,000,000,000 PAR.
	pub const SUPPLY_CAP: Amount = 8_000_000_000 * PAR;
	/// The existential deposit: 0.001 PAR.
	pub const EXISTENTIAL_DEPOSIT: Amount = PAR / 1_000;
	/// Seconds per block.
	pub const BLOCK_SECONDS: u32 = 2;
	/// Blocks per useful-work epoch.
	pub const EPOCH_BLOCKS: u32 = 300;
	/// Seconds per epoch.
	pub const EPOCH_SECONDS: u32 = BLOCK_SECONDS * EPOCH_BLOCKS;
	/// Blocks in a 365.25-day year of 2-second blocks.
	pub const BLOCKS_PER_YEAR: u32 = 36_525 * 24 * 60 * 60 / 100 / BLOCK_SECONDS;
	/// Whole epochs in a year: 52,596.
	pub const EPOCHS_PER_YEAR: u32 = BLOCKS_PER_YEAR / EPOCH_BLOCKS;
	/// Epochs in a day: 144.
	pub const EPOCHS_PER_DAY: u32 = 24 * 60 * 60 / EPOCH_SECONDS;
}

/// Why the simulator could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
	/// The chart font could not be read.
	#[error("cannot read the chart font {path}: {source} (install fonts-dejavu-core or pass --font PATH to a TrueType font)")]
	FontMissing {
		/// Where it was looked for.
		path: PathBuf,
		/// Why it could not be read.
		source: std::io::Error,
	},
	/// The chart font is not a usable TrueType/OpenType font.
	#[error("{path} is not a TrueType or OpenType font")]
	InvalidFont {
		/// The file.
		path: PathBuf,
	},
	/// An output file or folder could not be written.
	#[error("cannot write {path}: {source}")]
	Write {
		/// The file or folder.
		path: PathBuf,
		/// Why.
		source: std::io::Error,
	},
	/// Drawing a chart failed.
	#[error("cannot draw {path}: {message}")]
	Chart {
		/// The chart file.
		path: PathBuf,
		/// What plotters said.
		message: String,
	},
	/// No built-in scenario has this name.
	#[error("unknown scenario {0:?}; known: {1}")]
	UnknownScenario(String, String),
	/// The simulation settings make no sense.
	#[error("invalid simulation settings: {0}")]
	InvalidConfig(&'static str),
	/// The controller's parameters fail their own validation.
	#[error("invalid controller parameters: {0}")]
	InvalidParams(String),
}

#[cfg(test)]
mod tests {
	use super::chain::*;

	#[test]
	fn chain_constants() {
		assert_eq!(BLOCKS_PER_YEAR, 15_778_800);
		assert_eq!(EPOCHS_PER_YEAR, 52_596);
		assert_eq!(EPOCHS_PER_DAY, 144);
		assert_eq!(FIRST_YEAR_BUDGET, 100_000_000_000_000_000);
	}
}
