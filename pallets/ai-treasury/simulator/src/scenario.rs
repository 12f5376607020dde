//! Simulated networks: who earns points in each epoch, how many, and what requesters pay in bounties.
//!
//! Every scenario is deterministic for a given seed. Work and demand come from two separate
//! generators, so scenarios that share a population (`steady-growth`, `no-demand`,
//! `paid-demand`) see exactly the same work and differ only in paid demand.

use crate::rng::{hash_name, mix, unit_of, SplitMix64};
use pallet_ai_treasury::{Amount, EpochIndex, EpochObservation, WorkRecord};
use useful_work_primitives::PoolId;

/// A simulated account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountId(pub u32);

/// Points of one honest verification, as the runtime credits them (`VerificationPoints`).
pub const VERIFICATION_POINTS: u64 = 1_000;
/// Points of one accepted submission of an average trainer.
pub const SUBMISSION_POINTS: f64 = 1_000.0;
/// Most accounts earning points in one simulated epoch.
pub const MAX_ACCOUNTS_PER_EPOCH: u32 = 2_000;
/// Chance that an account of the population does nothing in a given epoch.
pub const IDLE_CHANCE: f64 = 0.1;
/// Every third honest account works for a pool; a pool has this many such members.
pub const POOL_MEMBERS: u32 = 20;

/// Who works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Population {
	/// The same accounts all along.
	Steady {
		/// Number of accounts.
		accounts: u32,
	},
	/// Accounts grow linearly from `from` to `to` over the first year, then stay at `to`.
	Growth {
		/// Accounts at genesis.
		from: u32,
		/// Accounts at the end of the first year.
		to: u32,
	},
	/// `before` accounts; `arriving` more join at once at `at_permille` of the first year.
	Surge {
		/// Accounts from genesis.
		before: u32,
		/// Accounts arriving together.
		arriving: u32,
		/// When they arrive, in thousandths of the first year.
		at_permille: u32,
	},
	/// `honest` accounts plus one operator (the whale) earning `share_percent` of all points,
	/// spread over `accounts` accounts of its own.
	Whale {
		/// Independent accounts.
		honest: u32,
		/// Accounts the whale spreads its work over.
		accounts: u32,
		/// The whale's share of all points, in percent (below 100).
		share_percent: u32,
	},
	/// Nobody works.
	Idle,
}

/// What requesters pay out in bounties for paid tasks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demand {
	/// Nothing, ever.
	None,
	/// In a quarter of the epochs, a bounty of about half a schedule pace (0.05 to 0.95).
	Sporadic,
	/// Every epoch, about one schedule pace (0.75 to 1.25).
	Paced,
}

impl Demand {
	/// Short name for tables.
	pub fn label(&self) -> &'static str {
		match self {
			Demand::None => "none",
			Demand::Sporadic => "sporadic",
			Demand::Paced => "paced",
		}
	}
}

/// A named group of accounts whose combined share the report shows (the whale's accounts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccountGroup {
	/// What the group is.
	pub label: &'static str,
	/// First account of the group.
	pub first: u32,
	/// Number of accounts, consecutive from `first`.
	pub count: u32,
}

impl AccountGroup {
	/// Whether `account` belongs to the group.
	pub fn contains(&self, account: u32) -> bool {
		account.checked_sub(self.first).is_some_and(|offset| offset < self.count)
	}
}

/// A simulated network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scenario {
	/// Name used on the command line, in the charts and in the summary.
	pub name: &'static str,
	/// One sentence on what it simulates.
	pub description: &'static str,
	/// Who works.
	pub population: Population,
	/// What requesters pay in bounties.
	pub demand: Demand,
}

const GROWTH: Population = Population::Growth { from: 10, to: 2_000 };

