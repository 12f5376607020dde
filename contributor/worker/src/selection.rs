//! Which tasks a worker trains: the ones chosen with `--train`, network tasks only unless paid
//! tasks are enabled, and none whose hyper-parameters exceed the local compute budget.
//!
//! A paid task's requester writes its hyper-parameters; with every paid task trained by default,
//! a task asking for 10,000 epochs over ten million samples would stall every worker. Network
//! tasks come from the chain's genesis or governance. A refused task is skipped with a
//! [`crate::WorkerEvent::TaskSkipped`], never trained and never a crash; assigned verifications
//! are done whatever the task.

use std::fmt;

use paradigm_chain::TaskView;

use crate::tasks::TaskPlan;

/// The default local compute budget, in parameter-sample-epochs ([`TaskPlan::training_work`]):
/// almost 60 times the larger reference task (digits, 3.5·10^8), about 15 s of training on a
/// 2-core laptop CPU at the digits model's measured throughput (`docs/benchmarks.md`).
pub const DEFAULT_MAX_TRAIN_WORK: u64 = 20_000_000_000;

/// Which tasks to train on (every worker verifies what it is assigned).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrainOn {
	/// Every task it knows how to do.
	All,
	/// None: verify only.
	Nothing,
	/// These task ids.
	Tasks(Vec<u32>),
}

impl TrainOn {
	/// Whether `task` was chosen.
	pub fn includes(&self, task: u32) -> bool {
		match self {
			TrainOn::All => true,
			TrainOn::Nothing => false,
			TrainOn::Tasks(tasks) => tasks.contains(&task),
		}
	}
}

/// Why a chosen task is not trained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
	/// A requester's paid task, and paid tasks are not enabled.
	PaidTask,
	/// Training it would take more than the local budget.
	OverBudget {
		/// The task's training work ([`TaskPlan::training_work`]).
		work: u64,
		/// The budget.
		budget: u64,
	},
}

impl fmt::Display for SkipReason {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			SkipReason::PaidTask => write!(f, "a paid task; pass --paid-tasks to train paid tasks too"),
			SkipReason::OverBudget { work, budget } => write!(
				f,
				"its hyper-parameters ask for {work} parameter-sample-epochs, more than this worker's budget of \
				 {budget} (--max-train-work)"
			),
		}
	}
}

/// What a worker agrees to train.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainingPolicy {
	/// The tasks chosen.
	pub train: TrainOn,
	/// Whether requesters' paid tasks are trained too (network tasks always are).
	pub paid_tasks: bool,
	/// The most training work one round may take ([`TaskPlan::training_work`]).
	pub max_train_work: u64,
}

impl Default for TrainingPolicy {
	fn default() -> Self {
		Self { train: TrainOn::All, paid_tasks: false, max_train_work: DEFAULT_MAX_TRAIN_WORK }
	}
}

impl TrainingPolicy {
	/// Why `task`, understood as `plan`, is not trained, or `None` when it is.
	pub fn refusal(&self, task: &TaskView, plan: &TaskPlan) -> Option<SkipReason> {
		if task.requester.is_some() && !self.paid_tasks {
			return Some(SkipReason::PaidTask);
		}
		let work = plan.training_work();
		(work > self.max_train_work).then_some(SkipReason::OverBudget { work, budget: self.max_train_work })
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::tasks::tests::digits_task;
	use paradigm_chain::{views::text, AccountId32, DatasetRef};

	/// A paid task's requester.
	const REQUESTER: AccountId32 = AccountId32([1u8; 32]);

	/// The digits task with `hyper_params`, paid by `requester` when there is one.
	fn task(hyper_params: &str, requester: Option<AccountId32>) -> TaskView {
		let mut task = digits_task();
		task.id = 4;
		task.spec.hyper_params = text(hyper_params);
		task.bounty = requester.as_ref().map(|_| 1_000_000_000);
		task.requester = requester;
		task
	}

	fn refusal(policy: &TrainingPolicy, task: &TaskView) -> Option<SkipReason> {
		policy.refusal(task, &TaskPlan::from_view(task).unwrap())
	}

	#[test]
	fn network_tasks_within_budget_only_by_default() {
		let policy = TrainingPolicy::default();
		// The digits reference task.
		let reference = task("optimizer=sgd,lr=0.05,momentum=0.9,batch=32,epochs=40", None);
		assert_eq!(refusal(&policy, &reference), None);
		// The spirals reference task.
		let mut spirals = task("optimizer=adam,lr=0.01,batch=64,epochs=60,samples=2000", None);
		spirals.spec.model = text("mlp:2-32-32-2");
		spirals.spec.dataset = DatasetRef::Seeded { generator: text("two-spirals"), seed: 7272 };
		assert_eq!(refusal(&policy, &spirals), None);

		// A paid task, however small, only with --paid-tasks.
		let paid = task("optimizer=sgd,epochs=40", Some(REQUESTER));
		assert_eq!(refusal(&policy, &paid), Some(SkipReason::PaidTask));
		let with_paid = TrainingPolicy { paid_tasks: true, ..TrainingPolicy::default() };
		assert_eq!(refusal(&with_paid, &paid), None);

		// Hostile hyper-parameters are over budget, paid or not.
		let hostile = task("optimizer=sgd,epochs=10000", Some(REQUESTER));
		assert_eq!(
			refusal(&with_paid, &hostile),
			Some(SkipReason::OverBudget { work: 10_000 * 1_797 * 4_810, budget: DEFAULT_MAX_TRAIN_WORK })
		);
		let hostile_network = task("optimizer=sgd,epochs=10000", None);
		assert!(matches!(refusal(&policy, &hostile_network), Some(SkipReason::OverBudget { .. })));
		// A larger budget admits it.
		let generous = TrainingPolicy { max_train_work: u64::MAX, ..TrainingPolicy::default() };
		assert_eq!(refusal(&generous, &hostile_network), None);
		assert!(SkipReason::PaidTask.to_string().contains("--paid-tasks"));
	}

	#[test]
	fn chosen_tasks() {
		assert!(TrainOn::Tasks(vec![1]).includes(1) && !TrainOn::Tasks(vec![1]).includes(0));
		assert!(!TrainOn::Nothing.includes(0));
		assert!(TrainOn::All.includes(7));
	}
}
