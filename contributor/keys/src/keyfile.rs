//! The polkadot.js JSON key file (version 3), as @polkadot/keyring 14 writes and reads it.
//!
//! `encoded` is base64 of `salt(32) ‖ N ‖ p ‖ r (u32 LE each) ‖ nonce(24) ‖ secretbox`, where the
//! secretbox (XSalsa20-Poly1305, key = scrypt(passphrase, salt, N, r, p)) seals
//! `PKCS8_HEADER ‖ secret(64, ed25519-expanded) ‖ PKCS8_DIVIDER ‖ public(32)`.

use std::path::Path;

use base64::{engine::general_purpose::STANDARD as BASE64, Engine as _};
use crypto_secretbox::{
	aead::{Aead, KeyInit},
	XSalsa20Poly1305,
};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::{parse_address, ContributorKey, KeyError};

const PKCS8_HEADER: [u8; 16] = [48, 83, 2, 1, 1, 48, 5, 6, 3, 43, 101, 112, 4, 34, 4, 32];
const PKCS8_DIVIDER: [u8; 5] = [161, 35, 3, 33, 0];
const SECRET_LEN: usize = 64;
const PUBLIC_LEN: usize = 32;
const PLAINTEXT_LEN: usize = PKCS8_HEADER.len() + SECRET_LEN + PKCS8_DIVIDER.len() + PUBLIC_LEN;
const SALT_LEN: usize = 32;
const NONCE_LEN: usize = 24;
const PARAMS_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// The scrypt presets polkadot.js accepts on read, as `(log2 N, p, r)`; anything else is refused,
/// which also bounds the memory and time a hostile file can make us spend.
const ALLOWED_SCRYPT: [(u8, u32, u32); 6] = [(13, 10, 8), (14, 5, 8), (15, 3, 8), (15, 1, 8), (16, 2, 8), (17, 1, 8)];
/// What keyring 14 writes: N = 2^17, p = 1, r = 8.
const WRITE_SCRYPT: (u8, u32, u32) = (17, 1, 8);

/// The `encoding` object of a key file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Encoding {
	/// `["pkcs8", "sr25519"]`.
	pub content: Vec<String>,
	/// `["scrypt", "xsalsa20-poly1305"]`.
	#[serde(rename = "type")]
	pub kind: Vec<String>,
	/// `"3"`.
	pub version: String,
}

/// A polkadot.js JSON key file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyFile {
	/// Base64 of the encrypted key.
	pub encoded: String,
	/// How `encoded` is made.
	pub encoding: Encoding,
	/// The account's SS58 address (any prefix).
	pub address: String,
	/// Free-form metadata (`name`, `whenCreated`, ...).
	#[serde(default)]
	pub meta: serde_json::Map<String, serde_json::Value>,
}

impl KeyFile {
	/// Parse a key file's JSON text.
	pub fn parse(json: &str) -> Result<Self, KeyError> {
		serde_json::from_str(json).map_err(|e| KeyError::Malformed(e.to_string()))
	}

	/// The JSON text.
	pub fn to_json(&self) -> String {
		serde_json::to_string_pretty(self).unwrap_or_default()
	}

	/// Read and parse a key file.
	pub fn read(path: &Path) -> Result<Self, KeyError> {
		let text = std::fs::read_to_string(path).map_err(|source| io_error(path, source))?;
		Self::parse(&text)
	}

	/// Write the file, readable only by its owner, replacing it atomically.
	pub fn write(&self, path: &Path) -> Result<(), KeyError> {
		let temporary = path.with_extension("json.tmp");
		write_private(&temporary, self.to_json().as_bytes()).map_err(|source| io_error(&temporary, source))?;
		std::fs::rename(&temporary, path).map_err(|source| io_error(path, source))
	}

