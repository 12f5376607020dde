//! Root calls through sudo: network tasks created (within and beyond every spec bound) and
//! closed, and the treasury's parameters and supply cap changed (valid and invalid).

use crate::{
	model::{signed, Action, View},
	Fuzzer, FAR_ID,
};
use pallet_ai_treasury::{self as ai_treasury, CategoryWeights, ControllerParams};
use pallet_useful_work::{
	self as useful_work, primitives::spec_bounds, Metric, RoundSchedule, TaskId, TaskKind, TaskSpec,
};
use paradigm_runtime::{configs::BLOCKS_PER_YEAR, Runtime, RuntimeCall, PAR};
use polkadot_sdk::{
	frame_support::traits::Get,
	pallet_sudo,
	sp_runtime::{FixedU128, Perbill},
};

impl Fuzzer {
	/// A task spec within every bound, with short rounds.
	pub(crate) fn valid_spec(&mut self) -> TaskSpec {
		let templates = paradigm_runtime::genesis_config_presets::reference_tasks();
		let count = templates.len();
		let mut spec =
			templates.into_iter().nth(self.rng.index(count)).expect("reference tasks exist");
		let metric =
			self.rng.one_of(&[Metric::Accuracy, Metric::CrossEntropy, Metric::MeanSquaredError]);
		let max_verifiers: u32 = <Runtime as useful_work::Config>::MaxVerifiersPerSubmission::get();
		let fewest = u32::from(spec_bounds::MIN_VERIFIERS);
		spec.kind = if self.rng.chance(25) { TaskKind::Evaluate } else { TaskKind::Train };
		spec.metric = metric;
		spec.baseline = self.rng.below_u32(metric.max_value().saturating_add(1));
		spec.min_improvement = 1 + self.rng.below_u32(spec_bounds::MAX_MIN_IMPROVEMENT);
		spec.tolerance = self.rng.below_u32(spec_bounds::MAX_TOLERANCE.saturating_add(1));
		let verifiers =
			fewest + self.rng.below_u32(max_verifiers.saturating_sub(fewest).saturating_add(1));
		spec.verifiers_per_submission = u8::try_from(verifiers).unwrap_or(u8::MAX);
		spec.max_artifact_size = 1 + self.rng.below(spec_bounds::MAX_ARTIFACT_SIZE);
		spec.schedule = RoundSchedule {
			commit_blocks: spec_bounds::MIN_PHASE_BLOCKS + self.rng.below_u32(4),
			reveal_blocks: spec_bounds::MIN_PHASE_BLOCKS + self.rng.below_u32(3),
			verify_blocks: spec_bounds::MIN_PHASE_BLOCKS + self.rng.below_u32(4),
		};
		spec.reward_weight = 1 + self.rng.below_u32(spec_bounds::MAX_REWARD_WEIGHT);
		spec
	}

	/// A spec with one field out of bounds (huge reward weight, tolerance `u32::MAX`, a zero or
	/// endless phase, ...).
	pub(crate) fn invalid_spec(&mut self) -> TaskSpec {
		let mut spec = self.valid_spec();
		match self.rng.below(8) {
			0 => {
				spec.reward_weight =
					self.rng.one_of(&[0, spec_bounds::MAX_REWARD_WEIGHT + 1, u32::MAX])
			},
			1 => spec.tolerance = self.rng.one_of(&[spec_bounds::MAX_TOLERANCE + 1, u32::MAX]),
			2 => match self.rng.below(3) {
				0 => spec.schedule.commit_blocks = 0,
				1 => spec.schedule.reveal_blocks = 0,
				_ => spec.schedule.verify_blocks = 0,
			},
			3 => {
				let endless = self.rng.one_of(&[spec_bounds::MAX_PHASE_BLOCKS + 1, u32::MAX]);
				match self.rng.below(3) {
					0 => spec.schedule.commit_blocks = endless,
					1 => spec.schedule.reveal_blocks = endless,
					_ => spec.schedule.verify_blocks = endless,
				}
			},
			4 => {
				spec.verifiers_per_submission =
					self.rng.one_of(&[0, spec_bounds::MIN_VERIFIERS - 1, u8::MAX])
			},
			5 => {
				spec.max_artifact_size =
					self.rng.one_of(&[0, spec_bounds::MAX_ARTIFACT_SIZE + 1, u64::MAX])
			},
			6 => spec.baseline = self.rng.one_of(&[spec.metric.max_value() + 1, u32::MAX]),
			_ => {
				spec.min_improvement =
					self.rng.one_of(&[0, spec_bounds::MAX_MIN_IMPROVEMENT + 1, u32::MAX])
			},
		}
		spec
	}

