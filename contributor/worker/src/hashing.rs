//! The hashes a trainer's honesty rests on: the commitment the chain checks at the reveal, and
//! the training seed derived from the commitment's secret salt.

use crate::tasks;

/// Domain separator of [`training_seed`].
const TRAINING_SEED_CONTEXT: &[u8] = b"paradigm:contributor:training-seed:";

/// The commitment a trainer publishes, computed by the same function the pallet checks reveals
/// with ([`paradigm_chain::commitment_hash`]).
pub fn commitment(artifact: &[u8; 32], account: &[u8; 32], salt: &[u8; 32]) -> [u8; 32] {
	paradigm_chain::commitment_hash(&(*artifact).into(), account, salt).0
}

/// The seed a trainer's model starts from in one round, derived from the round's secret
/// commitment salt.
///
/// CPU training is deterministic: a seed from public data (account, task, round) would let anyone
/// recompute a contributor's artifact, commit and reveal it first, and make the owner's reveal
/// fail as a duplicate. Nobody without the salt can reproduce the artifact before the reveal
/// publishes it, and the same salt always gives the same model. Each trainer's salt differs, so
/// two contributors never produce the same artifact either.
pub fn training_seed(salt: &[u8; 32], account: &[u8; 32], task: u32, round: u32) -> u64 {
	let mut preimage = Vec::with_capacity(TRAINING_SEED_CONTEXT.len().saturating_add(72));
	preimage.extend_from_slice(TRAINING_SEED_CONTEXT);
	preimage.extend_from_slice(salt);
	preimage.extend_from_slice(account);
	preimage.extend_from_slice(&task.to_le_bytes());
	preimage.extend_from_slice(&round.to_le_bytes());
	tasks::seed_of(&sp_crypto_hashing::blake2_256(&preimage))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{device, DeviceChoice};
	use paradigm_ml::{artifact::Artifact, train};

	#[test]
	fn commitment_matches_the_shared_test_vector() {
		// The vector the pallet's and the e2e helper's tests check too.
		let vector: serde_json::Value =
			serde_json::from_str(include_str!("../../../pallets/useful-work/primitives/test-vectors/commitment.json"))
				.unwrap();
		let bytes = |field: &str| {
			let mut out = [0u8; 32];
			hex::decode_to_slice(vector[field].as_str().unwrap().trim_start_matches("0x"), &mut out).unwrap();
			out
		};
		assert_eq!(commitment(&bytes("artifact"), &bytes("account"), &bytes("salt")), bytes("commitment"));
	}

	#[test]
	fn the_training_seed_needs_the_salt_and_follows_it() {
		let (account, salt) = ([2u8; 32], [3u8; 32]);
		let seed = training_seed(&salt, &account, 0, 7);
		assert_eq!(seed, training_seed(&salt, &account, 0, 7), "reproducible with the salt");
		assert_ne!(seed, training_seed(&[4u8; 32], &account, 0, 7), "another salt, another seed");
		assert_ne!(seed, training_seed(&salt, &[5u8; 32], 0, 7));
		assert_ne!(seed, training_seed(&salt, &account, 1, 7));
		assert_ne!(seed, training_seed(&salt, &account, 0, 8));
	}

	#[test]
	fn the_same_salt_trains_the_same_artifact_and_another_salt_another() {
		let device = device::select(DeviceChoice::Cpu).unwrap().device;
		let spec = paradigm_ml::MlpSpec::parse("mlp:2-8-2").unwrap();
		let config = paradigm_ml::TrainConfig::parse("optimizer=adam,lr=0.01,batch=16,epochs=2").unwrap();
		let data = paradigm_ml::dataset::two_spirals(5, 64);
		let artifact = |salt: &[u8; 32]| {
			let seed = training_seed(salt, &[2; 32], 0, 7);
			let trained = train(&spec, &data, &config, seed, &device, |_| ()).unwrap();
			Artifact::encode(&trained.model.weights().unwrap()).hash
		};
		assert_eq!(artifact(&[3; 32]), artifact(&[3; 32]));
		assert_ne!(artifact(&[3; 32]), artifact(&[4; 32]));
	}
}
