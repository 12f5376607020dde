//! The driver: genesis, one block at a time, and the figures at the end.
//!
//! In every block, after the pallets' hooks ran: the block's registrations (the attacker's
//! first), governance, the requester's new tasks, every task's commits, reveals and reports,
//! newcomers leaving, and finally the block's events are read (payouts, points, judgements,
//! champions) and every finalized round's honest-equivalent work is credited.

use crate::{
	chain,
	outcome::{Bounties, Outcome, PerSide},
	world::{EpochTally, World},
	Scenario, Side, SimConfig, SimError,
};
use pallet_ai_treasury::Amount;
use paradigm_runtime::{Balances, BlockNumber, Runtime, UsefulWork, PAR};
use std::time::{Duration, Instant};
use useful_work_primitives::EpochIndex;

/// Epochs between two commits of the in-memory state to its trie backend: the overlay of
/// changes would otherwise keep every key ever removed and slow down iteration.
const COMMIT_EVERY_EPOCHS: u32 = 64;

/// Epochs between two runs of the pallets' invariant checks (`do_try_state`).
const INVARIANT_EVERY_EPOCHS: u32 = 4;

/// Simulate `scenario` with `config` against the real runtime. `progress` is told the last
/// block produced and the last block of the run, now and then.
pub fn simulate(
	config: &SimConfig,
	scenario: Scenario,
	progress: &mut dyn FnMut(BlockNumber, BlockNumber),
) -> Result<Outcome, SimError> {
	config.validate()?;
	let started = Instant::now();
	let mut world = World::new(config.clone(), scenario);
	let tasks = paradigm_runtime::genesis_config_presets::reference_tasks();
	let mut ext = chain::genesis(tasks, config.epoch_blocks, world.endowments())?;
	let last = config.last_block();
	let stride = config.epoch_blocks.saturating_mul(COMMIT_EVERY_EPOCHS).max(1);
	let mut next: BlockNumber = 1;
	while next <= last {
		let until = next.saturating_add(stride).min(last.saturating_add(1));
		ext.execute_with(|| {
			for n in next..until {
				world.step(n);
			}
		});
		ext.commit_all().map_err(SimError::Commit)?;
		progress(until.saturating_sub(1), last);
		next = until;
	}
	Ok(ext.execute_with(|| world.finish(started.elapsed())))
}

impl World {
	/// Block `n`: the pallets' hooks, then everyone's calls, then the events.
	pub(crate) fn step(&mut self, n: BlockNumber) {
		chain::advance_to(n);
		let epoch = UsefulWork::current_epoch();
		let first_of_epoch = n == 1 || n % self.config.epoch_blocks.max(1) == 0;
		if first_of_epoch {
			self.schedule_arrivals(epoch);
			if self.samples_reputation_at(epoch) {
				self.sample_reputation(epoch);
			}
			if epoch % INVARIANT_EVERY_EPOCHS == 0 {
				self.check_invariants(epoch);
			}
		}
		self.register(n, epoch);
		self.govern(epoch);
		self.request(n, epoch);
		self.work(n, epoch);
		self.depart(epoch);
		self.observe(epoch);
	}

