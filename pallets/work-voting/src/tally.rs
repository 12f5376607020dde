//! The two-chamber tally of a referendum and the rule that combines its chambers.

use crate::{AccountVote, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use polkadot_sdk::{
	frame_support::{
		traits::{fungible::Inspect, Get, VoteTally},
		CloneNoBound, EqNoBound, PartialEqNoBound, RuntimeDebugNoBound,
	},
	sp_runtime::{traits::Saturating, Perbill},
};
use scale_info::TypeInfo;
use useful_work_primitives::ReputationLedger;

/// The votes cast in one referendum. `ayes` and `nays` are contributors' earned reputation (ppm),
/// which polkadot.js apps shows as the referendum's ayes and nays; `par_ayes` and `par_nays` are
/// the PAR locked by the holders' chamber.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	RuntimeDebugNoBound,
	TypeInfo,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct WorkTally<T> {
	/// Earned reputation voting for.
	pub ayes: u128,
	/// Earned reputation voting against.
	pub nays: u128,
	/// PAR (base units) locked for.
	pub par_ayes: u128,
	/// PAR (base units) locked against.
	pub par_nays: u128,
	#[codec(skip)]
	_config: PhantomData<T>,
}

impl<T> WorkTally<T> {
	/// A tally with these votes.
	pub fn from_parts(ayes: u128, nays: u128, par_ayes: u128, par_nays: u128) -> Self {
		Self { ayes, nays, par_ayes, par_nays, _config: PhantomData }
	}

	/// Count `vote`.
	pub(crate) fn add(&mut self, vote: &AccountVote) {
		let reputation = u128::from(vote.reputation);
		if vote.aye {
			self.ayes.saturating_accrue(reputation);
			self.par_ayes.saturating_accrue(vote.par);
		} else {
			self.nays.saturating_accrue(reputation);
			self.par_nays.saturating_accrue(vote.par);
		}
	}

	/// Stop counting `vote`, which was counted before.
	pub(crate) fn remove(&mut self, vote: &AccountVote) {
		let reputation = u128::from(vote.reputation);
		if vote.aye {
			self.ayes.saturating_reduce(reputation);
			self.par_ayes.saturating_reduce(vote.par);
		} else {
			self.nays.saturating_reduce(reputation);
			self.par_nays.saturating_reduce(vote.par);
		}
	}

	/// The contributors' approval: reputation for, over reputation that voted.
	pub fn contributor_approval(&self) -> Perbill {
		ratio(self.ayes, self.ayes.saturating_add(self.nays))
	}

	/// The PAR holders' approval, when `issuance` is large enough and enough of it voted
	/// (`quorum`) for the chamber to count.
	pub fn holder_approval(&self, issuance: u128, quorum: Perbill) -> Option<Perbill> {
		let turnout = self.par_ayes.saturating_add(self.par_nays);
		(turnout > 0 && turnout >= quorum.mul_ceil(issuance)).then(|| ratio(self.par_ayes, turnout))
	}
}

/// The approval of a referendum from its chambers' approvals: the contributors' approval,
/// lowered towards the holders' when they vote, with the holders weighing one third. PAR holders
/// can hold a decision back (down to two thirds of the contributors' approval) but never raise
/// it above what the contributors gave.
pub fn combined_approval(contributors: Perbill, holders: Option<Perbill>) -> Perbill {
	let Some(holders) = holders else { return contributors };
	let weighted = u64::from(contributors.deconstruct())
		.saturating_mul(2)
		.saturating_add(u64::from(holders.deconstruct())) /
		3;
	let weighted = Perbill::from_parts(u32::try_from(weighted).unwrap_or(u32::MAX));
	contributors.min(weighted)
}

/// `part / whole`, zero for an empty whole and at most one.
fn ratio(part: u128, whole: u128) -> Perbill {
	if whole == 0 {
		return Perbill::zero();
	}
	Perbill::from_rational(part.min(whole), whole)
}

impl<T: Config, Class> VoteTally<u128, Class> for WorkTally<T> {
	fn new(_: Class) -> Self {
		Self::from_parts(0, 0, 0, 0)
	}

	fn ayes(&self, _: Class) -> u128 {
		self.ayes
	}

	/// Turnout for: the share of all contributors' reputation (at least the minimum electorate)
	/// that voted aye.
	fn support(&self, _: Class) -> Perbill {
		let electorate = T::Reputation::total_reputation().max(T::MinElectorate::get());
		ratio(self.ayes, u128::from(electorate))
	}

	fn approval(&self, _: Class) -> Perbill {
		let holders = self.holder_approval(T::Currency::total_issuance(), T::ParQuorum::get());
		combined_approval(self.contributor_approval(), holders)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn unanimity(_: Class) -> Self {
		let total = u128::from(T::Reputation::total_reputation()).max(1);
		Self::from_parts(total, 0, 0, 0)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn rejection(_: Class) -> Self {
		let total = u128::from(T::Reputation::total_reputation()).max(1);
		Self::from_parts(0, total, 0, 0)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn from_requirements(support: Perbill, approval: Perbill, _: Class) -> Self {
		let total = u128::from(T::Reputation::total_reputation()).max(1);
		let ayes = support.mul_ceil(total);
		// approval = ayes / (ayes + nays), so nays = ayes x (1 - approval) / approval.
		let approval_parts = u128::from(approval.deconstruct());
		let nays = if approval_parts == 0 {
			total
		} else {
			ayes.saturating_mul(1_000_000_000u128.saturating_sub(approval_parts)) / approval_parts
		};
		Self::from_parts(ayes, nays, 0, 0)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn setup(_: Class, _: Perbill) {}
}
