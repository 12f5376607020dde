//! Referendum tracks: what each kind of decision costs, how long it takes and how much of the
//! electorate must agree. The more power a call holds, the larger its deposit, the longer its
//! periods and the higher its thresholds.
//!
//! Thresholds are on [`pallet_work_voting::WorkTally`]: *approval* is the contributors'
//! approval, lowered by PAR holders who turn out; *support* is the share of all contributors'
//! earned reputation voting aye. Both start high and fall over the decision period, so a
//! decision with overwhelming, early agreement passes quickly and a contested one needs the
//! whole period. Periods are [`GovernancePace::Live`] on the live network and
//! [`GovernancePace::Test`] on development chains.

use super::origins::{GovernancePace, Origin, Pace};
use crate::{currency::PAR, Balance, BlockNumber, OriginCaller, Runtime, DAYS, HOURS, MINUTES};
use alloc::borrow::Cow;
use pallet_referenda::{Curve, Track, TrackInfo};
use polkadot_sdk::{frame_system::RawOrigin, sp_runtime::Perbill, *};

/// Track identifiers, stable across upgrades (referenda store them).
pub mod id {
	/// Anything root can do, runtime upgrades first of all.
	pub const ROOT: u16 = 0;
	/// Raising the supply cap.
	pub const SUPPLY_CAP: u16 = 1;
	/// Retuning the AI treasury's controller.
	pub const TREASURY_PARAMS: u16 = 2;
	/// Creating and closing network tasks.
	pub const NETWORK_TASKS: u16 = 3;
	/// Admitting and removing validators.
	pub const VALIDATORS: u16 = 4;
	/// Swapping the network's ink! modules.
	pub const MODULES: u16 = 5;
	/// Cancelling a referendum.
	pub const REFERENDUM_CANCELLER: u16 = 6;
}

/// Periods of a track, in blocks.
#[derive(Clone, Copy)]
struct Periods {
	prepare: BlockNumber,
	decision: BlockNumber,
	confirm: BlockNumber,
	min_enactment: BlockNumber,
}

/// Test pace: a unanimous referendum is decided about 20 s after its decision deposit and
/// enacted 4 s later; an unpopular one runs out in 5 minutes.
const TEST_PERIODS: Periods = Periods { prepare: 3, decision: 5 * MINUTES, confirm: 5, min_enactment: 2 };

/// A track as declared here: its live periods and its thresholds.
struct TrackSpec {
	id: u16,
	name: &'static str,
	max_deciding: u32,
	decision_deposit: Balance,
	live: Periods,
	/// Approval required at the start and at the end of the decision period.
	approval: (Perbill, Perbill),
	/// Support required at the start and at the end of the decision period.
	support: (Perbill, Perbill),
}

const fn percent(value: u32) -> Perbill {
	Perbill::from_percent(value)
}

const TRACKS: [TrackSpec; 7] = [
	TrackSpec {
		id: id::ROOT,
		name: "root",
		max_deciding: 1,
		decision_deposit: 1_000 * PAR,
		live: Periods { prepare: 2 * HOURS, decision: 14 * DAYS, confirm: DAYS, min_enactment: DAYS },
		// A unanimous PAR veto leaves two thirds: a runtime upgrade needs contributors that
		// nearly all agree to override it.
		approval: (percent(100), percent(60)),
		support: (percent(50), percent(20)),
	},
	TrackSpec {
		id: id::SUPPLY_CAP,
		name: "supply_cap",
		max_deciding: 1,
		decision_deposit: 500 * PAR,
		live: Periods { prepare: DAYS, decision: 14 * DAYS, confirm: 2 * DAYS, min_enactment: DAYS },
		approval: (percent(100), percent(60)),
		support: (percent(50), percent(20)),
	},
	TrackSpec {
		id: id::TREASURY_PARAMS,
		name: "treasury_params",
		max_deciding: 2,
		decision_deposit: 100 * PAR,
		live: Periods { prepare: 2 * HOURS, decision: 7 * DAYS, confirm: DAYS, min_enactment: HOURS },
		approval: (percent(100), percent(55)),
		support: (percent(30), percent(10)),
	},
	TrackSpec {
		id: id::NETWORK_TASKS,
		name: "network_tasks",
		max_deciding: 8,
		decision_deposit: 10 * PAR,
		live: Periods {
			prepare: 10 * MINUTES,
			decision: 3 * DAYS,
			confirm: 3 * HOURS,
			min_enactment: 10 * MINUTES,
		},
		approval: (percent(100), percent(50)),
		support: (percent(20), percent(5)),
	},
	TrackSpec {
		id: id::VALIDATORS,
		name: "validators",
		max_deciding: 2,
		decision_deposit: 200 * PAR,
		live: Periods { prepare: 2 * HOURS, decision: 7 * DAYS, confirm: DAYS, min_enactment: HOURS },
		approval: (percent(100), percent(60)),
		support: (percent(30), percent(10)),
	},
	TrackSpec {
		id: id::MODULES,
		name: "modules",
		max_deciding: 2,
		decision_deposit: 200 * PAR,
		live: Periods { prepare: 2 * HOURS, decision: 7 * DAYS, confirm: DAYS, min_enactment: HOURS },
		approval: (percent(100), percent(60)),
		support: (percent(30), percent(10)),
	},
	TrackSpec {
		id: id::REFERENDUM_CANCELLER,
		name: "referendum_canceller",
		max_deciding: 4,
		decision_deposit: 50 * PAR,
		live: Periods { prepare: 10 * MINUTES, decision: 3 * DAYS, confirm: HOURS, min_enactment: 1 },
		approval: (percent(100), percent(50)),
		support: (percent(10), percent(2)),
	},
];

