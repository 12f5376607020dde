//! What one scenario measured: the figures the report prints.
//!
//! Amounts are in base units (10^-8 PAR). Work is *honest-equivalent work*: the treasury points
//! the pallet's own rules would credit an account if every report were the true value, counting
//! only work the network asked for (see `docs/attack-simulation.md`).

use crate::Scenario;
use pallet_ai_treasury::Amount;
use std::{collections::BTreeMap, time::Duration};

/// Which side of an attack an account is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
	/// The honest population (founders and newcomers).
	Honest,
	/// Every account of the attacker, which counts as one party.
	Attacker,
}

impl Side {
	/// Both sides, honest first.
	pub const BOTH: [Side; 2] = [Side::Honest, Side::Attacker];

	/// The side's name in the report.
	pub fn name(self) -> &'static str {
		match self {
			Side::Honest => "honest",
			Side::Attacker => "attacker",
		}
	}
}

/// One value per side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PerSide<T> {
	/// The honest population's.
	pub honest: T,
	/// The attacker's.
	pub attacker: T,
}

impl<T> PerSide<T> {
	/// The value of `side`.
	pub fn get(&self, side: Side) -> &T {
		match side {
			Side::Honest => &self.honest,
			Side::Attacker => &self.attacker,
		}
	}

	/// The value of `side`, to change.
	pub fn get_mut(&mut self, side: Side) -> &mut T {
		match side {
			Side::Honest => &mut self.honest,
			Side::Attacker => &mut self.attacker,
		}
	}
}

impl PerSide<u128> {
	/// Both sides together.
	pub fn total(&self) -> u128 {
		self.honest.saturating_add(self.attacker)
	}
}

impl PerSide<u64> {
	/// Both sides together.
	pub fn total(&self) -> u64 {
		self.honest.saturating_add(self.attacker)
	}
}

/// Registrations of one side.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Registrations {
	/// Calls to `register` made.
	pub attempts: u64,
	/// Of which succeeded.
	pub admitted: u64,
	/// Proofs of work computed.
	pub solved: u64,
	/// Hashes computed for them.
	pub hashes: u128,
	/// The highest difficulty (leading zero bits) paid for one registration.
	pub max_bits: u32,
	/// Sum of the difficulties paid, for the mean.
	pub bits_sum: u64,
}

/// How verifiers of one side were judged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Judgements {
	/// Reports within tolerance of the accepted value.
	pub agreed: u64,
	/// Reports beyond it.
	pub outliers: u64,
	/// Assigned verifiers that did not report.
	pub no_shows: u64,
}

/// A champion crowned at a value its artifact does not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capture {
	/// Epoch of the round that crowned it.
	pub epoch: u32,
	/// The task.
	pub task: u32,
	/// Which side trained it.
	pub side: Side,
	/// The value the verifiers' median accepted.
	pub accepted: u32,
	/// The artifact's true value.
	pub truth: u32,
}

/// The registry's reputations at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct ReputationSample {
	/// The epoch sampled (at its first block).
	pub epoch: u32,
	/// Registered contributors of each side.
	pub accounts: PerSide<u32>,
	/// Mean reputation of each side's registered accounts (ppm).
	pub mean: PerSide<f64>,
	/// The attacker's share of all verifier weight (`reputation + 1` summed over accounts).
	pub attacker_weight_share: f64,
}

/// Honest newcomers trying to join (the registry flood).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Newcomers {
	/// Newcomers that arrived.
	pub arrived: u32,
	/// Registered.
	pub admitted: u32,
	/// Gave up, by the last reason the chain gave them.
	pub refused: BTreeMap<&'static str, u32>,
	/// Still trying when the run ended.
	pub waiting: u32,
	/// Blocks the admitted ones waited, summed.
	pub waited_blocks: u64,
	/// Hashes they computed.
	pub hashes: u128,
	/// Difficulties they paid, summed (one per proof of work).
	pub bits_sum: u64,
	/// Proofs of work they computed.
	pub solved: u64,
}

/// Paid tasks and their bounties (the self-dealing requester).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bounties {
	/// Paid tasks created.
	pub tasks: u32,
	/// PAR escrowed.
	pub escrowed: Amount,
	/// PAR refunded for want of accepted work.
	pub refunded: Amount,
	/// PAR paid out by points.
	pub paid_out: Amount,
	/// What the requester's own balance lost over the run.
	pub requester_spent: Amount,
	/// Bounty PAR its worker accounts received.
	pub own_accounts_received: Amount,
	/// Bounty PAR honest contributors received.
	pub honest_received: Amount,
	/// Bounties the treasury counted as demand (`bounties_paid` of the settled epochs).
	pub demand_counted: Amount,
}

