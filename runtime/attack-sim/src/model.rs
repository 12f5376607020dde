//! What the simulated models are worth: the true metric of every artifact, which the simulation
//! knows because it made the artifact.
//!
//! Each task has a *frontier*: the best model anyone can train by a given time, rising from the
//! task's baseline towards a reachable best as `1 - exp(-t / learning_epochs)`. An honest
//! contributor's model in a round reaches `frontier × skill × (1 - noise)` of that way, with a
//! lasting skill in `[0.97, 1]` and round-to-round noise up to 1 %. Junk is no better than the
//! baseline. The chain's rules decide what is accepted; this module only says what is true.

use useful_work_primitives::{Metric, MetricValue, TaskKind, TaskSpec};

/// Share of the way from the baseline to a perfect accuracy that training can reach.
pub const REACHABLE_ACCURACY_SHARE: f64 = 0.97;
/// Share of its baseline a loss can be trained down to.
pub const REACHABLE_LOSS_SHARE: f64 = 0.08;
/// Lowest lasting skill of an honest contributor (the highest is 1).
pub const SKILL_FLOOR: f64 = 0.97;
/// Largest round-to-round loss of a model against its trainer's skill.
pub const ROUND_NOISE: f64 = 0.01;
/// How far below the baseline (ppm) a junk model may fall.
pub const JUNK_SPREAD: f64 = 20_000.0;
/// The result an evaluation task's honest output measures (ppm): any fixed value serves, every
/// honest party measures the same one.
pub const EVALUATION_RESULT: MetricValue = 900_000;

/// The true metric of the models of one task.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TaskModel {
	/// What is measured.
	pub metric: Metric,
	/// Train or evaluate.
	pub kind: TaskKind,
	/// The value with no training.
	pub baseline: MetricValue,
	/// The best value training can reach.
	pub target: MetricValue,
}

impl TaskModel {
	/// The model of the task `spec` describes.
	pub fn of(spec: &TaskSpec) -> Self {
		let max = spec.metric.max_value();
		let target = if spec.metric.higher_is_better() {
			let room = f64::from(max.saturating_sub(spec.baseline));
			spec.baseline.saturating_add(to_metric(room * REACHABLE_ACCURACY_SHARE))
		} else {
			to_metric(f64::from(spec.baseline) * REACHABLE_LOSS_SHARE)
		};
		Self { metric: spec.metric, kind: spec.kind, baseline: spec.baseline, target }
	}

	/// The value of a model `progress` of the way (0 to 1) from the baseline to the target.
	pub fn value(&self, progress: f64) -> MetricValue {
		if self.kind == TaskKind::Evaluate {
			return EVALUATION_RESULT;
		}
		let progress = progress.clamp(0.0, 1.0);
		let from = f64::from(self.baseline);
		let to = f64::from(self.target);
		to_metric(from + (to - from) * progress)
	}

	/// An untrained model: at most [`JUNK_SPREAD`] worse than the baseline (`unit` in `[0, 1)`).
	pub fn junk(&self, unit: f64) -> MetricValue {
		let worse = to_metric(unit.clamp(0.0, 1.0) * JUNK_SPREAD);
		if self.metric.higher_is_better() {
			self.baseline.saturating_sub(worse)
		} else {
			self.baseline.saturating_add(worse).min(self.metric.max_value())
		}
	}

	/// The best value the metric can take: what a lying verifier reports for a friend.
	pub fn perfect(&self) -> MetricValue {
		if self.metric.higher_is_better() {
			self.metric.max_value()
		} else {
			0
		}
	}

	/// The worst value the metric can take: what a lying verifier reports for a rival.
	pub fn worst(&self) -> MetricValue {
		if self.metric.higher_is_better() {
			0
		} else {
			self.metric.max_value()
		}
	}
}

/// How far training has come by a given time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frontier {
	/// Epochs after which the frontier has covered `1 - 1/e` (63 %) of the way.
	pub learning_epochs: f64,
}

impl Frontier {
	/// Share of the way from baseline to target reached after `epochs` (fractional) epochs.
	pub fn progress(&self, epochs: f64) -> f64 {
		if self.learning_epochs <= 0.0 {
			return 1.0;
		}
		1.0 - (-epochs.max(0.0) / self.learning_epochs).exp()
	}

	/// The share of the way an honest contributor of `skill` reaches after `epochs`, with this
	/// round's `noise` draw in `[0, 1)`.
	pub fn honest_progress(&self, epochs: f64, skill: f64, noise: f64) -> f64 {
		self.progress(epochs) * skill * (1.0 - ROUND_NOISE * noise.clamp(0.0, 1.0))
	}
}

/// A float in ppm as a metric value, rounded and clamped to the `u32` range.
fn to_metric(value: f64) -> MetricValue {
	// `as` saturates for floats out of range and maps NaN to 0.
	value.round() as MetricValue
}

#[cfg(test)]
mod tests {
	use super::*;
	use useful_work_primitives::{DatasetRef, Name, RoundSchedule};

	fn spec(metric: Metric, baseline: MetricValue) -> TaskSpec {
		TaskSpec {
			kind: TaskKind::Train,
			model: Name::truncate_from(b"mlp".to_vec()),
			hyper_params: Default::default(),
			dataset: DatasetRef::Seeded { generator: Name::truncate_from(b"g".to_vec()), seed: 1 },
			metric,
			baseline,
			min_improvement: 5_000,
			tolerance: 10_000,
			verifiers_per_submission: 3,
			max_artifact_size: 1 << 20,
			schedule: RoundSchedule { commit_blocks: 10, reveal_blocks: 5, verify_blocks: 10 },
			reward_weight: 1,
		}
	}

	#[test]
	fn accuracy_rises_and_loss_falls_with_progress() {
		let accuracy = TaskModel::of(&spec(Metric::Accuracy, 100_000));
		assert_eq!(accuracy.value(0.0), 100_000);
		assert_eq!(accuracy.value(1.0), 973_000);
		assert!(accuracy.value(0.5) > accuracy.value(0.4));
		assert_eq!(accuracy.perfect(), 1_000_000);
		assert!(accuracy.junk(0.99) <= 100_000);

		let loss = TaskModel::of(&spec(Metric::CrossEntropy, 693_147));
		assert_eq!(loss.value(0.0), 693_147);
		assert!(loss.value(1.0) < 60_000);
		assert!(loss.value(0.5) < loss.value(0.4));
		assert_eq!(loss.perfect(), 0);
		assert!(loss.junk(0.5) >= 693_147);
	}

	#[test]
	fn the_frontier_starts_at_zero_and_approaches_one() {
		let frontier = Frontier { learning_epochs: 100.0 };
		assert_eq!(frontier.progress(0.0), 0.0);
		assert!((frontier.progress(100.0) - 0.632).abs() < 0.001);
		assert!(frontier.progress(1_000.0) > 0.99);
		assert!(frontier.honest_progress(100.0, 0.97, 0.5) < frontier.progress(100.0));
	}
}
