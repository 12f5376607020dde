//! The invariants checked after every block: the pallets' own `try_state`, and the fuzzer's
//! checks of supply, emission, escrow and storage bounds.

use crate::Fuzzer;
use pallet_ai_treasury::{self as ai_treasury, YearBudget};
use pallet_useful_work as useful_work;
use paradigm_runtime::{AccountId, AiTreasury, Balance, Runtime, RuntimeEvent, UsefulWork};
use polkadot_sdk::{frame_support::traits::Get, frame_system, pallet_balances};
use std::collections::BTreeMap;

impl Fuzzer {
	/// Count what the block's events tell (epochs settled, rewards, champions, ...) and remember
	/// what was minted in it.
	pub(crate) fn scan_block_events(&mut self) {
		let events = self.chain.ext.execute_with(frame_system::Pallet::<Runtime>::events);
		self.block_rewards = 0;
		for record in events {
			match record.event {
				RuntimeEvent::AiTreasury(ai_treasury::Event::EpochSettled { .. }) => {
					self.stats.epochs_settled += 1
				},
				RuntimeEvent::AiTreasury(ai_treasury::Event::Rewarded { amount, .. }) => {
					self.stats.rewards += 1;
					self.block_rewards += amount;
				},
				RuntimeEvent::UsefulWork(useful_work::Event::ChampionChanged { .. }) => {
					self.stats.champions += 1
				},
				RuntimeEvent::UsefulWork(useful_work::Event::SubmissionScored { .. }) => {
					self.stats.submissions_scored += 1
				},
				RuntimeEvent::UsefulWork(
					useful_work::Event::BountyPaid { .. }
					| useful_work::Event::BountyRefunded { .. },
				) => self.stats.bounties_settled += 1,
				RuntimeEvent::UsefulWork(useful_work::Event::Registered { .. }) => {
					self.stats.registrations += 1
				},
				_ => {},
			}
		}
		self.stats.minted += self.block_rewards;
	}

