//! Actions that move PAR: transfers (valid, overdrawn, dust, all), paid tasks with their bounty
//! and deadline at and beyond the limits, donations to the escrow, stale and future nonces, and
//! utility batches mixing all of these with useful-work and root calls.

use crate::{
	model::{signed, Action, NonceChoice, View},
	Fuzzer,
};
use pallet_ai_treasury as ai_treasury;
use pallet_useful_work::{self as useful_work, RoundPhase};
use paradigm_runtime::{AccountId, Balance, Runtime, RuntimeCall, EXISTENTIAL_DEPOSIT, PAR};
use polkadot_sdk::{
	frame_support::traits::Get, frame_system, pallet_balances, pallet_sudo, pallet_utility,
	sp_runtime::Perbill,
};

impl Fuzzer {
	/// A transfer of `value` to `to`, keeping the sender alive or not.
	pub(crate) fn transfer_call(&mut self, to: AccountId, value: Balance) -> RuntimeCall {
		if self.rng.chance(50) {
			RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: to.into(),
				value,
			})
		} else {
			RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
				dest: to.into(),
				value,
			})
		}
	}

	/// A transfer: valid, beyond the issuance, overdrawn, dust, zero, or of everything.
	pub(crate) fn random_transfer(&mut self, view: &View) -> Action {
		let from = self.rng.index(self.actors.len());
		let to = if self.rng.chance(85) {
			self.actors[self.rng.index(self.actors.len())].account.clone()
		} else {
			AccountId::from(self.rng.bytes32())
		};
		let free = view.free[from];
		let name = self.name(from).to_owned();
		if self.rng.chance(5) && Some(from) != self.sudo {
			let keep_alive = self.rng.chance(50);
			let call = RuntimeCall::Balances(pallet_balances::Call::transfer_all {
				dest: to.into(),
				keep_alive,
			});
			return signed(from, call, format!("{name} transfer_all(keep_alive {keep_alive})"));
		}
		let (value, what, must_fail) = match self.rng.below(10) {
			0..=5 => (EXISTENTIAL_DEPOSIT + self.rng.below_u128(free / 8 + 1), "valid", false),
			// More than exists: nothing that happens in the block can make it payable.
			6 => (
				view.issuance.saturating_add(1 + self.rng.below_u128(PAR)),
				"more than the issuance",
				true,
			),
			7 => (
				free.saturating_add(1 + self.rng.below_u128(free.saturating_add(1))),
				"overdrawn",
				false,
			),
			8 => (self.rng.below_u128(EXISTENTIAL_DEPOSIT), "dust", false),
			_ => (0, "zero", false),
		};
		let call = self.transfer_call(to, value);
		signed(from, call, format!("{name} transfer {value} ({what})")).failing(must_fail)
	}

	/// A paid task: valid, or with its spec, bounty or deadline at or beyond a limit.
	pub(crate) fn random_paid_task(&mut self, view: &View) -> Action {
		let min_bounty: Balance = <Runtime as useful_work::Config>::MinBounty::get();
		let longest: u32 = <Runtime as useful_work::Config>::MaxPaidTaskBlocks::get();
		let funded = view.funded(min_bounty.saturating_mul(4));
		let requester = match self.rng.pick(&funded) {
			Some(actor) if self.rng.chance(85) => actor,
			_ => self.rng.index(self.actors.len()),
		};
		let mut spec = self.valid_spec();
		let round = spec.schedule.round_blocks();
		let now = view.now;
		let mut bounty = min_bounty.saturating_add(self.rng.below_u128(100 * PAR));
		let mut deadline = now + round + self.rng.below_u32(4 * round);
		let what = match self.rng.below(10) {
			0 => {
				spec = self.invalid_spec();
				"out-of-bounds spec"
			},
			1 => {
				bounty = min_bounty.saturating_sub(1);
				"bounty below the minimum"
			},
			2 => {
				deadline = now + round - 1;
				"deadline inside the first round"
			},
			3 => {
				deadline = now + longest + 1 + self.rng.below_u32(1_000);
				"deadline beyond the longest"
			},
			4 => {
				deadline = now + longest;
				"deadline at the longest"
			},
			5 => {
				bounty = view.issuance.saturating_add(1);
				"bounty above the issuance"
			},
			_ => "valid",
		};
		let max_verifiers: u32 = <Runtime as useful_work::Config>::MaxVerifiersPerSubmission::get();
		let must_fail = spec.check_bounds(max_verifiers).is_err()
			|| bounty < min_bounty
			|| bounty > view.issuance
			|| deadline < now + round
			|| deadline > now + longest;
		let label = format!(
			"{} create_paid_task({what}, bounty {bounty}, deadline {deadline})",
			self.name(requester)
		);
		let call =
			RuntimeCall::UsefulWork(useful_work::Call::create_paid_task { spec, bounty, deadline });
		signed(requester, call, label).failing(must_fail)
	}

	/// PAR sent to the bounty escrow by someone (it owes nobody that PAR).
	pub(crate) fn donation(&mut self, view: &View) -> Option<Action> {
		let funded = view.funded(100 * PAR);
		let from = self.rng.pick(&funded)?;
		let value = EXISTENTIAL_DEPOSIT + self.rng.below_u128(10 * PAR);
		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: self.escrow.clone().into(),
			value,
		});
		Some(signed(
			from,
			call,
			format!("{} donates {value} to the bounty escrow", self.name(from)),
		))
	}

	/// A transfer signed with a stale or future nonce: never included.
	pub(crate) fn bad_nonce(&mut self, view: &View) -> Action {
		let funded = view.funded(PAR);
		let from = self.rng.pick(&funded).unwrap_or(0);
		let to = self.actors[self.rng.index(self.actors.len())].account.clone();
		let call = self.transfer_call(to, EXISTENTIAL_DEPOSIT);
		let (nonce, what) = if self.rng.chance(50) {
			(NonceChoice::Stale(1 + self.rng.below_u32(3)), "stale")
		} else {
			(NonceChoice::Future(1 + self.rng.below_u32(3)), "future")
		};
		signed(from, call, format!("{} transfer with a {what} nonce", self.name(from)))
			.with_nonce(nonce)
			.failing(true)
	}

	/// A `batch`, `batch_all` or `force_batch` of up to four calls, sometimes nested.
	pub(crate) fn random_batch(&mut self, view: &View) -> Action {
		let signer = self.rng.index(self.actors.len());
		let count = 1 + self.rng.below(4);
		let calls: Vec<RuntimeCall> =
			(0..count).map(|_| self.inner_call(view, signer, false)).collect();
		let (call, what) = match self.rng.below(3) {
			0 => (RuntimeCall::Utility(pallet_utility::Call::batch { calls }), "batch"),
			1 => (RuntimeCall::Utility(pallet_utility::Call::batch_all { calls }), "batch_all"),
			_ => (RuntimeCall::Utility(pallet_utility::Call::force_batch { calls }), "force_batch"),
		};
		signed(signer, call, format!("{} {what} of {count}", self.name(signer)))
	}

	/// One call of a batch signed by `signer`.
	fn inner_call(&mut self, view: &View, signer: usize, nested: bool) -> RuntimeCall {
		match self.rng.below(if nested { 7 } else { 8 }) {
			0 | 1 => {
				let to = self.actors[self.rng.index(self.actors.len())].account.clone();
				let value = EXISTENTIAL_DEPOSIT + self.rng.below_u128(PAR);
				self.transfer_call(to, value)
			},
			2 => {
				let len = self.rng.index(32);
				let remark = self.rng.bytes(len);
				RuntimeCall::System(frame_system::Call::remark { remark })
			},
			3 => match self.rng.pick(&view.tasks_in(RoundPhase::Commit)) {
				Some(task) => self.commit_call(signer, &view.tasks[task], None),
				None => RuntimeCall::UsefulWork(useful_work::Call::leave_pool {}),
			},
			4 => RuntimeCall::UsefulWork(useful_work::Call::create_pool {
				fee: Perbill::from_percent(self.rng.below_u32(30)),
			}),
			5 => {
				let spec = self.valid_spec();
				RuntimeCall::Sudo(pallet_sudo::Call::sudo {
					call: Box::new(RuntimeCall::UsefulWork(useful_work::Call::create_task {
						spec,
					})),
				})
			},
			6 => {
				let params = self.valid_params();
				RuntimeCall::Sudo(pallet_sudo::Call::sudo {
					call: Box::new(RuntimeCall::AiTreasury(ai_treasury::Call::set_params {
						params,
					})),
				})
			},
			_ => {
				let calls = (0..1 + self.rng.below(2))
					.map(|_| self.inner_call(view, signer, true))
					.collect();
				RuntimeCall::Utility(pallet_utility::Call::batch { calls })
			},
		}
	}
}
