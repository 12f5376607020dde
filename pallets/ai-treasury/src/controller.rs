//! The emission controller: the built-in policy and the hard bounds that every policy's proposal
//! is held to.
//!
//! Pure functions over plain numbers (amounts in base units, `u128`): the pallet calls them once
//! per epoch, and the simulator (`paradigm-treasury-sim`) runs this very code over simulated
//! years. All arithmetic is integer or fixed-point and saturating.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	sp_arithmetic::{
		helpers_128bit::multiply_by_rational_with_rounding,
		traits::{CheckedDiv, One, Saturating, Zero},
		FixedPointNumber, FixedU128, Perbill, Rounding,
	},
	sp_runtime::RuntimeDebug,
};
use scale_info::TypeInfo;
use useful_work_primitives::{EpochIndex, EpochObservation};

/// An amount of PAR in base units (10^-8 PAR).
pub type Amount = u128;

/// How much each kind of work point weighs when an epoch's emission is split.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug,
)]
pub struct CategoryWeights {
	/// Points of accepted improvements (trainers).
	pub trainer: Perbill,
	/// Points of honest verifications (verifiers).
	pub verifier: Perbill,
	/// Points of accepted oracle reports (oracle feeders).
	pub oracle: Perbill,
	/// Fees pool operators earned from their members' points.
	pub pool_operator: Perbill,
}

/// When the network counts as young, and what one account or pool may take of an epoch then.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug,
)]
pub struct YoungNetworkRules {
	/// The network is young while fewer accounts than this earn points in an epoch...
	pub mature_active_contributors: u32,
	/// ...or while the treasury has emitted less than this share of the first year's budget.
	/// Issuance cannot be faked by opening accounts, so Sybils cannot end youth early.
	pub mature_emitted: Perbill,
	/// Largest share of a young epoch's emission one account may take.
	pub max_account_share: Perbill,
	/// Largest share of a young epoch's emission one pool (operator and members) may take.
	pub max_pool_share: Perbill,
}

/// The controller's tunable parameters. Kept in storage; governance may replace them, within
/// the sanity rules of [`ControllerParams::validate`].
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug,
)]
pub struct ControllerParams {
	/// Weight of the newest epoch in the moving average of work units.
	pub work_smoothing: Perbill,
	/// Lower clamp of the activity factor (this epoch's work over its moving average).
	pub min_activity: FixedU128,
	/// Upper clamp of the activity factor.
	pub max_activity: FixedU128,
	/// Extra emission when the PAR paid out of bounties to others than their requesters in the
	/// epoch reaches one schedule pace: paid demand pulls emission up, to at most `1 + demand_boost` times.
	pub demand_boost: Perbill,
	/// Lowest rate, as a share of the schedule pace.
	pub floor: Perbill,
	/// Highest rate, as a multiple of the schedule pace.
	pub ceiling: FixedU128,
	/// Largest change of the rate from one epoch to the next, as a share of the previous rate.
	pub max_step: Perbill,
	/// Next year's budget as a share of this year's.
	pub next_year_budget: Perbill,
	/// How the kinds of work points weigh in the split.
	pub weights: CategoryWeights,
	/// The young-network rules.
	pub young: YoungNetworkRules,
}

impl Default for ControllerParams {
	fn default() -> Self {
		Self {
			work_smoothing: Perbill::from_percent(10),
			min_activity: FixedU128::from_rational(1, 2),
			max_activity: FixedU128::from_u32(2),
			demand_boost: Perbill::from_percent(50),
			floor: Perbill::from_percent(25),
			ceiling: FixedU128::from_u32(3),
			max_step: Perbill::from_percent(5),
			next_year_budget: Perbill::from_percent(75),
			weights: CategoryWeights {
				trainer: Perbill::one(),
				verifier: Perbill::one(),
				oracle: Perbill::one(),
				pool_operator: Perbill::one(),
			},
			young: YoungNetworkRules {
				mature_active_contributors: 64,
				mature_emitted: Perbill::from_percent(10),
				max_account_share: Perbill::from_percent(5),
				max_pool_share: Perbill::from_percent(15),
			},
		}
	}
}

