//! The desktop window (`paradigm-contributor gui`): the device, the node and account, the task
//! and round being worked on, training progress, earnings and pool, and a Start/Stop button.
//!
//! The window only draws a [`GuiState`]; the worker runs on its own thread and feeds the state
//! with its events, so the drawing code is the same in the app and in the kittest tests.

use std::{
	collections::VecDeque,
	path::PathBuf,
	time::{Duration, Instant},
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc, Mutex, MutexGuard,
	},
};

use eframe::egui;
use paradigm_chain::Phase;
use paradigm_keys::ContributorKey;
use paradigm_worker::{WorkerConfig, WorkerEvent};

use crate::{
	error::AppError,
	format::{describe, format_par},
};

/// Recent activity lines kept for the window.
const ACTIVITY_LINES: usize = 8;

/// What the window shows.
#[derive(Debug, Default)]
pub(crate) struct GuiState {
	pub(crate) device: String,
	pub(crate) node: String,
	pub(crate) address: String,
	pub(crate) block: Option<u32>,
	pub(crate) round: Option<(u32, u32, Phase)>,
	pub(crate) training: Option<(usize, usize, f32)>,
	pub(crate) balance: Option<u128>,
	pub(crate) reputation: Option<u32>,
	pub(crate) pool: Option<u32>,
	pub(crate) running: bool,
	pub(crate) error: Option<String>,
	pub(crate) activity: VecDeque<String>,
}

impl GuiState {
	/// Follow a worker event.
	pub(crate) fn apply(&mut self, event: &WorkerEvent) {
		match event {
			WorkerEvent::Connected { node, device, address, .. } => {
				self.node = node.clone();
				self.device = device.clone();
				self.address = address.clone();
				self.error = None;
			},
			WorkerEvent::Block(block) => self.block = Some(*block),
			WorkerEvent::Round { task, round, phase } => self.round = Some((*task, *round, *phase)),
			WorkerEvent::Training { task, round, epoch, epochs, loss } => {
				self.round = Some((*task, *round, Phase::Commit));
				self.training = Some((*epoch, *epochs, *loss));
			},
			WorkerEvent::Balance(balance) => self.balance = Some(*balance),
			WorkerEvent::Profile { reputation, pool } => {
				self.reputation = Some(*reputation);
				self.pool = *pool;
			},
			WorkerEvent::Stopped => self.running = false,
			_ => {},
		}
		if !matches!(
			event,
			WorkerEvent::Block(_) | WorkerEvent::Training { .. } | WorkerEvent::Balance(_) | WorkerEvent::Profile { .. }
		) {
			self.activity.push_front(describe(event));
			self.activity.truncate(ACTIVITY_LINES);
		}
	}
}

/// Starts and stops the work loop.
pub(crate) trait WorkControl {
	/// Start working.
	fn start(&mut self);
	/// Ask the loop to stop after its current step.
	fn stop(&mut self);
}

/// Draw the window's content and act on its buttons.
pub(crate) fn draw(ui: &mut egui::Ui, state: &mut GuiState, control: &mut dyn WorkControl) {
	ui.heading("Paradigm contributor");
	ui.separator();
	egui::Grid::new("facts").num_columns(2).spacing([24.0, 6.0]).show(ui, |ui| {
		let or_dash = |text: &str| if text.is_empty() { "—".to_owned() } else { text.to_owned() };
		ui.label("Device");
		ui.label(or_dash(&state.device));
		ui.end_row();
		ui.label("Node");
		ui.label(match state.block {
			Some(block) => format!("{} · block #{block}", state.node),
			None => or_dash(&state.node),
		});
		ui.end_row();
		ui.label("Account");
		ui.label(or_dash(&state.address));
		ui.end_row();
		ui.label("Task");
		ui.label(match state.round {
			Some((task, round, phase)) => format!("Task {task}, round {round}: {phase}"),
			None => "waiting for a round".to_owned(),
		});
		ui.end_row();
		ui.label("Earnings");
		ui.label(state.balance.map_or("—".to_owned(), format_par));
		ui.end_row();
		ui.label("Reputation");
		ui.label(state.reputation.map_or("—".to_owned(), |r| format!("{:.1} %", f64::from(r) / 10_000.0)));
		ui.end_row();
		ui.label("Pool");
		ui.label(state.pool.map_or("no pool".to_owned(), |pool| format!("pool {pool}")));
		ui.end_row();
	});
	ui.separator();
	match state.training {
		Some((epoch, epochs, loss)) => {
			let fraction = epoch as f32 / epochs.max(1) as f32;
			ui.add(egui::ProgressBar::new(fraction).text(format!("Training: epoch {epoch}/{epochs}, loss {loss:.4}")));
		},
		None => {
			ui.label("Not training");
		},
	}
	ui.separator();
	if state.running {
		if ui.button("Stop").clicked() {
			control.stop();
			state.running = false;
		}
	} else if ui.button("Start").clicked() {
		state.error = None;
		control.start();
		state.running = true;
	}
	if let Some(error) = &state.error {
		ui.colored_label(egui::Color32::LIGHT_RED, format!("Error: {error}"));
	}
	ui.separator();
	ui.label("Activity");
	for line in &state.activity {
		ui.small(line.as_str());
	}
}

