//! The subcommands.

use std::{
	path::{Path, PathBuf},
	sync::{atomic::AtomicBool, Arc},
	time::Duration,
};

use paradigm_chain::ChainClient;
use paradigm_keys::{ContributorKey, KeyFile};
use paradigm_worker::{DeviceChoice, TrainOn, TrainingPolicy, WorkerConfig};

use crate::{
	error::AppError,
	format::{describe_registration, format_par},
	keys,
	progress::Progress,
	Cli, Command, KeyCommand, PoolCommand, RunArgs,
};

fn default_data_dir() -> PathBuf {
	if let Some(dir) = std::env::var_os("PARADIGM_CONTRIBUTOR_DIR") {
		return PathBuf::from(dir);
	}
	let base = std::env::var_os("XDG_DATA_HOME")
		.map(PathBuf::from)
		.or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
		.unwrap_or_else(|| PathBuf::from("."));
	base.join("paradigm-contributor")
}

fn runtime() -> Result<tokio::runtime::Runtime, AppError> {
	tokio::runtime::Runtime::new().map_err(AppError::Runtime)
}

pub(crate) fn dispatch(cli: Cli) -> Result<(), AppError> {
	let data_dir = cli.data_dir.clone().unwrap_or_else(default_data_dir);
	let password_file = cli.password_file.as_deref();
	match cli.command {
		Command::Key(command) => key_command(command, &data_dir, password_file),
		Command::Register => {
			let key = keys::load(&data_dir, password_file)?;
			runtime()?.block_on(async {
				let chain = ChainClient::connect(&cli.node).await?;
				if chain.contributor(key.public()).await?.is_some() {
					println!("{} is already registered", key.address());
				} else {
					chain.register(&key, |step| println!("{}", describe_registration(&step))).await?;
					println!("registered {}", key.address());
				}
				Ok(())
			})
		},
		Command::Run(args) => {
			let key = keys::load(&data_dir, password_file)?;
			let config = worker_config(&cli.node, &data_dir, &args)?;
			let progress = Arc::new(Progress::new(args.quiet));
			let sink = progress.clone();
			let stop = Arc::new(AtomicBool::new(false));
			let result = runtime()?.block_on(async move {
				let worker = paradigm_worker::run(config, key, Arc::new(move |event| sink.on(&event)), stop.clone());
				tokio::pin!(worker);
				tokio::select! {
					result = &mut worker => result,
					_ = tokio::signal::ctrl_c() => {
						stop.store(true, std::sync::atomic::Ordering::Relaxed);
						worker.await
					},
				}
			});
			progress.finish();
			Ok(result?)
		},
		Command::Pool(command) => {
			let key = keys::load(&data_dir, password_file)?;
			runtime()?.block_on(async {
				let chain = ChainClient::connect(&cli.node).await?;
				match command {
					PoolCommand::Create { fee } => {
						let per_billion = fee_per_billion(fee)?;
						let pool = chain.create_pool(&key, per_billion).await?;
						println!("created pool {pool} (fee {fee} %); you are its operator and first member");
					},
					PoolCommand::Join { pool } => {
						chain.join_pool(&key, pool).await?;
						println!("joined pool {pool}");
					},
					PoolCommand::Leave => {
						chain.leave_pool(&key).await?;
						println!("left the pool");
					},
				}
				Ok(())
			})
		},
		Command::Gov(command) => {
			let key = keys::load(&data_dir, password_file)?;
			runtime()?.block_on(crate::gov::run(&cli.node, &key, command))
		},
		Command::Status => {
			let key = keys::load(&data_dir, password_file)?;
			runtime()?.block_on(status(&cli.node, &key))
		},
		Command::Gui(args) => {
			let config = worker_config(&cli.node, &data_dir, &args.run)?;
			let key = keys::load(&data_dir, password_file)?;
			let screenshot = args.screenshot.map(|path| crate::gui::Screenshot::new(path, args.screenshot_delay_ms));
			crate::gui::run(config, key, screenshot)
		},
	}
}

fn key_command(command: KeyCommand, data_dir: &Path, password_file: Option<&Path>) -> Result<(), AppError> {
	match command {
		KeyCommand::Generate { name, force } => {
			if keys::key_path(data_dir).exists() && !force {
				return Err(AppError::KeyExists { path: keys::key_path(data_dir) });
			}
			let key = ContributorKey::generate()?;
			let file = KeyFile::encrypt(&key, &keys::passphrase(password_file, true)?, &name)?;
			keys::store(data_dir, &file, force)?;
			println!("{}", key.address());
		},
		KeyCommand::Import { file, uri, force } => {
			let stored = match (file, uri) {
				(Some(path), _) => {
					let file = KeyFile::read(&path)?;
					// Opened once to prove the passphrase and the content before it is kept.
					let key = file.decrypt(&keys::passphrase(password_file, false)?)?;
					println!("{}", key.address());
					file
				},
				(None, Some(uri)) => {
					let uri = if uri == "-" {
						std::env::var("PARADIGM_SECRET_URI").map_err(AppError::NoSecretUri)?
					} else {
						uri
					};
					let key = ContributorKey::from_uri(&uri)?;
					println!("{}", key.address());
					KeyFile::encrypt(&key, &keys::passphrase(password_file, true)?, "paradigm-contributor")?
				},
				(None, None) => return Err(AppError::NoKeySource),
			};
			keys::store(data_dir, &stored, force)?;
		},
		KeyCommand::Export { out } => {
			let file = KeyFile::read(&keys::key_path(data_dir))?;
			// Decrypted to check the passphrase; the file itself is already the polkadot.js format.
			file.decrypt(&keys::passphrase(password_file, false)?)?;
			match out {
				Some(path) => {
					file.write(&path)?;
					println!("wrote {}", path.display());
				},
				None => println!("{}", file.to_json()),
			}
		},
		KeyCommand::Show => {
			let file = KeyFile::read(&keys::key_path(data_dir))?;
			let public = paradigm_keys::parse_address(&file.address)?;
			println!("{}", paradigm_keys::address(&public));
		},
	}
	Ok(())
}

