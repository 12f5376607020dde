//! # Work voting pallet
//!
//! The electorate of Paradigm's governance. `pallet-referenda` runs the referenda (tracks,
//! deposits, decision and confirmation periods, enactment through the scheduler); this pallet
//! decides who may vote on them and how much each vote weighs, which no voting pallet of
//! polkadot-sdk can express: conviction voting weighs PAR only, ranked collectives weigh a
//! membership that someone must grant.
//!
//! ## Two chambers in one tally
//!
//! Every vote is cast in two chambers at once ([`WorkTally`]):
//! - **Contributors**, weighed by the reputation ([`ReputationLedger`]) the voter earned by
//!   verified work. Reputation starts at zero for every account and cannot be bought,
//!   transferred or split, so a freshly registered identity weighs nothing, however many of them
//!   there are.
//! - **PAR holders**, weighed by the PAR the voter locks with the vote (frozen until the vote is
//!   removed). Weight is linear in PAR, so splitting a balance across accounts gains nothing.
//!
//! A referendum's approval is the contributors' approval, lowered by the PAR holders' when they
//! turn out ([`Config::ParQuorum`] of the issuance): `min(contributors, (2 x contributors + PAR) / 3)`.
//! PAR holders can hold a decision back, never carry one the contributors reject; a unanimous
//! PAR veto leaves at most two thirds, so a strong consensus of contributors still decides.
//! Support (turnout) counts contributors' reputation against [`ReputationLedger::total_reputation`],
//! or [`Config::MinElectorate`] while the network is younger than that.
//! Why each rule exists, and the attack it stops: `docs/decisions.md` (D13).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
#[cfg(test)]
mod mock;
mod tally;
#[cfg(test)]
mod tests;
pub mod weights;