/// Runs the worker on a thread of its own.
struct WorkerThread {
	config: WorkerConfig,
	key: ContributorKey,
	state: Arc<Mutex<GuiState>>,
	context: egui::Context,
	stop: Option<Arc<AtomicBool>>,
}

fn lock(state: &Mutex<GuiState>) -> MutexGuard<'_, GuiState> {
	state.lock().unwrap_or_else(|poison| poison.into_inner())
}

impl WorkControl for WorkerThread {
	fn start(&mut self) {
		let stop = Arc::new(AtomicBool::new(false));
		self.stop = Some(stop.clone());
		let (config, key, state, context) =
			(self.config.clone(), self.key.clone(), self.state.clone(), self.context.clone());
		std::thread::spawn(move || {
			let sink_state = state.clone();
			let sink_context = context.clone();
			let sink = Arc::new(move |event: WorkerEvent| {
				lock(&sink_state).apply(&event);
				sink_context.request_repaint();
			});
			let result = tokio::runtime::Runtime::new()
				.map_err(AppError::Runtime)
				.and_then(|runtime| runtime.block_on(paradigm_worker::run(config, key, sink, stop)).map_err(AppError::from));
			if let Err(error) = result {
				let mut state = lock(&state);
				state.error = Some(error.to_string());
				state.running = false;
			}
			context.request_repaint();
		});
	}

	fn stop(&mut self) {
		if let Some(stop) = self.stop.take() {
			stop.store(true, Ordering::Relaxed);
		}
	}
}

/// A PNG of the window, taken once the worker has seen a block and the delay has passed.
pub(crate) struct Screenshot {
	path: PathBuf,
	delay: Duration,
	first_block_at: Option<Instant>,
	requested: bool,
}

impl Screenshot {
	pub(crate) fn new(path: PathBuf, delay_ms: u64) -> Self {
		Self { path, delay: Duration::from_millis(delay_ms), first_block_at: None, requested: false }
	}

	/// Ask for, or save, the screenshot; true once it is saved.
	fn step(&mut self, ctx: &egui::Context, state: &GuiState) -> bool {
		ctx.request_repaint_after(Duration::from_millis(200));
		if state.block.is_some() && self.first_block_at.is_none() {
			self.first_block_at = Some(Instant::now());
		}
		let ready = self.first_block_at.is_some_and(|at| at.elapsed() >= self.delay);
		if ready && !self.requested {
			ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(Default::default()));
			self.requested = true;
		}
		let image = ctx.input(|input| {
			input.raw.events.iter().find_map(|event| match event {
				egui::Event::Screenshot { image, .. } => Some(image.clone()),
				_ => None,
			})
		});
		let Some(image) = image else { return false };
		let rgba: Vec<u8> = image.pixels.iter().flat_map(|pixel| pixel.to_array()).collect();
		let [width, height] = image.size;
		match image::save_buffer(&self.path, &rgba, width as u32, height as u32, image::ColorType::Rgba8) {
			Ok(()) => println!("saved a screenshot to {}", self.path.display()),
			Err(error) => eprintln!("error: cannot save the screenshot to {}: {error}", self.path.display()),
		}
		true
	}
}

struct ContributorApp {
	state: Arc<Mutex<GuiState>>,
	worker: WorkerThread,
	screenshot: Option<Screenshot>,
}

