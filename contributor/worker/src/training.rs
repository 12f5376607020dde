//! The trainer's side of a round: train from a secret salt, store the artifact, commit to it,
//! reveal it, and the base URL verifiers fetch it from.

use std::net::SocketAddr;

use paradigm_artifacts::{hex_name, HostPolicy};
use paradigm_chain::{ChainType, TaskView};
use paradigm_ml::{artifact::Artifact, evaluate, train};

use crate::{
	commitment,
	state::{RoundKey, RoundWork},
	tasks::TaskPlan,
	training_seed, StateError, WorkError, Worker, WorkerEvent,
};

impl Worker {
	/// Train `task` for `round` and, if the result beats the champion, commit to it.
	pub(crate) async fn train_and_commit(
		&mut self,
		task: &TaskView,
		plan: &TaskPlan,
		round: u32,
		key: RoundKey,
	) -> Result<(), WorkError> {
		// The salt comes first: the model's seed derives from it, so nobody can train the same
		// artifact before the reveal publishes the salt. It is kept in memory until it is saved
		// with the commitment below, before the commit is sent; a crash before that only loses a
		// training run that was never committed.
		let mut salt = [0u8; 32];
		getrandom::getrandom(&mut salt).map_err(WorkError::Randomness)?;
		let seed = training_seed(&salt, &self.key.public(), task.id, round);
		let events = self.events.clone();
		let device = self.device.device.clone();
		let (task_id, plan_for_training) = (task.id, plan.clone());
		let (weights, measured) = tokio::task::spawn_blocking(move || -> Result<_, WorkError> {
			let (training, own_validation) = plan_for_training.training_data()?;
			let trained = train(&plan_for_training.spec, &training, &plan_for_training.config, seed, &device, |p| {
				events(WorkerEvent::Training { task: task_id, round, epoch: p.epoch, epochs: p.epochs, loss: p.loss })
			})?;
			let measured = evaluate(&trained.model, &own_validation, plan_for_training.metric, &device)?;
			Ok((trained.model.weights()?, measured))
		})
		.await
		.map_err(|source| WorkError::Thread { work: "training", source })??;

		let improves = plan.improves(measured);
		self.emit(WorkerEvent::Trained { task: task.id, round, measured, improves });
		if !improves {
			return self.pass(key, "the result does not beat the champion");
		}
		let artifact = Artifact::encode(&weights);
		let hash = self.store.put(&artifact.bytes)?;
		let commitment = commitment(&hash, &self.key.public(), &salt);
		self.state.state.rounds.insert(
			key,
			RoundWork {
				artifact: hash,
				salt,
				commitment,
				size: artifact.bytes.len() as u64,
				claimed: plan.claim(measured),
				committed: false,
				revealed: false,
			},
		);
		// Saved before submitting: after a crash the salt is still known and the chain is asked
		// whether the commit landed.
		self.state.save()?;
		self.chain.commit(&self.key, task.id, commitment).await?;
		self.confirm(&key, |work| work.committed = true)?;
		self.emit(WorkerEvent::Committed { task: task.id, round });
		Ok(())
	}

	/// Reveal `work`, with the URL this worker serves its artifact at.
	pub(crate) async fn reveal(&self, task: &TaskView, work: &RoundWork) -> Result<(), WorkError> {
		let name = hex_name(&work.artifact);
		// Verifiers fetch the artifact from this worker's store: revealing one that is gone would
		// only earn a worst score from every verifier.
		if self.store.get(&work.artifact)?.is_none() {
			return Err(StateError::MissingArtifact(name).into());
		}
		let location = format!("{}/{name}", self.artifacts_url);
		self.chain
			.reveal(&self.key, task.id, work.artifact, work.salt, work.size, &location, work.claimed)
			.await?;
		Ok(())
	}
}

/// The base URL of this worker's artifacts: `public_url`, or `http://` and the address the server
/// is bound to. It must have the shape verifiers accept and, on a live chain, name a public host:
/// verifiers elsewhere cannot reach a loopback or private address and would score every honest
/// submission of this worker as missing.
pub async fn artifacts_base_url(
	public_url: Option<&str>,
	bound: SocketAddr,
	chain: &ChainType,
) -> Result<String, WorkError> {
	let url = public_url.map_or_else(|| format!("http://{bound}"), str::to_owned);
	let policy = if chain.is_private() { HostPolicy::AllowPrivate } else { HostPolicy::PublicOnly };
	paradigm_artifacts::check_base_url(&url, policy).await.map_err(|source| WorkError::PublicUrl { url, source })
}

#[cfg(test)]
mod tests {
	use super::*;
	use paradigm_artifacts::ArtifactError;

	#[tokio::test]
	async fn a_live_chain_needs_a_public_url() {
		let bound: SocketAddr = "127.0.0.1:9955".parse().unwrap();
		let refused = artifacts_base_url(None, bound, &ChainType::Live).await;
		assert!(
			matches!(refused, Err(WorkError::PublicUrl { source: ArtifactError::ForbiddenAddress { .. }, .. })),
			"{refused:?}"
		);
		assert!(refused.unwrap_err().to_string().contains("--public-url"));
		let private = artifacts_base_url(Some("http://192.168.1.5:9955"), bound, &ChainType::Custom("x".into())).await;
		assert!(matches!(private, Err(WorkError::PublicUrl { .. })));
		assert_eq!(
			artifacts_base_url(Some("http://8.8.8.8:9955/"), bound, &ChainType::Live).await.unwrap(),
			"http://8.8.8.8:9955"
		);
		assert_eq!(artifacts_base_url(None, bound, &ChainType::Development).await.unwrap(), "http://127.0.0.1:9955");
		// A path would make every location one verifiers refuse, on any chain.
		assert!(matches!(
			artifacts_base_url(Some("http://127.0.0.1:9955/artifacts"), bound, &ChainType::Local).await,
			Err(WorkError::PublicUrl { source: ArtifactError::BadLocation { .. }, .. })
		));
	}
}
