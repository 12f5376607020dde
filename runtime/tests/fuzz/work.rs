//! Useful-work actions: registrations (valid, wrongly signed, stale, without work, repeated),
//! commitments, reveals and verification reports as each temper makes them, and the invalid
//! variants of each (wrong phase, wrong salt, oversized, unknown task, not assigned), and pools.

use crate::{
	model::{bare, signed, Action, CommitState, Registration, RevealKind, TaskState, Temper, View},
	Fuzzer, FAR_ID, RECENT_ANCHORS,
};
use pallet_useful_work::{
	self as useful_work,
	primitives::{meets_registration_difficulty, ArtifactLocation, AssignmentView},
	Metric, MetricValue, PoolId, RoundPhase,
};
use paradigm_runtime::{AccountId, Runtime, RuntimeCall, UsefulWork};
use polkadot_sdk::{
	frame_support::traits::Get,
	sp_core::{Pair, H256},
	sp_runtime::{MultiSignature, PerThing, Perbill},
};

impl Fuzzer {
	/// The proof of work of `payload` at `difficulty`, solved once per payload.
	fn solve(&mut self, payload: &[u8], difficulty: u32) -> u64 {
		let key = (payload.to_vec(), difficulty);
		if let Some(nonce) = self.work_cache.get(&key) {
			return *nonce;
		}
		let nonce = useful_work::primitives::solve_registration_work(payload, difficulty, 0);
		if self.work_cache.len() >= 256 {
			self.work_cache.clear();
		}
		self.work_cache.insert(key, nonce);
		self.stats.proofs_of_work += 1;
		nonce
	}

	/// A registration of `actor` of the given kind, anchored at a recent block unless stale.
	pub(crate) fn registration(&mut self, view: &View, actor: usize, kind: Registration) -> Action {
		let now = view.now;
		let window: u32 = <Runtime as useful_work::Config>::RegistrationAnchorWindow::get();
		let who = self.actors[actor].account.clone();
		let anchor = match kind {
			Registration::StaleAnchor if now > window + 1 && self.rng.chance(50) => {
				let newest_stale = now - window - 1;
				newest_stale - self.rng.below_u32(newest_stale.min(50))
			},
			// Not before the block: the current block or a future one.
			Registration::StaleAnchor => now + self.rng.below_u32(4),
			_ => now - 1 - self.rng.below_u32((now - 1).min(RECENT_ANCHORS)),
		};
		let (payload, difficulty) = self.chain.ext.execute_with(|| {
			(UsefulWork::registration_message(&who, anchor), UsefulWork::registration_difficulty())
		});
		let mut must_fail = kind != Registration::Valid;
		let nonce = match (&payload, kind) {
			(Some(payload), Registration::Valid | Registration::WrongSigner) => {
				self.solve(payload, difficulty)
			},
			(Some(payload), _) => {
				// A nonce below the difficulty: cheap, and refused whatever else is wrong. A stale
				// anchor is refused however much work it carries.
				let lazy = (0u64..64)
					.find(|nonce| !meets_registration_difficulty(payload, *nonce, difficulty));
				if lazy.is_none() && kind != Registration::StaleAnchor {
					must_fail = false;
				}
				lazy.unwrap_or(0)
			},
			(None, _) => self.rng.next_u64(),
		};
		let signer = match kind {
			Registration::WrongSigner => {
				(actor + 1 + self.rng.index(self.actors.len() - 1)) % self.actors.len()
			},
			_ => actor,
		};
		let message = payload.unwrap_or_else(|| self.rng.bytes(32));
		let signature = MultiSignature::from(self.actors[signer].pair.sign(&message));
		let label = format!("register {} ({kind:?}, anchor {anchor})", self.name(actor));
		bare(
			RuntimeCall::UsefulWork(useful_work::Call::register { who, anchor, nonce, signature }),
			label,
		)
		.failing(must_fail)
	}

