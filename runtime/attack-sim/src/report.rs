//! The markdown report: every scenario's figures as tables, the verdict, and what a registry
//! lockout would cost on the live chain.

use crate::{
	outcome::{ratio, Outcome, ReputationSample, Side},
	pow, Scenario, SimConfig,
};
use paradigm_runtime::Runtime;
use polkadot_sdk::frame_support::traits::Get;
use std::fmt::Write as _;

// PAR amounts are formatted as the treasury simulator prints them.
pub use ai_treasury_sim::report::{par, thousands};

/// A share as a percentage with two decimals; `–` when undefined.
pub fn percent(share: Option<f64>) -> String {
	share.map_or_else(|| "–".into(), |share| format!("{:.2} %", share * 100.0))
}

/// A number of hashes as `n (2^x)`.
pub fn hashes(count: u128) -> String {
	if count == 0 {
		return "0".into();
	}
	format!("{} (2^{:.1})", thousands(count), (count as f64).log2())
}

/// What keeping newcomers out of a full registry costs an attacker per epoch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lockout {
	/// Blocks per epoch.
	pub epoch_blocks: u32,
	/// Registrations one epoch can hold (per-block and per-epoch caps).
	pub epoch_capacity: u32,
	/// Registrations the attacker needs per epoch: every slot not held by active honest
	/// contributors, filled with accounts registered this epoch or the last (the only ones a
	/// newcomer cannot evict), so half of them each epoch.
	pub needed_per_epoch: u32,
	/// Whether the caps allow that many.
	pub feasible: bool,
	/// Expected hashes per epoch, the attacker registering first in each epoch.
	pub hashes_per_epoch: f64,
	/// The difficulty a newcomer then faces (leading zero bits).
	pub newcomer_bits: u32,
}

/// The lockout cost with epochs of `epoch_blocks` blocks and `honest_active` honest
/// contributors that earn every epoch (and so can never be evicted), from the runtime's
/// registration constants.
pub fn lockout(epoch_blocks: u32, honest_active: u32) -> Lockout {
	let max_contributors: u32 = <Runtime as pallet_useful_work::Config>::MaxContributors::get();
	let per_block: u32 = <Runtime as pallet_useful_work::Config>::MaxRegistrationsPerBlock::get();
	let per_epoch: u32 = <Runtime as pallet_useful_work::Config>::MaxRegistrationsPerEpoch::get();
	let base: u32 = <Runtime as pallet_useful_work::Config>::BaseRegistrationDifficulty::get();
	let per_bit: u32 = <Runtime as pallet_useful_work::Config>::RegistrationsPerDifficultyBit::get();
	let per_bit = per_bit.max(1);
	let capacity = per_block.saturating_mul(epoch_blocks).min(per_epoch);
	let free = max_contributors.saturating_sub(honest_active);
	let needed = free.div_ceil(2);
	let bits = |made: u32| {
		base.saturating_add(made / per_bit).min(pallet_useful_work::MAX_REGISTRATION_DIFFICULTY)
	};
	let hashes_per_epoch: f64 =
		(0..needed.min(capacity)).map(|made| pow::expected_tries(bits(made))).sum();
	Lockout {
		epoch_blocks,
		epoch_capacity: capacity,
		needed_per_epoch: needed,
		feasible: needed <= capacity,
		hashes_per_epoch,
		newcomer_bits: bits(needed.min(capacity)),
	}
}

/// Whether every attacker stayed within its honest share, the configured tolerance allowed.
pub fn passed(config: &SimConfig, outcomes: &[Outcome]) -> bool {
	outcomes.iter().all(|outcome| outcome.within_honest_share(config.tolerance_pp))
}

/// The markdown report of `outcomes`, produced by `command` with `config`.
pub fn markdown(config: &SimConfig, outcomes: &[Outcome], command: &str) -> String {
	let mut md = String::new();
	let baseline = outcomes.iter().find(|outcome| outcome.scenario == Scenario::Baseline);
	// Writing into a String cannot fail.
	let _ = writeln!(md, "## Generated tables\n");
	let _ = writeln!(
		md,
		"Produced by `{command}` against the native `paradigm-runtime` (spec version {}); \
		 definitions at the top of `docs/attack-simulation.md`.\n",
		paradigm_runtime::VERSION.spec_version
	);
	settings(&mut md, config);
	verdict(&mut md, config, outcomes, baseline);
	work(&mut md, outcomes);
	registrations(&mut md, outcomes);
	for outcome in outcomes {
		match outcome.scenario {
			Scenario::Baseline => {},
			Scenario::SybilFarm => sybil_farm(&mut md, outcome),
			Scenario::VerifierCartel => cartel(&mut md, config, outcome),
			Scenario::SelfDealingRequester => requester(&mut md, outcome, baseline),
			Scenario::RegistryFlood => flood(&mut md, config, outcome),
		}
	}
	refusals(&mut md, outcomes);
	invariants(&mut md, outcomes);
	md
}