/// Everything one scenario measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
	/// The scenario.
	pub scenario: Scenario,
	/// Epochs counted (settled and paid).
	pub epochs: u32,
	/// Blocks produced.
	pub blocks: u32,
	/// Accounts of each side that were registered at some point.
	pub accounts: PerSide<u32>,
	/// Registered accounts of each side at the end.
	pub registered_at_end: PerSide<u32>,
	/// PAR the treasury minted to each side.
	pub minted: PerSide<Amount>,
	/// What each side's honest-equivalent work earns: every counted epoch's decided emission
	/// split by that epoch's honest-equivalent work (base units, fractional).
	pub fair: PerSide<f64>,
	/// Honest-equivalent work of each side (points).
	pub work: PerSide<u128>,
	/// Treasury points the pallet credited to each side.
	pub points: PerSide<u128>,
	/// Emission the treasury decided over the counted epochs.
	pub emission_decided: Amount,
	/// Of it, what the young-network caps held back.
	pub withheld_by_caps: Amount,
	/// Counted epochs that minted anything.
	pub epochs_with_emission: u32,
	/// Registrations of each side.
	pub registrations: PerSide<Registrations>,
	/// Calls the chain refused: (side, call, error) -> count.
	pub refusals: BTreeMap<(Side, &'static str, &'static str), u64>,
	/// Verifier slots of network tasks each side was assigned.
	pub verifier_slots: PerSide<u64>,
	/// How each side's verifiers were judged (all tasks).
	pub judgements: PerSide<Judgements>,
	/// Claims rejected, by the trainer's side.
	pub claims_rejected: PerSide<u64>,
	/// Champions crowned, by the trainer's side.
	pub champions: PerSide<u64>,
	/// Champions crowned above their true value.
	pub captures: Vec<Capture>,
	/// Captured tasks governance closed and created again.
	pub tasks_recreated: u32,
	/// Junk submissions committed by the attacker.
	pub junk_submissions: u64,
	/// Reputation over time.
	pub reputation: Vec<ReputationSample>,
	/// Contributors evicted by newcomers, by side of the evicted.
	pub evicted: PerSide<u64>,
	/// Contributors pruned for inactivity, by side.
	pub pruned: PerSide<u64>,
	/// Honest newcomers.
	pub newcomers: Newcomers,
	/// Paid tasks and bounties.
	pub bounties: Bounties,
	/// Invariant checks run (`do_try_state` of both pallets) and the first failure.
	pub invariant_checks: u32,
	/// The first invariant that failed, if any.
	pub invariant_failure: Option<String>,
	/// Wall time of the run.
	pub run_time: Duration,
}

impl Outcome {
	/// PAR minted to anyone.
	pub fn minted_total(&self) -> Amount {
		self.minted.total()
	}

	/// What the attacker was paid as a share of the emission the treasury decided; `None` when
	/// nothing was decided. (The young-network caps withhold part of the decided emission from
	/// accounts that earned more than the cap: the attacker's share of what was actually minted
	/// is [`Outcome::minted_share`].)
	pub fn emission_share(&self) -> Option<f64> {
		ratio(self.minted.attacker as f64, self.emission_decided as f64)
	}

	/// The attacker's share of the PAR actually minted.
	pub fn minted_share(&self) -> Option<f64> {
		ratio(self.minted.attacker as f64, self.minted_total() as f64)
	}

	/// The share of the decided emission that the attacker's honest-equivalent work earns: its
	/// proportional share of every epoch, as a grown network without caps would pay it.
	pub fn honest_share(&self) -> Option<f64> {
		ratio(self.fair.attacker, self.emission_decided as f64)
	}

	/// By how many percentage points the attacker's emission share exceeds its honest share.
	pub fn excess_pp(&self) -> f64 {
		match (self.emission_share(), self.honest_share()) {
			(Some(taken), Some(earned)) => (taken - earned) * 100.0,
			_ => 0.0,
		}
	}

	/// Whether the attacker stayed within its honest share, `tolerance_pp` allowed.
	pub fn within_honest_share(&self, tolerance_pp: f64) -> bool {
		!self.scenario.has_attacker() || self.excess_pp() <= tolerance_pp
	}

	/// The attacker's share of all honest-equivalent work, over the whole run.
	pub fn work_share(&self) -> Option<f64> {
		ratio(self.work.attacker as f64, self.work.total() as f64)
	}

	/// The attacker's share of all treasury points the pallet credited.
	pub fn points_share(&self) -> Option<f64> {
		ratio(self.points.attacker as f64, self.points.total() as f64)
	}

	/// Refused calls of `side` to `call` with `error`.
	pub fn refused(&self, side: Side, call: &'static str, error: &'static str) -> u64 {
		self.refusals.get(&(side, call, error)).copied().unwrap_or(0)
	}
}

/// `part / whole`, `None` when the whole is zero.
pub fn ratio(part: f64, whole: f64) -> Option<f64> {
	(whole > 0.0).then(|| part / whole)
}