async fn status(node: &str, key: &ContributorKey) -> Result<(), AppError> {
	let chain = ChainClient::connect(node).await?;
	let address = key.address();
	println!("account   {address}");
	println!("node      {} (block #{})", chain.url(), chain.best_block().await?);
	println!("balance   {}", format_par(chain.free_balance(key.public()).await?));
	match chain.contributor(key.public()).await? {
		Some(profile) => println!(
			"registered at block {}, reputation {} ppm, {}",
			profile.registered_at,
			profile.reputation,
			profile.pool.map_or("no pool".to_owned(), |pool| format!("pool {pool}"))
		),
		None => println!("not registered (run `paradigm-contributor register`)"),
	}
	for task in chain.open_tasks().await? {
		let round = task.round.as_ref().map_or("no round".to_owned(), |round| {
			format!("round {} {} until block {}", round.index, round.phase, round.ends_at)
		});
		let champion = task.champion.as_ref().map_or("no champion".to_owned(), |c| format!("champion {} ppm", c.metric));
		println!(
			"task {}  {} on {}  {}  {}  {}",
			task.id,
			String::from_utf8_lossy(&task.spec.model),
			paradigm_worker::describe_dataset(&task.spec.dataset),
			task.spec.metric,
			round,
			champion
		);
	}
	Ok(())
}

fn fee_per_billion(percent: f64) -> Result<u32, AppError> {
	if !(0.0..=100.0).contains(&percent) {
		return Err(AppError::BadFee(percent));
	}
	Ok((percent * 10_000_000.0).round() as u32)
}

pub(crate) fn worker_config(node: &str, data_dir: &Path, args: &RunArgs) -> Result<WorkerConfig, AppError> {
	let device: DeviceChoice = args.device.parse()?;
	let train = match args.train.as_str() {
		"all" => TrainOn::All,
		"none" => TrainOn::Nothing,
		ids => TrainOn::Tasks(
			ids.split(',')
				.map(|id| id.trim().parse::<u32>())
				.collect::<Result<_, _>>()
				.map_err(|source| AppError::BadTrain { given: ids.to_owned(), source })?,
		),
	};
	Ok(WorkerConfig {
		node_url: node.to_owned(),
		data_dir: data_dir.to_owned(),
		device,
		artifact_listen: args.artifacts_listen,
		public_url: args.public_url.clone(),
		training: TrainingPolicy { train, paid_tasks: args.paid_tasks, max_train_work: args.max_train_work },
		allow_private_artifact_hosts: args.allow_private_artifact_hosts,
		poll_interval: Duration::from_millis(args.poll_ms.max(100)),
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn converts_fees() {
		assert_eq!(fee_per_billion(5.0).unwrap(), 50_000_000);
		assert_eq!(fee_per_billion(100.0).unwrap(), 1_000_000_000);
		assert!(fee_per_billion(101.0).is_err());
		assert!(fee_per_billion(f64::NAN).is_err());
	}

	#[test]
	fn run_flags_reach_the_worker() {
		use clap::Parser;
		let config = |args: &[&str]| {
			let cli = Cli::try_parse_from([&["paradigm-contributor", "run"][..], args].concat()).unwrap();
			let Command::Run(run) = cli.command else { panic!("not the run command") };
			worker_config("ws://127.0.0.1:9944", Path::new("/tmp/contributor"), &run).unwrap()
		};
		// By default: network tasks only, within the default budget, public artifact hosts on a
		// live chain.
		let default = config(&[]);
		assert_eq!(default.training, TrainingPolicy::default());
		assert!(!default.training.paid_tasks);
		assert!(!default.allow_private_artifact_hosts);
		let chosen = config(&["--paid-tasks", "--max-train-work", "5", "--allow-private-artifact-hosts", "--train", "0,2"]);
		assert_eq!(chosen.training, TrainingPolicy { train: TrainOn::Tasks(vec![0, 2]), paid_tasks: true, max_train_work: 5 });
		assert!(chosen.allow_private_artifact_hosts);
	}
}
