//! `paradigm-attack-sim`: runs the real runtime against a Sybil farm, a verifier cartel, a
//! self-dealing requester and a registry flood, writes the markdown tables, and exits with 1 when
//! an attacker took more than its honest share of emission (2 on an error).

use attack_sim::{report, simulate, Outcome, Scenario, SimConfig, SimError};
use clap::Parser;
use std::{path::PathBuf, process::ExitCode, time::Instant};

/// Simulate attacks on Paradigm's useful-work economy against the real runtime.
#[derive(Debug, Parser)]
#[command(name = "paradigm-attack-sim", version, about)]
struct Args {
	/// A short run for the test command (48 epochs, smaller populations); flags below still
	/// override it.
	#[arg(long)]
	short: bool,
	/// Epochs to simulate (default: 2,016, two weeks of 10-minute epochs).
	#[arg(long)]
	epochs: Option<u32>,
	/// Write the markdown tables here instead of standard output.
	#[arg(long)]
	out: Option<PathBuf>,
	/// Seed of every draw.
	#[arg(long)]
	seed: Option<u64>,
	/// Run only these attack scenarios (repeatable); the baseline always runs.
	#[arg(long = "scenario", value_name = "NAME")]
	scenarios: Vec<String>,
	/// Honest contributors at launch.
	#[arg(long)]
	honest: Option<u32>,
	/// Blocks per useful-work epoch (genesis `epoch_length`).
	#[arg(long)]
	epoch_blocks: Option<u32>,
	/// Chance that an honest contributor trains a given round of a network task.
	#[arg(long)]
	train_chance: Option<f64>,
	/// Sybil accounts the farm keeps registered.
	#[arg(long)]
	sybils: Option<u32>,
	/// Junk submissions the farm makes per network task and round.
	#[arg(long)]
	sybil_junk: Option<u32>,
	/// The cartel's share of all contributors, in percent.
	#[arg(long)]
	cartel_percent: Option<u32>,
	/// Epochs the cartel behaves honestly before it lies.
	#[arg(long)]
	cartel_sleep: Option<u32>,
	/// Epochs until governance recreates a captured task; 0: never.
	#[arg(long)]
	governance_delay: Option<u32>,
	/// Bounty of each of the requester's paid tasks, in PAR.
	#[arg(long)]
	requester_bounty: Option<u128>,
	/// Honest newcomers arriving per epoch in the registry flood.
	#[arg(long)]
	newcomers: Option<u32>,
	/// Flood registrations per epoch at most.
	#[arg(long)]
	flood_per_epoch: Option<u32>,
	/// Most leading zero bits the attacker pays for one registration.
	#[arg(long)]
	attacker_max_bits: Option<u32>,
	/// Percentage points by which an attacker's emission share may exceed its honest share.
	#[arg(long)]
	tolerance: Option<f64>,
}

impl Args {
	fn config(&self) -> SimConfig {
		let mut config = if self.short { SimConfig::short() } else { SimConfig::full() };
		if let Some(epochs) = self.epochs {
			config.epochs = epochs;
			config.learning_epochs = f64::from(epochs) / 3.0;
			config.cartel_sleep = epochs / 4;
		}
		let set = |target: &mut u32, value: Option<u32>| {
			if let Some(value) = value {
				*target = value;
			}
		};
		set(&mut config.honest, self.honest);
		set(&mut config.epoch_blocks, self.epoch_blocks);
		set(&mut config.sybils, self.sybils);
		set(&mut config.sybil_junk, self.sybil_junk);
		set(&mut config.cartel_percent, self.cartel_percent);
		set(&mut config.cartel_sleep, self.cartel_sleep);
		set(&mut config.newcomers_per_epoch, self.newcomers);
		set(&mut config.flood_per_epoch, self.flood_per_epoch);
		set(&mut config.attacker_max_bits, self.attacker_max_bits);
		if let Some(seed) = self.seed {
			config.seed = seed;
		}
		if let Some(chance) = self.train_chance {
			config.train_chance = chance;
		}
		if let Some(delay) = self.governance_delay {
			config.governance_delay = (delay > 0).then_some(delay);
		}
		if let Some(bounty) = self.requester_bounty {
			config.requester_bounty_par = bounty;
		}
		if let Some(tolerance) = self.tolerance {
			config.tolerance_pp = tolerance;
		}
		config
	}

	fn scenarios(&self) -> Result<Vec<Scenario>, SimError> {
		let mut chosen = vec![Scenario::Baseline];
		if self.scenarios.is_empty() {
			chosen.extend(Scenario::ALL.into_iter().filter(|scenario| scenario.has_attacker()));
			return Ok(chosen);
		}
		for name in &self.scenarios {
			let scenario = Scenario::by_name(name).ok_or_else(|| {
				let known: Vec<&str> =
					Scenario::ALL.iter().map(|scenario| scenario.name()).collect();
				SimError::UnknownScenario(name.clone(), known.join(", "))
			})?;
			if !chosen.contains(&scenario) {
				chosen.push(scenario);
			}
		}
		Ok(chosen)
	}

	/// The command line that reproduces this run, for the report.
	fn command_line(&self) -> String {
		let mut words: Vec<String> = std::env::args().skip(1).collect();
		// Where the report went is not part of what it shows.
		if let Some(position) = words.iter().position(|word| word == "--out") {
			words.drain(position..(position + 2).min(words.len()));
		}
		words.retain(|word| !word.starts_with("--out="));
		let mut command = String::from("paradigm-attack-sim");
		for word in words {
			command.push(' ');
			command.push_str(&word);
		}
		command
	}
}

fn main() -> ExitCode {
	let args = Args::parse();
	match run(&args) {
		Ok(true) => ExitCode::SUCCESS,
		Ok(false) => {
			eprintln!("an attacker took more than its honest share of emission (see the report)");
			ExitCode::from(1)
		},
		Err(error) => {
			eprintln!("error: {error}");
			ExitCode::from(2)
		},
	}
}

/// Run every chosen scenario and write the report; `Ok(true)` when every attacker stayed within
/// its honest share.
fn run(args: &Args) -> Result<bool, SimError> {
	let config = args.config();
	config.validate()?;
	let scenarios = args.scenarios()?;
	eprintln!(
		"simulating {} scenario(s) × {} epochs of {} blocks, seed {}",
		scenarios.len(),
		config.epochs,
		config.epoch_blocks,
		config.seed
	);
	let started = Instant::now();
	let mut outcomes: Vec<Outcome> = Vec::with_capacity(scenarios.len());
	for scenario in scenarios {
		eprintln!("  {:<24} ...", scenario.name());
		let mut last_tenth = 0u32;
		let mut progress = |block: u32, last: u32| {
			let tenth = block.saturating_mul(10) / last.max(1);
			if tenth > last_tenth {
				last_tenth = tenth;
				eprintln!("    block {block} of {last}");
			}
		};
		let outcome = simulate(&config, scenario, &mut progress)?;
		eprintln!(
			"  {:<24} {:>8.1} s   attacker share {:>7}   honest share {:>7}",
			scenario.name(),
			outcome.run_time.as_secs_f64(),
			report::percent(outcome.emission_share()),
			report::percent(outcome.honest_share()),
		);
		outcomes.push(outcome);
	}
	let markdown = report::markdown(&config, &outcomes, &args.command_line());
	match &args.out {
		Some(path) => std::fs::write(path, &markdown)
			.map_err(|source| SimError::Write { path: path.clone(), source })?,
		None => print!("{markdown}"),
	}
	eprintln!("done in {:.1} s", started.elapsed().as_secs_f64());
	Ok(report::passed(&config, &outcomes))
}
