//! The key on disk (`<data dir>/key.json`) and its passphrase.

use std::path::{Path, PathBuf};

use paradigm_keys::{ContributorKey, KeyFile};

use crate::commands::AppError;

/// Where the key lives in a data directory.
pub(crate) fn key_path(data_dir: &Path) -> PathBuf {
	data_dir.join("key.json")
}

/// The passphrase: from `--password-file`, `PARADIGM_PASSWORD`, or asked on the terminal
/// (twice when a new file is written).
pub(crate) fn passphrase(password_file: Option<&Path>, confirm: bool) -> Result<String, AppError> {
	if let Some(path) = password_file {
		let text = std::fs::read_to_string(path)
			.map_err(|e| AppError::Usage(format!("cannot read the password file {}: {e}", path.display())))?;
		return Ok(text.trim_end_matches(['\n', '\r']).to_owned());
	}
	if let Ok(text) = std::env::var("PARADIGM_PASSWORD") {
		return Ok(text);
	}
	let first = rpassword::prompt_password("Key passphrase: ")
		.map_err(|e| AppError::Usage(format!("cannot read a passphrase ({e}); use --password-file")))?;
	if confirm {
		let second = rpassword::prompt_password("Repeat the passphrase: ")
			.map_err(|e| AppError::Usage(format!("cannot read a passphrase: {e}")))?;
		if first != second {
			return Err(AppError::Usage("the passphrases differ".into()));
		}
	}
	Ok(first)
}

/// Open the data directory's key.
pub(crate) fn load(data_dir: &Path, password_file: Option<&Path>) -> Result<ContributorKey, AppError> {
	let path = key_path(data_dir);
	if !path.exists() {
		return Err(AppError::Usage(format!(
			"no key in {}: run `paradigm-contributor key generate` or `key import`",
			data_dir.display()
		)));
	}
	let file = KeyFile::read(&path)?;
	Ok(file.decrypt(&passphrase(password_file, false)?)?)
}

/// Store `file` as the data directory's key, unless one exists and `force` is not given.
pub(crate) fn store(data_dir: &Path, file: &KeyFile, force: bool) -> Result<(), AppError> {
	let path = key_path(data_dir);
	if path.exists() && !force {
		return Err(AppError::Usage(format!("{} already holds a key; pass --force to replace it", path.display())));
	}
	std::fs::create_dir_all(data_dir).map_err(|e| AppError::Usage(format!("{}: {e}", data_dir.display())))?;
	Ok(file.write(&path)?)
}
