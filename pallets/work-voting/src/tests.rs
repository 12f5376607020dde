//! Voting with earned reputation and locked PAR, and every way a vote can be refused.

use crate::{mock::*, *};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::{
			fungible::Mutate,
			tokens::Preservation,
			VoteTally,
		},
	},
	sp_runtime::{Perbill, TokenError},
};

fn vote(who: AccountId, poll: u8, aye: bool, par: u128) -> polkadot_sdk::sp_runtime::DispatchResult {
	Voting::vote(RuntimeOrigin::signed(who), poll, aye, par)
}

fn approval(poll: u8) -> Perbill {
	<WorkTally<Test> as VoteTally<u128, u8>>::approval(&tally(poll), 0)
}

fn support(poll: u8) -> Perbill {
	<WorkTally<Test> as VoteTally<u128, u8>>::support(&tally(poll), 0)
}

#[test]
fn a_contributor_votes_with_its_earned_reputation() {
	new_test_ext().execute_with(|| {
		set_reputation(1, 400_000);
		set_reputation(2, 600_000);
		open_poll(0);
		assert_ok!(vote(1, 0, true, 0));
		assert_eq!(tally(0), WorkTally::from_parts(400_000, 0, 0, 0));
		assert_eq!(support(0), Perbill::from_percent(40));
		assert_eq!(approval(0), Perbill::one());
		System::assert_last_event(
			Event::<Test>::Voted {
				who: 1,
				poll_index: 0,
				vote: AccountVote { aye: true, reputation: 400_000, par: 0 },
			}
			.into(),
		);
		assert_ok!(vote(2, 0, false, 0));
		assert_eq!(approval(0), Perbill::from_percent(40));
	});
}

#[test]
fn the_first_accounts_to_earn_reputation_cannot_decide_alone() {
	new_test_ext().execute_with(|| {
		// One contributor holds all the reputation there is (20,000 ppm), a fifth of the
		// minimum electorate (100,000 ppm in the mock).
		set_reputation(1, 20_000);
		open_poll(0);
		assert_ok!(vote(1, 0, true, 0));
		assert_eq!(support(0), Perbill::from_percent(20));
		// Once the network's reputation exceeds the floor, support is a share of all of it.
		set_reputation(2, 180_000);
		assert_eq!(support(0), Perbill::from_percent(10));
	});
}

#[test]
fn a_vote_without_weight_is_refused_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		open_poll(0);
		// Unregistered, no PAR.
		assert_noop!(vote(1, 0, true, 0), Error::<Test>::NoVotingWeight);
		// Registered a moment ago: reputation starts at zero.
		set_reputation(2, 0);
		assert_noop!(vote(2, 0, true, 0), Error::<Test>::NoVotingWeight);
		assert_eq!(tally(0), WorkTally::from_parts(0, 0, 0, 0));
		assert!(VotesOf::<Test>::get(2).is_empty());
	});
}

#[test]
fn voting_twice_closed_or_unknown_polls_and_phantom_par_are_refused() {
	new_test_ext().execute_with(|| {
		set_reputation(1, 100_000);
		open_poll(0);
		assert_ok!(vote(1, 0, true, 0));
		assert_noop!(vote(1, 0, false, 0), Error::<Test>::AlreadyVoted);
		assert_noop!(vote(1, 0, true, 0), Error::<Test>::AlreadyVoted);
		assert_eq!(tally(0), WorkTally::from_parts(100_000, 0, 0, 0));

		close_poll(1, true);
		assert_noop!(vote(1, 1, true, 0), Error::<Test>::NotOngoing);
		assert_noop!(vote(1, 7, true, 0), Error::<Test>::NotOngoing);
		assert_noop!(vote(10, 7, true, 500), Error::<Test>::NotOngoing);
		assert_eq!(Voting::locked(&10), 0);

		open_poll(2);
		assert_noop!(vote(12, 2, true, 11), Error::<Test>::InsufficientFunds);
		assert_noop!(vote(12, 2, true, u128::MAX), Error::<Test>::InsufficientFunds);
	});
}

#[test]
fn votes_per_account_are_bounded() {
	new_test_ext().execute_with(|| {
		set_reputation(1, 1);
		for poll in 0..4 {
			open_poll(poll);
		}
		for poll in 0..3 {
			assert_ok!(vote(1, poll, true, 0));
		}
		assert_noop!(vote(1, 3, true, 0), Error::<Test>::MaxVotesReached);
		assert_ok!(Voting::remove_vote(RuntimeOrigin::signed(1), 0));
		assert_ok!(vote(1, 3, true, 0));
	});
}

