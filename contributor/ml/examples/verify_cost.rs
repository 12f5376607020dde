//! Benchmark: the cost to verify a submission as a fraction of the cost to produce it, for the
//! chain's two reference tasks (the useful-work issue's target is at most 10 %).
//!
//! Producing = training the task's model with its hyper-parameters on the training split.
//! Verifying = what an assigned verifier does with a revealed artifact: check its hash and size,
//! decode it, rebuild the model and score it on the held-out split.
//!
//! Run: `cargo run --release -p paradigm-ml --example verify_cost` (or `scripts/bench/verify-cost.sh`).

use paradigm_ml::{
	artifact::Artifact,
	dataset::{self, Dataset},
	evaluate, train, Metric, Mlp, MlpSpec, TrainConfig,
};
use burn::prelude::Device;
use std::time::{Duration, Instant};

struct Task {
	name: &'static str,
	model: &'static str,
	hyper_params: &'static str,
	metric: Metric,
	data: fn(&TrainConfig) -> Result<Dataset, paradigm_ml::MlError>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
	let tasks = [
		Task {
			name: "uci-digits-8x8",
			model: "mlp:64-64-10",
			hyper_params: "optimizer=sgd,lr=0.05,momentum=0.9,batch=32,epochs=40",
			metric: Metric::Accuracy,
			data: |_| dataset::uci_digits(),
		},
		Task {
			name: "two-spirals (seed 7272)",
			model: "mlp:2-32-32-2",
			hyper_params: "optimizer=adam,lr=0.01,batch=64,epochs=60,samples=2000",
			metric: Metric::CrossEntropy,
			data: |config| Ok(dataset::two_spirals(7272, config.samples.unwrap_or(2_000))),
		},
	];
	let device = Device::flex();
	println!("| task | train (s) | samples/s | verify (ms, median of 20) | verify / train | held-out metric (ppm) |");
	println!("|---|---|---|---|---|---|");
	for task in &tasks {
		let config = TrainConfig::parse(task.hyper_params)?;
		let spec = MlpSpec::parse(task.model)?;
		let (train_set, held_out) = (task.data)(&config)?.split(0x5eed, 200_000);

		let started = Instant::now();
		let trained = train(&spec, &train_set, &config, 7, &device, |_| ())?;
		let artifact = Artifact::encode(&trained.model.weights()?);
		let train_time = started.elapsed();

		let mut verify_times: Vec<Duration> = Vec::new();
		let mut metric = 0;
		for _ in 0..20 {
			let started = Instant::now();
			let weights = Artifact::decode_verified(&artifact.bytes, &artifact.hash, 1 << 20)?;
			let model = Mlp::from_weights(&weights, &device);
			metric = evaluate(&model, &held_out, task.metric, &device)?;
			verify_times.push(started.elapsed());
		}
		verify_times.sort();
		let verify = verify_times[verify_times.len() / 2];
		println!(
			"| {} | {:.2} | {:.0} | {:.2} | {:.3} % | {} |",
			task.name,
			train_time.as_secs_f64(),
			trained.samples_per_second,
			verify.as_secs_f64() * 1e3,
			verify.as_secs_f64() / train_time.as_secs_f64() * 100.0,
			metric,
		);
	}
	Ok(())
}