/// Why a set of parameters was refused.
#[derive(Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub enum InvalidParams {
	/// `work_smoothing` is zero: the moving average would never move.
	NoSmoothing,
	/// `min_activity` is above 1 or `max_activity` below 1: steady work would not emit the pace.
	ActivityRangeExcludesOne,
	/// `ceiling` is below 1: the schedule pace itself would be out of bounds.
	CeilingBelowPace,
	/// `max_step` is zero: the rate could never adapt.
	NoStep,
	/// Every category weight is zero: nothing could be paid.
	NoCategoryWeight,
	/// A young-network share is zero: nobody could be paid while the network is young.
	NoYoungShare,
	/// The pool share is below the account share: a pool of one would be capped harder than an
	/// account outside any pool.
	PoolShareBelowAccountShare,
}

impl ControllerParams {
	/// Check the rules that keep the controller meaningful.
	pub fn validate(&self) -> Result<(), InvalidParams> {
		let one = FixedU128::one();
		if self.work_smoothing.is_zero() {
			return Err(InvalidParams::NoSmoothing);
		}
		if self.min_activity > one || self.max_activity < one {
			return Err(InvalidParams::ActivityRangeExcludesOne);
		}
		if self.ceiling < one {
			return Err(InvalidParams::CeilingBelowPace);
		}
		if self.max_step.is_zero() {
			return Err(InvalidParams::NoStep);
		}
		let w = &self.weights;
		if [w.trainer, w.verifier, w.oracle, w.pool_operator].iter().all(|w| w.is_zero()) {
			return Err(InvalidParams::NoCategoryWeight);
		}
		if self.young.max_account_share.is_zero() || self.young.max_pool_share.is_zero() {
			return Err(InvalidParams::NoYoungShare);
		}
		if self.young.max_pool_share < self.young.max_account_share {
			return Err(InvalidParams::PoolShareBelowAccountShare);
		}
		Ok(())
	}
}

/// The controller's memory between epochs.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, Default, PartialEq, Eq, RuntimeDebug,
)]
pub struct ControllerState {
	/// The current emission rate per epoch (what a working epoch emits before the budget and
	/// cap limits). It moves by at most `max_step` per epoch.
	pub rate: Amount,
	/// Moving average of work units per epoch.
	pub work_average: FixedU128,
}

/// One emission year: its budget and what was emitted from it so far.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, Default, PartialEq, Eq, RuntimeDebug,
)]
pub struct YearBudget {
	/// Year index, 0 for the first year.
	pub year: u32,
	/// What the year may emit at most.
	pub budget: Amount,
	/// What it emitted so far.
	pub emitted: Amount,
}

impl YearBudget {
	/// What the year may still emit.
	pub fn remaining(&self) -> Amount {
		self.budget.saturating_sub(self.emitted)
	}

	/// The even pace: the budget spread evenly over the year's epochs.
	pub fn schedule_pace(&self, epochs_per_year: u32) -> Amount {
		self.budget / Amount::from(epochs_per_year.max(1))
	}

	/// The pace an epoch at `epoch_in_year` works against: the even schedule, slowed down when
	/// earlier epochs ran ahead of it (`remaining / epochs_left`). Never faster than the schedule:
	/// an epoch behind schedule does not catch up.
	pub fn pace(&self, epochs_per_year: u32, epoch_in_year: u32) -> Amount {
		let epochs_left = epochs_per_year.saturating_sub(epoch_in_year).max(1);
		self.schedule_pace(epochs_per_year).min(self.remaining() / Amount::from(epochs_left))
	}

	/// The budget of the year after this one: `next_year_budget` of this one, never more than
	/// the supply cap leaves room for.
	pub fn next(&self, params: &ControllerParams, cap_room: Amount) -> YearBudget {
		YearBudget {
			year: self.year.saturating_add(1),
			budget: params.next_year_budget.mul_floor(self.budget).min(cap_room),
			emitted: 0,
		}
	}
}

/// Everything a policy may look at when it proposes an epoch's emission.
#[derive(Clone, RuntimeDebug)]
pub struct PolicyInput<'a> {
	/// The epoch being settled.
	pub epoch: EpochIndex,
	/// Epochs in a year on this chain (from the block time and the epoch length).
	pub epochs_per_year: u32,
	/// Position of the epoch within its year, from 0.
	pub epoch_in_year: u32,
	/// What the useful-work ledger observed in the epoch.
	pub observation: &'a EpochObservation<Amount>,
	/// Work units of the epoch (see [`work_units`]).
	pub work_units: u64,
	/// The controller's memory.
	pub state: &'a ControllerState,
	/// The year's budget.
	pub year: &'a YearBudget,
	/// The parameters in force.
	pub params: &'a ControllerParams,
}

