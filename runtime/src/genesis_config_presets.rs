//! Genesis of every Paradigm chain, built here so chain specs never drift from the runtime.
//!
//! | preset                | chain spec          | validators  | endowed accounts | sudo  | governance |
//! |-----------------------|---------------------|-------------|------------------|-------|------------|
//! | `development`         | `--dev`             | Alice       | dev accounts     | Alice | test pace, 1 min sessions |
//! | `local_testnet`       | `--chain local`     | Alice, Bob  | dev accounts     | Alice | test pace, 1 min sessions |
//! | `paradigm_live`       | `paradigm-local`, `paradigm` | Alice, Bob (replaced by the founder's keys when the raw live spec is built) | none | none | live pace, 1 h sessions |
//!
//! The endowments of the two test presets exist only so that transfers and fees can be tried
//! locally. The live preset endows nothing: total issuance is zero at genesis and the only way PAR
//! comes into existence is a treasury reward for useful work.

use crate::{
	governance::{GovernancePace, SESSION_BLOCKS, TEST_SESSION_BLOCKS},
	AccountId, Balance, BalancesConfig, BlockNumber, GovernanceOriginsConfig, RuntimeGenesisConfig,
	SessionKeys, SudoConfig, UsefulWorkConfig, PAR,
};
use alloc::{vec, vec::Vec};
use polkadot_sdk::{
	frame_support::build_struct_json_patch,
	sp_consensus_aura::sr25519::AuthorityId as AuraId,
	sp_consensus_grandpa::AuthorityId as GrandpaId,
	sp_genesis_builder::{self, PresetId},
	sp_core::H256,
	sp_keyring::{Ed25519Keyring, Sr25519Keyring},
	*,
};
use pallet_useful_work::{
	primitives::{HyperParams, Name},
	DatasetRef, Metric, RoundSchedule, TaskKind, TaskSpec,
};
use serde_json::Value;

/// Preset of the live network (`paradigm` and its one-machine rehearsal `paradigm-local`).
pub const PARADIGM_LIVE_PRESET: &str = "paradigm_live";

/// What each well-known dev account holds in the test presets: 1,000,000 PAR.
pub const DEV_ACCOUNT_ENDOWMENT: Balance = 1_000_000 * PAR;

/// Blocks per useful-work epoch on the development chain: one minute, so that a developer sees
/// the treasury pay for a round a minute after it ends. Other chains keep the runtime's
/// `WORK_EPOCH_BLOCKS` (10 minutes).
pub const DEV_WORK_EPOCH_BLOCKS: BlockNumber = 30;

/// How a chain governs itself: the pace of its referenda and the length of its sessions.
#[derive(Clone, Copy)]
struct Governance {
	pace: GovernancePace,
	session_blocks: BlockNumber,
}

/// Development chains: a referendum passes in about a minute, sessions last a minute.
const TEST_GOVERNANCE: Governance =
	Governance { pace: GovernancePace::Test, session_blocks: TEST_SESSION_BLOCKS };
/// The live network: days to decide, hour-long sessions.
const LIVE_GOVERNANCE: Governance =
	Governance { pace: GovernancePace::Live, session_blocks: SESSION_BLOCKS };

fn genesis(
	initial_authorities: Vec<Validator>,
	endowed_accounts: Vec<AccountId>,
	sudo_key: Option<AccountId>,
	work_epoch_blocks: Option<BlockNumber>,
	governance: Governance,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.iter()
				.cloned()
				.map(|account| (account, DEV_ACCOUNT_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		// Aura and GRANDPA take their authorities from the first session.
		validator_set: pallet_validator_set::GenesisConfig {
			validators: initial_authorities.iter().map(|v| v.account.clone()).collect::<Vec<_>>(),
			session_length: Some(governance.session_blocks),
		},
		session: pallet_session::GenesisConfig {
			keys: initial_authorities
				.iter()
				.map(|v| (v.account.clone(), v.account.clone(), v.keys.clone()))
				.collect::<Vec<_>>(),
		},
		governance_origins: GovernanceOriginsConfig { pace: governance.pace },
		sudo: SudoConfig { key: sudo_key },
		useful_work: UsefulWorkConfig {
			tasks: reference_tasks(),
			epoch_length: work_epoch_blocks.unwrap_or_default(),
		},
	})
}

/// BLAKE2b-256 of the decompressed `contributor/datasets/uci-digits-8x8.csv.gz`.
pub const UCI_DIGITS_CONTENT_HASH: [u8; 32] =
	hex_literal(b"e3d322edefd79b22fbdcd812596f7bc5eadc36a19c70f86b4b785fbf2d086389");