	/// A registration, most often of an unregistered account, of a random kind.
	pub(crate) fn random_registration(&mut self, view: &View) -> Action {
		let kind = match self.rng.below(100) {
			0..=44 => Registration::Valid,
			45..=59 => Registration::WrongSigner,
			60..=74 => Registration::StaleAnchor,
			75..=89 => Registration::NoWork,
			_ => Registration::Again,
		};
		let registered = view.registered_actors();
		let unregistered = view.unregistered_actors();
		let (actor, kind) = match kind {
			Registration::Again => match self.rng.pick(&registered) {
				Some(actor) => (actor, kind),
				None => (self.rng.index(self.actors.len()), Registration::NoWork),
			},
			_ => match self.rng.pick(&unregistered) {
				Some(actor) if self.rng.chance(80) => (actor, kind),
				_ => (self.rng.index(self.actors.len()), kind),
			},
		};
		self.registration(view, actor, kind)
	}

	/// A deregistration, most often of a registered account.
	pub(crate) fn random_deregistration(&mut self, view: &View) -> Option<Action> {
		let registered = view.registered_actors();
		let actor = match self.rng.pick(&registered) {
			Some(actor) if self.rng.chance(80) => actor,
			_ => self.rng.index(self.actors.len()),
		};
		let label = format!("{} deregister", self.name(actor));
		Some(signed(actor, RuntimeCall::UsefulWork(useful_work::Call::deregister {}), label))
	}

	/// The metric an artifact trained now for `task` truly reaches: mostly an improvement that
	/// counts, sometimes not enough of one.
	fn trained_metric(&mut self, task: &TaskState) -> MetricValue {
		let metric = task.spec.metric;
		let step = task.spec.min_improvement.saturating_add(task.spec.tolerance).max(1);
		let delta = if self.rng.chance(70) {
			step.saturating_add(self.rng.below_u32(step.saturating_mul(2).saturating_add(20_000)))
		} else {
			self.rng.below_u32(step)
		};
		let value = if metric.higher_is_better() {
			task.reference.saturating_add(delta)
		} else {
			task.reference.saturating_sub(delta)
		};
		value.min(metric.max_value())
	}

	/// A commitment by `actor` to a new artifact (or to `reuse`, another trainer's artifact).
	pub(crate) fn commit(
		&mut self,
		actor: usize,
		task: &TaskState,
		reuse: Option<H256>,
		must_fail: bool,
	) -> Action {
		let call = self.commit_call(actor, task, reuse);
		let label = format!(
			"{} commit(task {}{})",
			self.name(actor),
			task.id,
			if reuse.is_some() { ", a copied artifact" } else { "" }
		);
		signed(actor, call, label).failing(must_fail)
	}

	/// The commit call; the salt and the artifact's true metric are remembered for its reveal.
	pub(crate) fn commit_call(
		&mut self,
		actor: usize,
		task: &TaskState,
		reuse: Option<H256>,
	) -> RuntimeCall {
		let artifact = reuse.unwrap_or_else(|| H256(self.rng.bytes32()));
		let salt = self.rng.bytes32();
		let who = self.actors[actor].account.clone();
		let commitment =
			self.chain.ext.execute_with(|| UsefulWork::commitment_of(&artifact, &who, &salt));
		let truth = self.trained_metric(task);
		self.secrets.insert(commitment, (artifact, salt));
		self.truths.entry(artifact).or_insert(truth);
		if self.recent_artifacts.len() >= 32 {
			self.recent_artifacts.pop_front();
		}
		self.recent_artifacts.push_back(artifact);
		RuntimeCall::UsefulWork(useful_work::Call::commit { task: task.id, commitment })
	}