/// Longest track name: pallet-referenda's default (`DEFAULT_MAX_TRACK_NAME_LEN`, not exported).
const TRACK_NAME_LEN: usize = 25;

/// A track name as referenda store it: UTF-8, zero-padded.
fn track_name(name: &str) -> [u8; TRACK_NAME_LEN] {
	let mut padded = [0u8; TRACK_NAME_LEN];
	for (slot, byte) in padded.iter_mut().zip(name.bytes()) {
		*slot = byte;
	}
	padded
}

fn track_at(spec: &TrackSpec, pace: GovernancePace) -> Track<u16, Balance, BlockNumber> {
	let periods = match pace {
		GovernancePace::Live => spec.live,
		GovernancePace::Test => TEST_PERIODS,
	};
	let falling = |(ceil, floor): (Perbill, Perbill)| Curve::LinearDecreasing {
		length: Perbill::one(),
		floor,
		ceil,
	};
	Track {
		id: spec.id,
		info: TrackInfo {
			name: track_name(spec.name),
			max_deciding: spec.max_deciding,
			decision_deposit: spec.decision_deposit,
			prepare_period: periods.prepare,
			decision_period: periods.decision,
			confirm_period: periods.confirm,
			min_enactment_period: periods.min_enactment,
			min_approval: falling(spec.approval),
			min_support: falling(spec.support),
		},
	}
}

/// The tracks of this chain, at the pace its genesis chose.
pub struct TracksInfo;

impl pallet_referenda::TracksInfo<Balance, BlockNumber> for TracksInfo {
	type Id = u16;
	type RuntimeOrigin = <crate::RuntimeOrigin as frame_support::traits::OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<u16, Balance, BlockNumber>>> {
		let pace = Pace::<Runtime>::get();
		TRACKS.iter().map(move |spec| Cow::Owned(track_at(spec, pace)))
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<u16, ()> {
		match origin {
			OriginCaller::system(RawOrigin::Root) => Ok(id::ROOT),
			OriginCaller::GovernanceOrigins(origin) => Ok(match origin {
				Origin::SupplyCap => id::SUPPLY_CAP,
				Origin::TreasuryParams => id::TREASURY_PARAMS,
				Origin::NetworkTasks => id::NETWORK_TASKS,
				Origin::Validators => id::VALIDATORS,
				Origin::Modules => id::MODULES,
				Origin::ReferendumCanceller => id::REFERENDUM_CANCELLER,
			}),
			_ => Err(()),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use pallet_referenda::TracksInfo as _;

	#[test]
	fn tracks_are_sorted_and_named() {
		polkadot_sdk::sp_io::TestExternalities::default()
			.execute_with(|| assert!(TracksInfo::check_integrity().is_ok()));
		for spec in &TRACKS {
			assert!(spec.name.len() <= TRACK_NAME_LEN);
			assert!(spec.approval.0 >= spec.approval.1 && spec.support.0 >= spec.support.1);
			// Above two thirds a unanimous PAR veto could block the track for ever.
			assert!(spec.approval.1 < Perbill::from_parts(666_666_666), "{}", spec.name);
		}
	}

	#[test]
	fn more_power_costs_more() {
		let track = |id: u16| TRACKS.iter().find(|t| t.id == id).expect("declared");
		let root = track(id::ROOT);
		for other in TRACKS.iter().filter(|t| t.id != id::ROOT) {
			assert!(root.decision_deposit >= other.decision_deposit, "{}", other.name);
			assert!(root.live.decision >= other.live.decision, "{}", other.name);
			assert!(root.support.1 >= other.support.1, "{}", other.name);
		}
		assert!(track(id::SUPPLY_CAP).live.prepare >= track(id::TREASURY_PARAMS).live.prepare);
		assert!(track(id::NETWORK_TASKS).decision_deposit < track(id::VALIDATORS).decision_deposit);
	}

	#[test]
	fn test_pace_decides_in_about_a_minute_and_live_pace_in_days() {
		let live = track_at(&TRACKS[0], GovernancePace::Live).info;
		let test = track_at(&TRACKS[0], GovernancePace::Test).info;
		let to_enactment = |info: &TrackInfo<Balance, BlockNumber>| {
			info.prepare_period + info.confirm_period + info.min_enactment_period
		};
		// Two-second blocks: a unanimous test referendum is enacted within a minute.
		assert!(to_enactment(&test) * 2 <= 60);
		assert!(to_enactment(&live) >= 2 * DAYS);
		assert!(live.decision_period >= 14 * DAYS);
	}
}
