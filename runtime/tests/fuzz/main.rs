//! The runtime fuzzer: seeded random sequences of extrinsics of every kind (signed, unsigned,
//! feeless, root through sudo, batches, random calls and undecodable garbage) from 24 accounts
//! over many blocks and useful-work epochs, with the pallets' invariants checked after every
//! block and the money rules checked after every extrinsic.
//!
//! How a run works (`docs/benchmarks.md`, "Runtime fuzzer"):
//! - The chain starts from the runtime's `development` preset (Alice validates and holds sudo,
//!   the twelve dev accounts hold 1,000,000 PAR each), with 10-block useful-work epochs and the
//!   reference tasks on short rounds. Twelve more accounts (`//fuzz/0..11`) start with nothing.
//! - Each block, honest contributors do their work (register, commit, reveal, verify; some are
//!   sloppy or lie), then a few random actions run, many of them invalid on purpose: bad
//!   registrations, wrong phases and hashes, out-of-bounds task specs, overdrawn transfers,
//!   stale and future nonces, invalid treasury parameters, random calls, mutated extrinsics.
//! - Every extrinsic is validated as the transaction pool does. One the pool accepts is applied
//!   as a block builder does; one it refuses is applied anyway (an author smuggling it in) and
//!   the runtime must refuse it too.
//! - Failing prints the seed, the block and the last actions, and how to replay them.
//!
//! Settings: `PARADIGM_FUZZ_SEEDS` (a count, or a list such as `0x2a,17`),
//! `PARADIGM_FUZZ_BLOCKS` (blocks per seed), `PARADIGM_FUZZ_FIRST_SEED` (first counted seed).
//! The seeds of `runtime/tests/fuzz-corpus/seeds.txt` always run first.
//!
//! Layout: [`settings`] (seeds and blocks), [`rng`], [`model`] (accounts, actions, the chain as
//! the planner sees it), [`plan`] (what happens in a block), the actions by domain ([`work`],
//! [`payments`], [`root`], [`garbage`]), [`submit`] (pool, builder and the money rules of every
//! extrinsic), [`invariants`] (the checks after every block), [`stats`].

// A test harness: indices are in range by construction, and counters cannot overflow in a run.
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

#[path = "../common/mod.rs"]
mod common;
mod garbage;
mod invariants;
mod model;
mod payments;
mod plan;
mod rng;
mod root;
mod settings;
mod stats;
mod submit;
mod work;

use common::Chain;
use model::{Actor, Temper};
use pallet_ai_treasury as ai_treasury;
use pallet_useful_work::{MetricValue, RoundSchedule, TaskSpec};
use paradigm_runtime::{AccountId, Runtime, UsefulWork};
use polkadot_sdk::{
	pallet_balances, pallet_sudo,
	sp_core::{sr25519, Pair, H256},
	sp_genesis_builder::DEV_RUNTIME_PRESET,
	sp_keyring::Sr25519Keyring,
};
use rng::Rng;
use settings::{runs, Run};
use stats::Stats;
use std::{
	collections::{BTreeMap, VecDeque},
	panic::{self, AssertUnwindSafe},
	time::Instant,
};

/// Seeds run when `PARADIGM_FUZZ_SEEDS` is not set.
const DEFAULT_SEEDS: u64 = 3;
/// Blocks per seed when `PARADIGM_FUZZ_BLOCKS` is not set.
const DEFAULT_BLOCKS: u32 = 150;
/// The committed corpus: `seed [blocks] # what it is for`.
const CORPUS: &str = include_str!("../fuzz-corpus/seeds.txt");
/// Useful-work epoch length of the fuzzed chain: many epochs pass, and the treasury settles and
/// mints every ten blocks.
const FUZZ_EPOCH_BLOCKS: u32 = 10;
/// Accounts derived as `//fuzz/N`, holding nothing at genesis (besides the 12 dev accounts).
const FUZZ_ACCOUNTS: usize = 12;
/// Random actions per block at most (on top of the honest contributors' work).
const MAX_RANDOM_ACTIONS: u64 = 6;
/// Chance (%) per block that an unregistered account registers.
const JOIN_PERCENT: u64 = 6;
/// Chance (%) per block, task and registered account of an honest commitment.
const COMMIT_PERCENT: u64 = 5;
/// Chance (%) per block that a trainer reveals an open commitment.
const REVEAL_PERCENT: u64 = 50;
/// Chance (%) per block that a verifier reports on an open assignment.
const VERIFY_PERCENT: u64 = 50;
/// Registration anchors are chosen among this many recent blocks.
const RECENT_ANCHORS: u32 = 150;
/// Actions kept for the failure report.
const LOG_TAIL: usize = 60;
/// Recent extrinsic encodings kept as material for mutations.
const RECENT_ENCODINGS: usize = 32;
/// The state's overlay is moved into its backend every this many blocks.
const COMPACT_EVERY: u32 = 64;
/// Below this many blocks in total, the coverage floor is not asserted.
const COVERAGE_BLOCKS: u64 = 100;
/// An id no action can reach within one block: "unknown task" and "unknown pool" use it.
const FAR_ID: u32 = 100;