fn settings(md: &mut String, config: &SimConfig) {
	let governance = config
		.governance_delay
		.map_or_else(|| "never".to_string(), |delay| format!("{delay} epochs after a capture"));
	let _ = writeln!(md, "| setting | value |\n|---|---|");
	let rows: [(&str, String); 14] = [
		("epochs (each settled and paid by the treasury)", thousands(config.epochs.into())),
		("blocks per epoch", config.epoch_blocks.to_string()),
		("seed", config.seed.to_string()),
		("honest contributors at launch", config.honest.to_string()),
		("chance an honest contributor trains a round", format!("{:.2}", config.train_chance)),
		("frontier learning time (epochs to 63 %)", format!("{:.0}", config.learning_epochs)),
		("attack starts at epoch", config.attack_from.to_string()),
		(
			"most proof of work the attacker pays per registration",
			format!("{} bits", config.attacker_max_bits),
		),
		(
			"Sybil accounts / per epoch / junk per task and round",
			format!("{} / {} / {}", config.sybils, config.sybil_per_epoch, config.sybil_junk),
		),
		(
			"cartel share / accounts / sleeps until epoch",
			format!(
				"{} % / {} / {}",
				config.cartel_percent,
				config.cartel_size(),
				config.cartel_sleep
			),
		),
		("governance recreates a captured task", governance),
		(
			"requester bounty / funds / workers",
			format!(
				"{} PAR / {} PAR / {}",
				config.requester_bounty_par,
				thousands(config.requester_funds_par),
				config.requester_workers
			),
		),
		(
			"newcomers per epoch / stay / patience",
			format!(
				"{} / {} epochs / {} blocks",
				config.newcomers_per_epoch, config.newcomer_stay, config.newcomer_patience
			),
		),
		("flood registrations per epoch at most", config.flood_per_epoch.to_string()),
	];
	for (name, value) in rows {
		let _ = writeln!(md, "| {name} | {value} |");
	}
	let _ = writeln!(md, "| tolerance | {:.2} percentage points |\n", config.tolerance_pp);
}

fn verdict(md: &mut String, config: &SimConfig, outcomes: &[Outcome], baseline: Option<&Outcome>) {
	let _ = writeln!(md, "### What each attacker takes\n");
	let _ = writeln!(
		md,
		"| scenario | attacker accounts | PAR minted | vs baseline | attacker PAR | share of PAR minted | \
		 emission share | honest share | excess | verdict |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
	);
	for outcome in outcomes {
		let versus = baseline
			.and_then(|base| ratio(outcome.minted_total() as f64, base.minted_total() as f64))
			.map_or_else(|| "–".into(), |r| format!("{:.3}×", r));
		let verdict = if !outcome.scenario.has_attacker() {
			"–"
		} else if outcome.within_honest_share(config.tolerance_pp) {
			"within its share"
		} else {
			"**beats its share**"
		};
		let _ = writeln!(
			md,
			"| {} | {} | {} | {} | {} | {} | {} | {} | {:+.2} pp | {} |",
			outcome.scenario.name(),
			outcome.accounts.attacker,
			par(outcome.minted_total()),
			versus,
			par(outcome.minted.attacker),
			percent(outcome.minted_share()),
			percent(outcome.emission_share()),
			percent(outcome.honest_share()),
			outcome.excess_pp(),
			verdict,
		);
	}
	let _ = writeln!(md);
}

