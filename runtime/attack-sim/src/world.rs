//! The simulated world: the accounts, what they plan and what has been measured so far.

use crate::{
	agents::{Agent, Role},
	model::Frontier,
	outcome::{
		Bounties, Capture, Judgements, Newcomers, PerSide, Registrations, ReputationSample, Side,
	},
	Scenario, SimConfig,
};
use pallet_ai_treasury::Amount;
use paradigm_runtime::{AccountId, Balance, BlockNumber, Runtime, PAR};
use polkadot_sdk::{frame_support::traits::Get, sp_core::H256};
use std::collections::{BTreeMap, BTreeSet};
use useful_work_primitives::{
	EpochIndex, Metric, MetricValue, RoundIndex, TaskId, TaskKind, TaskSpec,
};

/// The runtime's numbers the simulated contributors play by.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Constants {
	pub(crate) max_contributors: u32,
	pub(crate) max_registrations_per_block: u32,
	pub(crate) max_registrations_per_epoch: u32,
	pub(crate) anchor_window: BlockNumber,
	pub(crate) verification_points: u64,
	pub(crate) max_paid_tasks: u32,
	pub(crate) min_bounty: Balance,
}

impl Constants {
	pub(crate) fn of_runtime() -> Self {
		Self {
			max_contributors: <Runtime as pallet_useful_work::Config>::MaxContributors::get(),
			max_registrations_per_block:
				<Runtime as pallet_useful_work::Config>::MaxRegistrationsPerBlock::get(),
			max_registrations_per_epoch:
				<Runtime as pallet_useful_work::Config>::MaxRegistrationsPerEpoch::get(),
			anchor_window: <Runtime as pallet_useful_work::Config>::RegistrationAnchorWindow::get(),
			verification_points: <Runtime as pallet_useful_work::Config>::VerificationPoints::get(),
			max_paid_tasks: <Runtime as pallet_useful_work::Config>::MaxPaidTasks::get(),
			min_bounty: <Runtime as pallet_useful_work::Config>::MinBounty::get(),
		}
	}
}

/// One submission the simulated contributors planned in a round.
#[derive(Clone, Debug)]
pub(crate) struct PlanEntry {
	pub(crate) agent: usize,
	pub(crate) artifact: H256,
	pub(crate) salt: [u8; 32],
	pub(crate) truth: MetricValue,
	pub(crate) commit_at: BlockNumber,
	pub(crate) junk: bool,
	pub(crate) committed: bool,
	pub(crate) revealed: bool,
}

/// What the simulated contributors do in the current round of one task.
#[derive(Clone, Debug)]
pub(crate) struct RoundPlan {
	pub(crate) round: RoundIndex,
	pub(crate) entries: Vec<PlanEntry>,
}

/// A submission as verified: its true value and what our verifiers reported.
#[derive(Clone, Debug)]
pub(crate) struct SubmissionRecord {
	pub(crate) trainer_side: Side,
	pub(crate) artifact: H256,
	pub(crate) truth: MetricValue,
	pub(crate) reports: Vec<(usize, MetricValue)>,
}

/// A round in its verify phase, kept until it is finalized.
#[derive(Clone, Debug)]
pub(crate) struct RoundBook {
	pub(crate) network: bool,
	pub(crate) kind: TaskKind,
	pub(crate) metric: Metric,
	pub(crate) baseline: MetricValue,
	pub(crate) min_improvement: MetricValue,
	pub(crate) tolerance: MetricValue,
	pub(crate) reward_weight: u32,
	pub(crate) submissions: BTreeMap<u32, SubmissionRecord>,
}

impl RoundBook {
	pub(crate) fn new(spec: &TaskSpec, network: bool) -> Self {
		Self {
			network,
			kind: spec.kind,
			metric: spec.metric,
			baseline: spec.baseline,
			min_improvement: spec.min_improvement,
			tolerance: spec.tolerance,
			reward_weight: spec.reward_weight,
			submissions: BTreeMap::new(),
		}
	}
}

/// A newcomer trying to join.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Arrival {
	pub(crate) agent: usize,
	pub(crate) arrive: BlockNumber,
	pub(crate) give_up: BlockNumber,
	pub(crate) last_error: Option<&'static str>,
}

/// What one counted epoch minted and was worth.
#[derive(Clone, Debug, Default)]
pub(crate) struct EpochTally {
	pub(crate) minted: PerSide<Amount>,
	pub(crate) work: PerSide<u128>,
	pub(crate) points: PerSide<u128>,
	pub(crate) settled: bool,
	pub(crate) completed: bool,
	pub(crate) paid: Amount,
	pub(crate) emission: Amount,
	pub(crate) withheld: Amount,
	pub(crate) demand: Amount,
}

/// Everything measured so far.
#[derive(Debug, Default)]
pub(crate) struct Tally {
	pub(crate) epochs: BTreeMap<EpochIndex, EpochTally>,
	/// Everything the treasury minted to each simulated account, counted epochs or not.
	pub(crate) minted_by_agent: BTreeMap<usize, Amount>,
	pub(crate) registrations: PerSide<Registrations>,
	pub(crate) refusals: BTreeMap<(Side, &'static str, &'static str), u64>,
	pub(crate) verifier_slots: PerSide<u64>,
	pub(crate) judgements: PerSide<Judgements>,
	pub(crate) claims_rejected: PerSide<u64>,
	pub(crate) champions: PerSide<u64>,
	pub(crate) captures: Vec<Capture>,
	pub(crate) tasks_recreated: u32,
	pub(crate) junk_submissions: u64,
	pub(crate) reputation: Vec<ReputationSample>,
	pub(crate) evicted: PerSide<u64>,
	pub(crate) pruned: PerSide<u64>,
	pub(crate) newcomers: Newcomers,
	pub(crate) bounties: Bounties,
	pub(crate) invariant_checks: u32,
	pub(crate) invariant_failure: Option<String>,
}