	/// Decrypt the key with `passphrase`, checking everything polkadot.js checks and that the
	/// address belongs to the key.
	pub fn decrypt(&self, passphrase: &str) -> Result<ContributorKey, KeyError> {
		if self.encoding.version != "3" {
			return Err(KeyError::UnsupportedEncoding(format!("version {}", self.encoding.version)));
		}
		if self.encoding.content.get(1).map(String::as_str) != Some("sr25519") {
			return Err(KeyError::UnsupportedEncoding(format!("content {:?}", self.encoding.content)));
		}
		if self.encoding.kind != ["scrypt", "xsalsa20-poly1305"] {
			return Err(KeyError::UnsupportedEncoding(format!("type {:?}", self.encoding.kind)));
		}
		let encoded = BASE64.decode(self.encoded.trim()).map_err(|e| KeyError::Malformed(e.to_string()))?;
		if encoded.len() != SALT_LEN + PARAMS_LEN + NONCE_LEN + TAG_LEN + PLAINTEXT_LEN {
			return Err(KeyError::Malformed(format!("encoded key is {} bytes", encoded.len())));
		}
		let (salt, rest) = encoded.split_at(SALT_LEN);
		let (params, rest) = rest.split_at(PARAMS_LEN);
		let (nonce, sealed) = rest.split_at(NONCE_LEN);
		let word = |i: usize| {
			let mut bytes = [0u8; 4];
			bytes.copy_from_slice(params.get(i * 4..i * 4 + 4).unwrap_or(&[0; 4]));
			u32::from_le_bytes(bytes)
		};
		let (n, p, r) = (word(0), word(1), word(2));
		let log_n = ALLOWED_SCRYPT
			.iter()
			.find(|(log_n, ap, ar)| 1u32.checked_shl(u32::from(*log_n)) == Some(n) && *ap == p && *ar == r)
			.map(|(log_n, _, _)| *log_n)
			.ok_or(KeyError::UnsupportedScrypt { n, p, r })?;

		let key = derive_key(passphrase, salt, (log_n, p, r))?;
		let cipher = XSalsa20Poly1305::new(key.as_slice().into());
		let plaintext = Zeroizing::new(
			cipher.decrypt(nonce.into(), sealed).map_err(|_| KeyError::WrongPassphrase)?,
		);
		let secret = open_pkcs8(&plaintext)?;
		let key = ContributorKey::from_expanded_secret(secret)?;
		let public = plaintext.get(PLAINTEXT_LEN - PUBLIC_LEN..).ok_or(KeyError::Corrupt("truncated"))?;
		if public != key.public() {
			return Err(KeyError::Corrupt("the public key does not match the secret"));
		}
		if parse_address(&self.address)? != key.public() {
			return Err(KeyError::AddressMismatch { expected: key.address(), found: self.address.clone() });
		}
		Ok(key)
	}

	/// Encrypt `key` with `passphrase` as keyring 14 does (N = 2^17, p = 1, r = 8).
	pub fn encrypt(key: &ContributorKey, passphrase: &str, name: &str) -> Result<Self, KeyError> {
		let mut salt = [0u8; SALT_LEN];
		let mut nonce = [0u8; NONCE_LEN];
		getrandom::getrandom(&mut salt).map_err(|_| KeyError::Corrupt("no randomness"))?;
		getrandom::getrandom(&mut nonce).map_err(|_| KeyError::Corrupt("no randomness"))?;
		let (log_n, p, r) = WRITE_SCRYPT;
		let derived = derive_key(passphrase, &salt, WRITE_SCRYPT)?;

		let mut plaintext = Zeroizing::new(Vec::with_capacity(PLAINTEXT_LEN));
		plaintext.extend_from_slice(&PKCS8_HEADER);
		plaintext.extend_from_slice(key.expanded_secret().as_slice());
		plaintext.extend_from_slice(&PKCS8_DIVIDER);
		plaintext.extend_from_slice(&key.public());
		let sealed = XSalsa20Poly1305::new(derived.as_slice().into())
			.encrypt((&nonce).into(), plaintext.as_slice())
			.map_err(|_| KeyError::Corrupt("encryption failed"))?;

		let mut encoded = Vec::with_capacity(SALT_LEN + PARAMS_LEN + NONCE_LEN + sealed.len());
		encoded.extend_from_slice(&salt);
		encoded.extend_from_slice(&(1u32 << log_n).to_le_bytes());
		encoded.extend_from_slice(&p.to_le_bytes());
		encoded.extend_from_slice(&r.to_le_bytes());
		encoded.extend_from_slice(&nonce);
		encoded.extend_from_slice(&sealed);

		let mut meta = serde_json::Map::new();
		meta.insert("name".into(), name.into());
		meta.insert("whenCreated".into(), unix_millis().into());
		Ok(Self {
			encoded: BASE64.encode(encoded),
			encoding: Encoding {
				content: vec!["pkcs8".into(), "sr25519".into()],
				kind: vec!["scrypt".into(), "xsalsa20-poly1305".into()],
				version: "3".into(),
			},
			address: key.address(),
			meta,
		})
	}
}

fn derive_key(passphrase: &str, salt: &[u8], (log_n, p, r): (u8, u32, u32)) -> Result<Zeroizing<[u8; 32]>, KeyError> {
	let params = scrypt::Params::new(log_n, r, p, 32).map_err(|_| KeyError::UnsupportedScrypt { n: 1 << log_n, p, r })?;
	let mut key = Zeroizing::new([0u8; 32]);
	scrypt::scrypt(passphrase.as_bytes(), salt, &params, key.as_mut_slice())
		.map_err(|_| KeyError::Corrupt("scrypt output"))?;
	Ok(key)
}

