//! Which seeds run, and for how many blocks: the corpus first, then the environment's.

use super::{CORPUS, DEFAULT_BLOCKS, DEFAULT_SEEDS};

/// One seed to run.
pub(crate) struct Run {
	pub(crate) seed: u64,
	pub(crate) blocks: u32,
	/// The corpus comment, empty for seeds from the environment.
	pub(crate) note: String,
}

/// The corpus first, then the seeds of `PARADIGM_FUZZ_SEEDS`.
pub(crate) fn runs() -> Vec<Run> {
	let blocks = std::env::var("PARADIGM_FUZZ_BLOCKS")
		.ok()
		.map(|text| parse_u64(&text).expect("PARADIGM_FUZZ_BLOCKS is a number") as u32)
		.unwrap_or(DEFAULT_BLOCKS);
	let first = std::env::var("PARADIGM_FUZZ_FIRST_SEED")
		.ok()
		.map(|text| parse_u64(&text).expect("PARADIGM_FUZZ_FIRST_SEED is a number"))
		.unwrap_or(1);
	let seeds = match std::env::var("PARADIGM_FUZZ_SEEDS") {
		Ok(text) => parse_seeds(&text, first),
		Err(_) => (first..first + DEFAULT_SEEDS).collect(),
	};
	let mut runs = corpus(blocks);
	runs.extend(seeds.into_iter().map(|seed| Run { seed, blocks, note: String::new() }));
	runs
}

/// `N` runs `N` counted seeds from `first`; a list (`0x2a,17`, `5 9`, or one `0x..` seed) runs
/// exactly those seeds.
fn parse_seeds(text: &str, first: u64) -> Vec<u64> {
	let text = text.trim();
	let tokens: Vec<&str> = text
		.split(|c: char| c == ',' || c.is_whitespace())
		.filter(|token| !token.is_empty())
		.collect();
	let list = text.contains(',') || tokens.len() != 1 || text.starts_with("0x");
	if list {
		tokens
			.iter()
			.map(|token| {
				parse_u64(token)
					.unwrap_or_else(|| panic!("PARADIGM_FUZZ_SEEDS: {token:?} is not a seed"))
			})
			.collect()
	} else {
		let count = parse_u64(text).expect("PARADIGM_FUZZ_SEEDS is a count or a list of seeds");
		(first..first + count).collect()
	}
}

/// A decimal or `0x` hexadecimal number; `_` separators are allowed.
fn parse_u64(text: &str) -> Option<u64> {
	let text = text.trim().replace('_', "");
	match text.strip_prefix("0x") {
		Some(hex) => u64::from_str_radix(hex, 16).ok(),
		None => text.parse().ok(),
	}
}

/// The corpus entries: `seed [blocks] # note`, blank and comment lines skipped.
fn corpus(default_blocks: u32) -> Vec<Run> {
	CORPUS
		.lines()
		.filter_map(|line| {
			let (entry, note) = line.split_once('#').unwrap_or((line, ""));
			let mut fields = entry.split_whitespace();
			let seed = parse_u64(fields.next()?).expect("a corpus line starts with a seed");
			let blocks = fields
				.next()
				.map(|blocks| parse_u64(blocks).expect("the corpus block count is a number") as u32)
				.unwrap_or(default_blocks);
			Some(Run { seed, blocks, note: note.trim().to_owned() })
		})
		.collect()
}
