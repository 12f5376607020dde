//! paradigm-contributor builds its typed extrinsics from `contributor/chain/metadata/paradigm.scale`
//! at compile time. This test fails when the runtime's metadata moved away from that file, so a
//! runtime change cannot silently break the contributor. Refresh the file with
//! `PARADIGM_UPDATE_METADATA=1 cargo test --release -p paradigm-runtime --test contributor_metadata`.

use paradigm_runtime::Runtime;

const METADATA_VERSION: u32 = 15;

#[test]
fn the_contributor_metadata_file_is_the_runtimes() {
	let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../contributor/chain/metadata/paradigm.scale");
	// The referenda tracks (a metadata constant) read the chain's governance pace from storage:
	// an empty state has the live pace.
	let metadata = polkadot_sdk::sp_io::TestExternalities::default()
		.execute_with(|| Runtime::metadata_at_version(METADATA_VERSION))
		.expect("the runtime serves metadata V15");
	if std::env::var_os("PARADIGM_UPDATE_METADATA").is_some() {
		std::fs::write(path, &*metadata).expect("write the metadata file");
	}
	let committed = std::fs::read(path).expect("the metadata file is committed");
	assert!(
		committed == *metadata,
		"contributor/chain/metadata/paradigm.scale is stale: run \
		 PARADIGM_UPDATE_METADATA=1 cargo test --release -p paradigm-runtime --test contributor_metadata"
	);
}