	/// A commitment: in a wrong phase, to an unknown task, by a stranger, of a copied artifact, or
	/// valid.
	pub(crate) fn random_commit(&mut self, view: &View) -> Option<Action> {
		let registered = view.registered_actors();
		let committing = view.tasks_in(RoundPhase::Commit);
		match self.rng.below(5) {
			0 => {
				// A task in another phase: refused whoever sends it.
				let others: Vec<usize> = (0..view.tasks.len())
					.filter(|index| view.tasks[*index].phase != RoundPhase::Commit)
					.collect();
				let task = &view.tasks[self.rng.pick(&others)?];
				let actor = self.rng.pick(&registered)?;
				Some(self.commit(actor, task, None, true))
			},
			1 => {
				let actor = self.rng.index(self.actors.len());
				let id = view.next_task + FAR_ID + self.rng.below_u32(1_000);
				let call = RuntimeCall::UsefulWork(useful_work::Call::commit {
					task: id,
					commitment: H256(self.rng.bytes32()),
				});
				Some(
					signed(actor, call, format!("{} commit(unknown task {id})", self.name(actor)))
						.failing(true),
				)
			},
			2 => {
				let task = &view.tasks[self.rng.pick(&committing)?];
				let actor = self.rng.pick(&view.unregistered_actors())?;
				Some(self.commit(actor, task, None, false))
			},
			3 => {
				let task = &view.tasks[self.rng.pick(&committing)?];
				let actor = self.rng.pick(&registered)?;
				let copied = self.recent_artifacts.iter().copied().collect::<Vec<_>>();
				let reuse = self.rng.pick(&copied);
				Some(self.commit(actor, task, reuse, false))
			},
			_ => {
				let task = &view.tasks[self.rng.pick(&committing)?];
				let actor = self.rng.pick(&registered)?;
				Some(self.commit(actor, task, None, false))
			},
		}
	}

	/// The reveal of `commitment`, as `kind` makes it; `None` if its salt is unknown.
	pub(crate) fn reveal(
		&mut self,
		commitment: &CommitState,
		task: &TaskState,
		kind: RevealKind,
	) -> Option<Action> {
		let (artifact, salt) = *self.secrets.get(&commitment.hash)?;
		let actor = commitment.actor;
		let truth = self.truths.get(&artifact).copied().unwrap_or(task.reference);
		let metric = task.spec.metric;
		let temper = self.actors[actor].temper;
		let claimed = match (kind, temper) {
			(RevealKind::AbsurdClaim, _) => u32::MAX,
			(_, Temper::Honest) => truth,
			(_, Temper::Sloppy) => {
				self.jitter(truth, task.spec.tolerance.saturating_mul(2), metric)
			},
			(_, Temper::Liar) => perfect(metric),
		};
		let mut must_fail = matches!(kind, RevealKind::WrongSalt | RevealKind::WrongPhase);
		let mut salt = salt;
		if kind == RevealKind::WrongSalt {
			salt[0] ^= 0xff;
		}
		let largest = task.spec.max_artifact_size;
		let size = if kind == RevealKind::Oversized {
			let size = largest.saturating_add(1 + self.rng.below(1_000));
			must_fail |= size > largest;
			size
		} else {
			1 + self.rng.below(largest.min(1 << 20))
		};
		let location = ArtifactLocation::truncate_from(
			format!("http://fuzz.invalid/{artifact:?}").into_bytes(),
		);
		let call = RuntimeCall::UsefulWork(useful_work::Call::reveal {
			task: task.id,
			artifact,
			salt,
			size,
			location,
			claimed,
		});
		let label =
			format!("{} reveal(task {}, {kind:?}, claims {claimed})", self.name(actor), task.id);
		Some(signed(actor, call, label).failing(must_fail))
	}

