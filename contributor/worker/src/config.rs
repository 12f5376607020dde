//! How a person runs the worker: the node, the data directory, the device, where artifacts are
//! served, and which tasks to train.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use crate::{DeviceChoice, TrainingPolicy};

/// How to run the worker.
#[derive(Clone, Debug)]
pub struct WorkerConfig {
	/// Node WebSocket URL.
	pub node_url: String,
	/// Where the state and artifacts live.
	pub data_dir: PathBuf,
	/// CPU or GPU.
	pub device: DeviceChoice,
	/// Where the artifact server listens.
	pub artifact_listen: SocketAddr,
	/// The base URL others fetch artifacts from (default: `http://` + the bound address). On a
	/// live chain it must not be loopback or private.
	pub public_url: Option<String>,
	/// Which tasks to train on.
	pub training: TrainingPolicy,
	/// Fetch assigned artifacts from loopback and private hosts even on a live chain (they are
	/// always allowed on development and local chains).
	pub allow_private_artifact_hosts: bool,
	/// How often to look at the chain.
	pub poll_interval: Duration,
}
