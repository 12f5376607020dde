//! What the node's `usefulWork_*` methods answer, as this client reads them: the runtime's own
//! view types (`useful_work_primitives`), with this chain's account, balance and block number.

use serde::Deserialize;
use subxt::utils::AccountId32;

pub use useful_work_primitives::{
	wire::bounded_text as text, Champion, DatasetRef, Metric, RoundPhase as Phase, RoundSchedule, TaskKind, TaskSpec,
};

/// A live task with its spec, champion and current round.
pub type TaskView = useful_work_primitives::TaskView<AccountId32, u128, u32>;
/// A task's current round.
pub type RoundView = useful_work_primitives::RoundView<u32>;
/// A submission someone is assigned to verify.
pub type AssignmentView = useful_work_primitives::AssignmentView<AccountId32>;
/// A registered contributor.
pub type ContributorView = useful_work_primitives::ContributorView<u32>;

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

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn reads_the_chain_type() {
		assert_eq!(serde_json::from_str::<ChainType>(r#""Development""#).unwrap(), ChainType::Development);
		assert!(serde_json::from_str::<ChainType>(r#""Local""#).unwrap().is_private());
		assert!(!serde_json::from_str::<ChainType>(r#""Live""#).unwrap().is_private());
		let custom = serde_json::from_str::<ChainType>(r#"{"Custom":"paradigm-test"}"#).unwrap();
		assert_eq!(custom, ChainType::Custom("paradigm-test".into()));
		assert!(!custom.is_private());
	}

	#[test]
	fn reads_a_task_with_a_paradigm_address_and_a_large_bounty() {
		// An address with the chain's SS58 prefix (7272), as the node writes it, and a bounty
		// beyond 2^64.
		let trainer = paradigm_keys::address(&[7u8; 32]);
		let json = format!(
			r#"{{"id":0,"spec":{{"kind":"train","model":"mlp:64-64-10","hyperParams":"optimizer=sgd","dataset":{{"shipped":{{"name":"uci-digits-8x8","contentHash":"0x{hash}"}}}},"metric":"accuracy","baseline":100000,"minImprovement":5000,"tolerance":10000,"verifiersPerSubmission":3,"maxArtifactSize":1048576,"schedule":{{"commitBlocks":10,"revealBlocks":5,"verifyBlocks":10}},"rewardWeight":1}},"requester":null,"bounty":"100000000000000000000","champion":{{"artifact":"0x{hash}","metric":955000,"trainer":"{trainer}","round":1}},"round":{{"index":2,"phase":"reveal","startedAt":1,"revealFrom":11,"verifyFrom":16,"endsAt":26,"commitments":1,"submissions":0,"seed":null}}}}"#,
			hash = "e3".repeat(32),
		);
		let task: TaskView = serde_json::from_str(&json).unwrap();
		assert_eq!(task.bounty, Some(100_000_000_000_000_000_000));
		assert_eq!(task.spec.metric, Metric::Accuracy);
		assert_eq!(task.round.map(|round| round.phase), Some(Phase::Reveal));
		assert_eq!(&task.spec.model[..], b"mlp:64-64-10");
		assert_eq!(task.champion.map(|champion| champion.trainer), Some(AccountId32([7u8; 32])));
	}
}
