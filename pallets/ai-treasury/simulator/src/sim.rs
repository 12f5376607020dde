//! The simulation loop: the pallet's settlement of one epoch (see `settlement.rs`), repeated
//! over simulated years with the controller's own code.

use crate::{
	chain,
	scenario::{AccountGroup, AccountId, EpochContext, Generator, Scenario},
	stats, SimError,
};
use pallet_ai_treasury::{
	controller::{
		self, Amount, Bound, BuiltInPolicy, ControllerParams, ControllerState, EmissionPolicy,
		PolicyInput, YearBudget,
	},
	distribution::{self, Caps},
	EpochIndex, WorkRecord,
};
use std::time::{Duration, Instant};

/// What to simulate: the chain's numbers and the controller's parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SimConfig {
	/// Epochs in a year (`BlocksPerYear / EpochLength`).
	pub epochs_per_year: u32,
	/// Years to simulate.
	pub years: u32,
	/// What the first year may emit, in base units (`FirstYearBudget`).
	pub first_year_budget: Amount,
	/// The supply cap, in base units (`InitialSupplyCap`; never raised in the simulation).
	pub supply_cap: Amount,
	/// Issuance at genesis, in base units (counted against the cap, not emitted).
	pub initial_issuance: Amount,
	/// The currency's existential deposit: a payout below it to an account holding nothing is
	/// refused and stays unissued, as in the pallet's minting.
	pub existential_deposit: Amount,
	/// The controller's parameters.
	pub params: ControllerParams,
	/// Seed of the simulated work and demand.
	pub seed: u64,
	/// Epochs aggregated into one point of the time series (a day on the real chain).
	pub epochs_per_sample: u32,
	/// Seconds in an epoch, to put the time series in days.
	pub epoch_seconds: u32,
}

impl SimConfig {
	/// The real chain's numbers: 2-second blocks, 300-block epochs, a 365.25-day year, a first
	/// year budget of 1,000,000,000 PAR under a cap of 8,000,000,000 PAR, default parameters.
	pub fn chain(years: u32, seed: u64) -> Self {
		Self {
			epochs_per_year: chain::EPOCHS_PER_YEAR,
			years,
			first_year_budget: chain::FIRST_YEAR_BUDGET,
			supply_cap: chain::SUPPLY_CAP,
			initial_issuance: 0,
			existential_deposit: chain::EXISTENTIAL_DEPOSIT,
			params: ControllerParams::default(),
			seed,
			epochs_per_sample: chain::EPOCHS_PER_DAY,
			epoch_seconds: chain::EPOCH_SECONDS,
		}
	}

	/// Refuse settings the simulation cannot run.
	pub fn validate(&self) -> Result<(), SimError> {
		if self.epochs_per_year == 0 || self.epochs_per_sample == 0 || self.epoch_seconds == 0 {
			return Err(SimError::InvalidConfig(
				"epochs per year, per sample and seconds per epoch must be above zero",
			));
		}
		if self.years == 0 {
			return Err(SimError::InvalidConfig("simulate at least one year"));
		}
		if self.total_epochs().is_none() {
			return Err(SimError::InvalidConfig(
				"too many epochs: years × epochs per year must fit in an epoch index",
			));
		}
		self.params.validate().map_err(|invalid| SimError::InvalidParams(format!("{invalid:?}")))
	}

	/// Epochs in the whole run; `None` if they do not fit in an epoch index.
	pub fn total_epochs(&self) -> Option<EpochIndex> {
		self.epochs_per_year.checked_mul(self.years)
	}

	/// Days since genesis at the end of `epochs` epochs.
	pub fn days(&self, epochs: EpochIndex) -> f64 {
		f64::from(epochs) * f64::from(self.epoch_seconds) / 86_400.0
	}

