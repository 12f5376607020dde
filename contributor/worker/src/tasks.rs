//! How a task on chain turns into data, a model and a score, the same way for every
//! contributor, so that honest verifiers agree.
//!
//! - **Shipped data** (`uci-digits-8x8`): the task's content hash seeds a fixed split into a
//!   training part (80 %) and a reserve (20 %). Trainers train on the training part. A verifier
//!   scores on 80 % of the reserve, chosen by the round's validation seed, which is drawn only after
//!   every trainer committed. The trainer claims its score on the whole reserve, minus half the
//!   task's tolerance: the chain penalizes a claim better than the verified value by more than the
//!   tolerance, and never one below it.
//! - **Seeded data** (`two-spirals`): trainers train on the generator's points for the task's
//!   seed; verifiers score on fresh points generated from the task seed mixed with the round's
//!   validation seed, which nobody could train on.

use paradigm_ml::{dataset, Dataset, Metric, MlpSpec, TrainConfig};

use paradigm_chain::{DatasetRef, TaskView};

use crate::{UnsupportedReason, WorkError};

/// Share of a shipped dataset kept out of training (ppm).
const RESERVE_PPM: u32 = 200_000;
/// Share of the reserve a verifier scores on (ppm).
const VALIDATION_OF_RESERVE_PPM: u32 = 800_000;
/// Points a seeded validation set has, per training point.
const SEEDED_VALIDATION_FACTOR: usize = 4;
/// Points a seeded generator produces when the task does not say (`samples=`).
const DEFAULT_SEEDED_SAMPLES: usize = 2_000;
/// Samples in the shipped UCI digits file. Trainers use 80 % of them;
/// [`TaskPlan::training_work`] counts them all, a bound.
pub const UCI_DIGITS_SAMPLES: usize = 1_797;

/// Where a task's data comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum DataSource {
	/// The UCI 8x8 digits compiled into the binary.
	UciDigits {
		/// The task's content hash, which also seeds the split.
		content_hash: [u8; 32],
	},
	/// Two interleaved spirals from a seed.
	TwoSpirals {
		/// The task's seed.
		seed: u64,
	},
}

/// A task this contributor knows how to do.
#[derive(Clone, Debug)]
pub struct TaskPlan {
	/// The task id.
	pub task: u32,
	/// The model.
	pub spec: MlpSpec,
	/// Training hyper-parameters.
	pub config: TrainConfig,
	/// The data.
	pub source: DataSource,
	/// The chain's metric.
	pub metric: Metric,
	/// Tolerance (ppm).
	pub tolerance: u32,
	/// The value a submission must beat by `min_improvement`: the champion's, or the baseline.
	pub reference: u32,
	/// Needed improvement (ppm).
	pub min_improvement: u32,
	/// Artifact size limit.
	pub max_artifact_size: u64,
}

impl TaskPlan {
	/// Understand `task`, or say why this contributor cannot work on it.
	pub fn from_view(task: &TaskView) -> Result<Self, WorkError> {
		let unsupported = |reason: UnsupportedReason| WorkError::UnsupportedTask { task: task.id, reason };
		let model = std::str::from_utf8(&task.spec.model)
			.map_err(|_| unsupported(UnsupportedReason::NotText("model")))?;
		let hyper_params = std::str::from_utf8(&task.spec.hyper_params)
			.map_err(|_| unsupported(UnsupportedReason::NotText("hyper-parameters")))?;
		let spec = MlpSpec::parse(model).map_err(|e| unsupported(UnsupportedReason::Model(e)))?;
		let config = TrainConfig::parse(hyper_params).map_err(|e| unsupported(UnsupportedReason::HyperParams(e)))?;
		let metric = match task.spec.metric {
			paradigm_chain::Metric::Accuracy => Metric::Accuracy,
			paradigm_chain::Metric::CrossEntropy => Metric::CrossEntropy,
			other @ paradigm_chain::Metric::MeanSquaredError =>
				return Err(unsupported(UnsupportedReason::Metric(other))),
		};
		let source = match &task.spec.dataset {
			DatasetRef::Shipped { name, content_hash } if &name[..] == b"uci-digits-8x8" => {
				if content_hash.0 != dataset::UCI_DIGITS_CONTENT_HASH {
					return Err(unsupported(UnsupportedReason::DigitsHashMismatch));
				}
				DataSource::UciDigits { content_hash: content_hash.0 }
			},
			DatasetRef::Seeded { generator, seed } if &generator[..] == b"two-spirals" =>
				DataSource::TwoSpirals { seed: *seed },
			other => return Err(unsupported(UnsupportedReason::Dataset(describe_dataset(other)))),
		};
		Ok(Self {
			task: task.id,
			spec,
			config,
			source,
			metric,
			tolerance: task.spec.tolerance,
			reference: task.champion.as_ref().map_or(task.spec.baseline, |champion| champion.metric),
			min_improvement: task.spec.min_improvement,
			max_artifact_size: task.spec.max_artifact_size,
		})
	}

