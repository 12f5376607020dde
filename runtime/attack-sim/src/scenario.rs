//! The scenarios and every setting of a run.

use crate::SimError;

/// One attacker against the honest population (or none: the baseline).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scenario {
	/// The honest population alone: the yardstick of total emission.
	Baseline,
	/// Many accounts registered with proof of work that verify honestly and submit junk models.
	SybilFarm,
	/// Colluding contributors that, after a sleeper phase, report a perfect score for each
	/// other's submissions and the worst score for everyone else's.
	VerifierCartel,
	/// An endowed requester that keeps the paid-task registry full of the most rewarding tasks
	/// the bounds allow and works them only with its own accounts.
	SelfDealingRequester,
	/// Idle accounts registered to keep the contributor registry full while honest newcomers
	/// try to join.
	RegistryFlood,
}

impl Scenario {
	/// Every scenario, the baseline first.
	pub const ALL: [Scenario; 5] = [
		Scenario::Baseline,
		Scenario::SybilFarm,
		Scenario::VerifierCartel,
		Scenario::SelfDealingRequester,
		Scenario::RegistryFlood,
	];

	/// The name on the command line and in the report.
	pub fn name(self) -> &'static str {
		match self {
			Scenario::Baseline => "baseline",
			Scenario::SybilFarm => "sybil-farm",
			Scenario::VerifierCartel => "verifier-cartel",
			Scenario::SelfDealingRequester => "self-dealing-requester",
			Scenario::RegistryFlood => "registry-flood",
		}
	}

	/// The scenario called `name`.
	pub fn by_name(name: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|scenario| scenario.name() == name)
	}

	/// Whether an attacker takes part.
	pub fn has_attacker(self) -> bool {
		self != Scenario::Baseline
	}
}

/// Every setting of a run. [`SimConfig::full`] is the default two simulated weeks;
/// [`SimConfig::short`] is the test command's run.
#[derive(Clone, Debug, PartialEq)]
pub struct SimConfig {
	/// Epochs simulated (each settled and paid by the treasury).
	pub epochs: u32,
	/// Blocks per useful-work epoch, set in the genesis (`epoch_length`). The live chain has
	/// 300 (10 minutes of 2-second blocks); the simulation compresses an epoch into fewer
	/// blocks, keeping the reference tasks' 25-block rounds.
	pub epoch_blocks: u32,
	/// Seed of every draw.
	pub seed: u64,
	/// Honest contributors registered at launch.
	pub honest: u32,
	/// Chance that an honest contributor trains a given round of a given network task.
	pub train_chance: f64,
	/// Epochs in which the frontier covers 63 % of the way from baseline to best.
	pub learning_epochs: f64,
	/// First epoch in which an attacker registers or acts (the cartel registers at launch and
	/// sleeps instead).
	pub attack_from: u32,
	/// The most leading zero bits an attacker pays for one registration; above it, it waits
	/// for the next epoch's lower difficulty.
	pub attacker_max_bits: u32,
	/// Sybil accounts the farm keeps registered.
	pub sybils: u32,
	/// Sybil registrations per epoch at most (32 keeps the proof of work at its base price).
	pub sybil_per_epoch: u32,
	/// Junk submissions the farm makes per network task and round, committed as the round
	/// opens.
	pub sybil_junk: u32,
	/// The cartel's share of all contributors, in percent.
	pub cartel_percent: u32,
	/// Epochs the cartel behaves honestly, farming reputation, before it lies.
	pub cartel_sleep: u32,
	/// Epochs after a detected champion capture until governance closes the captured task and
	/// recreates it; `None`: nobody does (the live chain has no root origin).
	pub governance_delay: Option<u32>,
	/// Accounts the self-dealing requester works its tasks with.
	pub requester_workers: u32,
	/// Bounty of each of the requester's tasks, in PAR.
	pub requester_bounty_par: u128,
	/// The requester's endowment at genesis, in PAR.
	pub requester_funds_par: u128,
	/// Honest newcomers arriving per epoch in the registry flood.
	pub newcomers_per_epoch: u32,
	/// Epochs an admitted newcomer stays before it deregisters.
	pub newcomer_stay: u32,
	/// Blocks a newcomer keeps trying to register before it gives up.
	pub newcomer_patience: u32,
	/// Flood registrations per epoch at most.
	pub flood_per_epoch: u32,
	/// How far (percentage points) an attacker's emission share may exceed its honest share
	/// before the run fails.
	pub tolerance_pp: f64,
	/// Hashes per second of one CPU core, for the lockout estimate.
	pub cpu_hash_rate: f64,
	/// Hashes per second of an attacker's accelerator, for the lockout estimate.
	pub gpu_hash_rate: f64,
}