pub use pallet::*;
pub use tally::{combined_approval, WorkTally};
pub use useful_work_primitives::ReputationLedger;
pub use weights::WeightInfo;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{
				fungible::{Inspect, InspectFreeze, MutateFreeze},
				PollStatus, Polling,
			},
		},
		frame_system::pallet_prelude::*,
		sp_runtime::Perbill,
	};

	/// The index of a poll (a referendum).
	pub type PollIndexOf<T> = <<T as Config>::Polls as Polling<WorkTally<T>>>::Index;
	/// The votes of one account: at most [`Config::MaxVotes`] polls at once.
	pub type AccountVotesOf<T> = BoundedVec<(PollIndexOf<T>, AccountVote), <T as Config>::MaxVotes>;

	/// The storage layout version. Version 1 is the layout as of this release; a migration that
	/// changes the layout bumps it.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The currency whose holders form the PAR chamber; votes freeze it.
		type Currency: MutateFreeze<Self::AccountId, Id = Self::RuntimeFreezeReason, Balance = u128>;
		/// The runtime's freeze reasons, of which [`FreezeReason::Voting`] is one.
		type RuntimeFreezeReason: From<FreezeReason>;
		/// The referenda voted on.
		type Polls: Polling<WorkTally<Self>, Votes = u128, Moment = BlockNumberFor<Self>>;
		/// Where earned reputation comes from.
		type Reputation: ReputationLedger<Self::AccountId>;
		/// The share of the issuance that must vote before the PAR chamber counts: below it, a
		/// token vote of a few PAR cannot change a referendum's approval.
		#[pallet::constant]
		type ParQuorum: Get<Perbill>;
		/// The smallest electorate support is counted against (ppm of reputation): while the
		/// contributors' total reputation is below it, support is a share of this floor, so the
		/// first few accounts to earn any reputation cannot decide alone.
		#[pallet::constant]
		type MinElectorate: Get<u64>;
		/// Polls one account may vote in at once; removing a vote frees its place.
		#[pallet::constant]
		type MaxVotes: Get<u32>;
		/// Weights from benchmarks.
		type WeightInfo: WeightInfo;
		/// Gives benchmark voters reputation and PAR.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	/// One account's vote in one poll, with the weight it carried when cast.
	#[derive(
		Encode,
		Decode,
		DecodeWithMemTracking,
		MaxEncodedLen,
		TypeInfo,
		Clone,
		Copy,
		PartialEq,
		Eq,
		RuntimeDebug,
		Default,
	)]
	pub struct AccountVote {
		/// For (true) or against.
		pub aye: bool,
		/// Earned reputation counted in the contributors' chamber (ppm).
		pub reputation: u64,
		/// PAR counted in the holders' chamber, frozen while the vote stands.
		pub par: u128,
	}

	/// Why this pallet freezes PAR.
	#[pallet::composite_enum]
	pub enum FreezeReason {
		/// PAR locked behind a vote until the vote is removed.
		#[codec(index = 0)]
		Voting,
	}

	/// The votes each account has standing, sorted by poll.
	#[pallet::storage]
	pub type VotesOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, AccountVotesOf<T>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A vote was cast with the voter's earned reputation and the PAR it locked.
		Voted {
			/// The voter.
			who: T::AccountId,
			/// The referendum.
			poll_index: PollIndexOf<T>,
			/// Its direction and weight in each chamber.
			vote: AccountVote,
		},
		/// A vote was taken back; an ongoing poll no longer counts it.
		VoteRemoved {
			/// The voter.
			who: T::AccountId,
			/// The referendum.
			poll_index: PollIndexOf<T>,
			/// The vote as it was counted.
			vote: AccountVote,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The poll is not being voted on: unknown, or already decided.
		NotOngoing,
		/// The account already voted in this poll; remove the vote to vote again.
		AlreadyVoted,
		/// The account has no vote in this poll.
		NotVoter,
		/// The vote would weigh nothing: no earned reputation and no PAR locked.
		NoVotingWeight,
		/// The account does not hold the PAR it asked to lock.
		InsufficientFunds,
		/// The account votes in [`Config::MaxVotes`] polls already; remove a vote first.
		MaxVotesReached,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Vote in `poll_index`: for (`aye`) or against, with every point of earned reputation
		/// and `par` PAR, which stays frozen until the vote is removed.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::vote())]
		pub fn vote(
			origin: OriginFor<T>,
			#[pallet::compact] poll_index: PollIndexOf<T>,
			aye: bool,
			#[pallet::compact] par: u128,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let reputation = T::Reputation::reputation_of(&who).map_or(0, u64::from);
			ensure!(reputation > 0 || par > 0, Error::<T>::NoVotingWeight);
			ensure!(par <= T::Currency::balance(&who), Error::<T>::InsufficientFunds);
			let vote = AccountVote { aye, reputation, par };

			let mut votes = VotesOf::<T>::get(&who);
			T::Polls::try_access_poll(poll_index, |status| match status {
				PollStatus::Ongoing(tally, _) => {
					let position = match votes.binary_search_by_key(&poll_index, |(index, _)| *index) {
						Ok(_) => return Err(Error::<T>::AlreadyVoted.into()),
						Err(position) => position,
					};
					votes
						.try_insert(position, (poll_index, vote))
						.map_err(|_| Error::<T>::MaxVotesReached)?;
					tally.add(&vote);
					Ok(())
				},
				PollStatus::Completed(..) | PollStatus::None => Err(Error::<T>::NotOngoing.into()),
			})?;
			Self::lock(&who, &votes)?;
			VotesOf::<T>::insert(&who, votes);
			Self::deposit_event(Event::Voted { who, poll_index, vote });
			Ok(())
		}

		/// Take back the vote in `poll_index`. While the poll runs the vote stops counting; after
		/// it ends this only releases the PAR the vote locked.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_vote())]
		pub fn remove_vote(
			origin: OriginFor<T>,
			#[pallet::compact] poll_index: PollIndexOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut votes = VotesOf::<T>::get(&who);
			let position = votes
				.binary_search_by_key(&poll_index, |(index, _)| *index)
				.map_err(|_| Error::<T>::NotVoter)?;
			let (_, vote) = votes.remove(position);
			T::Polls::access_poll(poll_index, |status| {
				if let PollStatus::Ongoing(tally, _) = status {
					tally.remove(&vote);
				}
			});
			Self::lock(&who, &votes)?;
			if votes.is_empty() {
				VotesOf::<T>::remove(&who);
			} else {
				VotesOf::<T>::insert(&who, votes);
			}
			Self::deposit_event(Event::VoteRemoved { who, poll_index, vote });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Freeze the most PAR any standing vote of `who` locked (the same PAR may back votes in
		/// several polls, as in conviction voting); thaw when none locks any.
		fn lock(who: &T::AccountId, votes: &AccountVotesOf<T>) -> DispatchResult {
			let locked = votes.iter().map(|(_, vote)| vote.par).max().unwrap_or(0);
			let reason = FreezeReason::Voting.into();
			if locked == 0 {
				if T::Currency::balance_frozen(&reason, who) > 0 {
					T::Currency::thaw(&reason, who)?;
				}
				return Ok(());
			}
			T::Currency::set_freeze(&reason, who, locked)
		}

		/// The PAR `who` has frozen behind its votes.
		pub fn locked(who: &T::AccountId) -> u128 {
			T::Currency::balance_frozen(&FreezeReason::Voting.into(), who)
		}
	}
}
