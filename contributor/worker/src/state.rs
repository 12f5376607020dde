//! What the worker must remember across restarts, in `state.json` in its data directory.
//!
//! The file is rewritten atomically (write, fsync, rename) *before* every submission that depends
//! on it, so that after a crash the worker knows what it may have sent. Together with the chain's
//! own records (the commitment, the `reported` flag of an assignment) this is what keeps a
//! restarted contributor from submitting anything twice.

use std::{
	collections::{BTreeMap, BTreeSet},
	fmt,
	path::{Path, PathBuf},
	str::FromStr,
};

use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

use paradigm_artifacts::hex_name;

use crate::{StateError, WorkError};

/// Rounds remembered; beyond it the oldest round of the task with the most is dropped (see
/// `oldest_of_busiest_task`).
const ROUNDS_KEPT: usize = 64;
/// Verifications remembered.
const VERIFICATIONS_KEPT: usize = 1_024;

/// A trainer's work in one round of one task. Hashes are written as `0x` hex, as they were
/// when the file held them as strings, so older files load unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundWork {
	/// The artifact's hash, also its name in the artifact store.
	#[serde(with = "hex32")]
	pub artifact: [u8; 32],
	/// The commitment salt. Secret until the reveal.
	#[serde(with = "hex32")]
	pub salt: [u8; 32],
	/// The commitment.
	#[serde(with = "hex32")]
	pub commitment: [u8; 32],
	/// Artifact size in bytes.
	pub size: u64,
	/// The metric to claim (ppm).
	pub claimed: u32,
	/// The commit is known to be on chain.
	pub committed: bool,
	/// The reveal is known to be on chain.
	pub revealed: bool,
}

/// Everything the worker remembers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkState {
	/// Genesis hash of the chain this state belongs to.
	#[serde(with = "hex32")]
	pub genesis: [u8; 32],
	/// Training work by round.
	pub rounds: BTreeMap<RoundKey, RoundWork>,
	/// Rounds in which this contributor decided not to train.
	pub passed: BTreeSet<RoundKey>,
	/// Verifications known to be on chain.
	pub verified: BTreeSet<VerificationKey>,
}

/// A round of a task, the key of [`WorkState::rounds`] and [`WorkState::passed`]: the chain's
/// own type, written `"task/round"` in `state.json` as before it was typed, so older files load
/// unchanged.
pub use paradigm_chain::RoundKey;

/// A submission this contributor reported on: the key of [`WorkState::verified`], written
/// `"task/round/submission"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VerificationKey {
	/// The task.
	pub task: u32,
	/// The round.
	pub round: u32,
	/// The submission within the round.
	pub submission: u32,
}

/// The key of a round in [`WorkState::rounds`] and [`WorkState::passed`].
pub fn round_key(task: u32, round: u32) -> RoundKey {
	RoundKey { task, round }
}

/// The key of a verification in [`WorkState::verified`].
pub fn verification_key(task: u32, round: u32, submission: u32) -> VerificationKey {
	VerificationKey { task, round, submission }
}

/// A state-file key that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a key of the form task/round[/submission]")]
pub struct BadKey(String);

/// The `/`-separated numbers of `text`: exactly `N` of them.
fn numbers<const N: usize>(text: &str) -> Result<[u32; N], BadKey> {
	let bad = || BadKey(text.to_owned());
	let mut out = [0u32; N];
	let mut parts = text.split('/');
	for slot in out.iter_mut() {
		// Digits only, as `RoundKey` reads them: `u32::from_str` would also take a leading `+`.
		*slot = parts
			.next()
			.filter(|part| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit()))
			.and_then(|part| part.parse().ok())
			.ok_or_else(bad)?;
	}
	if parts.next().is_some() {
		return Err(bad());
	}
	Ok(out)
}

impl fmt::Display for VerificationKey {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{}/{}/{}", self.task, self.round, self.submission)
	}
}

impl FromStr for VerificationKey {
	type Err = BadKey;

	fn from_str(text: &str) -> Result<Self, BadKey> {
		let [task, round, submission] = numbers::<3>(text)?;
		Ok(Self { task, round, submission })
	}
}

/// Serialized as its `Display` text and read back with `FromStr`: JSON map keys are strings,
/// and the text stays readable in `state.json`.
macro_rules! string_serde {
	($key:ty) => {
		impl Serialize for $key {
			fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
				serializer.collect_str(self)
			}
		}

		impl<'de> Deserialize<'de> for $key {
			fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
				let text = String::deserialize(deserializer)?;
				text.parse().map_err(D::Error::custom)
			}
		}
	};
}

string_serde!(VerificationKey);

/// A key that belongs to one task and is ordered within it.
trait PerTask: Ord + Copy {
	fn task(&self) -> u32;
}

impl PerTask for RoundKey {
	fn task(&self) -> u32 {
		self.task
	}
}