	/// The even schedule's cumulative emission after `epochs` epochs: every earlier year's full
	/// budget, plus the current year's budget spread evenly over its epochs.
	pub fn schedule_total(&self, epochs: EpochIndex) -> Amount {
		let per_year = self.epochs_per_year.max(1);
		let whole_years = epochs.checked_div(per_year).unwrap_or(0);
		let in_year = epochs.checked_rem(per_year).unwrap_or(0);
		let mut year = YearBudget { year: 0, budget: self.first_year_budget, emitted: 0 };
		let mut total: Amount = 0;
		for _ in 0..whole_years {
			total = total.saturating_add(year.budget);
			let cap_room =
				self.supply_cap.saturating_sub(self.initial_issuance.saturating_add(total));
			year = year.next(&self.params, cap_room);
		}
		let partial =
			controller::share_of(year.budget, Amount::from(in_year), Amount::from(per_year));
		total.saturating_add(partial)
	}
}

/// How many epochs each bound shaped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BoundCounts {
	/// The proposal stood.
	pub none: u32,
	/// No work, no emission.
	pub no_work: u32,
	/// Held to the largest rise.
	pub step_up: u32,
	/// Held to the largest fall.
	pub step_down: u32,
	/// Raised to the floor.
	pub floor: u32,
	/// Lowered to the ceiling.
	pub ceiling: u32,
	/// Lowered to the year's remaining budget.
	pub year_budget: u32,
	/// Lowered to the room under the supply cap.
	pub supply_cap: u32,
}

impl BoundCounts {
	/// Every bound, in report order.
	pub const ALL: [Bound; 8] = [
		Bound::None,
		Bound::NoWork,
		Bound::StepUp,
		Bound::StepDown,
		Bound::Floor,
		Bound::Ceiling,
		Bound::YearBudget,
		Bound::SupplyCap,
	];

	/// Count one epoch shaped by `bound`.
	pub fn record(&mut self, bound: Bound) {
		let count = self.slot(bound);
		*count = count.saturating_add(1);
	}

	/// Epochs shaped by `bound`.
	pub fn get(&self, bound: Bound) -> u32 {
		let mut copy = *self;
		*copy.slot(bound)
	}

	/// The bound's name as the pallet spells it.
	pub fn name(bound: Bound) -> &'static str {
		match bound {
			Bound::None => "None",
			Bound::NoWork => "NoWork",
			Bound::StepUp => "StepUp",
			Bound::StepDown => "StepDown",
			Bound::Floor => "Floor",
			Bound::Ceiling => "Ceiling",
			Bound::YearBudget => "YearBudget",
			Bound::SupplyCap => "SupplyCap",
		}
	}

	fn slot(&mut self, bound: Bound) -> &mut u32 {
		match bound {
			Bound::None => &mut self.none,
			Bound::NoWork => &mut self.no_work,
			Bound::StepUp => &mut self.step_up,
			Bound::StepDown => &mut self.step_down,
			Bound::Floor => &mut self.floor,
			Bound::Ceiling => &mut self.ceiling,
			Bound::YearBudget => &mut self.year_budget,
			Bound::SupplyCap => &mut self.supply_cap,
		}
	}
}

/// One point of the time series: a window of `SimConfig::epochs_per_sample` epochs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
	/// Epochs settled so far (the window's end).
	pub epochs: EpochIndex,
	/// Days since genesis at the window's end.
	pub days: f64,
	/// Everything minted so far, in base units.
	pub emitted_total: Amount,
	/// The even schedule's cumulative emission at the window's end.
	pub schedule_total: Amount,
	/// Minted in the window.
	pub paid: Amount,
	/// The best-paid account's share of the window's payouts.
	pub top_share: Option<f64>,
	/// Gini coefficient of the window's payouts among the accounts that earned points in it.
	pub gini: Option<f64>,
	/// The scenario's account group's share of the window's payouts.
	pub group_share: Option<f64>,
	/// The controller's rate at the window's end.
	pub rate: Amount,
	/// The year's schedule pace at the window's end.
	pub schedule_pace: Amount,
}

