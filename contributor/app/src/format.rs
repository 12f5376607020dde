//! Text for people, shared by the CLI's output and the window: amounts of PAR, worker events and
//! registration steps.

use paradigm_chain::{RegistrationStep, REGISTRATION_ATTEMPTS};

use crate::error::AppError;
use paradigm_worker::WorkerEvent;

/// Planck per PAR (8 decimals).
const PLANCK_PER_PAR: u128 = 100_000_000;

/// `12.34000000 PAR`.
pub(crate) fn format_par(planck: u128) -> String {
	format!("{}.{:08} PAR", planck / PLANCK_PER_PAR, planck % PLANCK_PER_PAR)
}

/// An amount of PAR a person typed (`50`, `0.5`, `1.25000000`) in planck; at most 8 decimals.
pub(crate) fn parse_par(text: &str) -> Result<u128, AppError> {
	let bad = || AppError::BadAmount(text.to_owned());
	let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
	if whole.is_empty() && fraction.is_empty() {
		return Err(bad());
	}
	if !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit()) || fraction.len() > 8 {
		return Err(bad());
	}
	let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
	let fraction: u128 = format!("{fraction:0<8}").parse().map_err(|_| bad())?;
	whole.checked_mul(PLANCK_PER_PAR).and_then(|planck| planck.checked_add(fraction)).ok_or_else(bad)
}

/// One line for an event.
pub(crate) fn describe(event: &WorkerEvent) -> String {
	match event {
		WorkerEvent::Connected { node, genesis, device, address, artifacts_url } => format!(
			"connected to {node} (genesis {genesis}) as {address}; device: {device}; serving artifacts at {artifacts_url}"
		),
		WorkerEvent::Registering(step) => describe_registration(step),
		WorkerEvent::Registered => "registered as a contributor".into(),
		WorkerEvent::Block(block) => format!("block #{block}"),
		WorkerEvent::Round { task, round, phase } => format!("task {task} round {round}: {phase} phase"),
		WorkerEvent::Training { task, round, epoch, epochs, loss } =>
			format!("task {task} round {round}: epoch {epoch}/{epochs}, loss {loss:.4}"),
		WorkerEvent::Trained { task, round, measured, improves } => format!(
			"task {task} round {round}: trained, {measured} ppm on own validation data{}",
			if *improves { "" } else { " (no improvement: not submitting)" }
		),
		WorkerEvent::Committed { task, round } => format!("task {task} round {round}: committed"),
		WorkerEvent::Revealed { task, round, claimed } => format!("task {task} round {round}: revealed, claiming {claimed} ppm"),
		WorkerEvent::Verified { task, round, submission, measured } =>
			format!("task {task} round {round}: verified submission {submission}: {measured} ppm"),
		WorkerEvent::ArtifactRejected { task, submission, reason } =>
			format!("task {task}: submission {submission}'s artifact rejected: {reason}"),
		WorkerEvent::Balance(balance) => format!("balance {}", format_par(*balance)),
		WorkerEvent::Profile { reputation, pool } => format!(
			"reputation {reputation} ppm, {}",
			pool.map_or("no pool".to_owned(), |pool| format!("pool {pool}"))
		),
		WorkerEvent::TaskSkipped { task, reason } => format!("warning: not training task {task}: {reason}"),
		WorkerEvent::Warning(text) => format!("warning: {text}"),
		WorkerEvent::Stopped => "stopped".into(),
	}
}

/// One line for a registration step.
pub(crate) fn describe_registration(step: &RegistrationStep) -> String {
	match step {
		RegistrationStep::Solving { attempt, difficulty } => format!(
			"registering: solving the chain's proof of work ({difficulty} bits, ticket {attempt} of at most \
			 {REGISTRATION_ATTEMPTS})"
		),
		RegistrationStep::Submitting { attempt } => format!("registering: submitting (ticket {attempt})"),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn parses_amounts_of_par() {
		assert_eq!(parse_par("50").unwrap(), 5_000_000_000);
		assert_eq!(parse_par("0.5").unwrap(), 50_000_000);
		assert_eq!(parse_par(".00000001").unwrap(), 1);
		assert_eq!(parse_par("1.25000000").unwrap(), 125_000_000);
		for bad in ["", ".", "-1", "1.123456789", "1e3", "one", "1.2.3", "340282366920938463463374607431768211455"] {
			assert!(parse_par(bad).is_err(), "{bad:?}");
		}
	}

	#[test]
	fn formats_par() {
		assert_eq!(format_par(0), "0.00000000 PAR");
		assert_eq!(format_par(1_234_567_890), "12.34567890 PAR");
	}
}