	/// The figures of the run. Only epochs before `config.epochs` that the treasury settled and
	/// finished paying count.
	pub(crate) fn finish(&mut self, run_time: Duration) -> Outcome {
		if matches!(self.scenario, Scenario::VerifierCartel | Scenario::SybilFarm) {
			self.sample_reputation(UsefulWork::current_epoch());
		}
		self.check_invariants(UsefulWork::current_epoch());

		let mut minted = PerSide::<Amount>::default();
		let mut fair = PerSide::<f64>::default();
		let mut work = PerSide::<u128>::default();
		let mut points = PerSide::<u128>::default();
		let (mut emission, mut withheld, mut demand) = (0u128, 0u128, 0u128);
		let (mut counted, mut with_emission) = (0u32, 0u32);
		let horizon: EpochIndex = self.config.epochs;
		for tally in self.tally.epochs.range(..horizon).map(|(_, tally)| tally) {
			if !tally.settled || !tally.completed {
				continue;
			}
			counted = counted.saturating_add(1);
			if tally.minted.total() > 0 {
				with_emission = with_emission.saturating_add(1);
			}
			emission = emission.saturating_add(tally.emission);
			withheld = withheld.saturating_add(tally.withheld);
			demand = demand.saturating_add(tally.demand);
			for side in Side::BOTH {
				add(minted.get_mut(side), *tally.minted.get(side));
				add(work.get_mut(side), *tally.work.get(side));
				add(points.get_mut(side), *tally.points.get(side));
				*fair.get_mut(side) += fair_share(tally, side);
			}
		}

		let mut accounts = PerSide::<u32>::default();
		for agent in self.agents.iter().filter(|agent| agent.ever_registered) {
			let count = accounts.get_mut(agent.side());
			*count = count.saturating_add(1);
		}
		if self.requester.is_some() {
			accounts.attacker = accounts.attacker.saturating_add(1);
		}
		let mut registered_at_end = PerSide::<u32>::default();
		for (who, _) in pallet_useful_work::Contributors::<Runtime>::iter() {
			let count = registered_at_end.get_mut(self.side_of(&who));
			*count = count.saturating_add(1);
		}

		let mut newcomers = std::mem::take(&mut self.tally.newcomers);
		newcomers.waiting = u32::try_from(self.arrivals.len()).unwrap_or(u32::MAX);
		let mut bounties = std::mem::take(&mut self.tally.bounties);
		bounties.demand_counted = demand;
		self.bounty_balances(&mut bounties);

		let tally = std::mem::take(&mut self.tally);
		Outcome {
			scenario: self.scenario,
			epochs: counted,
			blocks: self.config.last_block(),
			accounts,
			registered_at_end,
			minted,
			fair,
			work,
			points,
			emission_decided: emission,
			withheld_by_caps: withheld,
			epochs_with_emission: with_emission,
			registrations: tally.registrations,
			refusals: tally.refusals,
			verifier_slots: tally.verifier_slots,
			judgements: tally.judgements,
			claims_rejected: tally.claims_rejected,
			champions: tally.champions,
			captures: tally.captures,
			tasks_recreated: tally.tasks_recreated,
			junk_submissions: tally.junk_submissions,
			reputation: tally.reputation,
			evicted: tally.evicted,
			pruned: tally.pruned,
			newcomers,
			bounties,
			invariant_checks: tally.invariant_checks,
			invariant_failure: tally.invariant_failure,
			run_time,
		}
	}

	/// Where bounty PAR went, from balances: whatever an account holds beyond what the
	/// treasury minted to it (and, for the requester, its endowment) came from bounties.
	fn bounty_balances(&self, bounties: &mut Bounties) {
		use crate::agents::Role;
		for (index, agent) in self.agents.iter().enumerate() {
			let balance: Amount = Balances::free_balance(&agent.account);
			let minted = self.tally.minted_by_agent.get(&index).copied().unwrap_or(0);
			let from_bounties = balance.saturating_sub(minted);
			match agent.role {
				Role::Requester => {
					let endowment = self.config.requester_funds_par.saturating_mul(PAR);
					bounties.requester_spent = endowment.saturating_sub(balance);
				},
				Role::RequesterWorker => add(&mut bounties.own_accounts_received, from_bounties),
				Role::Honest | Role::Newcomer => add(&mut bounties.honest_received, from_bounties),
				Role::Sybil | Role::Cartel | Role::Flooder => {},
			}
		}
	}
}

/// What `side`'s honest-equivalent work earns of the emission the treasury decided for one
/// epoch: its proportional share, as in a grown network without young-network caps.
fn fair_share(tally: &EpochTally, side: Side) -> f64 {
	let work = tally.work.total();
	if work == 0 {
		return 0.0;
	}
	tally.emission as f64 * (*tally.work.get(side) as f64 / work as f64)
}

fn add(total: &mut u128, amount: u128) {
	*total = total.saturating_add(amount);
}
