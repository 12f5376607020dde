//! What `run` prints: one line per event on standard output, and progress bars on a terminal.

use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use paradigm_chain::{RegistrationStep, REGISTRATION_ATTEMPTS};
use paradigm_worker::WorkerEvent;

use crate::commands::format_par;

/// Prints worker events and keeps a training bar and a sync spinner.
pub(crate) struct Progress {
	sync: ProgressBar,
	training: Mutex<Option<ProgressBar>>,
	quiet: bool,
}

impl Progress {
	pub(crate) fn new(quiet: bool) -> Self {
		let sync = if quiet { ProgressBar::hidden() } else { ProgressBar::new_spinner() };
		sync.set_style(ProgressStyle::with_template("{spinner} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()));
		sync.set_message("connecting to the node");
		sync.enable_steady_tick(std::time::Duration::from_millis(200));
		Self { sync, training: Mutex::new(None), quiet }
	}

	fn line(&self, text: String) {
		self.sync.suspend(|| println!("{text}"));
	}

	pub(crate) fn on(&self, event: &WorkerEvent) {
		match event {
			WorkerEvent::Block(block) => self.sync.set_message(format!("synced to block #{block}")),
			WorkerEvent::Training { task, round, epoch, epochs, loss } => {
				let mut slot = self.training.lock().unwrap_or_else(|poison| poison.into_inner());
				let bar = slot.get_or_insert_with(|| {
					let bar = if self.quiet {
						ProgressBar::hidden()
					} else {
						ProgressBar::with_draw_target(Some(*epochs as u64), ProgressDrawTarget::stderr())
					};
					bar.set_style(
						ProgressStyle::with_template("training task {prefix} [{bar:30}] epoch {pos}/{len} {msg}")
							.unwrap_or_else(|_| ProgressStyle::default_bar()),
					);
					bar.set_prefix(format!("{task} round {round}"));
					bar
				});
				bar.set_position(*epoch as u64);
				bar.set_message(format!("loss {loss:.4}"));
				if epoch >= epochs {
					bar.finish_and_clear();
					*slot = None;
				}
			},
			WorkerEvent::Balance(_) | WorkerEvent::Profile { .. } => {},
			other => self.line(describe(other)),
		}
	}

	pub(crate) fn finish(&self) {
		self.sync.finish_and_clear();
	}
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
		WorkerEvent::Round { task, round, phase } => format!("task {task} round {round}: {phase:?} phase"),
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