/// Everything a run produced.
#[derive(Clone, Debug, PartialEq)]
pub struct SimResult {
	/// The scenario's name.
	pub scenario: &'static str,
	/// Epochs simulated.
	pub epochs: EpochIndex,
	/// Every year's budget and what it emitted, in order.
	pub years: Vec<YearBudget>,
	/// Everything minted, in base units.
	pub emitted: Amount,
	/// Epochs whose decision emitted something.
	pub epochs_with_emission: u32,
	/// Epochs in which something was minted.
	pub epochs_paid: u32,
	/// Epochs settled while the network was young.
	pub young_epochs: u32,
	/// The first epoch settled as a mature network, if any.
	pub youth_ended: Option<EpochIndex>,
	/// How many epochs each bound shaped.
	pub bounds: BoundCounts,
	/// Held back by the young-network caps (unissued).
	pub withheld_by_caps: Amount,
	/// Rounding dust (unissued).
	pub undistributed: Amount,
	/// Payouts the currency would refuse (below the existential deposit), and their total.
	pub skipped: (u32, Amount),
	/// Lowest and highest rate as a multiple of the year's schedule pace.
	pub rate_range: (f64, f64),
	/// Most accounts earning points in one epoch.
	pub max_active: u32,
	/// What each account earned over the run, by account id.
	pub rewards: Vec<Amount>,
	/// Whether each account ever earned points.
	pub worked: Vec<bool>,
	/// The scenario's account group (the whale's accounts), if any.
	pub group: Option<AccountGroup>,
	/// The time series.
	pub samples: Vec<Sample>,
	/// Wall time of the run.
	pub run_time: Duration,
}

impl SimResult {
	/// The sum of every year's budget.
	pub fn budget(&self) -> Amount {
		self.years.iter().fold(0, |sum, year| sum.saturating_add(year.budget))
	}

	/// Gini coefficient of the run's rewards among the accounts that ever earned points.
	pub fn gini(&self) -> Option<f64> {
		let rewards: Vec<Amount> = self
			.rewards
			.iter()
			.zip(&self.worked)
			.filter(|(_, worked)| **worked)
			.map(|(reward, _)| *reward)
			.collect();
		stats::gini(&rewards)
	}

	/// The best-paid account's share of the run's rewards.
	pub fn top_share(&self) -> Option<f64> {
		stats::top_share(&self.rewards, self.emitted)
	}

	/// The account group's share of the run's rewards.
	pub fn group_share(&self) -> Option<f64> {
		let group = self.group?;
		let sum = (0u32..)
			.zip(&self.rewards)
			.filter(|(id, _)| group.contains(*id))
			.fold(0u128, |sum, (_, reward)| sum.saturating_add(*reward));
		stats::share(sum, self.emitted)
	}

	/// Accounts that ever earned points.
	pub fn accounts(&self) -> usize {
		self.worked.iter().filter(|worked| **worked).count()
	}
}

/// Rewards of the current sample window.
struct Window {
	rewards: Vec<Amount>,
	touched: Vec<u32>,
	stamp: Vec<bool>,
	paid: Amount,
}

impl Window {
	fn new(accounts: usize) -> Self {
		Self {
			rewards: vec![0; accounts],
			touched: Vec::new(),
			stamp: vec![false; accounts],
			paid: 0,
		}
	}

	fn worked(&mut self, who: AccountId) {
		if let Some(stamp) = self.stamp.get_mut(who.0 as usize) {
			if !*stamp {
				*stamp = true;
				self.touched.push(who.0);
			}
		}
	}

	fn paid(&mut self, who: AccountId, amount: Amount) {
		if let Some(reward) = self.rewards.get_mut(who.0 as usize) {
			*reward = reward.saturating_add(amount);
		}
		self.paid = self.paid.saturating_add(amount);
	}

