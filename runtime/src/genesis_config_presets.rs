//! Genesis of every Paradigm chain, built here so chain specs never drift from the runtime.
//!
//! | preset                | chain spec          | validators  | endowed accounts | sudo  |
//! |-----------------------|---------------------|-------------|------------------|-------|
//! | `development`         | `--dev`             | Alice       | dev accounts     | Alice |
//! | `local_testnet`       | `--chain local`     | Alice, Bob  | dev accounts     | Alice |
//! | `paradigm_live`       | `paradigm-local`, `paradigm` | Alice, Bob (replaced by the founder's keys when the raw live spec is built) | none | none |
//!
//! The endowments of the two test presets exist only so that transfers and fees can be tried
//! locally. The live preset endows nothing: total issuance is zero at genesis and the only way PAR
//! comes into existence is a treasury reward for useful work.

use crate::{AccountId, Balance, BalancesConfig, RuntimeGenesisConfig, SudoConfig, PAR};
use alloc::{vec, vec::Vec};
use polkadot_sdk::{
	frame_support::build_struct_json_patch,
	sp_consensus_aura::sr25519::AuthorityId as AuraId,
	sp_consensus_grandpa::AuthorityId as GrandpaId,
	sp_genesis_builder::{self, PresetId},
	sp_keyring::{Ed25519Keyring, Sr25519Keyring},
	*,
};
use serde_json::Value;

/// Preset of the live network (`paradigm` and its one-machine rehearsal `paradigm-local`).
pub const PARADIGM_LIVE_PRESET: &str = "paradigm_live";

/// What each well-known dev account holds in the test presets: 1,000,000 PAR.
pub const DEV_ACCOUNT_ENDOWMENT: Balance = 1_000_000 * PAR;

fn genesis(
	initial_authorities: Vec<(AuraId, GrandpaId)>,
	endowed_accounts: Vec<AccountId>,
	sudo_key: Option<AccountId>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.iter()
				.cloned()
				.map(|account| (account, DEV_ACCOUNT_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: initial_authorities.iter().map(|(aura, _)| aura.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: initial_authorities
				.iter()
				.map(|(_, grandpa)| (grandpa.clone(), 1))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: sudo_key },
	})
}

/// Session keys of a well-known dev validator: sr25519 for Aura, ed25519 for GRANDPA, both
/// derived from the same `//Name` seed, as `paradigm-node --alice` inserts them.
fn dev_authority(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
}

fn alice() -> (AuraId, GrandpaId) {
	dev_authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)
}

fn bob() -> (AuraId, GrandpaId) {
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
	)
}

/// `--chain local`: two validators (Alice, Bob) on one machine, dev accounts endowed.
pub fn local_testnet_genesis() -> Value {
	genesis(
		vec![alice(), bob()],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// The live network: no endowment, no sudo key. The two authorities are placeholders that
/// `scripts/build-chain-specs.sh` replaces with the founder's session keys in the raw live spec.
pub fn paradigm_live_genesis() -> Value {
	genesis(
		vec![alice(), bob()],
		Vec::new(),
		None,
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
	use crate::{Balances, Runtime, System, INITIAL_SUPPLY_CAP};
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
