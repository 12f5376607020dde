//! Every scenario runs against the real runtime for a few epochs and measures what it should.

use attack_sim::{report, simulate, Outcome, Scenario, SimConfig};

/// Six epochs with small populations: enough for rounds to finish, epochs to settle and every
/// attacker to act.
fn tiny() -> SimConfig {
	SimConfig {
		epochs: 6,
		honest: 6,
		learning_epochs: 4.0,
		sybils: 12,
		sybil_junk: 4,
		cartel_sleep: 2,
		governance_delay: Some(1),
		requester_funds_par: 10_000,
		newcomers_per_epoch: 2,
		newcomer_stay: 2,
		flood_per_epoch: 16,
		..SimConfig::short()
	}
}

fn run(scenario: Scenario) -> Outcome {
	let outcome = simulate(&tiny(), scenario, &mut |_, _| {}).expect("the simulation runs");
	assert_eq!(
		outcome.invariant_failure,
		None,
		"{}: the pallets' invariants hold",
		scenario.name()
	);
	assert_eq!(outcome.epochs, 6, "{}: every epoch is settled and paid", scenario.name());
	outcome
}

#[test]
fn the_baseline_pays_honest_work_and_nobody_else() {
	let outcome = run(Scenario::Baseline);
	assert_eq!(outcome.registrations.honest.admitted, 6);
	assert!(outcome.minted.honest > 0, "honest improvements were paid");
	assert_eq!(outcome.minted.attacker, 0);
	assert!(outcome.champions.honest > 0);
	assert!(outcome.work.honest > 0);
	assert!(outcome.within_honest_share(0.0));
}

#[test]
fn the_sybil_farm_registers_with_proof_of_work_and_submits_junk() {
	let outcome = run(Scenario::SybilFarm);
	assert_eq!(outcome.accounts.attacker, 12);
	assert!(outcome.registrations.attacker.hashes >= 12, "every registration took work");
	assert!(outcome.junk_submissions > 0);
	assert_eq!(outcome.champions.attacker, 0, "junk never improves");
	assert!(!outcome.reputation.is_empty());
}

#[test]
fn the_cartel_sleeps_then_lies() {
	let outcome = run(Scenario::VerifierCartel);
	assert_eq!(outcome.accounts.attacker, tiny().cartel_size());
	let lies = outcome.claims_rejected.total() + outcome.captures.len() as u64;
	assert!(
		lies > 0 || outcome.judgements.attacker.outliers > 0,
		"after its sleep the cartel's lies show up as captures, rejected claims or outliers"
	);
}

#[test]
fn the_requester_pays_its_own_tasks_and_the_treasury_does_not() {
	let outcome = run(Scenario::SelfDealingRequester);
	assert!(outcome.bounties.tasks > 0);
	assert!(outcome.bounties.escrowed >= outcome.bounties.paid_out);
	assert!(outcome.bounties.requester_spent > 0);
}

#[test]
fn the_flood_fills_the_registry_and_newcomers_are_accounted_for() {
	let outcome = run(Scenario::RegistryFlood);
	assert!(outcome.registrations.attacker.admitted > 0);
	let newcomers = &outcome.newcomers;
	let refused: u32 = newcomers.refused.values().sum();
	assert_eq!(newcomers.admitted + refused + newcomers.waiting, newcomers.arrived);
	assert!(newcomers.arrived > 0);
}

#[test]
fn the_report_has_every_table() {
	let config = tiny();
	let outcomes = vec![run(Scenario::Baseline)];
	let markdown = report::markdown(&config, &outcomes, "paradigm-attack-sim --test");
	for heading in
		["### What each attacker takes", "### Registration and proof of work", "### Invariants"]
	{
		assert!(markdown.contains(heading), "missing {heading}");
	}
	assert!(report::passed(&config, &outcomes));
}
