//! Command-line interface: the standard Substrate node flags plus Paradigm's own.

use polkadot_sdk::{sc_cli, sc_cli::RunCmd};

/// Paradigm's additions to `paradigm-node` (the run command).
#[derive(Debug, clap::Parser)]
pub(crate) struct ParadigmRunCmd {
	/// The standard Substrate flags (`--dev`, `--chain`, `--validator`, `--sync`, ...).
	#[command(flatten)]
	pub(crate) base: RunCmd,

	/// Peers a node waits for before it starts warp sync. Upstream waits for 3; Paradigm's first
	/// network has two validators, so a node joining it must be able to warp sync from two.
	#[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..))]
	pub(crate) warp_sync_min_peers: u64,
}

/// `paradigm-node [SUBCOMMAND] [FLAGS]`.
#[derive(Debug, clap::Parser)]
pub(crate) struct Cli {
	/// A maintenance subcommand; without one the node runs.
	#[command(subcommand)]
	pub(crate) subcommand: Option<Subcommand>,

	/// Flags of the running node.
	#[clap(flatten)]
	pub(crate) run: ParadigmRunCmd,
}

/// Maintenance subcommands, as on every Substrate node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub(crate) enum Subcommand {
	/// Key management (generate, inspect, insert session keys).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Export a chain specification (plain or `--raw`).
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Run benchmarks (`benchmark pallet --runtime <wasm>`) to produce weights.
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(polkadot_sdk::frame_benchmarking_cli::BenchmarkCmd),
}
