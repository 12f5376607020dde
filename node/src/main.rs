//! `paradigm-node`: the Paradigm (PAR) blockchain node.
//!
//! Authors blocks with Aura (2 s slots), finalizes them with GRANDPA, syncs new nodes with warp
//! sync, stores state in ParityDB and serves JSON-RPC to wallets (polkadot.js apps), the
//! contributor and contract tooling.

mod aura_verifier;
mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> polkadot_sdk::sc_cli::Result<()> {
	command::run()
}