#[test]
fn random_extrinsics_keep_every_invariant() {
	let runs = runs();
	let started = Instant::now();
	let mut totals = Stats::default();
	for run in &runs {
		let seed_started = Instant::now();
		let stats = fuzz(run);
		let origin =
			if run.note.is_empty() { String::new() } else { format!(" [corpus: {}]", run.note) };
		println!(
			"seed {:#x}{origin}: {} ({:.1} s)",
			run.seed,
			stats.line(),
			seed_started.elapsed().as_secs_f64()
		);
		totals.add(&stats);
	}
	println!(
		"fuzz totals: {} seeds, {} ({:.1} s)",
		runs.len(),
		totals.line(),
		started.elapsed().as_secs_f64()
	);
	if totals.blocks >= COVERAGE_BLOCKS {
		assert!(
			totals.dispatched > 0 &&
				totals.epochs_settled > 0 &&
				totals.rewards > 0 &&
				totals.champions > 0 &&
				totals.smuggled > 0,
			"the fuzzer no longer reaches crowned champions, settled epochs and minted rewards, so its \
			 invariants prove little: {}",
			totals.line()
		);
	}
}

/// Run one seed; on any panic (a broken invariant or a runtime panic) print how to replay it.
fn fuzz(run: &Run) -> Stats {
	let mut fuzzer = Fuzzer::new(run.seed);
	let outcome = panic::catch_unwind(AssertUnwindSafe(|| fuzzer.run(run.blocks)));
	if let Err(cause) = outcome {
		eprintln!("{}", fuzzer.failure_report());
		panic::resume_unwind(cause);
	}
	fuzzer.stats
}

/// One seed's run: the chain, the accounts, what the fuzzer remembers of its own actions (the
/// salts behind commitments, the true metric of each artifact) and the invariants' memory.
struct Fuzzer {
	seed: u64,
	rng: Rng,
	chain: Chain,
	actors: Vec<Actor>,
	index: BTreeMap<AccountId, usize>,
	/// The sudo key's actor.
	sudo: Option<usize>,
	escrow: AccountId,
	/// Commitment -> (artifact, salt), so that reveals match.
	secrets: BTreeMap<H256, (H256, [u8; 32])>,
	/// Artifact -> the metric it truly reaches (what honest verifiers measure).
	truths: BTreeMap<H256, MetricValue>,
	recent_artifacts: VecDeque<H256>,
	recent_encodings: VecDeque<Vec<u8>>,
	/// Proofs of work already solved: (payload, difficulty) -> nonce.
	work_cache: BTreeMap<(Vec<u8>, u32), u64>,
	/// The budget of every emission year seen.
	budgets: BTreeMap<u32, u128>,
	/// Escrow balance above what it owes, after the last block.
	escrow_surplus: u128,
	/// PAR minted by `Rewarded` events in the last block.
	block_rewards: u128,
	log: VecDeque<String>,
	stats: Stats,
}

