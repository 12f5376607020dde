//! The verifier's side: for every submission the chain assigns this worker, fetch the artifact
//! (only from a location naming its hash, exactly the revealed size, on a live chain only from
//! public hosts), score it on the round's validation data and report the metric. An artifact that
//! cannot be fetched or read is reported as the worst value, so a trainer gains nothing by
//! serving nothing.

use paradigm_artifacts::HostPolicy;
use paradigm_chain::{AssignmentView, ChainType, TaskView};
use paradigm_ml::{artifact::Artifact, evaluate, Mlp};

use crate::{state::verification_key, tasks::TaskPlan, ArtifactRejection, WorkError, Worker, WorkerEvent};

impl Worker {
	/// Verify every assignment not reported yet, of the open `tasks`.
	pub(crate) async fn verify_step(&mut self, tasks: &[TaskView]) -> Result<(), WorkError> {
		for assignment in self.chain.assignments(self.key.public()).await? {
			let key = verification_key(assignment.task, assignment.round, assignment.submission);
			if assignment.reported || self.state.state.verified.contains(&key) {
				continue;
			}
			let Some(task) = tasks.iter().find(|t| t.id == assignment.task) else { continue };
			match self.verify(task, &assignment).await {
				Ok(measured) => {
					self.state.state.verified.insert(key);
					self.state.save()?;
					self.emit(WorkerEvent::Verified {
						task: assignment.task,
						round: assignment.round,
						submission: assignment.submission,
						measured,
					});
				},
				Err(error) => self.step(assignment.task, Err(error))?,
			}
		}
		Ok(())
	}

	/// Score `assignment`'s artifact, or the worst value when it cannot be trusted, and report it.
	async fn verify(&mut self, task: &TaskView, assignment: &AssignmentView) -> Result<u32, WorkError> {
		let plan = TaskPlan::from_view(task)?;
		let seed = assignment.seed.0;
		let measured = match self.fetch_model(&plan, assignment).await {
			Ok(weights) => {
				let (device, plan) = (self.device.device.clone(), plan.clone());
				tokio::task::spawn_blocking(move || -> Result<u32, WorkError> {
					let model = Mlp::from_weights(&weights, &device);
					Ok(evaluate(&model, &plan.validation_data(&seed)?, plan.metric, &device)?)
				})
				.await
				.map_err(|source| WorkError::Thread { work: "evaluation", source })??
			},
			Err(reason) => {
				self.emit(WorkerEvent::ArtifactRejected {
					task: assignment.task,
					submission: assignment.submission,
					reason: reason.to_string(),
				});
				plan.worst_value()
			},
		};
		self.chain.submit_verification(&self.key, assignment.task, assignment.submission, measured).await?;
		Ok(measured)
	}

	/// The assigned artifact, or why it cannot be trusted.
	async fn fetch_model(
		&self,
		plan: &TaskPlan,
		assignment: &AssignmentView,
	) -> Result<paradigm_ml::MlpWeights, ArtifactRejection> {
		let hash = assignment.artifact.0;
		if assignment.size > plan.max_artifact_size {
			return Err(ArtifactRejection::TooLarge { size: assignment.size, limit: plan.max_artifact_size });
		}
		// Exactly the revealed size, from a location naming the revealed hash, on a live chain
		// from a public host only.
		let location = std::str::from_utf8(&assignment.location).map_err(|_| ArtifactRejection::LocationNotText)?;
		let bytes = paradigm_artifacts::fetch(location, &hash, assignment.size, self.fetch_policy).await?;
		let weights = Artifact::decode_verified(&bytes, &hash, plan.max_artifact_size)?;
		if weights.spec() != plan.spec {
			return Err(ArtifactRejection::WrongModel { found: weights.spec(), expected: plan.spec.clone() });
		}
		Ok(weights)
	}
}

/// Which hosts assigned artifacts may be fetched from: any on a development or local chain, or
/// when the operator allows private hosts; public ones only otherwise.
pub fn fetch_policy(chain: &ChainType, allow_private_hosts: bool) -> HostPolicy {
	if allow_private_hosts || chain.is_private() {
		HostPolicy::AllowPrivate
	} else {
		HostPolicy::PublicOnly
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn private_artifact_hosts_only_on_private_chains_or_when_allowed() {
		assert_eq!(fetch_policy(&ChainType::Development, false), HostPolicy::AllowPrivate);
		assert_eq!(fetch_policy(&ChainType::Local, false), HostPolicy::AllowPrivate);
		assert_eq!(fetch_policy(&ChainType::Live, false), HostPolicy::PublicOnly);
		assert_eq!(fetch_policy(&ChainType::Custom("x".into()), false), HostPolicy::PublicOnly);
		assert_eq!(fetch_policy(&ChainType::Live, true), HostPolicy::AllowPrivate);
	}
}