	/// A reveal of a random kind.
	pub(crate) fn random_reveal(&mut self, view: &View) -> Option<Action> {
		let open: Vec<usize> = (0..view.commitments.len())
			.filter(|index| {
				let commitment = &view.commitments[*index];
				!commitment.revealed
					&& view
						.task(commitment.task)
						.is_some_and(|task| task.phase == RoundPhase::Reveal)
			})
			.collect();
		let kind = match self.rng.below(6) {
			0 => RevealKind::Honest,
			1 => RevealKind::WrongSalt,
			2 => RevealKind::Oversized,
			3 => RevealKind::AbsurdClaim,
			4 => RevealKind::WrongPhase,
			_ => RevealKind::NotCommitted,
		};
		match kind {
			RevealKind::WrongPhase => {
				let early: Vec<usize> = (0..view.commitments.len())
					.filter(|index| {
						let commitment = &view.commitments[*index];
						!commitment.revealed
							&& view
								.task(commitment.task)
								.is_some_and(|task| task.phase != RoundPhase::Reveal)
					})
					.collect();
				let commitment = &view.commitments[self.rng.pick(&early)?];
				let task = view.task(commitment.task)?;
				self.reveal(commitment, task, kind)
			},
			RevealKind::NotCommitted => {
				let revealing = view.tasks_in(RoundPhase::Reveal);
				let task = &view.tasks[self.rng.pick(&revealing)?];
				let strangers: Vec<usize> = (0..self.actors.len())
					.filter(|actor| !view.has_commitment(task.id, *actor))
					.collect();
				let actor = self.rng.pick(&strangers)?;
				let call = RuntimeCall::UsefulWork(useful_work::Call::reveal {
					task: task.id,
					artifact: H256(self.rng.bytes32()),
					salt: self.rng.bytes32(),
					size: 1,
					location: ArtifactLocation::truncate_from(b"http://fuzz.invalid/none".to_vec()),
					claimed: task.reference,
				});
				let label =
					format!("{} reveal(task {}, never committed)", self.name(actor), task.id);
				Some(signed(actor, call, label).failing(true))
			},
			_ => {
				let commitment = &view.commitments[self.rng.pick(&open)?];
				let task = view.task(commitment.task)?;
				self.reveal(commitment, task, kind)
			},
		}
	}

	/// `value` moved by up to `spread` either way, within the metric's range.
	fn jitter(&mut self, value: MetricValue, spread: MetricValue, metric: Metric) -> MetricValue {
		let offset = self.rng.below_u32(spread.saturating_add(1));
		let moved = if self.rng.chance(50) {
			value.saturating_add(offset)
		} else {
			value.saturating_sub(offset)
		};
		moved.min(metric.max_value())
	}

	/// A report on an assignment by its verifier, as its temper makes it (or absurd).
	pub(crate) fn verification(
		&mut self,
		view: &View,
		actor: usize,
		assignment: &AssignmentView<AccountId>,
		absurd: bool,
	) -> Action {
		let (metric, tolerance, reference) =
			view.task(assignment.task).map_or((Metric::Accuracy, 0, 0), |task| {
				(task.spec.metric, task.spec.tolerance, task.reference)
			});
		let truth = self.truths.get(&assignment.artifact).copied().unwrap_or(reference);
		let temper = self.actors[actor].temper;
		let measured = if absurd {
			u32::MAX
		} else {
			match temper {
				Temper::Honest => self.jitter(truth, tolerance / 3, metric),
				Temper::Sloppy if self.rng.chance(50) => {
					self.rng.below_u32(metric.max_value().saturating_add(1))
				},
				Temper::Sloppy => self.jitter(truth, tolerance / 3, metric),
				Temper::Liar => perfect(metric),
			}
		};
		let call = RuntimeCall::UsefulWork(useful_work::Call::submit_verification {
			task: assignment.task,
			submission: assignment.submission,
			measured,
		});
		let label = format!(
			"{} verify(task {}, submission {}, measures {measured})",
			self.name(actor),
			assignment.task,
			assignment.submission
		);
		signed(actor, call, label)
	}

