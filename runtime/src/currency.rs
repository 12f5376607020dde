//! PAR, the unit of account, and the numbers the founder fixed for it.
//!
//! PAR has 8 decimal places: one PAR is 10^8 base units, stored as `u128` so that even an
//! evolved supply cap many orders of magnitude above the initial one cannot overflow.

use crate::Balance;

/// Decimal places of PAR, as shown by wallets (`tokenDecimals`).
pub const TOKEN_DECIMALS: u8 = 8;
/// Ticker shown by wallets (`tokenSymbol`).
pub const TOKEN_SYMBOL: &str = "PAR";

/// One PAR in base units.
pub const PAR: Balance = 100_000_000;
/// One thousandth of a PAR.
pub const MILLI_PAR: Balance = PAR / 1_000;
/// One millionth of a PAR.
pub const MICRO_PAR: Balance = PAR / 1_000_000;

/// Smallest balance an account may hold (0.001 PAR). Small, so that a contributor's first reward
/// keeps its account alive, but not zero, so that dust accounts cannot bloat state for free.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_PAR;

/// The initial supply cap: 8,000,000,000 PAR. Total issuance starts at 0 and may only grow through
/// treasury rewards; the treasury pallet enforces the cap and governance may raise it within rules.
pub const INITIAL_SUPPLY_CAP: Balance = 8_000_000_000 * PAR;

/// What the treasury may distribute in the network's first year: 1,000,000,000 PAR.
pub const FIRST_YEAR_EMISSION_BUDGET: Balance = 1_000_000_000 * PAR;

/// Fee charged per byte of an extrinsic (0.00001 PAR): a transfer of ~140 bytes pays ~0.0014 PAR.
pub const TRANSACTION_BYTE_FEE: Balance = 10 * MICRO_PAR;

/// Fee charged per second of execution weight (10 PAR). A balance transfer (~0.69 ms of declared
/// weight including the base extrinsic weight) pays ~0.007 PAR for its weight, ~0.008 PAR in all.
pub const FEE_PER_SECOND_OF_WEIGHT: Balance = 10 * PAR;

/// Storage deposit for contract state: per item and per byte, held while the storage exists and
/// returned when it is freed, so that contracts pay for the state they keep.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	(items as Balance).saturating_mul(10 * MILLI_PAR).saturating_add(
		(bytes as Balance).saturating_mul(100 * MICRO_PAR),
	)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn one_par_has_eight_decimals() {
		assert_eq!(PAR, 10u128.pow(TOKEN_DECIMALS as u32));
	}

	#[test]
	fn supply_cap_is_eight_billion_par() {
		assert_eq!(INITIAL_SUPPLY_CAP / PAR, 8_000_000_000);
		assert_eq!(INITIAL_SUPPLY_CAP % PAR, 0);
		assert!(FIRST_YEAR_EMISSION_BUDGET < INITIAL_SUPPLY_CAP);
	}

	#[test]
	fn existential_deposit_is_small_but_positive() {
		assert!(EXISTENTIAL_DEPOSIT > 0);
		assert!(EXISTENTIAL_DEPOSIT <= PAR / 100);
	}
}
