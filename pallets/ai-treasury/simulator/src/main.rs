//! `paradigm-treasury-sim`: runs the AI treasury's emission policy over simulated years and
//! writes `issuance.png`, `concentration.png`, `summary.md` and `summary.csv`.

use ai_treasury_sim::{chart, report, simulate, Scenario, SimConfig, SimError, SimResult};
use clap::Parser;
use std::{
	path::{Path, PathBuf},
	process::ExitCode,
	time::Instant,
};

/// Simulate the AI treasury's real emission policy over years of epochs.
#[derive(Debug, Parser)]
#[command(name = "paradigm-treasury-sim", version, about)]
struct Args {
	/// Years to simulate (52,596 epochs each).
	#[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=50))]
	years: u32,
	/// Folder the charts and the summary are written to (created if missing).
	#[arg(long, default_value = "docs/treasury-simulation")]
	out_dir: PathBuf,
	/// Seed of the simulated work and demand.
	#[arg(long, default_value_t = 7)]
	seed: u64,
	/// TrueType font for the charts' text.
	#[arg(long, default_value = chart::DEFAULT_FONT)]
	font: PathBuf,
	/// Run only these scenarios (repeatable); all of them by default.
	#[arg(long = "scenario", value_name = "NAME")]
	scenarios: Vec<String>,
}

fn main() -> ExitCode {
	match run(Args::parse()) {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			eprintln!("error: {error}");
			ExitCode::FAILURE
		},
	}
}

fn chosen_scenarios(names: &[String]) -> Result<Vec<Scenario>, SimError> {
	if names.is_empty() {
		return Ok(Scenario::all());
	}
	names
		.iter()
		.map(|name| {
			Scenario::by_name(name).ok_or_else(|| {
				let known: Vec<&str> =
					Scenario::all().iter().map(|scenario| scenario.name).collect();
				SimError::UnknownScenario(name.clone(), known.join(", "))
			})
		})
		.collect()
}

fn write(path: &Path, contents: &str) -> Result<(), SimError> {
	std::fs::write(path, contents)
		.map_err(|source| SimError::Write { path: path.to_path_buf(), source })
}

fn run(args: Args) -> Result<(), SimError> {
	let config = SimConfig::chain(args.years, args.seed);
	config.validate()?;
	let scenarios = chosen_scenarios(&args.scenarios)?;
	// Fail on a missing font before spending time on the simulation.
	chart::load_font(&args.font)?;
	std::fs::create_dir_all(&args.out_dir)
		.map_err(|source| SimError::Write { path: args.out_dir.clone(), source })?;

	let epochs = config.total_epochs().unwrap_or(0);
	eprintln!(
		"simulating {} scenario(s) × {} epochs ({} year(s)), seed {}",
		scenarios.len(),
		report::thousands(epochs.into()),
		config.years,
		config.seed
	);
	let started = Instant::now();
	let mut results: Vec<SimResult> = Vec::with_capacity(scenarios.len());
	for scenario in &scenarios {
		eprint!("  {:<18}", scenario.name);
		let result = simulate(&config, scenario);
		eprintln!(
			" {:>8.3} s   issued {:>20} PAR ({:>6.2} % of budget)",
			result.run_time.as_secs_f64(),
			report::par(result.emitted),
			ai_treasury_sim::stats::share(result.emitted, result.budget()).unwrap_or(0.0) * 100.0
		);
		results.push(result);
	}
	let simulated = started.elapsed();

	let issuance = args.out_dir.join("issuance.png");
	chart::issuance(&config, &results, &issuance)?;
	let concentration = args.out_dir.join("concentration.png");
	chart::concentration(&config, &results, &concentration)?;
	let summary = args.out_dir.join("summary.md");
	write(&summary, &report::markdown(&config, &scenarios, &results))?;
	let csv = args.out_dir.join("summary.csv");
	write(&csv, &report::csv(&results))?;

	eprintln!(
		"simulation {:.3} s, total with charts {:.3} s; wrote {}, {}, {}, {}",
		simulated.as_secs_f64(),
		started.elapsed().as_secs_f64(),
		issuance.display(),
		concentration.display(),
		summary.display(),
		csv.display()
	);
	Ok(())
}
