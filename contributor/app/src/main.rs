//! `paradigm-contributor`: earn PAR by training and verifying machine-learning models for the
//! Paradigm network, on a laptop CPU or a GPU rig. See `contributor/README.md`.

mod commands;
mod error;
mod format;
mod gov;
mod gui;
mod keys;
mod progress;

use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};

/// Earn PAR for useful machine-learning work on the Paradigm network.
#[derive(Debug, Parser)]
#[command(name = "paradigm-contributor", version)]
pub(crate) struct Cli {
	/// Where the key, the state and the artifacts live (default: $PARADIGM_CONTRIBUTOR_DIR, else
	/// ~/.local/share/paradigm-contributor).
	#[arg(long, global = true)]
	data_dir: Option<PathBuf>,
	/// The node's WebSocket RPC endpoint.
	#[arg(long, global = true, default_value = "ws://127.0.0.1:9944")]
	node: String,
	/// Read the key's passphrase from this file instead of asking (or set PARADIGM_PASSWORD).
	#[arg(long, global = true)]
	password_file: Option<PathBuf>,
	#[command(subcommand)]
	command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
	/// Create, import, export or show the contributor's key.
	#[command(subcommand)]
	Key(KeyCommand),
	/// Register the account as a contributor (free: no PAR needed).
	Register,
	/// Work: train, commit, reveal and verify, round after round, until Ctrl-C.
	Run(RunArgs),
	/// Create, join or leave a pool.
	#[command(subcommand)]
	Pool(PoolCommand),
	/// Show the account, its registration, balance and pool, and the open tasks.
	Status,
	/// Take part in governance: list referenda, vote with earned reputation (and PAR).
	#[command(subcommand)]
	Gov(gov::GovCommand),
	/// Open the desktop window.
	Gui(GuiArgs),
}

#[derive(Debug, Subcommand)]
enum KeyCommand {
	/// Generate a new sr25519 key and store it encrypted.
	Generate {
		/// A name stored in the key file's metadata.
		#[arg(long, default_value = "paradigm-contributor")]
		name: String,
		/// Replace an existing key.
		#[arg(long)]
		force: bool,
	},
	/// Import a polkadot.js JSON key file (same passphrase), or a secret URI.
	Import {
		/// The polkadot.js JSON file.
		#[arg(required_unless_present = "uri")]
		file: Option<PathBuf>,
		/// A secret URI instead, e.g. a mnemonic or `//Alice` (read from PARADIGM_SECRET_URI if
		/// `-` is given, so it stays out of the shell history).
		#[arg(long, conflicts_with = "file")]
		uri: Option<String>,
		/// Replace an existing key.
		#[arg(long)]
		force: bool,
	},
	/// Write the key as a polkadot.js JSON file (encrypted) for polkadot.js apps.
	Export {
		/// Output file (default: standard output).
		#[arg(long)]
		out: Option<PathBuf>,
	},
	/// Print the account's address (never the secret).
	Show,
}

#[derive(Debug, Subcommand)]
enum PoolCommand {
	/// Create a pool operated by this account.
	Create {
		/// The operator's fee, percent of members' rewards (0-100, up to 7 decimals).
		#[arg(long)]
		fee: f64,
	},
	/// Join a pool.
	Join {
		/// The pool id.
		pool: u32,
	},
	/// Leave the current pool.
	Leave,
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct RunArgs {
	/// Where to train and verify: auto uses a working CUDA GPU if this build has CUDA.
	#[arg(long, default_value = "auto")]
	device: String,
	/// Address of the artifact server.
	#[arg(long, default_value = "127.0.0.1:9955")]
	artifacts_listen: SocketAddr,
	/// The base URL others fetch this contributor's artifacts from, `http://host[:port]`
	/// (default: from the listen address). Required on a live chain when the listen address is
	/// loopback or private: other contributors could not reach it.
	#[arg(long)]
	public_url: Option<String>,
	/// Tasks to train on: `all`, `none` (verify only) or ids like `0,1`.
	#[arg(long, default_value = "all")]
	train: String,
	/// Train requesters' paid tasks too (by default only the network's own tasks are trained;
	/// assigned verifications are always done).
	#[arg(long)]
	paid_tasks: bool,
	/// The most training work one round may take, in parameter-sample-epochs (epochs × training
	/// samples × model parameters); tasks asking for more are skipped with a warning.
	#[arg(long, default_value_t = paradigm_worker::DEFAULT_MAX_TRAIN_WORK)]
	max_train_work: u64,
	/// Fetch assigned artifacts from loopback and private addresses even on a live chain (always
	/// allowed on development and local chains).
	#[arg(long)]
	allow_private_artifact_hosts: bool,
	/// Milliseconds between looks at the chain.
	#[arg(long, default_value_t = 1_000)]
	poll_ms: u64,
	/// No progress bars (events are still printed).
	#[arg(long)]
	quiet: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct GuiArgs {
	#[command(flatten)]
	run: RunArgs,
	/// Save a PNG of the window to this file once the worker has seen a block (and the delay
	/// passed), then close: for documentation and tests under Xvfb.
	#[arg(long)]
	screenshot: Option<PathBuf>,
	/// Milliseconds to wait after the first block before the screenshot.
	#[arg(long, default_value_t = 0)]
	screenshot_delay_ms: u64,
}

fn main() -> ExitCode {
	env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
	let cli = Cli::parse();
	match commands::dispatch(cli) {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			eprintln!("error: {error}");
			ExitCode::FAILURE
		},
	}
}