/// Why a policy could not propose (a module trapped, ran out of gas, is missing...). The pallet
/// then falls back to [`BuiltInPolicy`]; a faulty policy never stops emission or the chain.
#[derive(Clone, Copy, PartialEq, Eq, RuntimeDebug)]
pub struct PolicyFailure;

/// A rule that proposes how much an epoch should emit. Its proposal is only advice: the pallet
/// bounds it with [`bound_proposal`] whatever it says.
pub trait EmissionPolicy {
	/// Propose the epoch's emission, in base units.
	fn propose(input: &PolicyInput<'_>) -> Result<Amount, PolicyFailure>;
}

/// The built-in policy: pace the year's budget, lean with the trend of work and with paid
/// demand.
///
/// `proposal = pace × activity × demand`, where
/// - `pace = min(budget / epochs_per_year, remaining / epochs_left)`: the even schedule, slowed
///   down when earlier epochs ran ahead of it. An epoch behind schedule does not catch up: what
///   was not earned stays unissued.
/// - `activity = clamp(work / average work, min_activity, max_activity)`: more work than usual
///   raises emission, less lowers it.
/// - `demand = 1 + demand_boost × min(1, bounties paid / pace)`: PAR that requesters paid to
///   others for their tasks' work is evidence that the work is wanted. Escrow alone is not: it
///   comes back when no work arrives. Demand only sets the pace for everyone within the
///   controller's bounds; it never raises any account's share.
pub struct BuiltInPolicy;

impl EmissionPolicy for BuiltInPolicy {
	fn propose(input: &PolicyInput<'_>) -> Result<Amount, PolicyFailure> {
		let params = input.params;
		let schedule = input.year.schedule_pace(input.epochs_per_year);
		let pace = input.year.pace(input.epochs_per_year, input.epoch_in_year);

		let activity = if input.state.work_average.is_zero() {
			FixedU128::one()
		} else {
			FixedU128::saturating_from_integer(input.work_units)
				.checked_div(&input.state.work_average)
				.unwrap_or(params.max_activity)
				.clamp(params.min_activity, params.max_activity)
		};

		let paid = input.observation.activity.bounties_paid;
		let demand_share = if schedule.is_zero() {
			Perbill::zero()
		} else {
			Perbill::from_rational(paid.min(schedule), schedule)
		};
		let demand = FixedU128::one()
			.saturating_add(FixedU128::from_perbill(params.demand_boost * demand_share));

		Ok(demand.saturating_mul(activity).saturating_mul_int(pace))
	}
}

/// Which limit shaped an epoch's emission.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug,
)]
pub enum Bound {
	/// The proposal stood as made.
	None,
	/// No accepted work: nothing is emitted.
	NoWork,
	/// Held to the largest rise per epoch.
	StepUp,
	/// Held to the largest fall per epoch.
	StepDown,
	/// Raised to the floor.
	Floor,
	/// Lowered to the ceiling.
	Ceiling,
	/// Lowered to what the year's budget has left.
	YearBudget,
	/// Lowered to what the supply cap has left.
	SupplyCap,
}

/// The controller's decision for one epoch.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, RuntimeDebug,
)]
pub struct Decision {
	/// The even schedule pace the floor and ceiling are relative to.
	pub schedule_pace: Amount,
	/// The new rate.
	pub rate: Amount,
	/// What the epoch emits (at most the rate).
	pub emission: Amount,
	/// The last limit that changed the amount.
	pub bound: Bound,
}

/// Work units of an epoch: network-task submissions that improved on the champion plus the honest
/// verifications of them. Counts, not points, so that a task whose improvements shrink as its
/// model matures does not read as less work; only improving ones, so that submissions anyone can
/// make in bulk (no better than the champion) do not pump the activity factor.
pub fn work_units(observation: &EpochObservation<Amount>) -> u64 {
	u64::from(observation.activity.improving_submissions)
		.saturating_add(u64::from(observation.activity.honest_verifications))
}

