//! What `run` prints: one line per event on standard output, and progress bars on a terminal.

use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use paradigm_worker::WorkerEvent;

use crate::format::describe;

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