	/// The training data and the trainer's own validation data.
	pub fn training_data(&self) -> Result<(Dataset, Dataset), WorkError> {
		match &self.source {
			DataSource::UciDigits { content_hash } => {
				let all = dataset::uci_digits()?;
				Ok(all.split(seed_of(content_hash), RESERVE_PPM))
			},
			DataSource::TwoSpirals { seed } => {
				let samples = self.config.samples.unwrap_or(DEFAULT_SEEDED_SAMPLES);
				let own_check = dataset::two_spirals(!*seed, samples.saturating_mul(SEEDED_VALIDATION_FACTOR));
				Ok((dataset::two_spirals(*seed, samples), own_check))
			},
		}
	}

	/// What a verifier scores on, from the round's validation seed.
	pub fn validation_data(&self, round_seed: &[u8; 32]) -> Result<Dataset, WorkError> {
		let round_seed = seed_of(round_seed);
		match &self.source {
			DataSource::UciDigits { .. } => {
				let (_, reserve) = self.training_data()?;
				Ok(reserve.split(round_seed, VALIDATION_OF_RESERVE_PPM).1)
			},
			DataSource::TwoSpirals { seed } => {
				let samples = self.config.samples.unwrap_or(DEFAULT_SEEDED_SAMPLES);
				Ok(dataset::two_spirals(seed ^ round_seed, samples.saturating_mul(SEEDED_VALIDATION_FACTOR)))
			},
		}
	}

	/// The computation training takes, in parameter-sample-epochs: epochs × training samples ×
	/// model parameters (each parameter is used forward and backward once per sample and epoch).
	/// Known from the task alone, before any data is built, so a worker can refuse hostile
	/// hyper-parameters (10,000 epochs, ten million samples) without spending anything on them.
	pub fn training_work(&self) -> u64 {
		let samples = match &self.source {
			DataSource::UciDigits { .. } => UCI_DIGITS_SAMPLES,
			DataSource::TwoSpirals { .. } => self.config.samples.unwrap_or(DEFAULT_SEEDED_SAMPLES),
		};
		(self.config.epochs as u64).saturating_mul(samples as u64).saturating_mul(self.spec.parameters() as u64)
	}

	/// The claim for a result measured on the trainer's own validation data: half a tolerance
	/// worse than measured, so that sampling noise never makes an honest claim look inflated.
	pub fn claim(&self, measured: u32) -> u32 {
		let margin = self.tolerance / 2;
		if self.metric.higher_is_better() {
			measured.saturating_sub(margin)
		} else {
			measured.saturating_add(margin)
		}
	}

	/// Whether `measured` improves on the task's reference by at least the required amount.
	pub fn improves(&self, measured: u32) -> bool {
		let gain = if self.metric.higher_is_better() {
			i64::from(measured) - i64::from(self.reference)
		} else {
			i64::from(self.reference) - i64::from(measured)
		};
		gain >= i64::from(self.min_improvement)
	}

	/// The report for a submission that cannot be scored (missing or corrupt artifact).
	pub fn worst_value(&self) -> u32 {
		if self.metric.higher_is_better() {
			0
		} else {
			u32::MAX
		}
	}
}

/// A dataset description for people.
pub fn describe_dataset(dataset: &DatasetRef) -> String {
	match dataset {
		DatasetRef::Shipped { name, .. } => String::from_utf8_lossy(name).into_owned(),
		DatasetRef::Seeded { generator, seed } => format!("{} (seed {seed})", String::from_utf8_lossy(generator)),
	}
}

/// A 64-bit seed from the first eight bytes of a hash.
pub fn seed_of(hash: &[u8; 32]) -> u64 {
	let mut bytes = [0u8; 8];
	bytes.copy_from_slice(&hash[..8]);
	u64::from_le_bytes(bytes)
}

#[cfg(test)]
pub(crate) mod tests {
	use super::*;
	use paradigm_chain::{views::text, Metric as ChainMetric, RoundSchedule, TaskKind, TaskSpec};