impl SimConfig {
	/// Two weeks of 10-minute epochs with the populations the issue names.
	pub fn full() -> Self {
		let epochs = 2_016;
		Self {
			epochs,
			epoch_blocks: 30,
			seed: 7,
			honest: 40,
			train_chance: 0.3,
			learning_epochs: f64::from(epochs) / 3.0,
			attack_from: 1,
			attacker_max_bits: 18,
			sybils: 500,
			sybil_per_epoch: 32,
			sybil_junk: 8,
			cartel_percent: 30,
			cartel_sleep: epochs / 4,
			governance_delay: Some(6),
			requester_workers: 4,
			requester_bounty_par: 100,
			requester_funds_par: 10_000_000,
			newcomers_per_epoch: 5,
			newcomer_stay: 12,
			newcomer_patience: 30,
			flood_per_epoch: 32,
			tolerance_pp: 1.0,
			cpu_hash_rate: 4.0e6,
			gpu_hash_rate: 1.0e9,
		}
	}

	/// A few simulated hours with smaller populations: the test command's run.
	pub fn short() -> Self {
		let epochs = 48;
		Self {
			epochs,
			honest: 12,
			learning_epochs: f64::from(epochs) / 3.0,
			sybils: 60,
			cartel_sleep: epochs / 4,
			governance_delay: Some(3),
			requester_funds_par: 1_000_000,
			newcomers_per_epoch: 2,
			newcomer_stay: 6,
			..Self::full()
		}
	}

	/// Cartel accounts: `cartel_percent` of all contributors, the honest ones being the rest.
	pub fn cartel_size(&self) -> u32 {
		let share = u64::from(self.cartel_percent.min(99));
		let members = u64::from(self.honest).saturating_mul(share);
		let rest = 100u64.saturating_sub(share).max(1);
		// Rounded to the nearest account.
		u32::try_from(members.saturating_add(rest / 2) / rest).unwrap_or(u32::MAX)
	}

	/// Blocks beyond the last simulated epoch that let the treasury settle and mint it.
	pub fn drain_blocks(&self) -> u32 {
		16
	}

	/// The last block produced.
	pub fn last_block(&self) -> u32 {
		self.epochs.saturating_mul(self.epoch_blocks).saturating_add(self.drain_blocks())
	}

	/// Check that the settings can run.
	pub fn validate(&self) -> Result<(), SimError> {
		if self.epochs == 0 {
			return Err(SimError::InvalidConfig("simulate at least one epoch"));
		}
		if self.epoch_blocks < 4 {
			return Err(SimError::InvalidConfig("an epoch needs at least 4 blocks"));
		}
		if self.epochs.checked_mul(self.epoch_blocks).and_then(|b| b.checked_add(64)).is_none() {
			return Err(SimError::InvalidConfig("too many blocks"));
		}
		if self.honest < 4 {
			return Err(SimError::InvalidConfig(
				"at least 4 honest contributors are needed to verify",
			));
		}
		if !(0.0..=1.0).contains(&self.train_chance) {
			return Err(SimError::InvalidConfig("the training chance is a probability"));
		}
		if self.cartel_percent >= 100 {
			return Err(SimError::InvalidConfig("the cartel share must be below 100 %"));
		}
		if self.attacker_max_bits > 24 {
			return Err(SimError::InvalidConfig(
				"registrations above 24 bits of proof of work take too long to simulate",
			));
		}
		if self.tolerance_pp < 0.0 {
			return Err(SimError::InvalidConfig("the tolerance cannot be negative"));
		}
		if self.requester_workers == 0 {
			return Err(SimError::InvalidConfig("the requester needs at least one worker"));
		}
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn names_round_trip() {
		for scenario in Scenario::ALL {
			assert_eq!(Scenario::by_name(scenario.name()), Some(scenario));
		}
		assert_eq!(Scenario::by_name("nope"), None);
	}

	#[test]
	fn the_cartel_is_its_share_of_all_contributors() {
		let config = SimConfig::full();
		// 17 of 57 is 29.8 %.
		assert_eq!(config.cartel_size(), 17);
		assert_eq!(SimConfig { cartel_percent: 50, ..config.clone() }.cartel_size(), 40);
		assert_eq!(SimConfig { cartel_percent: 0, ..config }.cartel_size(), 0);
	}

	#[test]
	fn presets_are_valid() {
		SimConfig::full().validate().expect("full is valid");
		SimConfig::short().validate().expect("short is valid");
		assert_eq!(SimConfig::full().last_block(), 2_016 * 30 + 16);
	}
}