impl eframe::App for ContributorApp {
	fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
		let state = self.state.clone();
		egui::CentralPanel::default().show(ui, |ui| draw(ui, &mut lock(&state), &mut self.worker));
		if let Some(screenshot) = &mut self.screenshot {
			if screenshot.step(ui.ctx(), &lock(&state)) {
				self.worker.stop();
				ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
			}
		}
	}
}

/// Open the window; work starts at once (the Stop button pauses it).
pub(crate) fn run(config: WorkerConfig, key: ContributorKey, screenshot: Option<Screenshot>) -> Result<(), AppError> {
	let options = eframe::NativeOptions {
		viewport: egui::ViewportBuilder::default().with_inner_size([640.0, 520.0]).with_title("Paradigm contributor"),
		..Default::default()
	};
	eframe::run_native(
		"Paradigm contributor",
		options,
		Box::new(move |creation| {
			let state = Arc::new(Mutex::new(GuiState {
				device: format!("{:?} (requested)", config.device),
				node: config.node_url.clone(),
				address: key.address(),
				..Default::default()
			}));
			let mut worker =
				WorkerThread { config, key, state: state.clone(), context: creation.egui_ctx.clone(), stop: None };
			worker.start();
			lock(&state).running = true;
			Ok(Box::new(ContributorApp { state, worker, screenshot }))
		}),
	)
	.map_err(AppError::Window)
}

#[cfg(test)]
mod tests {
	use super::*;
	use egui_kittest::{kittest::Queryable, Harness};

	/// Records what the window asked for.
	#[derive(Default)]
	struct RecordingControl {
		starts: u32,
		stops: u32,
	}

	impl WorkControl for RecordingControl {
		fn start(&mut self) {
			self.starts += 1;
		}
		fn stop(&mut self) {
			self.stops += 1;
		}
	}

	struct Window {
		state: GuiState,
		control: RecordingControl,
	}

	#[test]
	fn shows_the_workers_state_and_starts_and_stops_it() {
		let mut harness = Harness::new_ui_state(
			|ui, window: &mut Window| draw(ui, &mut window.state, &mut window.control),
			Window { state: GuiState::default(), control: RecordingControl::default() },
		);
		harness.run();
		assert!(harness.query_by_label("Not training").is_some());
		assert!(harness.query_by_label("waiting for a round").is_some());

		for event in [
			WorkerEvent::Connected {
				node: "ws://127.0.0.1:9944".into(),
				genesis: "0x00".into(),
				device: "CPU (burn flex, 2 threads)".into(),
				address: "ggmjzCCdr9N5KNxA5eJ91Pmj6UgqLbY4tTz9cMWbo7WD7Nkyb".into(),
				artifacts_url: "http://127.0.0.1:9955".into(),
			},
			WorkerEvent::Block(42),
			WorkerEvent::Round { task: 0, round: 3, phase: Phase::Commit },
			WorkerEvent::Training { task: 0, round: 3, epoch: 10, epochs: 40, loss: 0.25 },
			WorkerEvent::Balance(150_000_000),
			WorkerEvent::Profile { reputation: 140_000, pool: Some(2) },
			WorkerEvent::Committed { task: 0, round: 3 },
		] {
			harness.state_mut().state.apply(&event);
		}
		harness.run();
		assert!(harness.query_by_label("CPU (burn flex, 2 threads)").is_some());
		assert!(harness.query_by_label("ws://127.0.0.1:9944 · block #42").is_some());
		assert!(harness.query_by_label("Task 0, round 3: commit").is_some());
		assert!(harness.query_by_label("1.50000000 PAR").is_some());
		assert!(harness.query_by_label("14.0 %").is_some());
		assert!(harness.query_by_label("pool 2").is_some());
		assert!(harness.query_by_label_contains("epoch 10/40").is_some());
		assert!(harness.query_by_label("task 0 round 3: committed").is_some());

		harness.get_by_label("Start").click();
		harness.run();
		assert_eq!(harness.state().control.starts, 1);
		assert!(harness.state().state.running);
		harness.get_by_label("Stop").click();
		harness.run();
		assert_eq!(harness.state().control.stops, 1);
		assert!(harness.query_by_label("Start").is_some());

		harness.state_mut().state.error = Some("cannot reach a node".into());
		harness.run();
		assert!(harness.query_by_label("Error: cannot reach a node").is_some());
	}
}
