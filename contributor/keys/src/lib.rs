//! # paradigm-keys
//!
//! The contributor's account key: an sr25519 key pair kept at rest in the polkadot.js JSON key-file
//! format, so the same file opens in polkadot.js apps and the same account signs in both.
//!
//! - [`ContributorKey`]: generate, derive from a secret URI (`//Alice`, a mnemonic), sign, and
//!   show only public data. Its `Debug` prints the address, never the secret.
//! - [`keyfile`]: the encrypted JSON (`scrypt` + `xsalsa20-poly1305`, PKCS#8-style content), read
//!   with the checks polkadot.js applies, so a crafted file cannot make us spend unbounded memory.

use polkadot_sdk::sp_core::{
	crypto::{Ss58AddressFormat, Ss58Codec},
	sr25519, Pair as _,
};
use zeroize::Zeroizing;

pub mod keyfile;

pub use keyfile::KeyFile;

/// The SS58 prefix of Paradigm addresses.
pub const SS58_PREFIX: u16 = 7272;

/// What can go wrong with a key or a key file. No variant carries secret material.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
	/// The file is not a polkadot.js key file.
	#[error("not a polkadot.js key file: {0}")]
	Malformed(String),
	/// The file uses an encoding this program does not read (e.g. an ed25519 or ethereum key).
	#[error("unsupported key encoding: {0}")]
	UnsupportedEncoding(String),
	/// The scrypt parameters are not one of the presets polkadot.js accepts.
	#[error("unsupported scrypt parameters N={n}, p={p}, r={r}")]
	UnsupportedScrypt {
		/// Cost.
		n: u32,
		/// Parallelism.
		p: u32,
		/// Block size.
		r: u32,
	},
	/// Decryption failed: the passphrase is wrong (or the file was altered).
	#[error("wrong passphrase, or the key file was altered")]
	WrongPassphrase,
	/// The decrypted content is not a valid sr25519 key.
	#[error("the key file's content is corrupt: {0}")]
	Corrupt(&'static str),
	/// The file's address is not the address of its key.
	#[error("the key file's address {found} does not belong to its key ({expected})")]
	AddressMismatch {
		/// The key's address.
		expected: String,
		/// The address written in the file.
		found: String,
	},
	/// A secret URI could not be parsed.
	#[error("invalid secret URI")]
	BadSecretUri,
	/// An SS58 address could not be parsed.
	#[error("invalid SS58 address `{0}`")]
	BadAddress(String),
	/// Reading or writing the file failed.
	#[error("key file {path}: {source}")]
	Io {
		/// The file.
		path: String,
		/// The cause.
		source: std::io::Error,
	},
}

/// An sr25519 account key.
#[derive(Clone)]
pub struct ContributorKey {
	pair: sr25519::Pair,
}

impl std::fmt::Debug for ContributorKey {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.debug_struct("ContributorKey").field("address", &self.address()).finish_non_exhaustive()
	}
}

impl ContributorKey {
	/// A new key from the operating system's randomness.
	pub fn generate() -> Result<Self, KeyError> {
		let mut seed = Zeroizing::new([0u8; 32]);
		getrandom::getrandom(seed.as_mut_slice()).map_err(|_| KeyError::Corrupt("no randomness"))?;
		Ok(Self::from_seed(&seed))
	}

	/// The key of a 32-byte mini secret (the "raw seed" of polkadot.js).
	pub fn from_seed(seed: &[u8; 32]) -> Self {
		Self { pair: sr25519::Pair::from_seed(seed) }
	}

	/// The key of a secret URI: a mnemonic or hex seed with optional `//hard/soft` derivations,
	/// e.g. `//Alice` for the dev accounts.
	pub fn from_uri(uri: &str) -> Result<Self, KeyError> {
		sr25519::Pair::from_string(uri, None).map(|pair| Self { pair }).map_err(|_| KeyError::BadSecretUri)
	}

	/// The key of a 64-byte secret in the ed25519-expanded form polkadot.js stores.
	pub(crate) fn from_expanded_secret(secret: &[u8]) -> Result<Self, KeyError> {
		let secret =
			schnorrkel::SecretKey::from_ed25519_bytes(secret).map_err(|_| KeyError::Corrupt("invalid sr25519 secret"))?;
		Ok(Self { pair: sr25519::Pair::from(secret) })
	}

	/// The 64-byte secret in the ed25519-expanded form polkadot.js stores.
	pub(crate) fn expanded_secret(&self) -> Zeroizing<[u8; 64]> {
		let keypair: schnorrkel::Keypair = self.pair.clone().into();
		Zeroizing::new(keypair.secret.to_ed25519_bytes())
	}

	/// The public key (the account id).
	pub fn public(&self) -> [u8; 32] {
		self.pair.public().0
	}

	/// The account's address with Paradigm's SS58 prefix.
	pub fn address(&self) -> String {
		address(&self.public())
	}

	/// An sr25519 signature of `message` (signing context `substrate`, as the chain verifies).
	pub fn sign(&self, message: &[u8]) -> [u8; 64] {
		self.pair.sign(message).0
	}
}

/// The SS58 address (Paradigm prefix) of a public key.
pub fn address(public: &[u8; 32]) -> String {
	sr25519::Public::from_raw(*public).to_ss58check_with_version(Ss58AddressFormat::custom(SS58_PREFIX))
}

/// The public key of an SS58 address with any prefix (polkadot.js writes prefix 42 by default).
pub fn parse_address(text: &str) -> Result<[u8; 32], KeyError> {
	sr25519::Public::from_ss58check_with_version(text)
		.map(|(public, _)| public.0)
		.map_err(|_| KeyError::BadAddress(text.to_owned()))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_seed_expands_as_polkadot_js_does() {
		// Vectors from @polkadot/keyring 14.0.3 (docs/contributor-research.md §4).
		let key = ContributorKey::from_seed(&[7u8; 32]);
		assert_eq!(
			hex::encode(key.expanded_secret().as_slice()),
			"28ad39fefd7fa3e200a9c626eef599e61a2d055c48a8288a4e7e4c4bca3928789c7d6db3506d65dbac7c052aaee4857425210c9bc54030c826e54055983452a5"
		);
		assert_eq!(hex::encode(key.public()), "7c0f469d3bd340bae718203fa30ca071a5e37c751e891dbded837b213d45d91d");
		assert_eq!(key.address(), "ggmjzCCdr9N5KNxA5eJ91Pmj6UgqLbY4tTz9cMWbo7WD7Nkyb");
		assert_eq!(parse_address("5EsNLFaGe9XK5LzWH3i6eC2Wqv6YqZS1442N1C4yeSdP6uxy").unwrap(), key.public());
		let back = ContributorKey::from_expanded_secret(key.expanded_secret().as_slice()).unwrap();
		assert_eq!(back.public(), key.public());
	}

	#[test]
	fn dev_uris_and_signatures() {
		let alice = ContributorKey::from_uri("//Alice").unwrap();
		assert!(hex::encode(alice.public()).starts_with("d43593c7"));
		let signature = alice.sign(b"paradigm");
		assert!(sr25519::Pair::verify(
			&sr25519::Signature::from_raw(signature),
			b"paradigm",
			&sr25519::Public::from_raw(alice.public())
		));
		assert!(matches!(ContributorKey::from_uri("not a uri at all"), Err(KeyError::BadSecretUri)));
		assert!(format!("{alice:?}").contains(&alice.address()));
		assert!(matches!(parse_address("5xyz"), Err(KeyError::BadAddress(_))));
	}
}