const fn hex_literal(hex: &[u8; 64]) -> [u8; 32] {
	const fn nibble(c: u8) -> u8 {
		match c {
			b'0'..=b'9' => c - b'0',
			b'a'..=b'f' => c - b'a' + 10,
			_ => panic!("not a lowercase hex digit"),
		}
	}
	let mut out = [0u8; 32];
	let mut i = 0;
	while i < 32 {
		out[i] = nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]);
		i += 1;
	}
	out
}

/// The network tasks every Paradigm chain starts with; the live chain has no sudo, so they are
/// part of its genesis. Rounds are 25 blocks (50 s): 10 to train and commit, 5 to reveal, 10 to
/// verify.
pub fn reference_tasks() -> Vec<TaskSpec> {
	let schedule = RoundSchedule { commit_blocks: 10, reveal_blocks: 5, verify_blocks: 10 };
	vec![
		// Handwritten digits (UCI 8x8), shipped with the contributor: a small MLP from chance
		// accuracy (10 %) upwards.
		TaskSpec {
			kind: TaskKind::Train,
			model: Name::truncate_from(b"mlp:64-64-10".to_vec()),
			hyper_params: HyperParams::truncate_from(
				b"optimizer=sgd,lr=0.05,momentum=0.9,batch=32,epochs=40".to_vec(),
			),
			dataset: DatasetRef::Shipped {
				name: Name::truncate_from(b"uci-digits-8x8".to_vec()),
				content_hash: H256(UCI_DIGITS_CONTENT_HASH),
			},
			metric: Metric::Accuracy,
			baseline: 100_000,
			min_improvement: 5_000,
			tolerance: 10_000,
			verifiers_per_submission: 3,
			max_artifact_size: 1 << 20,
			schedule,
			reward_weight: 1,
		},
		// Two interleaved spirals from a seed: cross-entropy down from chance (ln 2).
		TaskSpec {
			kind: TaskKind::Train,
			model: Name::truncate_from(b"mlp:2-32-32-2".to_vec()),
			hyper_params: HyperParams::truncate_from(
				b"optimizer=adam,lr=0.01,batch=64,epochs=60,samples=2000".to_vec(),
			),
			dataset: DatasetRef::Seeded {
				generator: Name::truncate_from(b"two-spirals".to_vec()),
				seed: 7272,
			},
			metric: Metric::CrossEntropy,
			baseline: 693_147,
			min_improvement: 5_000,
			tolerance: 10_000,
			verifiers_per_submission: 3,
			max_artifact_size: 1 << 20,
			schedule,
			reward_weight: 1,
		},
	]
}

/// A genesis validator: its account and its session keys.
struct Validator {
	account: AccountId,
	keys: SessionKeys,
}

/// A well-known dev validator: its account and Aura key are the sr25519 `//Name` key, its
/// GRANDPA key the ed25519 one, as `paradigm-node --alice` inserts them.
fn dev_authority(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> Validator {
	let aura_id: AuraId = aura.public().into();
	let grandpa_id: GrandpaId = grandpa.public().into();
	Validator { account: aura.to_account_id(), keys: SessionKeys { aura: aura_id, grandpa: grandpa_id } }
}

fn alice() -> Validator {
	dev_authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)
}

fn bob() -> Validator {
	dev_authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob)
}

fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// `--dev`: one validator (Alice), dev accounts endowed, Alice holds sudo.
pub fn development_config_genesis() -> Value {
	genesis(
		vec![alice()],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		Some(DEV_WORK_EPOCH_BLOCKS),
		TEST_GOVERNANCE,
	)
}

/// `--chain local`: two validators (Alice, Bob) on one machine, dev accounts endowed.
pub fn local_testnet_genesis() -> Value {
	genesis(
		vec![alice(), bob()],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		None,
		TEST_GOVERNANCE,
	)
}

/// The live network: no endowment, no sudo key. The two authorities are placeholders that
/// `scripts/build-chain-specs.sh` replaces with the founder's session keys in the raw live spec.
pub fn paradigm_live_genesis() -> Value {
	genesis(
		vec![alice(), bob()],
		Vec::new(),
		None,
		None,
		LIVE_GOVERNANCE,
	)
}