impl Scenario {
	/// Every built-in scenario, in report order.
	pub fn all() -> Vec<Scenario> {
		vec![
			Scenario {
				name: "few-contributors",
				description: "5 accounts work every epoch all year; the network stays young (fewer than 64 contributors).",
				population: Population::Steady { accounts: 5 },
				demand: Demand::Sporadic,
			},
			Scenario {
				name: "steady-growth",
				description: "Contributors grow linearly from 10 to 2,000 over the year.",
				population: GROWTH,
				demand: Demand::Sporadic,
			},
			Scenario {
				name: "sudden-surge",
				description: "50 accounts; at 40 % of the year 1,000 more arrive at once.",
				population: Population::Surge { before: 50, arriving: 1_000, at_permille: 400 },
				demand: Demand::Sporadic,
			},
			Scenario {
				name: "whale-sybil",
				description: "200 honest accounts plus one whale doing 40 % of all work, split across 100 accounts.",
				population: Population::Whale { honest: 200, accounts: 100, share_percent: 40 },
				demand: Demand::Sporadic,
			},
			Scenario {
				name: "whale-single",
				description: "The same whale in one account, to compare with whale-sybil.",
				population: Population::Whale { honest: 200, accounts: 1, share_percent: 40 },
				demand: Demand::Sporadic,
			},
			Scenario {
				name: "no-demand",
				description: "steady-growth's work, but no requester ever pays a bounty.",
				population: GROWTH,
				demand: Demand::None,
			},
			Scenario {
				name: "paid-demand",
				description: "steady-growth's work, with about one schedule pace of bounties paid every epoch.",
				population: GROWTH,
				demand: Demand::Paced,
			},
			Scenario {
				name: "no-work",
				description: "Nobody works all year.",
				population: Population::Idle,
				demand: Demand::None,
			},
		]
	}

	/// The built-in scenario called `name`.
	pub fn by_name(name: &str) -> Option<Scenario> {
		Self::all().into_iter().find(|scenario| scenario.name == name)
	}

	/// The whale's accounts, for scenarios that have a whale.
	pub fn group(&self) -> Option<AccountGroup> {
		match self.population {
			Population::Whale { honest, accounts, .. } => Some(AccountGroup {
				label: if accounts > 1 { "whale group" } else { "whale" },
				first: honest.min(MAX_ACCOUNTS_PER_EPOCH),
				count: accounts.min(MAX_ACCOUNTS_PER_EPOCH),
			}),
			_ => None,
		}
	}

	/// One more than the largest account id the scenario ever uses.
	pub fn universe(&self) -> u32 {
		match self.population {
			Population::Steady { accounts } => accounts.min(MAX_ACCOUNTS_PER_EPOCH),
			Population::Growth { from, to } => from.max(to).min(MAX_ACCOUNTS_PER_EPOCH),
			Population::Surge { before, arriving, .. } => {
				before.saturating_add(arriving).min(MAX_ACCOUNTS_PER_EPOCH)
			},
			Population::Whale { honest, accounts, .. } => honest
				.min(MAX_ACCOUNTS_PER_EPOCH)
				.saturating_add(accounts.min(MAX_ACCOUNTS_PER_EPOCH)),
			Population::Idle => 0,
		}
	}

	/// Independent accounts in the population at `year_fraction` (epochs since genesis over
	/// epochs per year).
	pub fn honest_accounts(&self, year_fraction: f64) -> u32 {
		let accounts = match self.population {
			Population::Steady { accounts } => accounts,
			Population::Growth { from, to } => {
				let t = year_fraction.clamp(0.0, 1.0);
				let grown = (f64::from(to) - f64::from(from)) * t;
				(f64::from(from) + grown).round().max(0.0) as u32
			},
			Population::Surge { before, arriving, at_permille } => {
				if year_fraction * 1_000.0 >= f64::from(at_permille) {
					before.saturating_add(arriving)
				} else {
					before
				}
			},
			Population::Whale { honest, .. } => honest,
			Population::Idle => 0,
		};
		accounts.min(MAX_ACCOUNTS_PER_EPOCH)
	}

	/// A seed for the work generator that depends only on the population, so that scenarios
	/// sharing one see the same work.
	fn population_salt(&self) -> u64 {
		match self.population {
			Population::Steady { accounts } => mix(1, u64::from(accounts)),
			Population::Growth { from, to } => mix(mix(2, u64::from(from)), u64::from(to)),
			Population::Surge { before, arriving, at_permille } => {
				mix(mix(mix(3, u64::from(before)), u64::from(arriving)), u64::from(at_permille))
			},
			// Both whales share the honest accounts' work.
			Population::Whale { honest, share_percent, .. } => {
				mix(mix(4, u64::from(honest)), u64::from(share_percent))
			},
			Population::Idle => 5,
		}
	}
}

/// What the generator needs to know about the epoch being simulated.
#[derive(Clone, Copy, Debug)]
pub struct EpochContext {
	/// The epoch.
	pub epoch: EpochIndex,
	/// Epochs since genesis over epochs per year.
	pub year_fraction: f64,
	/// The year's even schedule pace (demand is measured against it).
	pub schedule_pace: Amount,
}

/// Counters of the epoch's work, turned into the observation at the end.
#[derive(Default)]
struct Tally {
	submissions: u32,
	verifications: u32,
	points: u64,
}