fn work(md: &mut String, outcomes: &[Outcome]) {
	let _ = writeln!(md, "### Work, points and caps\n");
	let _ = writeln!(
		md,
		"| scenario | counted epochs | epochs with emission | emission decided | withheld by young-network caps | \
		 attacker work share | attacker points share | champions (honest / attacker) |\n\
		 |---|---:|---:|---:|---:|---:|---:|---:|"
	);
	for outcome in outcomes {
		let _ = writeln!(
			md,
			"| {} | {} | {} | {} | {} | {} | {} | {} / {} |",
			outcome.scenario.name(),
			outcome.epochs,
			outcome.epochs_with_emission,
			par(outcome.emission_decided),
			par(outcome.withheld_by_caps),
			percent(outcome.work_share()),
			percent(outcome.points_share()),
			outcome.champions.honest,
			outcome.champions.attacker,
		);
	}
	let _ = writeln!(md);
}

fn registrations(md: &mut String, outcomes: &[Outcome]) {
	let _ = writeln!(md, "### Registration and proof of work\n");
	let _ = writeln!(
		md,
		"| scenario | side | registered | calls | hashes | mean difficulty | highest | evicted | pruned | \
		 registered at end |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	);
	for outcome in outcomes {
		for side in Side::BOTH {
			let stats = outcome.registrations.get(side);
			if stats.attempts == 0 && side == Side::Attacker {
				continue;
			}
			let mean = ratio(stats.bits_sum as f64, stats.solved as f64)
				.map_or_else(|| "–".into(), |bits| format!("{bits:.2} bits"));
			let _ = writeln!(
				md,
				"| {} | {} | {} | {} | {} | {} | {} bits | {} | {} | {} |",
				outcome.scenario.name(),
				side.name(),
				stats.admitted,
				stats.attempts,
				hashes(stats.hashes),
				mean,
				stats.max_bits,
				outcome.evicted.get(side),
				outcome.pruned.get(side),
				outcome.registered_at_end.get(side),
			);
		}
	}
	let _ = writeln!(md);
}

fn figures(md: &mut String, title: &str, rows: &[(&str, String)]) {
	let _ = writeln!(md, "### {title}\n\n| figure | value |\n|---|---:|");
	for (name, value) in rows {
		let _ = writeln!(md, "| {name} | {value} |");
	}
	let _ = writeln!(md);
}

fn share_of(part: u64, whole: u64) -> String {
	let share = percent(ratio(part as f64, whole as f64));
	format!("{} of {} ({share})", thousands(part.into()), thousands(whole.into()))
}

fn last_reputation(outcome: &Outcome) -> Option<&ReputationSample> {
	outcome.reputation.last()
}

fn sybil_farm(md: &mut String, outcome: &Outcome) {
	let last = last_reputation(outcome);
	let rows = [
		("Sybil accounts registered", outcome.accounts.attacker.to_string()),
		("their proof of work", hashes(outcome.registrations.attacker.hashes)),
		("junk submissions committed", thousands(outcome.junk_submissions.into())),
		(
			"honest commits refused because the round was full",
			thousands(outcome.refused(Side::Honest, "commit", "RoundFull").into()),
		),
		(
			"network verifier slots held by the farm",
			share_of(outcome.verifier_slots.attacker, outcome.verifier_slots.total()),
		),
		("farm's treasury points share", percent(outcome.points_share())),
		("farm's honest-equivalent work share", percent(outcome.work_share())),
		(
			"mean reputation at the end, farm / honest (ppm)",
			last.map_or_else(
				|| "–".into(),
				|s| format!("{:.0} / {:.0}", s.mean.attacker, s.mean.honest),
			),
		),
		(
			"farm's share of verifier weight at the end",
			percent(last.map(|s| s.attacker_weight_share)),
		),
	];
	figures(md, "Sybil farm", &rows);
	reputation_table(md, outcome, "farm");
}

fn cartel(md: &mut String, config: &SimConfig, outcome: &Outcome) {
	let first = outcome.captures.first().map_or_else(|| "–".into(), |c| c.epoch.to_string());
	let by_cartel = outcome.captures.iter().filter(|c| c.side == Side::Attacker).count();
	let rows = [
		("cartel accounts", outcome.accounts.attacker.to_string()),
		("honest until epoch", config.cartel_sleep.to_string()),
		("champion captures (by the cartel)", format!("{} ({by_cartel})", outcome.captures.len())),
		("first capture in epoch", first),
		("captured tasks recreated by governance", outcome.tasks_recreated.to_string()),
		("honest claims rejected", thousands(outcome.claims_rejected.honest.into())),
		("cartel claims rejected", thousands(outcome.claims_rejected.attacker.into())),
		(
			"honest verifier reports judged outliers / agreeing",
			format!(
				"{} / {}",
				thousands(outcome.judgements.honest.outliers.into()),
				thousands(outcome.judgements.honest.agreed.into())
			),
		),
		(
			"cartel verifier reports judged outliers / agreeing",
			format!(
				"{} / {}",
				thousands(outcome.judgements.attacker.outliers.into()),
				thousands(outcome.judgements.attacker.agreed.into())
			),
		),
		("cartel's treasury points share", percent(outcome.points_share())),
		("cartel's honest-equivalent work share", percent(outcome.work_share())),
	];
	figures(md, "Verifier cartel", &rows);
	if !outcome.captures.is_empty() {
		let _ = writeln!(
			md,
			"First captures:\n\n| epoch | task | trained by | accepted | true value |\n\
			 |---:|---:|---|---:|---:|"
		);
		for capture in outcome.captures.iter().take(12) {
			let _ = writeln!(
				md,
				"| {} | {} | {} | {} | {} |",
				capture.epoch,
				capture.task,
				capture.side.name(),
				thousands(capture.accepted.into()),
				thousands(capture.truth.into())
			);
		}
		let _ = writeln!(md);
	}
	reputation_table(md, outcome, "cartel");
}

fn reputation_table(md: &mut String, outcome: &Outcome, name: &str) {
	if outcome.reputation.is_empty() {
		return;
	}
	let _ = writeln!(
		md,
		"Reputation over time ({name}):\n\n| epoch | honest accounts | {name} accounts | honest mean (ppm) | \
		 {name} mean (ppm) | {name} share of verifier weight |\n|---:|---:|---:|---:|---:|---:|"
	);
	for sample in &outcome.reputation {
		let _ = writeln!(
			md,
			"| {} | {} | {} | {:.0} | {:.0} | {} |",
			sample.epoch,
			sample.accounts.honest,
			sample.accounts.attacker,
			sample.mean.honest,
			sample.mean.attacker,
			percent(Some(sample.attacker_weight_share)),
		);
	}
	let _ = writeln!(md);
}

fn requester(md: &mut String, outcome: &Outcome, baseline: Option<&Outcome>) {
	let bounties = &outcome.bounties;
	let versus = baseline
		.and_then(|base| ratio(outcome.minted_total() as f64, base.minted_total() as f64))
		.map_or_else(|| "–".into(), |r| format!("{r:.3}×"));
	let rows = [
		("paid tasks created", thousands(bounties.tasks.into())),
		("bounties escrowed (PAR)", par(bounties.escrowed)),
		(
			"paid out by points / refunded (PAR)",
			format!("{} / {}", par(bounties.paid_out), par(bounties.refunded)),
		),
		("requester's net spend (PAR)", par(bounties.requester_spent)),
		("received by its own worker accounts (PAR)", par(bounties.own_accounts_received)),
		("received by honest contributors (PAR)", par(bounties.honest_received)),
		("bounties the treasury counted as demand (PAR)", par(bounties.demand_counted)),
		("treasury PAR minted to the requester's accounts", par(outcome.minted.attacker)),
		("total emission vs baseline", versus),
	];
	figures(md, "Self-dealing requester", &rows);
}

fn flood(md: &mut String, config: &SimConfig, outcome: &Outcome) {
	let newcomers = &outcome.newcomers;
	let refused: u32 = newcomers.refused.values().sum();
	let reasons = if newcomers.refused.is_empty() {
		"–".to_string()
	} else {
		newcomers
			.refused
			.iter()
			.map(|(reason, count)| format!("{reason}: {count}"))
			.collect::<Vec<_>>()
			.join(", ")
	};
	let wait = ratio(newcomers.waited_blocks as f64, f64::from(newcomers.admitted))
		.map_or_else(|| "–".into(), |blocks| format!("{blocks:.1} blocks"));
	let bits = ratio(newcomers.bits_sum as f64, newcomers.solved as f64)
		.map_or_else(|| "–".into(), |bits| format!("{bits:.2} bits"));
	let rows = [
		("newcomers arrived", newcomers.arrived.to_string()),
		("admitted", newcomers.admitted.to_string()),
		("refused (last reason)", format!("{refused} ({reasons})")),
		("still trying at the end", newcomers.waiting.to_string()),
		("mean wait of the admitted", wait),
		("newcomers' mean difficulty / hashes", format!("{bits} / {}", hashes(newcomers.hashes))),
		("flood registrations", thousands(outcome.registrations.attacker.admitted.into())),
		("flood proof of work", hashes(outcome.registrations.attacker.hashes)),
		(
			"flood accounts evicted by newcomers / pruned",
			format!("{} / {}", outcome.evicted.attacker, outcome.pruned.attacker),
		),
		("honest contributors evicted", outcome.evicted.honest.to_string()),
		(
			"registry at the end, honest / flood",
			format!(
				"{} / {}",
				outcome.registered_at_end.honest, outcome.registered_at_end.attacker
			),
		),
	];
	figures(md, "Registry flood", &rows);

	let live = <Runtime as pallet_useful_work::Config>::EpochLength::get();
	let _ = writeln!(
		md,
		"What locking newcomers out would cost (computed from the runtime's registration constants, \
		 with {} honest contributors active every epoch; seconds at {:.0e} hashes/s for the attacker and \
		 {:.0e} for a newcomer's core):\n\n| blocks per epoch | registrations an epoch holds | needed per epoch | \
		 possible | attacker hashes per epoch | attacker seconds per epoch | newcomer's difficulty | \
		 newcomer seconds |\n\
		 |---:|---:|---:|---|---:|---:|---:|---:|",
		config.honest, config.gpu_hash_rate, config.cpu_hash_rate
	);
	for blocks in [config.epoch_blocks, live] {
		let cost = lockout(blocks, config.honest);
		let newcomer = pow::expected_tries(cost.newcomer_bits);
		let _ = writeln!(
			md,
			"| {} | {} | {} | {} | 2^{:.1} | {:.0} | {} bits | {:.0} |",
			cost.epoch_blocks,
			cost.epoch_capacity,
			cost.needed_per_epoch,
			if cost.feasible { "yes" } else { "no: the caps stop it" },
			cost.hashes_per_epoch.max(1.0).log2(),
			cost.hashes_per_epoch / config.gpu_hash_rate.max(1.0),
			cost.newcomer_bits,
			newcomer / config.cpu_hash_rate.max(1.0),
		);
	}
	let _ = writeln!(md);
}

fn refusals(md: &mut String, outcomes: &[Outcome]) {
	let _ = writeln!(
		md,
		"### Calls the chain refused\n\n| scenario | side | call | error | count |\n|---|---|---|---|---:|"
	);
	for outcome in outcomes {
		for ((side, call, error), count) in &outcome.refusals {
			let _ = writeln!(
				md,
				"| {} | {} | {call} | {error} | {} |",
				outcome.scenario.name(),
				side.name(),
				thousands((*count).into())
			);
		}
	}
	let _ = writeln!(md);
}

fn invariants(md: &mut String, outcomes: &[Outcome]) {
	let _ = writeln!(
		md,
		"### Invariants\n\n| scenario | checks | result | run time |\n|---|---:|---|---:|"
	);
	for outcome in outcomes {
		let result = outcome.invariant_failure.clone().unwrap_or_else(|| "all held".into());
		let _ = writeln!(
			md,
			"| {} | {} | {} | {:.1} s |",
			outcome.scenario.name(),
			outcome.invariant_checks,
			result,
			outcome.run_time.as_secs_f64()
		);
	}
	let _ = writeln!(md);
}

#[cfg(test)]
mod tests {
	use super::*;
	use paradigm_runtime::PAR;

	#[test]
	fn numbers_are_formatted_for_people() {
		assert_eq!(thousands(1_234_567), "1,234,567");
		assert_eq!(thousands(12), "12");
		assert_eq!(par(1_234 * PAR + PAR / 2), "1,234.50");
		assert_eq!(percent(Some(0.1234)), "12.34 %");
		assert_eq!(percent(None), "–");
		assert_eq!(hashes(0), "0");
		assert_eq!(hashes(1_024), "1,024 (2^10.0)");
	}

	#[test]
	fn a_lockout_needs_half_the_free_registry_each_epoch() {
		let short = lockout(30, 40);
		assert_eq!(short.needed_per_epoch, 492);
		assert_eq!(short.epoch_capacity, 240);
		assert!(!short.feasible, "8 registrations a block for 30 blocks cannot refill 492");
		let live = lockout(300, 40);
		assert!(live.feasible);
		assert_eq!(live.newcomer_bits, 16 + 492 / 32);
		assert!(live.hashes_per_epoch > pow::expected_tries(16 + 491 / 32));
	}
}
