//! The summary: a markdown table for people and a CSV file for tools.

use crate::{chain, sim::BoundCounts, Scenario, SimConfig, SimResult};
use pallet_ai_treasury::controller::{Amount, YearBudget};
use polkadot_sdk::sp_arithmetic::{FixedU128, Perbill};
use std::fmt::Write as _;

/// `amount` base units as PAR with thousands separators and two decimals: `1,234.56`.
pub fn par(amount: Amount) -> String {
	let whole = amount / chain::PAR;
	let cents = (amount % chain::PAR) / (chain::PAR / 100);
	format!("{}.{cents:02}", thousands(whole))
}

/// `value` with a comma every three digits.
pub fn thousands(value: u128) -> String {
	let digits = value.to_string();
	let mut out = String::with_capacity(digits.len().saturating_add(digits.len() / 3));
	let first = digits.len() % 3;
	for (i, c) in digits.chars().enumerate() {
		if i != 0 && i % 3 == first {
			out.push(',');
		}
		out.push(c);
	}
	out
}

/// `amount` base units as PAR with every decimal it needs: `0.001`.
pub fn par_exact(amount: Amount) -> String {
	let fraction = format!("{:08}", amount % chain::PAR);
	let fraction = fraction.trim_end_matches('0');
	if fraction.is_empty() {
		thousands(amount / chain::PAR)
	} else {
		format!("{}.{fraction}", thousands(amount / chain::PAR))
	}
}

fn percent(share: Option<f64>) -> String {
	share.map_or_else(|| "–".into(), |share| format!("{:.2} %", share * 100.0))
}

fn ratio(value: Option<f64>) -> String {
	value.map_or_else(|| "–".into(), |value| format!("{value:.3}"))
}

fn perbill(value: Perbill) -> String {
	format!("{} %", f64::from(value.deconstruct()) / 10_000_000.0)
}

fn fixed(value: FixedU128) -> String {
	format!("{}", value.into_inner() as f64 / 1e18)
}

fn share_of_budget(result: &SimResult) -> Option<f64> {
	crate::stats::share(result.emitted, result.budget())
}

fn seconds(result: &SimResult) -> String {
	format!("{:.2} s", result.run_time.as_secs_f64())
}

