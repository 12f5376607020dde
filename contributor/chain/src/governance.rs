//! Governance from the contributor: the referenda being decided, and voting with the reputation
//! this account earned and, optionally, PAR it locks.

use subxt::utils::AccountId32;

use crate::{runtime, ChainClient, ChainError};
use runtime::runtime_types::{
	pallet_referenda::types::{DecidingStatus, ReferendumInfo},
	pallet_work_voting::{pallet::AccountVote, tally::WorkTally},
};

/// Referenda [`ChainClient::referenda`] reads at most: the most recent ones.
pub const MAX_LISTED_REFERENDA: u32 = 64;

/// Where a referendum stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReferendumStage {
	/// Submitted; waiting for its decision deposit or its prepare period.
	Preparing,
	/// Being decided since block `since`; confirming since `confirming` when it passes.
	Deciding {
		/// The block its decision period began.
		since: u32,
		/// The block its confirmation began, while its approval and support hold.
		confirming: Option<u32>,
	},
	/// Passed at `block`; its call is enacted by the scheduler.
	Approved {
		/// When it ended.
		block: u32,
	},
	/// Failed at `block`.
	Rejected {
		/// When it ended.
		block: u32,
	},
	/// Cancelled by governance at `block`.
	Cancelled {
		/// When it ended.
		block: u32,
	},
	/// Never got its decision deposit in time; ended at `block`.
	TimedOut {
		/// When it ended.
		block: u32,
	},
	/// Killed by root at `block` (its deposits burned).
	Killed {
		/// When it ended.
		block: u32,
	},
}

impl ReferendumStage {
	/// Whether votes are still taken.
	pub fn is_ongoing(&self) -> bool {
		matches!(self, Self::Preparing | Self::Deciding { .. })
	}
}

impl std::fmt::Display for ReferendumStage {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Self::Preparing => write!(f, "preparing"),
			Self::Deciding { since, confirming: None } => write!(f, "deciding since #{since}"),
			Self::Deciding { confirming: Some(at), .. } => write!(f, "confirming since #{at}"),
			Self::Approved { block } => write!(f, "approved at #{block}"),
			Self::Rejected { block } => write!(f, "rejected at #{block}"),
			Self::Cancelled { block } => write!(f, "cancelled at #{block}"),
			Self::TimedOut { block } => write!(f, "timed out at #{block}"),
			Self::Killed { block } => write!(f, "killed at #{block}"),
		}
	}
}

/// The votes in a referendum: contributors' earned reputation (ppm) and PAR locked (planck).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
	/// Reputation for.
	pub ayes: u128,
	/// Reputation against.
	pub nays: u128,
	/// PAR for.
	pub par_ayes: u128,
	/// PAR against.
	pub par_nays: u128,
}

/// One referendum as `paradigm-contributor gov list` shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Referendum {
	/// Its index.
	pub index: u32,
	/// Its track's name (`root`, `network_tasks`, ...); `None` once it ended.
	pub track: Option<String>,
	/// Where it stands.
	pub stage: ReferendumStage,
	/// Its votes while it is ongoing.
	pub tally: Option<Tally>,
}

/// A vote an account has standing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StandingVote {
	/// The referendum.
	pub index: u32,
	/// For or against.
	pub aye: bool,
	/// Reputation it counted.
	pub reputation: u64,
	/// PAR it locked.
	pub par: u128,
}

fn deciding(status: Option<DecidingStatus<u32>>) -> ReferendumStage {
	match status {
		None => ReferendumStage::Preparing,
		Some(DecidingStatus { since, confirming }) => ReferendumStage::Deciding { since, confirming },
	}
}

fn track_name(tracks: &[(u16, String)], id: u16) -> String {
	tracks.iter().find(|(track, _)| *track == id).map_or_else(|| format!("track {id}"), |(_, name)| name.clone())
}

impl ChainClient {
	/// The most recent referenda (at most [`MAX_LISTED_REFERENDA`]), newest first.
	pub async fn referenda(&self) -> Result<Vec<Referendum>, ChainError> {
		let at = self.at_best().await?;
		let tracks: Vec<(u16, String)> = at
			.constants()
			.entry(runtime::constants().referenda().tracks())
			.map_err(subxt::Error::from)?
			.into_iter()
			.map(|(id, track)| (id, track.name.trim_end_matches('\0').to_owned()))
			.collect();
		let count = at
			.storage()
			.try_fetch(runtime::storage().referenda().referendum_count(), ())
			.await
			.map_err(subxt::Error::from)?
			.map(|value| value.decode())
			.transpose()
			.map_err(subxt::Error::from)?
			.unwrap_or(0);
		let mut found = Vec::new();
		for index in (count.saturating_sub(MAX_LISTED_REFERENDA)..count).rev() {
			let Some(info) = at
				.storage()
				.try_fetch(runtime::storage().referenda().referendum_info_for(), (index,))
				.await
				.map_err(subxt::Error::from)?
			else {
				continue;
			};
			let info = info.decode().map_err(subxt::Error::from)?;
			found.push(match info {
				ReferendumInfo::Ongoing(status) => {
					let WorkTally { ayes, nays, par_ayes, par_nays, .. } = status.tally;
					Referendum {
						index,
						track: Some(track_name(&tracks, status.track)),
						stage: deciding(status.deciding),
						tally: Some(Tally { ayes, nays, par_ayes, par_nays }),
					}
				},
				ReferendumInfo::Approved(block, ..) =>
					Referendum { index, track: None, stage: ReferendumStage::Approved { block }, tally: None },
				ReferendumInfo::Rejected(block, ..) =>
					Referendum { index, track: None, stage: ReferendumStage::Rejected { block }, tally: None },
				ReferendumInfo::Cancelled(block, ..) =>
					Referendum { index, track: None, stage: ReferendumStage::Cancelled { block }, tally: None },
				ReferendumInfo::TimedOut(block, ..) =>
					Referendum { index, track: None, stage: ReferendumStage::TimedOut { block }, tally: None },
				ReferendumInfo::Killed(block) =>
					Referendum { index, track: None, stage: ReferendumStage::Killed { block }, tally: None },
			});
		}
		Ok(found)
	}

	/// The votes `who` has standing (ongoing or not yet removed).
	pub async fn votes_of(&self, who: [u8; 32]) -> Result<Vec<StandingVote>, ChainError> {
		let at = self.at_best().await?;
		let votes = at
			.storage()
			.try_fetch(runtime::storage().work_voting().votes_of(), (AccountId32(who),))
			.await
			.map_err(subxt::Error::from)?;
		let Some(votes) = votes else { return Ok(Vec::new()) };
		Ok(votes
			.decode()
			.map_err(subxt::Error::from)?
			.0
			.into_iter()
			.map(|(index, AccountVote { aye, reputation, par })| StandingVote { index, aye, reputation, par })
			.collect())
	}

	/// Vote in referendum `index` with every point of this account's earned reputation and `par`
	/// planck of PAR, frozen until the vote is removed.
	pub async fn vote(
		&self,
		key: &paradigm_keys::ContributorKey,
		index: u32,
		aye: bool,
		par: u128,
	) -> Result<(), ChainError> {
		self.submit(key, &runtime::transactions().work_voting().vote(index, aye, par)).await
	}

	/// Take back the vote in referendum `index` (after it ended: release the PAR it locked).
	pub async fn remove_vote(&self, key: &paradigm_keys::ContributorKey, index: u32) -> Result<(), ChainError> {
		self.submit(key, &runtime::transactions().work_voting().remove_vote(index)).await
	}
}