/// Returns the JSON patch of a named preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		PARADIGM_LIVE_PRESET => paradigm_live_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// Names of the presets this runtime provides.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(PARADIGM_LIVE_PRESET),
	]
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{Balances, Runtime, System, FIRST_YEAR_EMISSION_BUDGET, INITIAL_SUPPLY_CAP};
	use polkadot_sdk::{
		sp_io::TestExternalities,
		sp_runtime::BuildStorage,
	};

	/// Applies a preset patch on top of the default genesis, as the node's chain-spec builder does.
	fn merge(base: &mut Value, patch: Value) {
		match (base, patch) {
			(Value::Object(base), Value::Object(patch)) =>
				for (key, value) in patch {
					merge(base.entry(key).or_insert(Value::Null), value);
				},
			(base, patch) => *base = patch,
		}
	}

	fn externalities_for(preset: &str) -> TestExternalities {
		let patch: Value = serde_json::from_slice(
			&get_preset(&PresetId::from(preset)).expect("every listed preset exists"),
		)
		.expect("presets are valid JSON");
		let mut config =
			serde_json::to_value(RuntimeGenesisConfig::default()).expect("default serializes");
		merge(&mut config, patch);
		let config: RuntimeGenesisConfig =
			serde_json::from_value(config).expect("preset matches the genesis config");
		config.build_storage().expect("genesis builds").into()
	}

	#[test]
	fn every_listed_preset_builds() {
		for preset in preset_names() {
			let name = String::from(preset.clone());
			externalities_for(&name).execute_with(|| {
				assert_eq!(System::block_number(), 0, "{name}");
				assert!(pallet_aura::Authorities::<Runtime>::get().len() >= 1, "{name}");
			});
		}
	}

	#[test]
	fn live_genesis_issues_nothing_and_has_no_sudo() {
		externalities_for(PARADIGM_LIVE_PRESET).execute_with(|| {
			assert_eq!(Balances::total_issuance(), 0);
			assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
			for account in dev_accounts() {
				assert_eq!(Balances::free_balance(&account), 0);
			}
			assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
			assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 2);
			// Nobody has reputation or PAR yet: governance begins with the first verified work.
			assert_eq!(pallet_useful_work::TotalReputation::<Runtime>::get(), 0);
			// The treasury starts at the founder's numbers, on 10-minute epochs.
			assert_eq!(pallet_ai_treasury::SupplyCap::<Runtime>::get(), INITIAL_SUPPLY_CAP);
			let budget = pallet_ai_treasury::Budget::<Runtime>::get();
			assert_eq!((budget.year, budget.budget, budget.emitted), (0, FIRST_YEAR_EMISSION_BUDGET, 0));
			assert_eq!(pallet_useful_work::Pallet::<Runtime>::epoch_length(), crate::configs::WORK_EPOCH_BLOCKS);
			assert_eq!(pallet_ai_treasury::Pallet::<Runtime>::epochs_per_year(), 52_596);
		});
	}

	#[test]
	fn test_chains_govern_in_minutes_and_the_live_chain_in_days() {
		use crate::governance::origins::Pace;
		for preset in
			[sp_genesis_builder::DEV_RUNTIME_PRESET, sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET]
		{
			externalities_for(preset).execute_with(|| {
				assert_eq!(Pace::<Runtime>::get(), GovernancePace::Test, "{preset}");
				assert_eq!(pallet_validator_set::SessionBlocks::<Runtime>::get(), TEST_SESSION_BLOCKS);
			});
		}
		externalities_for(PARADIGM_LIVE_PRESET).execute_with(|| {
			assert_eq!(Pace::<Runtime>::get(), GovernancePace::Live);
			assert_eq!(pallet_validator_set::SessionBlocks::<Runtime>::get(), SESSION_BLOCKS);
			let validators = pallet_validator_set::Validators::<Runtime>::get();
			assert_eq!(validators.len(), 2);
			assert_eq!(pallet_session::Validators::<Runtime>::get(), validators.into_inner());
		});
	}

	#[test]
	fn the_dev_chain_runs_one_minute_epochs() {
		externalities_for(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			assert_eq!(pallet_useful_work::Pallet::<Runtime>::epoch_length(), DEV_WORK_EPOCH_BLOCKS);
		});
	}

	#[test]
	fn test_presets_endow_dev_accounts_within_the_cap() {
		for preset in
			[sp_genesis_builder::DEV_RUNTIME_PRESET, sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET]
		{
			externalities_for(preset).execute_with(|| {
				let accounts = dev_accounts();
				let expected = DEV_ACCOUNT_ENDOWMENT * accounts.len() as Balance;
				assert_eq!(Balances::total_issuance(), expected, "{preset}");
				assert!(Balances::total_issuance() <= INITIAL_SUPPLY_CAP);
				assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
			});
		}
	}

	#[test]
	fn unknown_preset_is_refused() {
		assert!(get_preset(&PresetId::from("mainnet_with_premine")).is_none());
	}
}