	/// The window's concentration, then start a new window.
	fn close(&mut self, group: Option<AccountGroup>) -> (Option<f64>, Option<f64>, Option<f64>) {
		let mut rewards = Vec::with_capacity(self.touched.len());
		let mut group_sum: Amount = 0;
		for id in self.touched.drain(..) {
			let index = id as usize;
			let reward = self.rewards.get_mut(index).map(core::mem::take).unwrap_or(0);
			if let Some(stamp) = self.stamp.get_mut(index) {
				*stamp = false;
			}
			if group.is_some_and(|group| group.contains(id)) {
				group_sum = group_sum.saturating_add(reward);
			}
			rewards.push(reward);
		}
		let paid = core::mem::take(&mut self.paid);
		let group_share = group.and_then(|_| stats::share(group_sum, paid));
		(stats::top_share(&rewards, paid), stats::gini(&rewards), group_share)
	}
}

/// Run `scenario` under `config`, settling every epoch exactly as the pallet does:
/// roll the year forward when the epoch enters a new one, let [`BuiltInPolicy`] propose, hold
/// the proposal to [`controller::bound_proposal`] with the room under the supply cap, move the
/// controller's state with [`controller::next_state`], apply the young-network caps when
/// [`controller::is_young`], split with [`distribution::distribute`], and count what is minted
/// against the year's budget.
///
/// Genesis is the pallet's: the rate starts at the schedule pace and the work average at 0.
pub fn simulate(config: &SimConfig, scenario: &Scenario) -> SimResult {
	let started = Instant::now();
	let params = &config.params;
	let epochs_per_year = config.epochs_per_year.max(1);
	let epochs = config.total_epochs().unwrap_or(EpochIndex::MAX);
	let epochs_per_sample = config.epochs_per_sample.max(1);
	let accounts = scenario.universe() as usize;
	let group = scenario.group();

	let mut year = YearBudget { year: 0, budget: config.first_year_budget, emitted: 0 };
	let mut state = ControllerState {
		rate: year.schedule_pace(epochs_per_year),
		work_average: Default::default(),
	};
	let mut issuance = config.initial_issuance;
	let mut emitted: Amount = 0;
	let mut generator = Generator::new(scenario, config.seed);
	let mut work: Vec<(AccountId, WorkRecord)> = Vec::with_capacity(accounts);
	let mut window = Window::new(accounts);

	let mut result = SimResult {
		scenario: scenario.name,
		epochs,
		years: Vec::new(),
		emitted: 0,
		epochs_with_emission: 0,
		epochs_paid: 0,
		young_epochs: 0,
		youth_ended: None,
		bounds: BoundCounts::default(),
		withheld_by_caps: 0,
		undistributed: 0,
		skipped: (0, 0),
		rate_range: (f64::INFINITY, 0.0),
		max_active: 0,
		rewards: vec![0; accounts],
		worked: vec![false; accounts],
		group,
		samples: Vec::new(),
		run_time: Duration::ZERO,
	};

	for epoch in 0..epochs {
		// `enter_year`: roll budgets forward through the years that passed.
		let year_index = epoch.checked_div(epochs_per_year).unwrap_or(0);
		while year.year < year_index {
			result.years.push(year);
			year = year.next(params, config.supply_cap.saturating_sub(issuance));
		}

		let context = EpochContext {
			epoch,
			year_fraction: f64::from(epoch) / f64::from(epochs_per_year),
			schedule_pace: year.schedule_pace(epochs_per_year),
		};
		let observation = generator.epoch(&context, &mut work);
		let work_units = controller::work_units(&observation);
		let input = PolicyInput {
			epoch,
			epochs_per_year,
			epoch_in_year: epoch.checked_rem(epochs_per_year).unwrap_or(0),
			observation: &observation,
			work_units,
			state: &state,
			year: &year,
			params,
		};
		let proposal = BuiltInPolicy::propose(&input).unwrap_or(state.rate);

		let cap_room = config.supply_cap.saturating_sub(issuance);
		let decision = controller::bound_proposal(proposal, &input, cap_room);
		state = controller::next_state(&state, work_units, &decision, params);

		let young = controller::is_young(
			&params.young,
			observation.active_contributors,
			emitted,
			config.first_year_budget,
		);
		let caps = young.then(|| Caps::young(&params.young, decision.emission));
		let split = distribution::distribute(decision.emission, &work, &params.weights, caps);

		// `mint_batch` / `mint_reward`: a payout the currency refuses, or one that would break
		// the cap, stays unissued and is taken back from the year's count.
		let mut paid: Amount = 0;
		for (who, amount) in &split.payouts {
			let index = who.0 as usize;
			let balance = result.rewards.get(index).copied().unwrap_or(0);
			let within_cap = issuance.saturating_add(*amount) <= config.supply_cap;
			if !within_cap || (balance == 0 && *amount < config.existential_deposit) {
				result.skipped.0 = result.skipped.0.saturating_add(1);
				result.skipped.1 = result.skipped.1.saturating_add(*amount);
				continue;
			}
			issuance = issuance.saturating_add(*amount);
			emitted = emitted.saturating_add(*amount);
			paid = paid.saturating_add(*amount);
			if let Some(reward) = result.rewards.get_mut(index) {
				*reward = reward.saturating_add(*amount);
			}
			window.paid(*who, *amount);
		}
		year.emitted = year.emitted.saturating_add(paid);

		// Bookkeeping for the report.
		for (who, _) in &work {
			if let Some(worked) = result.worked.get_mut(who.0 as usize) {
				*worked = true;
			}
			window.worked(*who);
		}
		result.bounds.record(decision.bound);
		if decision.emission > 0 {
			result.epochs_with_emission = result.epochs_with_emission.saturating_add(1);
		}
		if paid > 0 {
			result.epochs_paid = result.epochs_paid.saturating_add(1);
		}
		if young {
			result.young_epochs = result.young_epochs.saturating_add(1);
		} else if result.youth_ended.is_none() {
			result.youth_ended = Some(epoch);
		}
		result.withheld_by_caps = result.withheld_by_caps.saturating_add(split.withheld_by_caps);
		result.undistributed = result.undistributed.saturating_add(split.undistributed);
		result.max_active = result.max_active.max(observation.active_contributors);
		if work_units > 0 && decision.schedule_pace > 0 {
			let rate = decision.rate as f64 / decision.schedule_pace as f64;
			result.rate_range = (result.rate_range.0.min(rate), result.rate_range.1.max(rate));
		}

		let settled = epoch.saturating_add(1);
		if settled.checked_rem(epochs_per_sample) == Some(0) || settled == epochs {
			let (top_share, gini, group_share) = window.close(group);
			result.samples.push(Sample {
				epochs: settled,
				days: config.days(settled),
				emitted_total: emitted,
				schedule_total: config.schedule_total(settled),
				paid: window_paid(&result.samples, emitted),
				top_share,
				gini,
				group_share,
				rate: state.rate,
				schedule_pace: decision.schedule_pace,
			});
		}
	}
	result.years.push(year);
	if result.rate_range.0 > result.rate_range.1 {
		result.rate_range = (0.0, 0.0);
	}
	result.emitted = emitted;
	result.run_time = started.elapsed();
	result
}

