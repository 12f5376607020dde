//! `paradigm-contributor gov`: the referenda being decided, and this account's votes.

use clap::{Subcommand, ValueEnum};
use paradigm_chain::{ChainClient, Referendum};
use paradigm_keys::ContributorKey;

use crate::{
	error::AppError,
	format::{format_par, parse_par},
};

#[derive(Debug, Subcommand)]
pub(crate) enum GovCommand {
	/// The most recent referenda: track, stage and votes, and this account's votes.
	List,
	/// Vote in a referendum with all the reputation this account earned (and PAR, if given).
	Vote {
		/// The referendum's index.
		index: u32,
		/// For or against.
		direction: Direction,
		/// PAR to lock behind the vote (e.g. `50` or `0.5`), frozen until `gov unvote`.
		#[arg(long)]
		par: Option<String>,
	},
	/// Take a vote back; after the referendum ended this releases the PAR it locked.
	Unvote {
		/// The referendum's index.
		index: u32,
	},
}

/// A vote's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Direction {
	/// For.
	Aye,
	/// Against.
	Nay,
}

pub(crate) async fn run(node: &str, key: &ContributorKey, command: GovCommand) -> Result<(), AppError> {
	let chain = ChainClient::connect(node).await?;
	match command {
		GovCommand::List => list(&chain, key).await,
		GovCommand::Vote { index, direction, par } => {
			let par = par.as_deref().map(parse_par).transpose()?.unwrap_or(0);
			let aye = direction == Direction::Aye;
			let reputation = chain.contributor(key.public()).await?.map_or(0, |profile| profile.reputation);
			chain.vote(key, index, aye, par).await?;
			println!(
				"voted {} in referendum {index} with {reputation} ppm of earned reputation and {} locked",
				if aye { "aye" } else { "nay" },
				format_par(par)
			);
			Ok(())
		},
		GovCommand::Unvote { index } => {
			chain.remove_vote(key, index).await?;
			println!("removed the vote in referendum {index}");
			Ok(())
		},
	}
}

async fn list(chain: &ChainClient, key: &ContributorKey) -> Result<(), AppError> {
	let referenda = chain.referenda().await?;
	let votes = chain.votes_of(key.public()).await?;
	if referenda.is_empty() {
		println!("no referenda yet");
	}
	for referendum in &referenda {
		let mine = votes.iter().find(|vote| vote.index == referendum.index).map_or(String::new(), |vote| {
			format!(
				"  you: {} ({} ppm, {})",
				if vote.aye { "aye" } else { "nay" },
				vote.reputation,
				format_par(vote.par)
			)
		});
		println!("{}{mine}", describe(referendum));
	}
	Ok(())
}

/// One line per referendum.
pub(crate) fn describe(referendum: &Referendum) -> String {
	let track = referendum.track.as_deref().map_or(String::new(), |track| format!("  {track}"));
	let tally = referendum.tally.map_or(String::new(), |tally| {
		format!(
			"  reputation {} aye / {} nay  PAR {} aye / {} nay",
			tally.ayes,
			tally.nays,
			format_par(tally.par_ayes),
			format_par(tally.par_nays)
		)
	});
	format!("#{}{track}  {}{tally}", referendum.index, referendum.stage)
}

#[cfg(test)]
mod tests {
	use super::*;
	use paradigm_chain::{ReferendumStage, Tally};

	#[test]
	fn describes_ongoing_and_ended_referenda() {
		let ongoing = Referendum {
			index: 3,
			track: Some("network_tasks".into()),
			stage: ReferendumStage::Deciding { since: 40, confirming: Some(45) },
			tally: Some(Tally { ayes: 600_000, nays: 0, par_ayes: 0, par_nays: 150_000_000 }),
		};
		assert_eq!(
			describe(&ongoing),
			"#3  network_tasks  confirming since #45  reputation 600000 aye / 0 nay  PAR 0.00000000 PAR aye / 1.50000000 PAR nay"
		);
		let ended = Referendum { index: 1, track: None, stage: ReferendumStage::Rejected { block: 99 }, tally: None };
		assert_eq!(describe(&ended), "#1  rejected at #99");
	}
}