/// The 64-byte secret inside the PKCS#8-style plaintext.
fn open_pkcs8(plaintext: &[u8]) -> Result<&[u8], KeyError> {
	let header_end = PKCS8_HEADER.len();
	let divider_at = header_end + SECRET_LEN;
	if plaintext.len() != PLAINTEXT_LEN || plaintext.get(..header_end) != Some(&PKCS8_HEADER[..]) {
		return Err(KeyError::Corrupt("bad PKCS#8 header"));
	}
	if plaintext.get(divider_at..divider_at + PKCS8_DIVIDER.len()) != Some(&PKCS8_DIVIDER[..]) {
		return Err(KeyError::Corrupt("bad PKCS#8 divider"));
	}
	plaintext.get(header_end..divider_at).ok_or(KeyError::Corrupt("truncated"))
}

fn unix_millis() -> u64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
		.unwrap_or(0)
}

fn io_error(path: &Path, source: std::io::Error) -> KeyError {
	KeyError::Io { path: path.display().to_string(), source }
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
	use std::io::Write;
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create(true).truncate(true);
	#[cfg(unix)]
	std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
	let mut file = options.open(path)?;
	file.write_all(bytes)?;
	file.sync_all()
}

#[cfg(test)]
mod tests {
	use super::*;

	const KEYRING_FILE: &str = include_str!("../tests/fixtures/keyring-14.0.3-seed7.json");

	#[test]
	fn opens_a_file_written_by_polkadot_js_keyring() {
		let key = KeyFile::parse(KEYRING_FILE).unwrap().decrypt("pass").unwrap();
		assert_eq!(key.public(), ContributorKey::from_seed(&[7u8; 32]).public());
	}

	#[test]
	fn wrong_passphrase_and_tampering_are_refused() {
		let file = KeyFile::parse(KEYRING_FILE).unwrap();
		assert!(matches!(file.decrypt("Pass"), Err(KeyError::WrongPassphrase)));

		let mut bytes = BASE64.decode(&file.encoded).unwrap();
		let last = bytes.len() - 1;
		bytes[last] ^= 1;
		let tampered = KeyFile { encoded: BASE64.encode(&bytes), ..file.clone() };
		assert!(matches!(tampered.decrypt("pass"), Err(KeyError::WrongPassphrase)));

		// N = 2^20 is not a preset: refused before any scrypt work is done.
		let mut costly = BASE64.decode(&file.encoded).unwrap();
		costly[32..36].copy_from_slice(&(1u32 << 20).to_le_bytes());
		let costly = KeyFile { encoded: BASE64.encode(&costly), ..file.clone() };
		assert!(matches!(costly.decrypt("pass"), Err(KeyError::UnsupportedScrypt { n: 1_048_576, .. })));

		let other = ContributorKey::from_seed(&[8u8; 32]).address();
		let wrong_address = KeyFile { address: other, ..file.clone() };
		assert!(matches!(wrong_address.decrypt("pass"), Err(KeyError::AddressMismatch { .. })));

		let ed25519 = KeyFile {
			encoding: Encoding { content: vec!["pkcs8".into(), "ed25519".into()], ..file.encoding.clone() },
			..file.clone()
		};
		assert!(matches!(ed25519.decrypt("pass"), Err(KeyError::UnsupportedEncoding(_))));
		assert!(matches!(KeyFile::parse("{\"encoded\": 1}"), Err(KeyError::Malformed(_))));
		let short = KeyFile { encoded: BASE64.encode([0u8; 40]), ..file };
		assert!(matches!(short.decrypt("pass"), Err(KeyError::Malformed(_))));
	}

	#[test]
	fn round_trip_through_a_private_file() {
		let key = ContributorKey::generate().unwrap();
		let file = KeyFile::encrypt(&key, "correct horse", "laptop").unwrap();
		assert!(!file.to_json().contains(&hex::encode(key.expanded_secret().as_slice())));
		let dir = std::env::temp_dir().join(format!("paradigm-keys-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		let path = dir.join("key.json");
		file.write(&path).unwrap();
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
		}
		let read = KeyFile::read(&path).unwrap();
		assert_eq!(read.meta.get("name").and_then(|v| v.as_str()), Some("laptop"));
		assert_eq!(BASE64.decode(&read.encoded).unwrap()[32..36], (1u32 << 17).to_le_bytes());
		assert_eq!(read.decrypt("correct horse").unwrap().public(), key.public());
		std::fs::remove_dir_all(&dir).unwrap();
	}
}