impl Tally {
	fn add(&mut self, submissions: u32, verifications: u32, record: &WorkRecord) {
		self.submissions = self.submissions.saturating_add(submissions);
		self.verifications = self.verifications.saturating_add(verifications);
		self.points = self.points.saturating_add(record.total());
	}
}

/// The per-run state of a scenario: its random generators.
#[derive(Clone, Debug)]
pub struct Generator {
	scenario: Scenario,
	seed: u64,
	work_rng: SplitMix64,
	demand_rng: SplitMix64,
}

impl Generator {
	/// A generator for `scenario` from `seed`.
	pub fn new(scenario: &Scenario, seed: u64) -> Self {
		let work_seed = mix(seed, scenario.population_salt());
		Self {
			scenario: *scenario,
			seed: work_seed,
			work_rng: SplitMix64::new(work_seed),
			demand_rng: SplitMix64::new(mix(mix(seed, hash_name(scenario.name)), 0x00DE_3A4D)),
		}
	}

	/// Fill `work` with the epoch's points per account, in account order (as the ledger keeps
	/// them), and return what the ledger would observe.
	pub fn epoch(
		&mut self,
		context: &EpochContext,
		work: &mut Vec<(AccountId, WorkRecord)>,
	) -> EpochObservation<Amount> {
		work.clear();
		let mut tally = Tally::default();
		let honest = self.scenario.honest_accounts(context.year_fraction);
		for id in 0..honest {
			self.honest_work(id, &mut tally, work);
		}
		let mut registered = honest;
		if let Population::Whale { accounts, share_percent, .. } = self.scenario.population {
			let accounts = accounts.min(MAX_ACCOUNTS_PER_EPOCH);
			self.whale_work(honest, accounts, share_percent, &mut tally, work);
			registered = registered.saturating_add(accounts);
		}

		let mut pools: Vec<PoolId> = work.iter().filter_map(|(_, record)| record.pool).collect();
		pools.sort_unstable();
		pools.dedup();

		let mut observation = EpochObservation::<Amount>::default();
		observation.activity.improving_submissions = tally.submissions;
		observation.activity.improvements = tally.submissions / 5;
		observation.activity.honest_verifications = tally.verifications;
		observation.activity.total_points = tally.points;
		observation.activity.bounties_paid = self.escrowed(context.schedule_pace);
		observation.active_contributors = u32::try_from(work.len()).unwrap_or(u32::MAX);
		observation.active_pools = u32::try_from(pools.len()).unwrap_or(u32::MAX);
		observation.registered_contributors = registered;
		observation
	}

	/// An independent account's epoch: one to five units of work, or nothing now and then.
	fn honest_work(&mut self, id: u32, tally: &mut Tally, work: &mut Vec<(AccountId, WorkRecord)>) {
		let rng = &mut self.work_rng;
		if rng.chance(IDLE_CHANCE) {
			return;
		}
		let submissions = rng.below(3) as u32;
		let mut verifications = rng.below(4) as u32;
		if submissions == 0 && verifications == 0 {
			verifications = 1;
		}
		// A fixed skill per account, between 0.5 and 1.5: some trainers are simply better.
		let skill = 0.5 + unit_of(mix(self.seed, u64::from(id)));
		let trainer = f64::from(submissions) * SUBMISSION_POINTS * skill * rng.around(1.0, 0.5);
		let record = WorkRecord {
			trainer: trainer.round() as u64,
			verifier: u64::from(verifications).saturating_mul(VERIFICATION_POINTS),
			pool: (id % 3 == 2).then_some(id / (3 * POOL_MEMBERS)),
			..Default::default()
		};
		tally.add(submissions, verifications, &record);
		work.push((AccountId(id), record));
	}

