//! Training a reference model with burn, and evaluating an artifact the way verifiers do.

use crate::{
	dataset::Dataset,
	model::{Mlp, MlpSpec},
	rng::SplitMix64,
	MlError,
};
use burn::{
	nn::loss::CrossEntropyLossConfig,
	optim::{momentum::MomentumConfig, AdamConfig, GradientsParams, SgdConfig},
	prelude::*,
};
use std::time::Instant;

/// The optimizer a task asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OptimizerKind {
	/// Stochastic gradient descent with momentum.
	Sgd {
		/// Momentum factor.
		momentum: f64,
	},
	/// Adam.
	Adam,
}

/// How to train, parsed from a task's hyper-parameters
/// (`optimizer=sgd,lr=0.05,momentum=0.9,batch=32,epochs=40`).
#[derive(Clone, Debug, PartialEq)]
pub struct TrainConfig {
	/// The optimizer.
	pub optimizer: OptimizerKind,
	/// Learning rate.
	pub learning_rate: f64,
	/// Samples per step.
	pub batch_size: usize,
	/// Passes over the training set.
	pub epochs: usize,
	/// Samples a seeded generator should produce, when the task's dataset is generated.
	pub samples: Option<usize>,
}

impl TrainConfig {
	/// Parse `key=value` pairs separated by commas; unknown keys are refused, so a task cannot
	/// silently mean something this contributor does not do.
	pub fn parse(hyper_params: &str) -> Result<Self, MlError> {
		let bad = |reason: String| MlError::BadHyperParams { hyper_params: hyper_params.to_owned(), reason };
		let mut optimizer = "sgd";
		let (mut learning_rate, mut momentum, mut batch_size, mut epochs, mut samples) =
			(0.01, 0.0, 32usize, 10usize, None);
		for pair in hyper_params.split(',').map(str::trim).filter(|p| !p.is_empty()) {
			let (key, value) = pair.split_once('=').ok_or_else(|| bad(format!("`{pair}` is not key=value")))?;
			let number = |range: std::ops::RangeInclusive<f64>| {
				value.parse::<f64>().ok().filter(|v| range.contains(v)).ok_or_else(|| bad(format!("{key}={value} is out of range")))
			};
			match key {
				"optimizer" if value == "sgd" || value == "adam" => optimizer = value,
				"lr" => learning_rate = number(1e-6..=10.0)?,
				"momentum" => momentum = number(0.0..=0.999)?,
				"batch" => batch_size = number(1.0..=65_536.0)? as usize,
				"epochs" => epochs = number(1.0..=10_000.0)? as usize,
				"samples" => samples = Some(number(2.0..=10_000_000.0)? as usize),
				_ => return Err(bad(format!("unknown or invalid `{pair}`"))),
			}
		}
		let optimizer = if optimizer == "adam" { OptimizerKind::Adam } else { OptimizerKind::Sgd { momentum } };
		Ok(Self { optimizer, learning_rate, batch_size, epochs, samples })
	}
}

/// Progress of a training run, reported after every epoch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpochProgress {
	/// Epochs done.
	pub epoch: usize,
	/// Of how many.
	pub epochs: usize,
	/// Mean training loss of the epoch.
	pub loss: f32,
}

/// A trained model and how fast it trained.
#[derive(Debug)]
pub struct Trained {
	/// The model, without autodiff.
	pub model: Mlp,
	/// Training samples processed per second (all epochs, wall clock).
	pub samples_per_second: f64,
	/// Mean loss of the last epoch.
	pub final_loss: f32,
}