/// Minted since the previous sample.
fn window_paid(samples: &[Sample], emitted: Amount) -> Amount {
	emitted.saturating_sub(samples.last().map_or(0, |sample| sample.emitted_total))
}

#[cfg(test)]
mod tests {
	use super::*;

	/// A tiny year: 500 epochs, sampled every 10.
	fn tiny(years: u32) -> SimConfig {
		SimConfig { epochs_per_year: 500, epochs_per_sample: 10, ..SimConfig::chain(years, 7) }
	}

	fn run(name: &str, config: &SimConfig) -> SimResult {
		simulate(config, &Scenario::by_name(name).expect("a built-in scenario"))
	}

	#[test]
	fn the_chain_numbers() {
		let config = SimConfig::chain(1, 7);
		assert_eq!(config.epochs_per_year, 52_596);
		assert!(config.validate().is_ok());
		assert!((config.days(config.epochs_per_year) - 365.25).abs() < 1e-9);
		assert_eq!(config.schedule_total(config.epochs_per_year), chain::FIRST_YEAR_BUDGET);
		assert_eq!(
			config.schedule_total(2 * config.epochs_per_year),
			chain::FIRST_YEAR_BUDGET / 4 * 7
		);
	}

	#[test]
	fn no_work_emits_nothing() {
		let result = run("no-work", &tiny(1));
		assert_eq!(result.emitted, 0);
		assert_eq!(result.epochs_with_emission, 0);
		assert_eq!(result.bounds.no_work, 500);
		assert_eq!(result.gini(), None);
		assert_eq!(result.top_share(), None);
	}