	/// The digits reference task as the node shows it (also the selection tests' fixture).
	pub(crate) fn digits_task() -> TaskView {
		TaskView {
			id: 0,
			spec: TaskSpec {
				kind: TaskKind::Train,
				model: text("mlp:64-64-10"),
				hyper_params: text("optimizer=sgd,lr=0.05,momentum=0.9,batch=32,epochs=40"),
				dataset: DatasetRef::Shipped {
					name: text("uci-digits-8x8"),
					content_hash: dataset::UCI_DIGITS_CONTENT_HASH.into(),
				},
				metric: ChainMetric::Accuracy,
				baseline: 100_000,
				min_improvement: 5_000,
				tolerance: 10_000,
				verifiers_per_submission: 3,
				max_artifact_size: 1 << 20,
				schedule: RoundSchedule { commit_blocks: 10, reveal_blocks: 5, verify_blocks: 10 },
				reward_weight: 1,
			},
			requester: None,
			bounty: None,
			champion: None,
			round: None,
		}
	}

	#[test]
	fn shipped_data_splits_are_fixed_and_validation_follows_the_round_seed() {
		let plan = TaskPlan::from_view(&digits_task()).unwrap();
		let (train, reserve) = plan.training_data().unwrap();
		assert_eq!(train.len() + reserve.len(), UCI_DIGITS_SAMPLES);
		assert_eq!(plan.training_data().unwrap().1, reserve);
		let a = plan.validation_data(&[1; 32]).unwrap();
		assert_eq!(a, plan.validation_data(&[1; 32]).unwrap());
		assert_ne!(a, plan.validation_data(&[2; 32]).unwrap());
		assert_eq!(a.len(), reserve.len() * 4 / 5);
		assert!(plan.improves(105_000) && !plan.improves(104_999));
		assert_eq!(plan.claim(970_000), 965_000);
		assert_eq!(plan.worst_value(), 0);
	}

	#[test]
	fn training_work_counts_epochs_samples_and_parameters() {
		let plan = TaskPlan::from_view(&digits_task()).unwrap();
		// mlp:64-64-10 has 64·64 + 64 + 64·10 + 10 = 4,810 parameters.
		assert_eq!(plan.training_work(), 40 * 1_797 * 4_810);
		let mut task = digits_task();
		task.spec.hyper_params = text("optimizer=sgd,lr=0.05,batch=32,epochs=10000");
		assert_eq!(TaskPlan::from_view(&task).unwrap().training_work(), 10_000 * 1_797 * 4_810);
		task.spec.dataset = DatasetRef::Seeded { generator: text("two-spirals"), seed: 1 };
		task.spec.hyper_params = text("optimizer=adam,epochs=60,samples=10000000");
		assert_eq!(TaskPlan::from_view(&task).unwrap().training_work(), 60 * 10_000_000 * 4_810);
		task.spec.hyper_params = text("optimizer=adam,epochs=60");
		assert_eq!(TaskPlan::from_view(&task).unwrap().training_work(), 60 * 2_000 * 4_810);
	}

	#[test]
	fn unknown_tasks_are_refused_with_a_reason() {
		let mut task = digits_task();
		task.spec.dataset = DatasetRef::Shipped { name: text("imagenet"), content_hash: [0u8; 32].into() };
		assert!(matches!(TaskPlan::from_view(&task), Err(WorkError::UnsupportedTask { task: 0, .. })));
		let mut task = digits_task();
		task.spec.dataset = DatasetRef::Shipped { name: text("uci-digits-8x8"), content_hash: [0xe3; 32].into() };
		assert!(TaskPlan::from_view(&task).is_err(), "a hash that is not the shipped file's");
		let mut task = digits_task();
		task.spec.model = text("transformer:7b");
		assert!(TaskPlan::from_view(&task).is_err());
		let mut task = digits_task();
		task.spec.model = vec![0xff, 0xfe].try_into().unwrap();
		let error = TaskPlan::from_view(&task).unwrap_err().to_string();
		assert!(error.contains("model is not UTF-8"), "{error}");
		let mut task = digits_task();
		task.spec.metric = ChainMetric::MeanSquaredError;
		let error = TaskPlan::from_view(&task).unwrap_err().to_string();
		assert!(error.contains("meanSquaredError"), "{error}");
	}

	#[test]
	fn seeded_validation_is_fresh_per_round() {
		let mut task = digits_task();
		task.spec.dataset = DatasetRef::Seeded { generator: text("two-spirals"), seed: 7272 };
		task.spec.metric = ChainMetric::CrossEntropy;
		task.spec.hyper_params = text("optimizer=adam,lr=0.01,batch=64,epochs=60,samples=2000");
		let plan = TaskPlan::from_view(&task).unwrap();
		let (train, own) = plan.training_data().unwrap();
		assert_eq!((train.len(), own.len()), (2_000, 8_000));
		assert_ne!(plan.validation_data(&[1; 32]).unwrap(), plan.validation_data(&[2; 32]).unwrap());
		assert_eq!(plan.claim(300_000), 305_000);
		assert_eq!(plan.worst_value(), u32::MAX);
	}
}