/// The markdown summary of `results`, run with `config`.
pub fn markdown(config: &SimConfig, scenarios: &[Scenario], results: &[SimResult]) -> String {
	let mut md = String::new();
	let p = &config.params;
	let pace = YearBudget { year: 0, budget: config.first_year_budget, emitted: 0 }
		.schedule_pace(config.epochs_per_year);
	let total_time: f64 = results.iter().map(|result| result.run_time.as_secs_f64()).sum();
	// Writing into a String cannot fail.
	let _ = writeln!(md, "# AI treasury: simulated emission\n");
	let _ = writeln!(
		md,
		"Produced by `paradigm-treasury-sim --years {} --seed {}` (crate `ai-treasury-sim`, \
		 `pallets/ai-treasury/simulator`). It runs the pallet's own `controller` and `distribution` \
		 code epoch by epoch, chained as `settlement.rs` settles an epoch: the built-in policy \
		 proposes, `bound_proposal` holds the proposal to the bounds (with the room under the \
		 supply cap), `next_state` moves the controller, `is_young` decides the caps, \
		 `distribute` splits the emission, and what is minted counts against the year's budget. \
		 Charts: [issuance.png](issuance.png), [concentration.png](concentration.png); the same \
		 numbers as CSV: [summary.csv](summary.csv).\n",
		config.years, config.seed
	);
	let _ = writeln!(md, "## Chain and parameters\n");
	let _ = writeln!(
		md,
		"- {} epochs per year ({} s epochs: 2 s blocks × 300; a year of 365.25 days = 15,778,800 \
		 blocks), {} simulated year(s) = {} epochs.",
		thousands(config.epochs_per_year.into()),
		config.epoch_seconds,
		config.years,
		thousands(config.total_epochs().unwrap_or(0).into())
	);
	let _ = writeln!(
		md,
		"- First-year budget {} PAR (an even schedule pace of {} PAR per epoch); supply cap {} PAR; \
		 each later year's budget is {} of the year before. Genesis: rate = schedule pace, work \
		 average 0, nothing issued.",
		par(config.first_year_budget),
		par(pace),
		par(config.supply_cap),
		perbill(p.next_year_budget)
	);
	let _ = writeln!(
		md,
		"- Controller parameters (`ControllerParams::default()`): work smoothing {}, activity \
		 clamp [{}, {}], demand boost {}, floor {} of the pace, ceiling {}× the pace, max step {} \
		 per epoch. Young network while fewer than {} accounts earn points in the epoch or less \
		 than {} of the first year's budget has been emitted; then one account may take at most \
		 {} and one pool {} of an epoch's emission, and the excess stays unissued.",
		perbill(p.work_smoothing),
		fixed(p.min_activity),
		fixed(p.max_activity),
		perbill(p.demand_boost),
		perbill(p.floor),
		fixed(p.ceiling),
		perbill(p.max_step),
		p.young.mature_active_contributors,
		perbill(p.young.mature_emitted),
		perbill(p.young.max_account_share),
		perbill(p.young.max_pool_share)
	);
	let _ = writeln!(
		md,
		"- Simulated work: each account of the population works in 90 % of the epochs, with 0–2 \
		 accepted submissions (about 1,000 points each, scaled by a fixed per-account skill of \
		 0.5–1.5) and 0–3 honest verifications (1,000 points each), at least one unit; every third \
		 account works for a pool of {} such members. Work units (what the activity factor \
		 reads) = accepted submissions + honest verifications. Seed {}.",
		crate::scenario::POOL_MEMBERS,
		config.seed
	);
	let _ = writeln!(
		md,
		"- Scale: the runtime registers at most 1,024 contributors (`MaxContributors`) and pays \
		 at most 1,024 accounts an epoch (`MaxPaidAccounts`). steady-growth (up to 2,000 \
		 accounts) and sudden-surge (1,050) go beyond that to show the controller at a larger \
		 scale; the simulator pays every account with points (at most {} an epoch) and does not \
		 truncate payouts.\n",
		thousands(crate::scenario::MAX_ACCOUNTS_PER_EPOCH.into())
	);

	let _ = writeln!(md, "## Results\n");
	let mut header = String::from(
		"| Scenario | Demand | Issued (PAR) | Budget (PAR) | Issued / budget | Epochs emitting |",
	);
	let mut rule = String::from("|---|---|---:|---:|---:|---:|");
	for bound in BoundCounts::ALL {
		let _ = write!(header, " {} |", BoundCounts::name(bound));
		rule.push_str("---:|");
	}
	header.push_str(" Gini | Top-1 account | Whale group | Run time |");
	rule.push_str("---:|---:|---:|---:|");
	let _ = writeln!(md, "{header}\n{rule}");
	for (scenario, result) in scenarios.iter().zip(results) {
		let mut row = format!(
			"| {} | {} | {} | {} | {} | {} |",
			result.scenario,
			scenario.demand.label(),
			par(result.emitted),
			par(result.budget()),
			percent(share_of_budget(result)),
			thousands(result.epochs_with_emission.into()),
		);
		for bound in BoundCounts::ALL {
			let _ = write!(row, " {} |", thousands(result.bounds.get(bound).into()));
		}
		let _ = writeln!(
			md,
			"{row} {} | {} | {} | {} |",
			ratio(result.gini()),
			percent(result.top_share()),
			percent(result.group_share()),
			seconds(result)
		);
	}
	let _ = writeln!(
		md,
		"\nTotal simulation time: {total_time:.2} s for {} scenarios × {} epochs (release build; \
		 wall time of the simulation alone, charts excluded).\n",
		results.len(),
		thousands(config.total_epochs().unwrap_or(0).into())
	);

	let _ = writeln!(md, "## Details\n");
	let _ = writeln!(
		md,
		"| Scenario | Accounts | Most active in an epoch | Epochs paid | Young epochs | Youth ended (day) | Withheld by young caps (PAR) | Rounding dust (PAR) | Refused payouts | Rate range (× pace) |\n\
		 |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	);
	for result in results {
		let youth = result
			.youth_ended
			.map_or_else(|| "never".into(), |epoch| format!("{:.1}", config.days(epoch)));
		let _ = writeln!(
			md,
			"| {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.3}–{:.3} |",
			result.scenario,
			thousands(result.accounts() as u128),
			thousands(result.max_active.into()),
			thousands(result.epochs_paid.into()),
			thousands(result.young_epochs.into()),
			youth,
			par(result.withheld_by_caps),
			par(result.undistributed),
			result.skipped.0,
			result.rate_range.0,
			result.rate_range.1,
		);
	}

	if config.years > 1 {
		let _ = writeln!(md, "\n## Per year\n");
		let _ = writeln!(md, "| Scenario | Year | Budget (PAR) | Issued (PAR) | Issued / budget |\n|---|---:|---:|---:|---:|");
		for result in results {
			for year in &result.years {
				let _ = writeln!(
					md,
					"| {} | {} | {} | {} | {} |",
					result.scenario,
					year.year,
					par(year.budget),
					par(year.emitted),
					percent(crate::stats::share(year.emitted, year.budget))
				);
			}
		}
	}

	let _ = writeln!(md, "\n## Scenarios\n");
	for scenario in scenarios {
		let _ = writeln!(
			md,
			"- **{}** (demand: {}): {}",
			scenario.name,
			scenario.demand.label(),
			scenario.description
		);
	}
	let _ = writeln!(
		md,
		"\nDemand: *none* pays no bounty; *sporadic* pays out bounties of 0.05–0.95 schedule paces \
		 in a quarter of the epochs; *paced* pays 0.75–1.25 schedule paces every epoch. The \
		 policy counts bounties paid to others than their requester, up to one pace.\n"
	);

	let _ = writeln!(md, "## How to read it\n");
	let _ = writeln!(
		md,
		"- *Issued / budget*: what was minted over the sum of the simulated years' budgets. What \
		 is not earned stays unissued: an epoch behind schedule never catches up.\n\
		 - *Epochs emitting*: epochs whose decision emitted more than zero, including epochs \
		 left with only rounding dust once the year's budget was spent (*Epochs paid*, in the \
		 details, counts epochs in which something was minted). The bound columns count epochs by \
		 the last limit that shaped the decision (`Decision::bound`); `None` means the proposal \
		 stood.\n\
		 - *Gini* and *Top-1 account*: over the whole run's rewards per account, among the accounts \
		 that ever earned points. With a growing population the Gini also reflects when accounts \
		 joined (a late joiner earns less in total). *Whale group*: all the whale's accounts \
		 together.\n\
		 - *Withheld by young caps*: emission the young-network caps held back (unissued); it is \
		 part of the decision's emission but not of what was issued.\n\
		 - *Refused payouts*: payouts below the existential deposit ({} PAR) to accounts holding \
		 nothing, which the currency would refuse (unissued).\n\
		 - *Rate range*: the controller's rate over the year's schedule pace, lowest and highest, \
		 over epochs with work.",
		par_exact(config.existential_deposit)
	);
	md
}

/// The summary as CSV: one row per scenario, amounts in base units.
pub fn csv(results: &[SimResult]) -> String {
	let mut out = String::from(
		"scenario,epochs,budget,issued,issued_over_budget,epochs_with_emission,epochs_paid,young_epochs,youth_ended_epoch",
	);
	for bound in BoundCounts::ALL {
		let _ = write!(out, ",bound_{}", BoundCounts::name(bound));
	}
	out.push_str(",gini,top1_share,group_share,withheld_by_caps,undistributed,refused_payouts,rate_min,rate_max,accounts,max_active,run_time_s\n");
	let opt = |value: Option<f64>| value.map_or_else(String::new, |value| format!("{value:.6}"));
	for result in results {
		let _ = write!(
			out,
			"{},{},{},{},{},{},{},{},{}",
			result.scenario,
			result.epochs,
			result.budget(),
			result.emitted,
			opt(share_of_budget(result)),
			result.epochs_with_emission,
			result.epochs_paid,
			result.young_epochs,
			result.youth_ended.map_or_else(String::new, |epoch| epoch.to_string()),
		);
		for bound in BoundCounts::ALL {
			let _ = write!(out, ",{}", result.bounds.get(bound));
		}
		let _ = writeln!(
			out,
			",{},{},{},{},{},{},{:.6},{:.6},{},{},{:.3}",
			opt(result.gini()),
			opt(result.top_share()),
			opt(result.group_share()),
			result.withheld_by_caps,
			result.undistributed,
			result.skipped.0,
			result.rate_range.0,
			result.rate_range.1,
			result.accounts(),
			result.max_active,
			result.run_time.as_secs_f64(),
		);
	}
	out
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_read_as_par() {
		assert_eq!(par(0), "0.00");
		assert_eq!(par(chain::FIRST_YEAR_BUDGET), "1,000,000,000.00");
		assert_eq!(par(123_456_789_012), "1,234.56");
		assert_eq!(par_exact(chain::EXISTENTIAL_DEPOSIT), "0.001");
		assert_eq!(par_exact(3 * chain::PAR), "3");
		assert_eq!(thousands(999), "999");
		assert_eq!(thousands(1_000), "1,000");
		assert_eq!(thousands(52_596), "52,596");
	}

	#[test]
	fn the_tables_have_a_row_per_scenario() {
		let config =
			SimConfig { epochs_per_year: 50, epochs_per_sample: 10, ..SimConfig::chain(1, 7) };
		let scenarios = Scenario::all();
		let results: Vec<SimResult> =
			scenarios.iter().map(|s| crate::simulate(&config, s)).collect();
		let md = markdown(&config, &scenarios, &results);
		for scenario in &scenarios {
			assert!(md.contains(&format!("| {} | {} |", scenario.name, scenario.demand.label())));
		}
		let csv = csv(&results);
		assert_eq!(csv.lines().count(), scenarios.len() + 1);
		let columns = csv.lines().map(|line| line.split(',').count()).collect::<Vec<_>>();
		assert!(columns.windows(2).all(|pair| matches!(pair, [a, b] if a == b)), "{columns:?}");
	}
}
