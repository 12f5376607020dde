//! Benchmark: training throughput (samples/s) of burn on the CPU (the flex backend) for the
//! digits reference model, to compare with PyTorch on the same model, batch size and threads
//! (`scripts/bench/torch_mlp.py`; the useful-work issue's target is burn at least 0.67× PyTorch).
//!
//! Per batch size: one warm-up run, then three timed runs of `epochs` epochs on the training
//! split; the median is printed as one JSON line. Threads are rayon's: `RAYON_NUM_THREADS`,
//! else the available parallelism.
//!
//! Run: `RAYON_NUM_THREADS=2 cargo run --release -p paradigm-ml --example train_throughput --
//! [--epochs=40] [batch ...]` (batches default to 32 128), or `scripts/bench/train-throughput.sh`.

use burn::prelude::Device;
use paradigm_ml::{dataset, train, MlpSpec, TrainConfig};

const REPEATS: usize = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
	let mut epochs = 40usize;
	let mut batches = Vec::new();
	for arg in std::env::args().skip(1) {
		match arg.strip_prefix("--epochs=") {
			Some(value) => epochs = value.parse().map_err(|_| format!("bad epoch count `{value}`"))?,
			None => batches.push(arg.parse::<usize>().map_err(|_| format!("bad batch size `{arg}`"))?),
		}
	}
	if batches.is_empty() {
		batches = vec![32, 128];
	}
	let threads = std::env::var("RAYON_NUM_THREADS")
		.ok()
		.and_then(|value| value.parse::<usize>().ok())
		.filter(|&n| n > 0)
		.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

	let device = Device::flex();
	let spec = MlpSpec::parse("mlp:64-64-10")?;
	let (train_set, _) = dataset::uci_digits()?.split(0x5eed, 200_000);
	for batch in batches {
		let config = TrainConfig::parse(&format!("optimizer=sgd,lr=0.05,momentum=0.9,batch={batch},epochs={epochs}"))?;
		train(&spec, &train_set, &config, 7, &device, |_| ())?;
		let (mut rates, mut final_loss) = (Vec::with_capacity(REPEATS), 0.0);
		for _ in 0..REPEATS {
			let trained = train(&spec, &train_set, &config, 7, &device, |_| ())?;
			rates.push(trained.samples_per_second);
			final_loss = trained.final_loss;
		}
		rates.sort_by(f64::total_cmp);
		let median = rates.get(REPEATS / 2).copied().unwrap_or_default();
		println!(
			"{{\"framework\":\"burn-flex\",\"batch\":{batch},\"epochs\":{epochs},\"samples\":{},\"samples_per_second\":{median:.1},\"threads\":{threads},\"final_loss\":{final_loss:.4}}}",
			train_set.len(),
		);
	}
	Ok(())
}