	/// Every invariant of the chain's state; `before` is (issuance, total emitted) before the
	/// block.
	pub(crate) fn check_state(&mut self, before: Option<(Balance, u128)>) {
		let escrow = self.escrow.clone();
		let now = self.chain.number;
		let state = self.chain.ext.execute_with(|| State::read(&escrow, now));

		self.check(state.useful_work.is_ok(), || {
			format!("useful-work try_state: {:?}", state.useful_work)
		});
		self.check(state.treasury.is_ok(), || {
			format!("ai-treasury try_state: {:?}", state.treasury)
		});

		// Supply.
		self.check(state.issuance <= state.supply_cap, || {
			format!("issuance {} above the supply cap {}", state.issuance, state.supply_cap)
		});
		self.check(state.balances_sum == state.issuance, || {
			format!(
				"the accounts hold {} but the issuance is {}",
				state.balances_sum, state.issuance
			)
		});
		let year = state.budget;
		self.check(year.emitted <= year.budget, || {
			format!("year {} emitted {} of a {} budget", year.year, year.emitted, year.budget)
		});
		let known = self.budgets.get(&year.year).copied();
		self.check(known.is_none_or(|budget| budget == year.budget), || {
			format!("year {}'s budget changed from {known:?} to {}", year.year, year.budget)
		});
		self.budgets.insert(year.year, year.budget);
		let previous = year.year.checked_sub(1).and_then(|last| self.budgets.get(&last).copied());
		self.check(previous.is_none_or(|last| year.budget <= last), || {
			format!(
				"year {} budgets {} after {previous:?}: budgets never grow",
				year.year, year.budget
			)
		});
		let budgets: u128 =
			self.budgets.values().fold(0u128, |sum, budget| sum.saturating_add(*budget));
		self.check(state.total_emitted <= budgets, || {
			format!(
				"{} emitted in all, above the {budgets} of the years' budgets",
				state.total_emitted
			)
		});
		if let Some((issuance_before, emitted_before)) = before {
			self.check(state.total_emitted >= emitted_before, || {
				"the emitted total went down".into()
			});
			let minted = state.total_emitted.saturating_sub(emitted_before);
			let rewards = self.block_rewards;
			self.check(minted == rewards, || {
				format!("{minted} emitted in the block but {rewards} in Rewarded events")
			});
			self.check(state.issuance <= issuance_before.saturating_add(minted), || {
				format!(
					"issuance {issuance_before} -> {} with only {minted} minted",
					state.issuance
				)
			});
		}
		self.check(state.next_epoch <= state.current_epoch, || {
			format!("the treasury settled epoch {} before it ended", state.next_epoch)
		});
		self.check(state.next_epoch + 1 >= state.current_epoch, || {
			format!(
				"the treasury fell behind: epoch {} unsettled in epoch {}",
				state.next_epoch, state.current_epoch
			)
		});

		// Escrow.
		self.check(state.escrow_balance >= state.escrow_owed, || {
			format!("the escrow holds {} but owes {}", state.escrow_balance, state.escrow_owed)
		});
		self.check(!state.settlement_overpaid, || {
			"a bounty settlement paid more than its bounty".into()
		});
		let surplus = state.escrow_balance.saturating_sub(state.escrow_owed);
		let previous_surplus = self.escrow_surplus;
		self.check(surplus >= previous_surplus || state.escrow_balance == 0, || {
			format!("the escrow lost PAR it owed nobody: surplus {previous_surplus} -> {surplus}")
		});
		self.escrow_surplus = surplus;

		// Storage bounds and counters.
		let config = Bounds::read();
		self.check(state.contributors <= config.max_contributors, || {
			format!("{} contributors", state.contributors)
		});
		self.check(state.contributors == state.contributor_entries, || {
			format!(
				"contributor counter {} for {} entries",
				state.contributors, state.contributor_entries
			)
		});
		self.check(state.tasks == state.task_entries, || {
			format!("task counter {} for {} entries", state.tasks, state.task_entries)
		});
		let network_tasks = state.tasks.saturating_sub(state.live_paid_tasks);
		self.check(network_tasks <= config.max_tasks, || format!("{network_tasks} network tasks"));
		self.check(state.paid_task_count <= config.max_paid_tasks, || {
			format!("{} paid tasks", state.paid_task_count)
		});
		self.check(state.settlements == state.settlement_entries, || {
			format!(
				"settlement counter {} for {} entries",
				state.settlements, state.settlement_entries
			)
		});
		self.check(state.pools == state.pool_entries && state.pools <= config.max_pools, || {
			format!(
				"pool counter {} for {} entries (at most {})",
				state.pools, state.pool_entries, config.max_pools
			)
		});
		self.check(state.largest_pool <= config.max_pool_members, || {
			format!("a pool of {} members", state.largest_pool)
		});
		self.check(state.busiest_ledger <= state.max_epoch_earners, || {
			format!(
				"an epoch ledger of {} entries, above {}",
				state.busiest_ledger, state.max_epoch_earners
			)
		});
		self.check(state.furthest_deadline <= config.max_paid_task_blocks, || {
			format!("a paid task's deadline {} blocks away", state.furthest_deadline)
		});
		self.check(state.largest_round <= config.max_commits_per_round, || {
			format!("a round of {} commitments", state.largest_round)
		});
	}
}

/// The runtime's storage bounds.
struct Bounds {
	max_contributors: u32,
	max_tasks: u32,
	max_paid_tasks: u32,
	max_pools: u32,
	max_pool_members: u32,
	max_paid_task_blocks: u32,
	max_commits_per_round: u32,
}

impl Bounds {
	fn read() -> Self {
		Self {
			max_contributors: <Runtime as useful_work::Config>::MaxContributors::get(),
			max_tasks: <Runtime as useful_work::Config>::MaxTasks::get(),
			max_paid_tasks: <Runtime as useful_work::Config>::MaxPaidTasks::get(),
			max_pools: <Runtime as useful_work::Config>::MaxPools::get(),
			max_pool_members: <Runtime as useful_work::Config>::MaxPoolMembers::get(),
			max_paid_task_blocks: <Runtime as useful_work::Config>::MaxPaidTaskBlocks::get(),
			max_commits_per_round: <Runtime as useful_work::Config>::MaxCommitsPerRound::get(),
		}
	}
}

