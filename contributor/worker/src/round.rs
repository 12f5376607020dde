//! The round state machine of a task this worker trains: what to do in the round's current
//! phase, given what the state file remembers and what the chain holds.
//!
//! - **Commit**: nothing if the round was passed or its commit is known to be on chain; resend a
//!   commit prepared before a restart unless it landed; otherwise train and commit
//!   (`training`), unless the task is refused or an earlier run whose state was lost
//!   already committed.
//! - **Reveal**: reveal the round's work unless the chain already holds the reveal; pass when the
//!   commitment never reached the chain.
//! - **Verify**: nothing: verification follows assignments, whatever the phase (`verifying`).
//!
//! Every decision asks the chain before submitting, so a restart at any point never submits twice.

use paradigm_chain::{Phase, TaskView};

use crate::{
	state::{round_key, RoundKey, RoundWork},
	tasks::TaskPlan,
	WorkError, Worker, WorkerEvent,
};

impl Worker {
	/// Take `task`'s current round one step further.
	pub(crate) async fn train_step(&mut self, task: &TaskView) -> Result<(), WorkError> {
		let Some(round) = &task.round else { return Ok(()) };
		let key = round_key(task.id, round.index);
		let me = self.key.public();
		match round.phase {
			Phase::Commit => {
				if self.state.state.passed.contains(&key) {
					return Ok(());
				}
				match self.state.state.rounds.get(&key).cloned() {
					Some(work) if work.committed => Ok(()),
					Some(work) => {
						// A commit was prepared before a restart: it may or may not have landed.
						match self.chain.commitment(task.id, me).await? {
							Some(on_chain) if on_chain.hash == work.commitment => {},
							Some(_) => return self.pass(key, "a different commitment is on chain"),
							None => self.chain.commit(&self.key, task.id, work.commitment).await?,
						}
						self.confirm(&key, |work| work.committed = true)?;
						self.emit(WorkerEvent::Committed { task: task.id, round: round.index });
						Ok(())
					},
					None => {
						let plan = TaskPlan::from_view(task)?;
						if let Some(reason) = self.training.refusal(task, &plan) {
							if self.refused_tasks.insert(task.id) {
								self.emit(WorkerEvent::TaskSkipped { task: task.id, reason });
							}
							return Ok(());
						}
						if self.chain.commitment(task.id, me).await?.is_some() {
							return self.pass(key, "committed by an earlier run whose state was lost");
						}
						self.announce(task.id, round.index, round.phase);
						self.train_and_commit(task, &plan, round.index, key).await
					},
				}
			},
			Phase::Reveal => {
				let Some(work) = self.state.state.rounds.get(&key).cloned() else { return Ok(()) };
				if work.revealed {
					return Ok(());
				}
				self.announce(task.id, round.index, round.phase);
				match self.chain.commitment(task.id, me).await? {
					Some(on_chain) if on_chain.hash == work.commitment =>
						if !on_chain.revealed {
							self.reveal(task, &work).await?;
						},
					_ => return self.pass(key, "the commitment never reached the chain"),
				}
				self.confirm(&key, |work| work.revealed = true)?;
				self.emit(WorkerEvent::Revealed { task: task.id, round: round.index, claimed: work.claimed });
				Ok(())
			},
			Phase::Verify => Ok(()),
		}
	}

	/// Give up training in round `key`, and remember it so the round is not looked at again.
	pub(crate) fn pass(&mut self, key: RoundKey, reason: &str) -> Result<(), WorkError> {
		self.emit(WorkerEvent::Warning(format!("round {key}: not training ({reason})")));
		self.state.state.passed.insert(key);
		self.state.save()
	}

	/// Record that a submission for round `key` is known to be on chain.
	pub(crate) fn confirm(&mut self, key: &RoundKey, update: impl FnOnce(&mut RoundWork)) -> Result<(), WorkError> {
		if let Some(work) = self.state.state.rounds.get_mut(key) {
			update(work);
		}
		self.state.save()
	}
}