impl PerTask for VerificationKey {
	fn task(&self) -> u32 {
		self.task
	}
}

/// The key to forget first when there are too many: the oldest of the task with the most keys.
/// Every task keeps its newest records (its live round's salt among them) as long as fewer tasks
/// than records kept have any; rounds of different tasks are never compared, since a young
/// task's live round has a smaller number than an old task's finished ones.
fn oldest_of_busiest_task<K: PerTask>(keys: impl Iterator<Item = K>) -> Option<K> {
	// Keys come in order, so the first one seen of each task is its oldest.
	let mut per_task: BTreeMap<u32, (usize, K)> = BTreeMap::new();
	for key in keys {
		per_task.entry(key.task()).and_modify(|(count, _)| *count = count.saturating_add(1)).or_insert((1, key));
	}
	per_task.into_values().max_by_key(|(count, _)| *count).map(|(_, oldest)| oldest)
}

fn trim_map<K: PerTask, V>(map: &mut BTreeMap<K, V>, keep: usize) {
	while map.len() > keep {
		let Some(key) = oldest_of_busiest_task(map.keys().copied()) else { return };
		map.remove(&key);
	}
}

fn trim_set<K: PerTask>(set: &mut BTreeSet<K>, keep: usize) {
	while set.len() > keep {
		let Some(key) = oldest_of_busiest_task(set.iter().copied()) else { return };
		set.remove(&key);
	}
}

/// The state file.
#[derive(Debug)]
pub struct StateFile {
	path: PathBuf,
	/// The state as last saved.
	pub state: WorkState,
}

impl StateFile {
	/// Load `dir/state.json` for the chain with `genesis`, or start empty. A file written for
	/// another chain is an error: its secrets and records mean nothing there.
	pub fn load(dir: &Path, genesis: &[u8; 32]) -> Result<Self, WorkError> {
		let path = dir.join("state.json");
		let state = match std::fs::read(&path) {
			Ok(bytes) => serde_json::from_slice::<WorkState>(&bytes)
				.map_err(|source| StateError::Corrupt { path: path.clone(), source })?,
			Err(error) if error.kind() == std::io::ErrorKind::NotFound =>
				WorkState { genesis: *genesis, ..Default::default() },
			Err(source) => return Err(StateError::Io { path, source }.into()),
		};
		if state.genesis != *genesis {
			let (found, expected) = (hex_name(&state.genesis), hex_name(genesis));
			return Err(StateError::OtherChain { path, found, expected }.into());
		}
		Ok(Self { path, state })
	}

	/// Write the state durably.
	pub fn save(&mut self) -> Result<(), WorkError> {
		trim_map(&mut self.state.rounds, ROUNDS_KEPT);
		trim_set(&mut self.state.passed, ROUNDS_KEPT);
		trim_set(&mut self.state.verified, VERIFICATIONS_KEPT);
		// Errors name the state file, not the temporary one: that is the file a person looks for.
		let io = |source: std::io::Error| StateError::Io { path: self.path.clone(), source };
		let temporary = self.path.with_extension("json.tmp");
		let bytes = serde_json::to_vec_pretty(&self.state).map_err(StateError::Encode)?;
		{
			use std::io::Write;
			let mut file = std::fs::File::create(&temporary).map_err(io)?;
			file.write_all(&bytes).map_err(io)?;
			file.sync_all().map_err(io)?;
		}
		std::fs::rename(&temporary, &self.path).map_err(io)?;
		Ok(())
	}
}

/// A 32-byte value as `0x` and 64 hex digits; anything else makes the file unreadable
/// ([`StateError::Corrupt`] names it).
mod hex32 {
	use paradigm_artifacts::hex_name;
	use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

