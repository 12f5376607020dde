//! Why a simulation could not run or report.

use std::path::PathBuf;

/// Why the attack simulator could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
	/// The runtime's genesis did not build.
	#[error("the runtime genesis does not build: {0}")]
	Genesis(String),
	/// The simulated state could not be committed to its in-memory backend.
	#[error("cannot commit the simulated state: {0}")]
	Commit(String),
	/// The settings make no sense.
	#[error("invalid simulation settings: {0}")]
	InvalidConfig(&'static str),
	/// No scenario has this name.
	#[error("unknown scenario {0:?}; known: {1}")]
	UnknownScenario(String, String),
	/// The report could not be written.
	#[error("cannot write {path}: {source}")]
	Write {
		/// The file.
		path: PathBuf,
		/// Why.
		#[source]
		source: std::io::Error,
	},
}