/// Hold a policy's proposal for the epoch described by `input` to the hard bounds, in this order:
/// no work means no emission; the rate moves at most `max_step` from the previous one; the rate
/// stays at or above `floor` of the year's current pace ([`YearBudget::pace`], so a year that ran
/// ahead slows down instead of spending its budget early) and at or below `ceiling` times the
/// schedule pace; the emission never exceeds the year's remaining budget nor `cap_room`, the room
/// under the supply cap.
pub fn bound_proposal(proposal: Amount, input: &PolicyInput<'_>, cap_room: Amount) -> Decision {
	let (previous, year, params) = (input.state, input.year, input.params);
	let schedule_pace = year.schedule_pace(input.epochs_per_year);
	if input.work_units == 0 {
		return Decision { schedule_pace, rate: previous.rate, emission: 0, bound: Bound::NoWork };
	}

	let mut bound = Bound::None;
	let mut rate = proposal;
	if !previous.rate.is_zero() {
		let step = params.max_step.mul_ceil(previous.rate);
		let highest = previous.rate.saturating_add(step);
		let lowest = previous.rate.saturating_sub(step);
		if rate > highest {
			(rate, bound) = (highest, Bound::StepUp);
		} else if rate < lowest {
			(rate, bound) = (lowest, Bound::StepDown);
		}
	}
	let floor = params.floor.mul_floor(year.pace(input.epochs_per_year, input.epoch_in_year));
	let ceiling = params.ceiling.saturating_mul_int(schedule_pace);
	if rate < floor {
		(rate, bound) = (floor, Bound::Floor);
	} else if rate > ceiling {
		(rate, bound) = (ceiling, Bound::Ceiling);
	}

	let mut emission = rate;
	if emission > year.remaining() {
		(emission, bound) = (year.remaining(), Bound::YearBudget);
	}
	if emission > cap_room {
		(emission, bound) = (cap_room, Bound::SupplyCap);
	}
	Decision { schedule_pace, rate, emission, bound }
}

/// The controller's memory after an epoch with `work_units` of work and decision `decision`.
pub fn next_state(
	previous: &ControllerState,
	work_units: u64,
	decision: &Decision,
	params: &ControllerParams,
) -> ControllerState {
	let work = FixedU128::saturating_from_integer(work_units);
	let work_average = if previous.work_average.is_zero() {
		work
	} else {
		// average + smoothing × (work − average), in two saturating halves so it never underflows.
		let smoothing = FixedU128::from_perbill(params.work_smoothing);
		let kept = (FixedU128::one().saturating_sub(smoothing)).saturating_mul(previous.work_average);
		kept.saturating_add(smoothing.saturating_mul(work))
	};
	ControllerState { rate: decision.rate, work_average }
}

/// Whether the network counts as young for this epoch.
pub fn is_young(
	rules: &YoungNetworkRules,
	active_contributors: u32,
	total_emitted: Amount,
	first_year_budget: Amount,
) -> bool {
	active_contributors < rules.mature_active_contributors ||
		total_emitted < rules.mature_emitted.mul_floor(first_year_budget)
}

/// `amount × numerator / denominator`, rounded down; zero when the denominator is.
pub fn share_of(amount: Amount, numerator: Amount, denominator: Amount) -> Amount {
	if denominator.is_zero() {
		return 0;
	}
	multiply_by_rational_with_rounding(amount, numerator, denominator, Rounding::Down)
		.unwrap_or(amount)
}

#[cfg(test)]
mod tests {
	use super::*;

	const EPOCHS: u32 = 1_000;

	fn year(budget: Amount) -> YearBudget {
		YearBudget { year: 0, budget, emitted: 0 }
	}

	fn observation(improving: u32, paid: Amount) -> EpochObservation<Amount> {
		let mut observation = EpochObservation::default();
		observation.activity.improving_submissions = improving;
		observation.activity.bounties_paid = paid;
		observation
	}

	fn propose(work: u64, average: u64, escrowed: Amount) -> Amount {
		let params = ControllerParams::default();
		let state = ControllerState {
			rate: 1_000,
			work_average: FixedU128::saturating_from_integer(average),
		};
		let budget = year(1_000_000);
		let observation = observation(work as u32, escrowed);
		BuiltInPolicy::propose(&PolicyInput {
			epoch: 0,
			epochs_per_year: EPOCHS,
			epoch_in_year: 0,
			observation: &observation,
			work_units: work,
			state: &state,
			year: &budget,
			params: &params,
		})
		.expect("the built-in policy always proposes")
	}

	#[test]
	fn steady_work_proposes_the_schedule_pace() {
		assert_eq!(propose(10, 10, 0), 1_000);
	}

	#[test]
	fn activity_moves_the_proposal_within_its_clamp() {
		assert_eq!(propose(15, 10, 0), 1_500);
		assert_eq!(propose(100, 10, 0), 2_000, "clamped at max_activity = 2");
		assert_eq!(propose(1, 10, 0), 500, "clamped at min_activity = 1/2");
	}

	#[test]
	fn paid_demand_lifts_the_proposal_up_to_the_boost() {
		assert_eq!(propose(10, 10, 500), 1_250);
		assert_eq!(propose(10, 10, 1_000_000), 1_500, "demand counts up to one pace");
	}