impl Fuzzer {
	fn new(seed: u64) -> Self {
		let mut chain = Chain::from_preset(DEV_RUNTIME_PRESET, |config| {
			config.useful_work.tasks = fuzz_tasks();
			config.useful_work.epoch_length = FUZZ_EPOCH_BLOCKS;
		});
		let mut rng = Rng(seed);
		let mut actors = Vec::new();
		for key in Sr25519Keyring::well_known() {
			actors.push(Actor {
				name: key.to_string(),
				pair: key.pair(),
				account: key.to_account_id(),
				temper: temper(&mut rng),
			});
		}
		for n in 0..FUZZ_ACCOUNTS {
			let pair = sr25519::Pair::from_string(&format!("//fuzz/{n}"), None)
				.expect("a valid derivation path");
			actors.push(Actor {
				name: format!("fuzz/{n}"),
				account: AccountId::from(pair.public()),
				pair,
				temper: temper(&mut rng),
			});
		}
		let index = actors
			.iter()
			.enumerate()
			.map(|(n, actor)| (actor.account.clone(), n))
			.collect::<BTreeMap<_, _>>();
		let (sudo_key, escrow, budget) = chain.ext.execute_with(|| {
			(
				pallet_sudo::Key::<Runtime>::get(),
				UsefulWork::escrow_account(),
				ai_treasury::Budget::<Runtime>::get(),
			)
		});
		let sudo = sudo_key.and_then(|key| index.get(&key).copied());
		Self {
			seed,
			rng,
			chain,
			actors,
			index,
			sudo,
			escrow,
			secrets: BTreeMap::new(),
			truths: BTreeMap::new(),
			recent_artifacts: VecDeque::new(),
			recent_encodings: VecDeque::new(),
			work_cache: BTreeMap::new(),
			budgets: BTreeMap::from([(budget.year, budget.budget)]),
			escrow_surplus: 0,
			block_rewards: 0,
			log: VecDeque::new(),
			stats: Stats::default(),
		}
	}

	fn run(&mut self, blocks: u32) {
		self.check_state(None);
		for _ in 0..blocks {
			let before = self.chain.ext.execute_with(|| {
				(
					pallet_balances::Pallet::<Runtime>::total_issuance(),
					ai_treasury::TotalEmitted::<Runtime>::get(),
				)
			});
			self.chain.open_block();
			let actions = self.plan_block();
			for action in actions {
				self.execute(action);
			}
			self.chain.close_block();
			self.stats.blocks += 1;
			self.scan_block_events();
			self.check_state(Some(before));
			if self.chain.number % COMPACT_EVERY == 0 {
				self.chain.compact();
			}
		}
	}

	fn failure_report(&self) -> String {
		let mut report = format!(
			"\nruntime fuzzer failure: seed {seed:#x}, block {block}\n\
			 replay: PARADIGM_FUZZ_SEEDS={seed:#x} PARADIGM_FUZZ_BLOCKS={block} cargo test --release \
			 --workspace --test fuzz -- --nocapture\n\
			 the last {} actions:\n",
			self.log.len(),
			seed = self.seed,
			block = self.chain.number,
		);
		for line in &self.log {
			report.push_str("  ");
			report.push_str(line);
			report.push('\n');
		}
		report
	}

	fn note(&mut self, line: String) {
		if self.log.len() >= LOG_TAIL {
			self.log.pop_front();
		}
		self.log.push_back(format!("#{} {line}", self.chain.number));
	}

	/// Count one invariant check; panic (with the context printed by [`fuzz`]) if it fails.
	fn check(&mut self, holds: bool, what: impl FnOnce() -> String) {
		self.stats.invariant_checks += 1;
		if !holds {
			let what = what();
			self.note(format!("BROKEN: {what}"));
			panic!("invariant broken at block {}: {what}", self.chain.number);
		}
	}

	fn name(&self, actor: usize) -> &str {
		&self.actors[actor].name
	}
}

fn temper(rng: &mut Rng) -> Temper {
	match rng.below(10) {
		0 => Temper::Liar,
		1 | 2 => Temper::Sloppy,
		_ => Temper::Honest,
	}
}

/// The reference tasks with short rounds (10 and 8 blocks), so that many rounds finish.
fn fuzz_tasks() -> Vec<TaskSpec> {
	let schedules = [
		RoundSchedule { commit_blocks: 4, reveal_blocks: 3, verify_blocks: 3 },
		RoundSchedule { commit_blocks: 3, reveal_blocks: 2, verify_blocks: 3 },
	];
	paradigm_runtime::genesis_config_presets::reference_tasks()
		.into_iter()
		.zip(schedules)
		.map(|(mut spec, schedule)| {
			spec.schedule = schedule;
			spec
		})
		.collect()
}
