//! The key on disk (`<data dir>/key.json`) and its passphrase.

use std::path::{Path, PathBuf};

use paradigm_keys::{ContributorKey, KeyFile};

use crate::error::AppError;

/// Where the key lives in a data directory.
pub(crate) fn key_path(data_dir: &Path) -> PathBuf {
	data_dir.join("key.json")
}

/// The passphrase: from `--password-file`, `PARADIGM_PASSWORD`, or asked on the terminal
/// (twice when a new file is written).
pub(crate) fn passphrase(password_file: Option<&Path>, confirm: bool) -> Result<String, AppError> {
	if let Some(path) = password_file {
		let text = std::fs::read_to_string(path)
			.map_err(|source| AppError::PasswordFile { path: path.to_owned(), source })?;
		return Ok(text.trim_end_matches(['\n', '\r']).to_owned());
	}
	if let Ok(text) = std::env::var("PARADIGM_PASSWORD") {
		return Ok(text);
	}
	let first = rpassword::prompt_password("Key passphrase: ").map_err(AppError::Passphrase)?;
	if confirm {
		let second = rpassword::prompt_password("Repeat the passphrase: ").map_err(AppError::PassphraseRepeat)?;
		if first != second {
			return Err(AppError::PassphrasesDiffer);
		}
	}
	Ok(first)
}

/// Open the data directory's key.
pub(crate) fn load(data_dir: &Path, password_file: Option<&Path>) -> Result<ContributorKey, AppError> {
	let path = key_path(data_dir);
	if !path.exists() {
		return Err(AppError::NoKey { data_dir: data_dir.to_owned() });
	}
	let file = KeyFile::read(&path)?;
	Ok(file.decrypt(&passphrase(password_file, false)?)?)
}

/// Store `file` as the data directory's key, unless one exists and `force` is not given.
pub(crate) fn store(data_dir: &Path, file: &KeyFile, force: bool) -> Result<(), AppError> {
	let path = key_path(data_dir);
	if path.exists() && !force {
		return Err(AppError::KeyExists { path });
	}
	std::fs::create_dir_all(data_dir).map_err(|source| AppError::DataDir { path: data_dir.to_owned(), source })?;
	Ok(file.write(&path)?)
}
