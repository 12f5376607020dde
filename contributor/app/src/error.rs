//! What a command can fail with. `main` prints it as `error: ...`, so every message names what
//! went wrong and, where there is one, what to do about it.

use std::{num::ParseIntError, path::PathBuf};

use paradigm_chain::ChainError;
use paradigm_keys::KeyError;
use paradigm_worker::WorkError;

/// What a command can fail with.
#[derive(Debug, thiserror::Error)]
pub(crate) enum AppError {
	/// Creating, opening or using the key failed.
	#[error(transparent)]
	Key(#[from] KeyError),
	/// Talking to the chain failed.
	#[error(transparent)]
	Chain(#[from] ChainError),
	/// The worker stopped with an error, or its configuration is wrong.
	#[error(transparent)]
	Work(#[from] WorkError),
	/// The tokio runtime could not be started.
	#[error("cannot start the async runtime: {0}")]
	Runtime(#[source] std::io::Error),
	/// The data directory could not be created.
	#[error("{path}: {source}")]
	DataDir {
		/// The data directory.
		path: PathBuf,
		/// The cause.
		#[source]
		source: std::io::Error,
	},
	/// A key exists where a new one would be written, and `--force` was not given.
	#[error("{path} already holds a key; pass --force to replace it")]
	KeyExists {
		/// The key file.
		path: PathBuf,
	},
	/// No key file in the data directory.
	#[error("no key in {data_dir}: run `paradigm-contributor key generate` or `key import`")]
	NoKey {
		/// The data directory.
		data_dir: PathBuf,
	},
	/// An amount of PAR that is not a non-negative number with at most 8 decimals.
	#[error("{0:?} is not an amount of PAR (e.g. 50 or 0.5, at most 8 decimals)")]
	BadAmount(String),
	/// `key import` was given neither a key file nor `--uri`.
	#[error("give a key file or --uri")]
	NoKeySource,
	/// `--uri -` was given, but the environment holds no secret URI.
	#[error("PARADIGM_SECRET_URI is not set")]
	NoSecretUri(#[source] std::env::VarError),
	/// `--password-file` cannot be read.
	#[error("cannot read the password file {path}: {source}")]
	PasswordFile {
		/// The password file.
		path: PathBuf,
		/// The cause.
		#[source]
		source: std::io::Error,
	},
	/// The terminal did not give a passphrase.
	#[error("cannot read a passphrase ({0}); use --password-file")]
	Passphrase(#[source] std::io::Error),
	/// The terminal did not give the passphrase a second time.
	#[error("cannot read a passphrase: {0}")]
	PassphraseRepeat(#[source] std::io::Error),
	/// The passphrase and its repetition differ.
	#[error("the passphrases differ")]
	PassphrasesDiffer,
	/// A pool fee outside 0-100 %.
	#[error("a pool fee is a percentage from 0 to 100, not {0}")]
	BadFee(f64),
	/// `--train` is neither `all`, `none` nor a list of task ids.
	#[error("--train takes all, none or task ids like 0,1, not `{given}`")]
	BadTrain {
		/// The value given.
		given: String,
		/// The first id that is not a number.
		#[source]
		source: ParseIntError,
	},
	/// The desktop window could not be opened.
	#[error("cannot open the window: {0}")]
	Window(#[source] eframe::Error),
}