#[test]
fn par_behind_a_vote_is_frozen_until_the_vote_is_removed() {
	new_test_ext().execute_with(|| {
		open_poll(0);
		open_poll(1);
		assert_ok!(vote(10, 0, false, 600));
		assert_ok!(vote(10, 1, true, 400));
		// The same PAR backs both votes: the freeze is the larger of them.
		assert_eq!(Voting::locked(&10), 600);
		assert_eq!(tally(0), WorkTally::from_parts(0, 0, 0, 600));
		assert_noop!(
			<Balances as Mutate<_>>::transfer(&10, &11, 401, Preservation::Expendable),
			TokenError::Frozen
		);

		// Removing a vote while the poll runs takes it out of the tally.
		assert_ok!(Voting::remove_vote(RuntimeOrigin::signed(10), 0));
		assert_eq!(tally(0), WorkTally::from_parts(0, 0, 0, 0));
		assert_eq!(Voting::locked(&10), 400);

		// After the poll ends the vote only releases its PAR.
		close_poll(1, true);
		assert_ok!(Voting::remove_vote(RuntimeOrigin::signed(10), 1));
		assert_eq!(Voting::locked(&10), 0);
		assert!(!VotesOf::<Test>::contains_key(10));
		assert_ok!(<Balances as Mutate<_>>::transfer(&10, &11, 1_000, Preservation::Expendable));

		assert_noop!(Voting::remove_vote(RuntimeOrigin::signed(10), 1), Error::<Test>::NotVoter);
	});
}

#[test]
fn fifty_fresh_identities_cannot_outvote_three_earned_contributors() {
	new_test_ext().execute_with(|| {
		open_poll(0);
		for earned in 1..=3 {
			set_reputation(earned, 200_000);
			assert_ok!(vote(earned, 0, false, 0));
		}
		// Fifty accounts registered as contributors but never verified anything: their votes
		// are refused. The chamber they would need is the one they have no weight in.
		for fresh in 100..150 {
			set_reputation(fresh, 0);
			assert_noop!(vote(fresh, 0, true, 0), Error::<Test>::NoVotingWeight);
		}
		// Even when they also hold all the PAR there is, the contributors' no stands.
		assert_ok!(vote(10, 0, true, 1_000));
		assert_ok!(vote(11, 0, true, 100));
		assert_ok!(vote(12, 0, true, 10));
		assert_eq!(approval(0), Perbill::zero());
		assert_eq!(support(0), Perbill::zero());
	});
}

#[test]
fn a_whale_can_hold_back_but_never_carry_a_referendum() {
	new_test_ext().execute_with(|| {
		set_reputation(1, 300_000);
		set_reputation(2, 700_000);
		// Contributors reject 70 : 30; the whale (10 holds 90 % of PAR) approves.
		open_poll(0);
		assert_ok!(vote(1, 0, true, 0));
		assert_ok!(vote(2, 0, false, 0));
		assert_ok!(vote(10, 0, true, 1_000));
		assert_eq!(approval(0), Perbill::from_percent(30));

		// Contributors approve unanimously; the whale vetoes: two thirds remain.
		open_poll(1);
		assert_ok!(vote(1, 1, true, 0));
		assert_ok!(vote(2, 1, true, 0));
		assert_ok!(vote(10, 1, false, 1_000));
		assert_eq!(approval(1), Perbill::from_parts(666_666_666));

		// A PAR vote below the quorum (10 % of 1,110) does not count at all.
		open_poll(2);
		assert_ok!(vote(1, 2, true, 0));
		assert_ok!(vote(12, 2, false, 10));
		assert_eq!(approval(2), Perbill::one());
	});
}

#[test]
fn splitting_par_across_accounts_gains_nothing() {
	new_test_ext().execute_with(|| {
		set_reputation(1, 500_000);
		open_poll(0);
		open_poll(1);
		assert_ok!(vote(1, 0, true, 0));
		assert_ok!(vote(1, 1, true, 0));
		// One holder locks 110 against; in the other poll the same 110 is split in two accounts.
		assert_ok!(<Balances as Mutate<_>>::transfer(&10, &13, 110, Preservation::Expendable));
		assert_ok!(vote(13, 0, false, 110));
		assert_ok!(vote(11, 1, false, 100));
		assert_ok!(vote(12, 1, false, 10));
		assert_eq!(approval(0), approval(1));
	});
}

#[test]
fn combined_approval_never_exceeds_the_contributors() {
	for contributors in (0..=100).step_by(5) {
		for holders in (0..=100).step_by(5) {
			let contributors = Perbill::from_percent(contributors);
			let combined = combined_approval(contributors, Some(Perbill::from_percent(holders)));
			assert!(combined <= contributors);
			assert!(combined >= contributors * Perbill::from_parts(666_666_666));
		}
	}
	assert_eq!(combined_approval(Perbill::from_percent(42), None), Perbill::from_percent(42));
}
