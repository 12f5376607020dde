//! Embeds git commit and build information into `paradigm-node --version`, and sets
//! `cfg(paradigm_live_spec)` when the live network's raw spec exists, so that `--chain paradigm`
//! embeds it; without it (no genesis validators yet, docs/bootstrap.md) the node refuses that
//! chain with a clear error instead of failing to compile.
use std::path::Path;
use substrate_build_script_utils::{generate_cargo_keys, rerun_if_git_head_changed};

/// Where `scripts/build-chain-specs.sh` writes the live network's raw spec (relative to this
/// package, the build script's working directory).
const LIVE_RAW_SPEC: &str = "../chain-specs/paradigm-raw.json";
/// The folder that holds it.
const CHAIN_SPECS: &str = "../chain-specs";

fn main() {
	generate_cargo_keys();
	rerun_if_git_head_changed();

	println!("cargo:rustc-check-cfg=cfg(paradigm_live_spec)");
	// Watch the folder, so that the spec appearing or being removed reruns this script. Naming a
	// missing file in `rerun-if-changed` would instead rerun it, and rebuild the node, every time.
	println!("cargo:rerun-if-changed={CHAIN_SPECS}");
	if Path::new(LIVE_RAW_SPEC).is_file() {
		println!("cargo:rerun-if-changed={LIVE_RAW_SPEC}");
		println!("cargo:rustc-cfg=paradigm_live_spec");
	}
}