impl Tally {
	pub(crate) fn epoch(&mut self, epoch: EpochIndex) -> &mut EpochTally {
		self.epochs.entry(epoch).or_default()
	}

	pub(crate) fn refuse(&mut self, side: Side, call: &'static str, error: &'static str) {
		let count = self.refusals.entry((side, call, error)).or_default();
		*count = count.saturating_add(1);
	}
}

/// The simulated world.
pub(crate) struct World {
	pub(crate) config: SimConfig,
	pub(crate) scenario: Scenario,
	pub(crate) constants: Constants,
	pub(crate) frontier: Frontier,
	pub(crate) agents: Vec<Agent>,
	pub(crate) by_account: BTreeMap<AccountId, usize>,
	/// Accounts created per role, for the next one's key index.
	pub(crate) created: BTreeMap<Role, u32>,
	pub(crate) plans: BTreeMap<TaskId, RoundPlan>,
	pub(crate) books: BTreeMap<(TaskId, RoundIndex), RoundBook>,
	/// True value of every committed artifact of a live round: (task, artifact) -> value.
	pub(crate) truths: BTreeMap<(TaskId, H256), MetricValue>,
	/// True value of each task's champion (the baseline until one is crowned).
	pub(crate) champion_truth: BTreeMap<TaskId, MetricValue>,
	pub(crate) arrivals: Vec<Arrival>,
	/// Admitted newcomers still registered.
	pub(crate) residents: Vec<usize>,
	/// Captured tasks governance will recreate: (due epoch, task).
	pub(crate) recreations: Vec<(EpochIndex, TaskId)>,
	pub(crate) recreating: BTreeSet<TaskId>,
	/// The attacker's registrations in the current epoch: (epoch, count).
	pub(crate) attacker_registrations: (EpochIndex, u32),
	/// Round-robin position among the attacker's accounts (junk and workers).
	pub(crate) cursor: usize,
	pub(crate) requester: Option<usize>,
	pub(crate) tally: Tally,
}

impl World {
	/// The populations of `scenario`, before genesis.
	pub(crate) fn new(config: SimConfig, scenario: Scenario) -> Self {
		let frontier = Frontier { learning_epochs: config.learning_epochs };
		let mut world = Self {
			constants: Constants::of_runtime(),
			frontier,
			agents: Vec::new(),
			by_account: BTreeMap::new(),
			created: BTreeMap::new(),
			plans: BTreeMap::new(),
			books: BTreeMap::new(),
			truths: BTreeMap::new(),
			champion_truth: BTreeMap::new(),
			arrivals: Vec::new(),
			residents: Vec::new(),
			recreations: Vec::new(),
			recreating: BTreeSet::new(),
			attacker_registrations: (0, 0),
			cursor: 0,
			requester: None,
			tally: Tally::default(),
			config,
			scenario,
		};
		for _ in 0..world.config.honest {
			world.add_agent(Role::Honest);
		}
		match scenario {
			Scenario::Baseline | Scenario::RegistryFlood => {},
			Scenario::SybilFarm => {
				for _ in 0..world.config.sybils {
					world.add_agent(Role::Sybil);
				}
			},
			Scenario::VerifierCartel => {
				for _ in 0..world.config.cartel_size() {
					world.add_agent(Role::Cartel);
				}
			},
			Scenario::SelfDealingRequester => {
				world.requester = Some(world.add_agent(Role::Requester));
				for _ in 0..world.config.requester_workers {
					world.add_agent(Role::RequesterWorker);
				}
			},
		}
		world
	}

	/// A new account of `role`; returns its index.
	pub(crate) fn add_agent(&mut self, role: Role) -> usize {
		let index = self.created.entry(role).or_default();
		let agent = Agent::new(role, *index, self.config.seed);
		*index = index.saturating_add(1);
		let position = self.agents.len();
		self.by_account.insert(agent.account.clone(), position);
		self.agents.push(agent);
		position
	}

	/// Accounts endowed at genesis: the requester's funds.
	pub(crate) fn endowments(&self) -> Vec<(AccountId, Balance)> {
		self.requester
			.and_then(|requester| self.agents.get(requester))
			.map(|agent| {
				(agent.account.clone(), self.config.requester_funds_par.saturating_mul(PAR))
			})
			.into_iter()
			.collect()
	}

	pub(crate) fn agent_of(&self, who: &AccountId) -> Option<usize> {
		self.by_account.get(who).copied()
	}

	/// The side of `who`; an account the simulation does not know counts as honest.
	pub(crate) fn side_of(&self, who: &AccountId) -> Side {
		self.agent_of(who)
			.and_then(|index| self.agents.get(index))
			.map_or(Side::Honest, Agent::side)
	}

	pub(crate) fn side_of_agent(&self, agent: usize) -> Side {
		self.agents.get(agent).map_or(Side::Honest, Agent::side)
	}

	/// Epochs elapsed at block `n`, fractional.
	pub(crate) fn elapsed_epochs(&self, n: BlockNumber) -> f64 {
		f64::from(n) / f64::from(self.config.epoch_blocks.max(1))
	}

	/// Whether the cartel lies in `epoch`.
	pub(crate) fn cartel_lies(&self, epoch: EpochIndex) -> bool {
		self.scenario == Scenario::VerifierCartel && epoch >= self.config.cartel_sleep
	}
}