/// Train `spec` on `data` as `config` says, from `seed`, on `device`.
pub fn train(
	spec: &MlpSpec,
	data: &Dataset,
	config: &TrainConfig,
	seed: u64,
	device: &Device,
	mut progress: impl FnMut(EpochProgress),
) -> Result<Trained, MlError> {
	check_fits(spec, data)?;
	device.seed(seed);
	let device = device.clone().autodiff();
	let mut model = Mlp::new(spec, &device);
	let mut optimizer = match config.optimizer {
		OptimizerKind::Adam => AdamConfig::new().init(),
		OptimizerKind::Sgd { momentum } if momentum > 0.0 => SgdConfig::new()
			.with_momentum(Some(MomentumConfig::new().with_momentum(momentum).with_dampening(0.0)))
			.init(),
		OptimizerKind::Sgd { .. } => SgdConfig::new().init(),
	};
	let loss_fn = CrossEntropyLossConfig::new().init(&device);
	let mut order: Vec<usize> = (0..data.len()).collect();
	let mut rng = SplitMix64::new(seed ^ 0x7061_7261_6469_676d);
	let started = Instant::now();
	let mut final_loss = 0.0;

	for epoch in 0..config.epochs {
		rng.shuffle(&mut order);
		let (mut loss_sum, mut batches) = (0.0f32, 0usize);
		for batch in order.chunks(config.batch_size.max(1)) {
			let (inputs, targets) = tensors(&data.select(batch), &device);
			let loss = loss_fn.forward(model.forward(inputs), targets);
			loss_sum += loss.clone().into_scalar::<f32>();
			batches += 1;
			let grads = GradientsParams::from_grads(loss.backward(), &model);
			model = optimizer.step(config.learning_rate, model, grads);
		}
		final_loss = loss_sum / batches.max(1) as f32;
		progress(EpochProgress { epoch: epoch + 1, epochs: config.epochs, loss: final_loss });
	}
	let seconds = started.elapsed().as_secs_f64().max(1e-9);
	let samples_per_second = (data.len() * config.epochs) as f64 / seconds;
	Ok(Trained { model: model.valid(), samples_per_second, final_loss })
}

/// The metrics a task can ask for, in parts per million as the chain stores them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
	/// Share of correctly classified samples (higher is better).
	Accuracy,
	/// Mean cross-entropy of the true class (lower is better).
	CrossEntropy,
}

impl Metric {
	/// Whether a larger value is a better result (as the chain's `Metric::higher_is_better`).
	pub fn higher_is_better(self) -> bool {
		matches!(self, Metric::Accuracy)
	}
}

/// Score `model` on `data` with `metric`, in ppm. Evaluation runs in fixed batches of 512 in
/// sample order, so two processes on the same machine compute the same number.
pub fn evaluate(model: &Mlp, data: &Dataset, metric: Metric, device: &Device) -> Result<u32, MlError> {
	if data.is_empty() {
		return Err(MlError::EmptyDataset);
	}
	let loss_fn = CrossEntropyLossConfig::new().init(device);
	let indices: Vec<usize> = (0..data.len()).collect();
	let (mut correct, mut loss_sum) = (0i64, 0f64);
	for batch in indices.chunks(512) {
		let (inputs, targets) = tensors(&data.select(batch), device);
		let logits = model.forward(inputs);
		match metric {
			Metric::Accuracy => {
				let predicted = logits.argmax(1).squeeze_dim::<1>(1);
				correct += predicted.equal(targets).int().sum().into_scalar::<i64>();
			},
			Metric::CrossEntropy => {
				let mean = loss_fn.forward(logits, targets).into_scalar::<f32>();
				loss_sum += f64::from(mean) * batch.len() as f64;
			},
		}
	}
	let ppm = match metric {
		Metric::Accuracy => correct as f64 * 1e6 / data.len() as f64,
		Metric::CrossEntropy => loss_sum * 1e6 / data.len() as f64,
	};
	Ok(ppm.round().clamp(0.0, f64::from(u32::MAX)) as u32)
}

fn check_fits(spec: &MlpSpec, data: &Dataset) -> Result<(), MlError> {
	let (inputs, outputs) = (spec.widths.first().copied(), spec.widths.last().copied());
	if inputs != Some(data.dim) || outputs != Some(data.classes) {
		return Err(MlError::ModelDoesNotFit { widths: spec.widths.clone(), dim: data.dim, classes: data.classes });
	}
	if data.is_empty() {
		return Err(MlError::EmptyDataset);
	}
	Ok(())
}

