//! The JSON the node's `usefulWork_*` RPC methods return (see `pallets/useful-work/rpc`).

use serde::Deserialize;

/// A live task with its spec, champion and current round.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskView {
	/// Task id.
	pub id: u32,
	/// What to train and how it is judged.
	pub spec: TaskSpecView,
	/// Who created it, for paid tasks.
	pub requester: Option<String>,
	/// Escrowed bounty (planck, decimal string).
	pub bounty: Option<String>,
	/// The best accepted result so far.
	pub champion: Option<ChampionView>,
	/// The current round.
	pub round: Option<RoundView>,
}

/// A task's specification.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskSpecView {
	/// `train` or `evaluate`.
	pub kind: String,
	/// Model name, e.g. `mlp:64-64-10`.
	pub model: String,
	/// Hyper-parameters, e.g. `optimizer=sgd,lr=0.05`.
	pub hyper_params: String,
	/// The data.
	pub dataset: DatasetView,
	/// `Accuracy`, `CrossEntropy` or `MeanSquaredError`.
	pub metric: String,
	/// Whether larger metric values are better.
	pub higher_is_better: bool,
	/// The metric a first submission must beat (ppm).
	pub baseline: u32,
	/// The improvement over the champion a submission needs (ppm).
	pub min_improvement: u32,
	/// How far a verifier may be from the accepted value (ppm).
	pub tolerance: u32,
	/// Verifiers assigned to each submission.
	pub verifiers_per_submission: u8,
	/// Largest artifact accepted (bytes).
	pub max_artifact_size: u64,
	/// Round phases in blocks.
	pub schedule: ScheduleView,
}

/// Where a task's data comes from.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DatasetView {
	/// A file shipped with the contributor, pinned by the BLAKE2b-256 of its content.
	#[serde(rename_all = "camelCase")]
	Shipped {
		/// Its name, e.g. `uci-digits-8x8`.
		name: String,
		/// `0x` hex hash.
		content_hash: String,
	},
	/// Data generated from a seed.
	Seeded {
		/// The generator, e.g. `two-spirals`.
		generator: String,
		/// Its seed.
		seed: u64,
	},
}

/// Blocks per round phase.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleView {
	/// Commit phase.
	pub commit_blocks: u32,
	/// Reveal phase.
	pub reveal_blocks: u32,
	/// Verify phase.
	pub verify_blocks: u32,
}

/// The best accepted result of a task.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChampionView {
	/// `0x` hex artifact hash.
	pub artifact: String,
	/// Its accepted metric (ppm).
	pub metric: u32,
	/// Its trainer (SS58).
	pub trainer: String,
	/// The round it won.
	pub round: u32,
}

/// A task's round.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundView {
	/// Round number.
	pub index: u32,
	/// `commit`, `reveal` or `verify`.
	pub phase: Phase,
	/// First block.
	pub started_at: u32,
	/// First block of the reveal phase.
	pub reveal_from: u32,
	/// First block of the verify phase.
	pub verify_from: u32,
	/// Block at which the round is finalized.
	pub ends_at: u32,
	/// Commitments so far.
	pub commitments: u32,
	/// Revealed submissions so far.
	pub submissions: u32,
	/// The validation seed, once drawn (after the reveal phase).
	pub seed: Option<String>,
}

/// The phase of a round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
	/// Trainers commit to artifacts.
	Commit,
	/// Trainers reveal them.
	Reveal,
	/// Assigned verifiers score them.
	Verify,
}

/// A submission someone is assigned to verify.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssignmentView {
	/// Task.
	pub task: u32,
	/// Round.
	pub round: u32,
	/// Submission index within the round.
	pub submission: u32,
	/// Its trainer (SS58).
	pub trainer: String,
	/// `0x` hex artifact hash.
	pub artifact: String,
	/// Artifact size in bytes, as revealed.
	pub size: u64,
	/// Where to fetch it.
	pub location: String,
	/// `0x` hex validation seed.
	pub seed: String,
	/// Whether this verifier already reported.
	pub reported: bool,
}

/// A registered contributor.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContributorView {
	/// Block of registration.
	pub registered_at: u32,
	/// Reputation (ppm).
	pub reputation: u32,
	/// Pool membership.
	pub pool: Option<u32>,
	/// Work items awaiting a round's end.
	pub pending: u32,
	/// Last epoch with work.
	pub last_active_epoch: Option<u32>,
}

/// What kind of chain a node runs, as `system_chainType` says (the chain spec's `chainType`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub enum ChainType {
	/// A development chain (`--dev`): one machine, public dev keys.
	Development,
	/// A local testnet: several nodes, usually on one machine or network.
	Local,
	/// A live network.
	Live,
	/// Anything else the chain spec names; treated like a live network.
	Custom(String),
}

impl ChainType {
	/// Whether the chain is a development or local one, whose contributors all run on one machine
	/// or private network: artifacts may be served and fetched on loopback and private addresses.
	pub fn is_private(&self) -> bool {
		matches!(self, ChainType::Development | ChainType::Local)
	}
}

/// Parse `0x`-prefixed hex of exactly 32 bytes.
pub fn parse_h256(text: &str) -> Option<[u8; 32]> {
	let mut out = [0u8; 32];
	hex::decode_to_slice(text.strip_prefix("0x")?, &mut out).ok()?;
	Some(out)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn parses_the_rpc_json() {
		let task: TaskView = serde_json::from_str(
			r#"{"id":0,"spec":{"kind":"train","model":"mlp:64-64-10","hyperParams":"optimizer=sgd","dataset":{"shipped":{"name":"uci-digits-8x8","contentHash":"0xe3"}},"metric":"Accuracy","higherIsBetter":true,"baseline":100000,"minImprovement":5000,"tolerance":10000,"verifiersPerSubmission":3,"maxArtifactSize":1048576,"schedule":{"commitBlocks":10,"revealBlocks":5,"verifyBlocks":10},"rewardWeight":1},"requester":null,"bounty":null,"champion":null,"round":{"index":2,"phase":"reveal","startedAt":1,"revealFrom":11,"verifyFrom":16,"endsAt":26,"commitments":1,"submissions":0,"seed":null}}"#,
		)
		.unwrap();
		assert_eq!(task.spec.dataset, DatasetView::Shipped { name: "uci-digits-8x8".into(), content_hash: "0xe3".into() });
		assert_eq!(task.round.unwrap().phase, Phase::Reveal);
		let seeded: DatasetView = serde_json::from_str(r#"{"seeded":{"generator":"two-spirals","seed":7272}}"#).unwrap();
		assert_eq!(seeded, DatasetView::Seeded { generator: "two-spirals".into(), seed: 7272 });
		assert_eq!(parse_h256(&format!("0x{}", "ab".repeat(32))), Some([0xab; 32]));
		assert_eq!(parse_h256("0xab"), None);
		assert_eq!(serde_json::from_str::<ChainType>(r#""Development""#).unwrap(), ChainType::Development);
		assert!(serde_json::from_str::<ChainType>(r#""Local""#).unwrap().is_private());
		assert!(!serde_json::from_str::<ChainType>(r#""Live""#).unwrap().is_private());
		let custom = serde_json::from_str::<ChainType>(r#"{"Custom":"paradigm-test"}"#).unwrap();
		assert_eq!(custom, ChainType::Custom("paradigm-test".into()));
		assert!(!custom.is_private());
		assert_eq!(parse_h256(&"ab".repeat(32)), None);
	}
}