	#[test]
	fn bounds_apply_in_order() {
		let params = ControllerParams::default();
		let budget = year(1_000_000);
		let observation = observation(1, 0);
		let decide = |proposal, rate: Amount, year: &YearBudget, epoch_in_year, room| {
			let state = ControllerState { rate, work_average: FixedU128::one() };
			let input = PolicyInput {
				epoch: epoch_in_year,
				epochs_per_year: EPOCHS,
				epoch_in_year,
				observation: &observation,
				work_units: 1,
				state: &state,
				year,
				params: &params,
			};
			bound_proposal(proposal, &input, room)
		};

		let d = decide(5_000, 1_000, &budget, 0, Amount::MAX);
		assert_eq!((d.rate, d.bound), (1_050, Bound::StepUp));
		let d = decide(10, 1_000, &budget, 0, Amount::MAX);
		assert_eq!((d.rate, d.bound), (950, Bound::StepDown));
		let d = decide(10, 200, &budget, 0, Amount::MAX);
		assert_eq!((d.rate, d.bound), (250, Bound::Floor));
		let d = decide(10_000, 3_100, &budget, 0, Amount::MAX);
		assert_eq!((d.rate, d.bound), (3_000, Bound::Ceiling));
		let nearly_spent = YearBudget { emitted: 999_400, ..budget };
		let d = decide(1_000, 1_000, &nearly_spent, 0, Amount::MAX);
		assert_eq!((d.rate, d.emission, d.bound), (1_000, 600, Bound::YearBudget));
		let d = decide(1_000, 1_000, &budget, 0, 70);
		assert_eq!((d.emission, d.bound), (70, Bound::SupplyCap));
		// A year that ran ahead: 100,000 left for 500 epochs, a pace of 200; the floor is 50.
		let ahead = YearBudget { emitted: 900_000, ..budget };
		let d = decide(10, 40, &ahead, 500, Amount::MAX);
		assert_eq!((d.rate, d.bound), (50, Bound::Floor));
		let state = ControllerState { rate: 1_000, work_average: FixedU128::one() };
		let idle = PolicyInput {
			epoch: 0,
			epochs_per_year: EPOCHS,
			epoch_in_year: 0,
			observation: &observation,
			work_units: 0,
			state: &state,
			year: &budget,
			params: &params,
		};
		let d = bound_proposal(1_000, &idle, Amount::MAX);
		assert_eq!((d.rate, d.emission, d.bound), (1_000, 0, Bound::NoWork));
	}

	#[test]
	fn the_work_average_follows_work() {
		let params = ControllerParams::default();
		let decision = Decision { schedule_pace: 0, rate: 7, emission: 7, bound: Bound::None };
		let first = next_state(&ControllerState::default(), 100, &decision, &params);
		assert_eq!(first.work_average, FixedU128::saturating_from_integer(100u32));
		assert_eq!(first.rate, 7);
		let second = next_state(&first, 200, &decision, &params);
		assert_eq!(second.work_average, FixedU128::saturating_from_integer(110u32));
		let idle = next_state(&second, 0, &decision, &params);
		assert_eq!(idle.work_average, FixedU128::saturating_from_integer(99u32));
	}

	#[test]
	fn later_budgets_shrink_and_respect_the_cap() {
		let params = ControllerParams::default();
		let first = year(1_000);
		assert_eq!(first.next(&params, Amount::MAX), YearBudget { year: 1, budget: 750, emitted: 0 });
		assert_eq!(first.next(&params, 100).budget, 100);
	}

	#[test]
	fn youth_ends_only_with_both_participation_and_issuance() {
		let rules = ControllerParams::default().young;
		assert!(is_young(&rules, 10, 1_000, 1_000));
		assert!(is_young(&rules, 1_000, 50, 1_000), "many accounts alone do not end youth");
		assert!(!is_young(&rules, 64, 100, 1_000));
	}

	#[test]
	fn default_params_are_valid_and_bad_ones_are_named() {
		assert_eq!(ControllerParams::default().validate(), Ok(()));
		let mut params = ControllerParams::default();
		params.ceiling = FixedU128::from_rational(1, 2);
		assert_eq!(params.validate(), Err(InvalidParams::CeilingBelowPace));
		let mut params = ControllerParams::default();
		params.young.max_pool_share = Perbill::from_percent(1);
		assert_eq!(params.validate(), Err(InvalidParams::PoolShareBelowAccountShare));
	}
}