fn tensors(data: &Dataset, device: &Device) -> (Tensor<2>, Tensor<1, Int>) {
	let inputs = Tensor::from_data(TensorData::new(data.features.clone(), [data.len(), data.dim]), device);
	let labels: Vec<i64> = data.labels.iter().map(|&label| i64::from(label)).collect();
	let targets = Tensor::from_data(TensorData::new(labels, [data.len()]), device);
	(inputs, targets)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{artifact::Artifact, dataset};

	#[test]
	fn hyper_params_parse_and_strangers_are_refused() {
		let config = TrainConfig::parse("optimizer=sgd,lr=0.05,momentum=0.9,batch=32,epochs=40").expect("valid");
		assert_eq!(config.optimizer, OptimizerKind::Sgd { momentum: 0.9 });
		assert_eq!((config.batch_size, config.epochs, config.samples), (32, 40, None));
		let adam = TrainConfig::parse("optimizer=adam,lr=0.01,batch=64,epochs=60,samples=2000").expect("valid");
		assert_eq!((adam.optimizer, adam.samples), (OptimizerKind::Adam, Some(2_000)));
		for bad in ["optimizer=lbfgs", "lr=-1", "epochs", "dropout=0.5", "batch=0"] {
			assert!(matches!(TrainConfig::parse(bad), Err(MlError::BadHyperParams { .. })), "{bad}");
		}
	}

	/// The reference digits task (the chain's genesis task 0) from a fixed seed reaches at
	/// least 95 % accuracy on a held-out fifth, and its artifact evaluates to the same score
	/// after a round trip through bytes.
	#[test]
	fn the_reference_digits_model_reaches_95_percent() {
		let device = Device::flex();
		let (train_set, held_out) = dataset::uci_digits().expect("shipped").split(2026, 200_000);
		let spec = MlpSpec::parse("mlp:64-64-10").expect("valid");
		let config = TrainConfig::parse("optimizer=sgd,lr=0.05,momentum=0.9,batch=32,epochs=40").expect("valid");
		let mut epochs = 0;
		let trained = train(&spec, &train_set, &config, 7, &device, |p| epochs = p.epoch).expect("trains");
		assert_eq!(epochs, 40);
		let accuracy = evaluate(&trained.model, &held_out, Metric::Accuracy, &device).expect("evaluates");
		assert!(accuracy >= 950_000, "held-out accuracy {accuracy} ppm");

		let artifact = Artifact::encode(&trained.model.weights().expect("readable"));
		let weights = Artifact::decode_verified(&artifact.bytes, &artifact.hash, 1 << 20).expect("valid");
		let verifier_device = Device::flex();
		let reloaded = Mlp::from_weights(&weights, &verifier_device);
		let again = evaluate(&reloaded, &held_out, Metric::Accuracy, &verifier_device).expect("evaluates");
		assert_eq!(again, accuracy, "a verifier measures what the trainer measured");
	}

	#[test]
	fn spirals_train_below_chance_cross_entropy() {
		let device = Device::flex();
		let config = TrainConfig::parse("optimizer=adam,lr=0.01,batch=64,epochs=60,samples=2000").expect("valid");
		let data = dataset::two_spirals(7272, config.samples.unwrap_or(2_000));
		let (train_set, held_out) = data.split(1, 200_000);
		let spec = MlpSpec::parse("mlp:2-32-32-2").expect("valid");
		let trained = train(&spec, &train_set, &config, 3, &device, |_| ()).expect("trains");
		let loss = evaluate(&trained.model, &held_out, Metric::CrossEntropy, &device).expect("evaluates");
		assert!(loss < 693_147, "cross-entropy {loss} ppm is not better than chance (ln 2)");
	}

	#[test]
	fn a_model_that_does_not_fit_the_data_is_refused() {
		let device = Device::flex();
		let data = dataset::two_spirals(1, 10);
		let config = TrainConfig::parse("epochs=1").expect("valid");
		let spec = MlpSpec::parse("mlp:64-10").expect("valid");
		assert!(matches!(train(&spec, &data, &config, 1, &device, |_| ()), Err(MlError::ModelDoesNotFit { .. })));
	}
}