	pub(super) fn serialize<S: Serializer>(bytes: &[u8; 32], serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&hex_name(bytes))
	}

	pub(super) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<[u8; 32], D::Error> {
		let text = String::deserialize(deserializer)?;
		let mut bytes = [0u8; 32];
		text.strip_prefix("0x")
			.and_then(|digits| hex::decode_to_slice(digits, &mut bytes).ok())
			.ok_or_else(|| D::Error::custom(format!("`{text}` is not 0x and 64 hex digits")))?;
		Ok(bytes)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn survives_a_reload_and_refuses_another_chain() {
		let dir = tempfile::tempdir().unwrap();
		let mut file = StateFile::load(dir.path(), &[0xaa; 32]).unwrap();
		file.state.verified.insert(verification_key(1, 2, 3));
		file.save().unwrap();
		assert_eq!(StateFile::load(dir.path(), &[0xaa; 32]).unwrap().state, file.state);
		assert!(matches!(StateFile::load(dir.path(), &[0xbb; 32]), Err(WorkError::State(_))));
		std::fs::write(dir.path().join("state.json"), b"{not json").unwrap();
		assert!(matches!(StateFile::load(dir.path(), &[0xaa; 32]), Err(WorkError::State(_))));
	}

	fn work(round: u32) -> RoundWork {
		let bytes = |value: u32| {
			let mut bytes = [0u8; 32];
			bytes[28..].copy_from_slice(&value.to_be_bytes());
			bytes
		};
		RoundWork {
			artifact: bytes(round),
			salt: bytes(round.saturating_add(1)),
			commitment: bytes(round.saturating_add(2)),
			size: 100,
			claimed: 900_000,
			committed: true,
			revealed: false,
		}
	}

	#[test]
	fn round_keys_order_as_numbers_and_read_as_before() {
		assert!(round_key(0, 99) < round_key(0, 100));
		assert!(round_key(0, 100) < round_key(1, 0));
		assert!(verification_key(0, 9, 5) < verification_key(0, 10, 0));
		assert_eq!(round_key(3, 100).to_string(), "3/100");
		assert_eq!("3/100".parse::<RoundKey>(), Ok(round_key(3, 100)));
		assert_eq!("1/2/3".parse::<VerificationKey>(), Ok(verification_key(1, 2, 3)));
		for bad in ["3", "3/", "3/x", "3/1/2", "-1/2", ""] {
			assert!(bad.parse::<RoundKey>().is_err(), "{bad}");
		}
		assert!("1/2".parse::<VerificationKey>().is_err());
		assert!("+1/2/3".parse::<VerificationKey>().is_err());

		// A file written when the keys were strings loads, and is written back the same way.
		let hash = |byte: &str| format!("0x{}", byte.repeat(32));
		let old = format!(
			r#"{{"genesis":"{}","rounds":{{"0/100":{{"artifact":"{}","salt":"{}","commitment":"{}","size":5,"claimed":7,"committed":true,"revealed":false}}}},"passed":["0/99","1/3"],"verified":["0/98/2"]}}"#,
			hash("aa"),
			hash("01"),
			hash("02"),
			hash("03"),
		);
		let old = old.as_str();
		let state: WorkState = serde_json::from_str(old).unwrap();
		assert_eq!(state.genesis, [0xaa; 32]);
		assert_eq!(state.rounds.get(&round_key(0, 100)).map(|work| work.salt), Some([0x02; 32]));
		assert!(state.rounds.contains_key(&round_key(0, 100)));
		assert_eq!(state.passed.iter().copied().collect::<Vec<_>>(), vec![round_key(0, 99), round_key(1, 3)]);
		assert!(state.verified.contains(&verification_key(0, 98, 2)));
		let written = serde_json::to_string(&state).unwrap();
		assert!(written.contains(r#""0/100":"#) && written.contains(r#""0/99""#), "{written}");
		assert!(serde_json::from_str::<WorkState>(&old.replace("0/100", "zero/100")).is_err());
		// A hash that is not 32 bytes of hex is refused with the value named.
		let error = serde_json::from_str::<WorkState>(&old.replace(&hash("01"), "0x01")).unwrap_err().to_string();
		assert!(error.contains("`0x01` is not 0x and 64 hex digits"), "{error}");
	}

	#[test]
	fn trimming_keeps_every_tasks_newest_rounds() {
		let dir = tempfile::tempdir().unwrap();
		let mut file = StateFile::load(dir.path(), &[0xaa; 32]).unwrap();
		let kept = ROUNDS_KEPT as u32;
		// Task 0 in rounds 90..=100: in string order "0/100" sorted first and was dropped first.
		for round in 90..=100 {
			file.state.rounds.insert(round_key(0, round), work(round));
		}
		// A busier task with many finished rounds, and a young task in its first round.
		for round in 1_000..1_000 + kept {
			file.state.rounds.insert(round_key(1, round), work(round));
		}
		file.state.rounds.insert(round_key(2, 0), work(0));
		file.save().unwrap();
		let rounds = &file.state.rounds;
		assert_eq!(rounds.len(), ROUNDS_KEPT);
		assert!(rounds.contains_key(&round_key(0, 100)), "task 0's live round survives");
		assert!(rounds.contains_key(&round_key(2, 0)), "the young task's live round survives");
		assert!(rounds.contains_key(&round_key(1, 1_000 + kept - 1)));
		assert!(!rounds.contains_key(&round_key(1, 1_000)), "the busiest task's oldest round goes first");

		for round in 0..kept + 5 {
			file.state.passed.insert(round_key(3, round));
		}
		file.state.passed.insert(round_key(4, 7));
		file.save().unwrap();
		assert_eq!(file.state.passed.len(), ROUNDS_KEPT);
		assert!(file.state.passed.contains(&round_key(4, 7)));
		assert!(file.state.passed.contains(&round_key(3, kept + 4)));
		assert!(!file.state.passed.contains(&round_key(3, 0)));
		assert_eq!(StateFile::load(dir.path(), &[0xaa; 32]).unwrap().state, file.state);
	}
}