	/// The whale's epoch: `share_percent` of all points (and about as much of the work units),
	/// spread over `accounts` accounts starting at id `first`.
	fn whale_work(
		&mut self,
		first: u32,
		accounts: u32,
		share_percent: u32,
		tally: &mut Tally,
		work: &mut Vec<(AccountId, WorkRecord)>,
	) {
		if accounts == 0 || tally.points == 0 {
			return;
		}
		let share = f64::from(share_percent.min(99)) / 100.0;
		let ratio = share / (1.0 - share);
		let target_points = tally.points as f64 * ratio;
		let units_per_account = f64::from(tally.submissions.saturating_add(tally.verifications))
			* ratio / f64::from(accounts);

		let rng = &mut self.work_rng;
		let raw: Vec<(u32, u32, f64)> = (0..accounts)
			.map(|_| {
				let units = rng.around(units_per_account, 0.3).round().max(1.0) as u32;
				let submissions = units / 2;
				let weight = f64::from(units) * rng.around(1.0, 0.2);
				(submissions, units.saturating_sub(submissions), weight)
			})
			.collect();
		let raw_total: f64 = raw.iter().map(|(_, _, weight)| weight).sum();
		for (offset, (submissions, verifications, weight)) in (0u32..).zip(raw) {
			let points = (target_points * weight / raw_total).round();
			let units = f64::from(submissions.saturating_add(verifications)).max(1.0);
			let trainer = (points * f64::from(submissions) / units).round();
			let record = WorkRecord {
				trainer: trainer as u64,
				verifier: (points - trainer).max(0.0) as u64,
				..Default::default()
			};
			if record.total() == 0 {
				continue;
			}
			tally.add(submissions, verifications, &record);
			work.push((AccountId(first.saturating_add(offset)), record));
		}
	}

	/// PAR paid out of bounties to others than their requesters in the epoch, in base units.
	fn escrowed(&mut self, schedule_pace: Amount) -> Amount {
		let pace = schedule_pace as f64;
		let rng = &mut self.demand_rng;
		match self.scenario.demand {
			Demand::None => 0,
			Demand::Sporadic => {
				if rng.chance(0.25) {
					(pace * rng.around(0.5, 0.9)) as Amount
				} else {
					0
				}
			},
			Demand::Paced => (pace * rng.around(1.0, 0.25)) as Amount,
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn context(year_fraction: f64) -> EpochContext {
		EpochContext { epoch: 0, year_fraction, schedule_pace: 1_000_000 }
	}

	#[test]
	fn names_are_unique_and_found() {
		let all = Scenario::all();
		for scenario in &all {
			assert_eq!(all.iter().filter(|s| s.name == scenario.name).count(), 1);
			assert_eq!(Scenario::by_name(scenario.name), Some(*scenario));
		}
		assert_eq!(Scenario::by_name("nope"), None);
	}

	#[test]
	fn observation_matches_the_work() {
		let scenario = Scenario::by_name("steady-growth").expect("built in");
		let mut generator = Generator::new(&scenario, 7);
		let mut work = Vec::new();
		let observation = generator.epoch(&context(0.5), &mut work);
		assert_eq!(observation.active_contributors as usize, work.len());
		assert!(work.len() > 800 && work.len() <= 1_005);
		assert!(work.iter().all(|(_, record)| record.total() > 0));
		assert!(work.windows(2).all(|pair| matches!(pair, [a, b] if a.0 < b.0)));
		let points: u64 = work.iter().map(|(_, record)| record.total()).sum();
		assert_eq!(observation.activity.total_points, points);
		assert!(observation.active_pools > 0);
	}

	#[test]
	fn the_whale_earns_its_share_of_points() {
		for name in ["whale-sybil", "whale-single"] {
			let scenario = Scenario::by_name(name).expect("built in");
			let group = scenario.group().expect("has a whale");
			let mut generator = Generator::new(&scenario, 7);
			let mut work = Vec::new();
			generator.epoch(&context(0.0), &mut work);
			let total: u64 = work.iter().map(|(_, record)| record.total()).sum();
			let whale: u64 = work
				.iter()
				.filter(|(who, _)| group.contains(who.0))
				.map(|(_, record)| record.total())
				.sum();
			let share = whale as f64 / total as f64;
			assert!((share - 0.4).abs() < 0.001, "{name}: {share}");
		}
	}

	#[test]
	fn the_surge_arrives_at_once() {
		let scenario = Scenario::by_name("sudden-surge").expect("built in");
		assert_eq!(scenario.honest_accounts(0.399), 50);
		assert_eq!(scenario.honest_accounts(0.4), 1_050);
		assert_eq!(scenario.universe(), 1_050);
	}

	#[test]
	fn demand_follows_the_scenario() {
		let mut work = Vec::new();
		let no = Scenario::by_name("no-demand").expect("built in");
		let paid = Scenario::by_name("paid-demand").expect("built in");
		let (mut a, mut b) = (Generator::new(&no, 7), Generator::new(&paid, 7));
		for _ in 0..100 {
			let without = a.epoch(&context(0.1), &mut work);
			let with = b.epoch(&context(0.1), &mut work);
			assert_eq!(without.activity.bounties_paid, 0);
			assert!(with.activity.bounties_paid >= 750_000);
			assert_eq!(without.activity.improving_submissions, with.activity.improving_submissions);
		}
	}
}