	#[test]
	fn issuance_never_exceeds_the_year_budget() {
		let config = tiny(2);
		for scenario in Scenario::all() {
			let result = simulate(&config, &scenario);
			assert_eq!(result.years.len(), 2, "{}", scenario.name);
			for year in &result.years {
				assert!(year.emitted <= year.budget, "{}: {year:?}", scenario.name);
			}
			let by_year = result.years.iter().fold(0u128, |sum, year| sum + year.emitted);
			let by_account = result.rewards.iter().sum::<u128>();
			assert_eq!(by_year, result.emitted, "{}", scenario.name);
			assert_eq!(by_account, result.emitted, "{}", scenario.name);
			assert!(result.emitted <= config.supply_cap);
			let last = result.samples.last().expect("sampled");
			assert_eq!((last.epochs, last.emitted_total), (1_000, result.emitted));
			let counted =
				BoundCounts::ALL.iter().map(|bound| result.bounds.get(*bound)).sum::<u32>();
			assert_eq!(counted, 1_000);
		}
	}

	#[test]
	fn a_small_young_network_is_held_by_the_account_cap() {
		// Five accounts never make the network mature: each may take at most 5 % of an epoch.
		let config = tiny(1);
		let result = run("few-contributors", &config);
		assert_eq!(result.young_epochs, 500);
		assert!(result.emitted > 0);
		assert!(result.emitted <= config.first_year_budget / 4, "{}", result.emitted);
		assert!(result.withheld_by_caps > 0);
	}

	#[test]
	fn the_whale_keeps_its_share_whatever_its_accounts() {
		let config = tiny(1);
		let sybil = run("whale-sybil", &config);
		let share = sybil.group_share().expect("paid");
		assert!((share - 0.4).abs() < 0.01, "{share}");
		assert!(sybil.top_share().expect("paid") < 0.05);
		let single = run("whale-single", &config);
		assert!(
			single.group_share().expect("paid") < share,
			"the young cap holds one account only"
		);
	}

	#[test]
	fn runs_are_deterministic() {
		let config = tiny(1);
		let (a, b) = (run("sudden-surge", &config), run("sudden-surge", &config));
		assert_eq!((a.emitted, a.bounds, &a.rewards), (b.emitted, b.bounds, &b.rewards));
		let other = simulate(
			&SimConfig { seed: 8, ..config },
			&Scenario::by_name("sudden-surge").expect("built in"),
		);
		assert_ne!(a.rewards, other.rewards);
	}

	#[test]
	fn bad_configs_are_refused() {
		assert!(SimConfig { years: 0, ..tiny(1) }.validate().is_err());
		assert!(SimConfig { epochs_per_year: 0, ..tiny(1) }.validate().is_err());
		assert!(SimConfig { years: u32::MAX, ..tiny(1) }.validate().is_err());
		let mut config = tiny(1);
		config.params.max_step = Default::default();
		assert!(matches!(config.validate(), Err(SimError::InvalidParams(_))));
	}
}