/// Everything the block invariants read, in one pass over storage.
struct State {
	useful_work: Result<(), String>,
	treasury: Result<(), String>,
	issuance: u128,
	balances_sum: u128,
	supply_cap: u128,
	total_emitted: u128,
	budget: YearBudget,
	next_epoch: u32,
	current_epoch: u32,
	escrow_balance: u128,
	escrow_owed: u128,
	settlement_overpaid: bool,
	contributors: u32,
	contributor_entries: u32,
	tasks: u32,
	task_entries: u32,
	live_paid_tasks: u32,
	paid_task_count: u32,
	settlements: u32,
	settlement_entries: u32,
	pools: u32,
	pool_entries: u32,
	largest_pool: u32,
	busiest_ledger: u32,
	max_epoch_earners: u32,
	furthest_deadline: u32,
	largest_round: u32,
}

impl State {
	fn read(escrow: &AccountId, now: u32) -> Self {
		let live_bounties: Vec<(u128, u32)> = useful_work::Tasks::<Runtime>::iter_values()
			.filter_map(|task| task.bounty.map(|bounty| (bounty.amount, bounty.deadline)))
			.collect();
		let settlements: Vec<(u128, u128)> =
			useful_work::BountySettlements::<Runtime>::iter_values()
				.map(|settlement| (settlement.amount, settlement.paid))
				.collect();
		let escrow_owed = live_bounties
			.iter()
			.map(|(amount, _)| *amount)
			.chain(settlements.iter().map(|(amount, paid)| amount.saturating_sub(*paid)))
			.fold(0u128, |sum, owed| sum.saturating_add(owed));
		let mut ledgers: BTreeMap<u32, u32> = BTreeMap::new();
		for (epoch, _) in useful_work::EpochWork::<Runtime>::iter_keys() {
			*ledgers.entry(epoch).or_default() += 1;
		}
		let escrow_data = frame_system::Account::<Runtime>::get(escrow).data;
		Self {
			useful_work: UsefulWork::do_try_state().map_err(|error| format!("{error:?}")),
			treasury: AiTreasury::do_try_state().map_err(|error| format!("{error:?}")),
			issuance: pallet_balances::Pallet::<Runtime>::total_issuance(),
			balances_sum: frame_system::Account::<Runtime>::iter_values()
				.fold(0u128, |sum, info| {
					sum.saturating_add(info.data.free).saturating_add(info.data.reserved)
				}),
			supply_cap: ai_treasury::SupplyCap::<Runtime>::get(),
			total_emitted: ai_treasury::TotalEmitted::<Runtime>::get(),
			budget: ai_treasury::Budget::<Runtime>::get(),
			next_epoch: ai_treasury::NextEpoch::<Runtime>::get(),
			current_epoch: UsefulWork::current_epoch(),
			escrow_balance: escrow_data.free.saturating_add(escrow_data.reserved),
			escrow_owed,
			settlement_overpaid: settlements.iter().any(|(amount, paid)| paid > amount),
			contributors: useful_work::Contributors::<Runtime>::count(),
			contributor_entries: useful_work::Contributors::<Runtime>::iter_keys().count() as u32,
			tasks: useful_work::Tasks::<Runtime>::count(),
			task_entries: useful_work::Tasks::<Runtime>::iter_keys().count() as u32,
			live_paid_tasks: live_bounties.len() as u32,
			paid_task_count: useful_work::PaidTaskCount::<Runtime>::get(),
			settlements: useful_work::BountySettlements::<Runtime>::count(),
			settlement_entries: settlements.len() as u32,
			pools: useful_work::Pools::<Runtime>::count(),
			pool_entries: useful_work::Pools::<Runtime>::iter_keys().count() as u32,
			largest_pool: useful_work::Pools::<Runtime>::iter_values()
				.map(|pool| pool.members.len() as u32)
				.max()
				.unwrap_or(0),
			busiest_ledger: ledgers.values().copied().max().unwrap_or(0),
			max_epoch_earners: UsefulWork::max_epoch_earners(),
			furthest_deadline: live_bounties
				.iter()
				.map(|(_, deadline)| deadline.saturating_sub(now))
				.max()
				.unwrap_or(0),
			largest_round: useful_work::Rounds::<Runtime>::iter_values()
				.map(|round| round.commitments)
				.max()
				.unwrap_or(0),
		}
	}
}
