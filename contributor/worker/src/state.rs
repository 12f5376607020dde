//! What the worker must remember across restarts, in `state.json` in its data directory.
//!
//! The file is rewritten atomically (write, fsync, rename) *before* every submission that depends
//! on it, so that after a crash the worker knows what it may have sent. Together with the chain's
//! own records (the commitment, the `reported` flag of an assignment) this is what keeps a
//! restarted contributor from submitting anything twice.

use std::{
	collections::{BTreeMap, BTreeSet},
	path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use crate::WorkError;

/// Rounds remembered; older ones are dropped.
const ROUNDS_KEPT: usize = 64;
/// Verifications remembered.
const VERIFICATIONS_KEPT: usize = 1_024;

/// A trainer's work in one round of one task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundWork {
	/// The artifact's hash (hex), also its name in the artifact store.
	pub artifact: String,
	/// The commitment salt (hex). Secret until the reveal.
	pub salt: String,
	/// The commitment (hex).
	pub commitment: String,
	/// Artifact size in bytes.
	pub size: u64,
	/// The metric to claim (ppm).
	pub claimed: u32,
	/// The commit is known to be on chain.
	pub committed: bool,
	/// The reveal is known to be on chain.
	pub revealed: bool,
}

/// Everything the worker remembers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkState {
	/// Genesis hash (hex) of the chain this state belongs to.
	pub genesis: String,
	/// Training work by `"task/round"`.
	pub rounds: BTreeMap<String, RoundWork>,
	/// Rounds in which this contributor decided not to train (`"task/round"`).
	pub passed: BTreeSet<String>,
	/// Verifications known to be on chain (`"task/round/submission"`).
	pub verified: BTreeSet<String>,
}

/// The key of a round in [`WorkState::rounds`].
pub fn round_key(task: u32, round: u32) -> String {
	format!("{task}/{round}")
}

/// The key of a verification in [`WorkState::verified`].
pub fn verification_key(task: u32, round: u32, submission: u32) -> String {
	format!("{task}/{round}/{submission}")
}

/// The state file.
#[derive(Debug)]
pub struct StateFile {
	path: PathBuf,
	/// The state as last saved.
	pub state: WorkState,
}

impl StateFile {
	/// Load `dir/state.json` for the chain with `genesis`, or start empty. A file written for
	/// another chain is an error: its secrets and records mean nothing there.
	pub fn load(dir: &Path, genesis: &str) -> Result<Self, WorkError> {
		let path = dir.join("state.json");
		let state = match std::fs::read(&path) {
			Ok(bytes) => serde_json::from_slice::<WorkState>(&bytes)
				.map_err(|e| WorkError::State(format!("{} is corrupt: {e}", path.display())))?,
			Err(error) if error.kind() == std::io::ErrorKind::NotFound =>
				WorkState { genesis: genesis.to_owned(), ..Default::default() },
			Err(error) => return Err(WorkError::State(format!("{}: {error}", path.display()))),
		};
		if state.genesis != genesis {
			return Err(WorkError::State(format!(
				"{} belongs to the chain with genesis {}, the node runs {genesis}; use another --data-dir",
				path.display(),
				state.genesis
			)));
		}
		Ok(Self { path, state })
	}

	/// Write the state durably.
	pub fn save(&mut self) -> Result<(), WorkError> {
		while self.state.rounds.len() > ROUNDS_KEPT {
			self.state.rounds.pop_first();
		}
		while self.state.passed.len() > ROUNDS_KEPT {
			self.state.passed.pop_first();
		}
		while self.state.verified.len() > VERIFICATIONS_KEPT {
			self.state.verified.pop_first();
		}
		let io = |e: std::io::Error| WorkError::State(format!("{}: {e}", self.path.display()));
		let temporary = self.path.with_extension("json.tmp");
		let bytes = serde_json::to_vec_pretty(&self.state).map_err(|e| WorkError::State(e.to_string()))?;
		{
			use std::io::Write;
			let mut file = std::fs::File::create(&temporary).map_err(io)?;
			file.write_all(&bytes).map_err(io)?;
			file.sync_all().map_err(io)?;
		}
		std::fs::rename(&temporary, &self.path).map_err(io)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn survives_a_reload_and_refuses_another_chain() {
		let dir = tempfile::tempdir().unwrap();
		let mut file = StateFile::load(dir.path(), "0xaa").unwrap();
		file.state.verified.insert(verification_key(1, 2, 3));
		file.save().unwrap();
		assert_eq!(StateFile::load(dir.path(), "0xaa").unwrap().state, file.state);
		assert!(matches!(StateFile::load(dir.path(), "0xbb"), Err(WorkError::State(_))));
		std::fs::write(dir.path().join("state.json"), b"{not json").unwrap();
		assert!(matches!(StateFile::load(dir.path(), "0xaa"), Err(WorkError::State(_))));
	}
}