	/// A report: not assigned, repeated, in a wrong phase, absurd, or as the verifier's temper
	/// makes it.
	pub(crate) fn random_verification(&mut self, view: &View) -> Option<Action> {
		match self.rng.below(5) {
			0 => {
				// Not assigned: a submission of a verifying task this account does not verify.
				let verifying = view.tasks_in(RoundPhase::Verify);
				let task = &view.tasks[self.rng.pick(&verifying)?];
				let actor = self.rng.index(self.actors.len());
				let submission = self.rng.below_u32(task.submissions + 2);
				let who = self.actors[actor].account.clone();
				let assigned = self.chain.ext.execute_with(|| {
					useful_work::Assignments::<Runtime>::contains_key(&who, (task.id, submission))
				});
				let call = RuntimeCall::UsefulWork(useful_work::Call::submit_verification {
					task: task.id,
					submission,
					measured: task.reference,
				});
				let label = format!(
					"{} verify(task {}, submission {submission}, not assigned)",
					self.name(actor),
					task.id
				);
				Some(signed(actor, call, label).failing(!assigned))
			},
			1 => {
				let reported: Vec<usize> = (0..view.assignments.len())
					.filter(|index| view.assignments[*index].1.reported)
					.collect();
				let (actor, assignment) = &view.assignments[self.rng.pick(&reported)?];
				Some(self.verification(view, *actor, assignment, false).failing(true))
			},
			2 => {
				// A task outside its verify phase.
				let others: Vec<usize> = (0..view.tasks.len())
					.filter(|index| view.tasks[*index].phase != RoundPhase::Verify)
					.collect();
				let task = &view.tasks[self.rng.pick(&others)?];
				let actor = self.rng.index(self.actors.len());
				let call = RuntimeCall::UsefulWork(useful_work::Call::submit_verification {
					task: task.id,
					submission: self.rng.below_u32(4),
					measured: task.reference,
				});
				let label = format!("{} verify(task {}, wrong phase)", self.name(actor), task.id);
				Some(signed(actor, call, label).failing(true))
			},
			absurd => {
				let open: Vec<usize> = (0..view.assignments.len())
					.filter(|index| !view.assignments[*index].1.reported)
					.collect();
				let (actor, assignment) = &view.assignments[self.rng.pick(&open)?];
				Some(self.verification(view, *actor, assignment, absurd == 3))
			},
		}
	}

	/// A pool call: create (fee within or above the maximum), join (known or unknown), leave.
	pub(crate) fn random_pool_call(&mut self, view: &View) -> Option<Action> {
		let registered = view.registered_actors();
		let actor = match self.rng.pick(&registered) {
			Some(actor) if self.rng.chance(85) => actor,
			_ => self.rng.index(self.actors.len()),
		};
		let max_fee: Perbill = <Runtime as useful_work::Config>::MaxPoolFee::get();
		let name = self.name(actor).to_owned();
		let action = match self.rng.below(6) {
			0 => {
				let fee = Perbill::from_parts(
					self.rng.below_u32(max_fee.deconstruct().saturating_add(1)),
				);
				signed(
					actor,
					RuntimeCall::UsefulWork(useful_work::Call::create_pool { fee }),
					format!("{name} create_pool({fee:?})"),
				)
			},
			1 => {
				let above = max_fee.deconstruct().saturating_add(1);
				let fee = Perbill::from_parts(
					above
						+ self
							.rng
							.below_u32(Perbill::ACCURACY.saturating_sub(above).saturating_add(1)),
				);
				signed(
					actor,
					RuntimeCall::UsefulWork(useful_work::Call::create_pool { fee }),
					format!("{name} create_pool({fee:?}, above the maximum)"),
				)
				.failing(fee > max_fee)
			},
			2 | 3 => {
				let pools: Vec<PoolId> = view.pools.iter().map(|(id, _)| *id).collect();
				let pool = self.rng.pick(&pools)?;
				signed(
					actor,
					RuntimeCall::UsefulWork(useful_work::Call::join_pool { pool }),
					format!("{name} join_pool({pool})"),
				)
			},
			4 => {
				let pool = view.next_pool + FAR_ID + self.rng.below_u32(1_000);
				signed(
					actor,
					RuntimeCall::UsefulWork(useful_work::Call::join_pool { pool }),
					format!("{name} join_pool(unknown {pool})"),
				)
				.failing(true)
			},
			_ => signed(
				actor,
				RuntimeCall::UsefulWork(useful_work::Call::leave_pool {}),
				format!("{name} leave_pool"),
			),
		};
		Some(action)
	}
}

/// The best value a metric can report: what a liar claims.
fn perfect(metric: Metric) -> MetricValue {
	if metric.higher_is_better() {
		metric.max_value()
	} else {
		0
	}
}