	/// `call` as root through sudo: signed by the sudo key, or now and then by someone else
	/// (refused).
	pub(crate) fn as_root(&mut self, call: RuntimeCall, what: String, must_fail: bool) -> Action {
		let by_key = self.sudo.filter(|_| self.rng.chance(90));
		let (signer, must_fail) = match by_key {
			Some(key) => (key, must_fail),
			None => {
				let others: Vec<usize> =
					(0..self.actors.len()).filter(|actor| Some(*actor) != self.sudo).collect();
				(self.rng.one_of(&others), true)
			},
		};
		let label = format!("{} sudo {what}", self.name(signer));
		signed(signer, RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) }), label)
			.failing(must_fail)
	}

	pub(crate) fn random_sudo_task(&mut self, view: &View) -> Action {
		let max_verifiers: u32 = <Runtime as useful_work::Config>::MaxVerifiersPerSubmission::get();
		match self.rng.below(20) {
			0..=9 => {
				let spec = self.valid_spec();
				self.as_root(
					RuntimeCall::UsefulWork(useful_work::Call::create_task { spec }),
					"create_task(valid)".into(),
					false,
				)
			},
			10..=14 => {
				let spec = self.invalid_spec();
				let must_fail = spec.check_bounds(max_verifiers).is_err();
				self.as_root(
					RuntimeCall::UsefulWork(useful_work::Call::create_task { spec }),
					"create_task(out of bounds)".into(),
					must_fail,
				)
			},
			15..=17 => {
				let ids: Vec<TaskId> = view.tasks.iter().map(|task| task.id).collect();
				let task = self.rng.pick(&ids).unwrap_or(0);
				let paid = view.task(task).is_some_and(|task| task.paid);
				let what = format!("close_task({task}{})", if paid { ", paid" } else { "" });
				self.as_root(
					RuntimeCall::UsefulWork(useful_work::Call::close_task { task }),
					what,
					false,
				)
			},
			_ => {
				let task = view.next_task + FAR_ID + self.rng.below_u32(1_000);
				self.as_root(
					RuntimeCall::UsefulWork(useful_work::Call::close_task { task }),
					format!("close_task(unknown {task})"),
					true,
				)
			},
		}
	}

	/// Parameters `ControllerParams::validate` accepts, far from the defaults.
	pub(crate) fn valid_params(&mut self) -> ControllerParams {
		let mut params = ControllerParams::default();
		params.work_smoothing = Perbill::from_percent(1 + self.rng.below_u32(100));
		params.max_step = Perbill::from_percent(1 + self.rng.below_u32(100));
		params.floor = Perbill::from_percent(self.rng.below_u32(101));
		params.ceiling = FixedU128::from_u32(1 + self.rng.below_u32(4));
		params.demand_boost = Perbill::from_percent(self.rng.below_u32(101));
		params.next_year_budget = Perbill::from_percent(self.rng.below_u32(101));
		let account_share = 1 + self.rng.below_u32(100);
		params.young.max_account_share = Perbill::from_percent(account_share);
		params.young.max_pool_share =
			Perbill::from_percent(account_share + self.rng.below_u32(101 - account_share));
		params.young.mature_active_contributors = self.rng.below_u32(128);
		params.weights.trainer = Perbill::from_percent(self.rng.below_u32(101));
		params.weights.verifier = Perbill::from_percent(1 + self.rng.below_u32(100));
		params
	}

	/// Parameters `ControllerParams::validate` refuses, one rule broken at a time.
	fn invalid_params(&mut self) -> ControllerParams {
		let mut params = ControllerParams::default();
		match self.rng.below(7) {
			0 => params.work_smoothing = Perbill::from_parts(0),
			1 => params.min_activity = FixedU128::from_u32(2),
			2 => params.max_activity = FixedU128::from_rational(1, 2),
			3 => params.ceiling = FixedU128::from_rational(1, 2),
			4 => params.max_step = Perbill::from_parts(0),
			5 => {
				params.weights = CategoryWeights {
					trainer: Perbill::from_parts(0),
					verifier: Perbill::from_parts(0),
					oracle: Perbill::from_parts(0),
					pool_operator: Perbill::from_parts(0),
				}
			},
			_ => {
				params.young.max_account_share = Perbill::from_percent(50);
				params.young.max_pool_share = Perbill::from_percent(10);
			},
		}
		params
	}

	pub(crate) fn random_sudo_treasury(&mut self, view: &View) -> Action {
		let year = view.now / BLOCKS_PER_YEAR;
		let cap = view.supply_cap;
		let base = match view.cap_base {
			Some((base_year, base)) if base_year == year => base,
			_ => cap,
		};
		let raise: Perbill = <Runtime as ai_treasury::Config>::MaxCapRaisePerYear::get();
		let limit = base.saturating_add(raise.mul_floor(base));
		match self.rng.below(10) {
			0..=3 => {
				let params = self.valid_params();
				self.as_root(
					RuntimeCall::AiTreasury(ai_treasury::Call::set_params { params }),
					"set_params(valid)".into(),
					false,
				)
			},
			4..=6 => {
				let params = self.invalid_params();
				self.as_root(
					RuntimeCall::AiTreasury(ai_treasury::Call::set_params { params }),
					"set_params(invalid)".into(),
					true,
				)
			},
			7 | 8 => {
				let new_cap =
					cap.saturating_add(1 + self.rng.below_u128(limit.saturating_sub(cap)));
				let must_fail = new_cap > limit;
				self.as_root(
					RuntimeCall::AiTreasury(ai_treasury::Call::raise_cap { new_cap }),
					format!("raise_cap({new_cap}, within the yearly limit)"),
					must_fail,
				)
			},
			_ => {
				let new_cap = match self.rng.below(3) {
					0 => cap,
					1 => limit.saturating_add(1 + self.rng.below_u128(1_000 * PAR)),
					_ => u128::MAX,
				};
				self.as_root(
					RuntimeCall::AiTreasury(ai_treasury::Call::raise_cap { new_cap }),
					format!("raise_cap({new_cap}, not allowed)"),
					true,
				)
			},
		}
	}
}
