//! Maps `paradigm-node` subcommands and `--chain` names onto the service.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};
use paradigm_runtime::{configs::SS58_PREFIX, opaque::Block};
use polkadot_sdk::{
	sp_core::{self, crypto::Ss58AddressFormat},
	sc_cli::{self, SubstrateCli},
	sc_network, sc_service,
	sc_service::PartialComponents,
	sp_runtime,
};

/// Added to `--chain paradigm`'s error when no `--chain` was given, since the live network is
/// then the default.
const NO_CHAIN_HINT: &str = "without --chain the node runs the live network; for a test chain \
	pass --dev, --chain local or --chain paradigm-local";

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Paradigm Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/paradigm-par/paradigm/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		Ok(match id {
			"dev" => Box::new(chain_spec::development()?),
			"local" => Box::new(chain_spec::local_testnet()?),
			"paradigm-local" => Box::new(chain_spec::paradigm_local()?),
			"paradigm-live-template" => Box::new(chain_spec::paradigm_live_template()?),
			"paradigm" => Box::new(chain_spec::paradigm()?),
			"" => Box::new(chain_spec::paradigm().map_err(|e| format!("{e}; {NO_CHAIN_HINT}"))?),
			path => Box::new(chain_spec::ChainSpec::from_json_file(std::path::PathBuf::from(path))?),
		})
	}
}

/// Parses the command line and runs the node or the chosen subcommand.
pub(crate) fn run() -> sc_cli::Result<()> {
	// PAR addresses use their own SS58 prefix, which is not in the SS58 registry: without this,
	// RPCs that take an address (e.g. `system_accountNextIndex`) and `key` subcommands refuse it.
	sp_core::crypto::set_default_ss58_version(Ss58AddressFormat::custom(SS58_PREFIX));
	let cli = Cli::from_args();

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let chain_spec = cli.load_spec(&cmd.chain)?;
			cmd.run(chain_spec)
		},
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		},
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		},
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		},
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				let aux_revert = Box::new(|client, _, blocks| {
					polkadot_sdk::sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		},
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		},
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(polkadot_sdk::frame_benchmarking_cli::BenchmarkCmd::Pallet(cmd))) =>
			// The runtime comes from `--runtime` and its genesis from the runtime's presets, so no
			// chain spec or client is needed.
			cmd.run_with_spec::<sp_runtime::traits::HashingFor<Block>, ()>(None),
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(_)) => Err(sc_cli::Error::Input(
			"only `benchmark pallet` is supported; run it with --runtime".into(),
		)),
		None => {
			let runner = cli.create_runner(&cli.run.base)?;
			let warp_sync_min_peers = usize::try_from(cli.run.warp_sync_min_peers)
				.map_err(|_| sc_cli::Error::Input("--warp-sync-min-peers is too large".into()))?;
			runner.run_node_until_exit(|config| async move {
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<Block, <Block as sp_runtime::traits::Block>::Hash>,
					>(config, warp_sync_min_peers)
					.map_err(sc_cli::Error::Service),
					sc_network::config::NetworkBackendType::Litep2p =>
						service::new_full::<sc_network::Litep2pNetworkBackend>(
							config,
							warp_sync_min_peers,
						)
						.map_err(sc_cli::Error::Service),
				}
			})
		},
	}
}
