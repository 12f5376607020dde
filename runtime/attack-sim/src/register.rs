//! Joining and leaving the contributor registry: registrations with a real proof of work and
//! signature, newcomers' arrivals and departures.
//!
//! In each block the attacker registers first (it front-runs: its registrations raise the
//! difficulty everyone after it pays), then founders that are not registered, then newcomers.

use crate::{
	agents::{Role, Ticket},
	chain::error_name,
	pow,
	rng::{self, tags},
	world::{Arrival, World},
	Scenario, Side,
};
use paradigm_runtime::{BlockNumber, Runtime, RuntimeOrigin, Signature, UsefulWork};
use polkadot_sdk::sp_core::Pair;
use useful_work_primitives::EpochIndex;

impl World {
	/// Every registration of block `n`.
	pub(crate) fn register(&mut self, n: BlockNumber, epoch: EpochIndex) {
		if self.attacker_registrations.0 != epoch {
			self.attacker_registrations = (epoch, 0);
		}
		if self.scenario.has_attacker() && epoch >= self.config.attack_from {
			self.register_attacker(n, epoch);
		}
		self.register_founders(n, epoch);
		self.register_newcomers(n, epoch);
	}

	/// Whether block `n` of `epoch` can take another registration.
	fn registration_room(&self, n: BlockNumber, epoch: EpochIndex) -> bool {
		let (block, in_block) = pallet_useful_work::RegistrationsInBlock::<Runtime>::get();
		let (registered_epoch, in_epoch) =
			pallet_useful_work::RegistrationsInEpoch::<Runtime>::get();
		let block_full = block == n && in_block >= self.constants.max_registrations_per_block;
		let epoch_full =
			registered_epoch == epoch && in_epoch >= self.constants.max_registrations_per_epoch;
		!block_full && !epoch_full
	}

	fn register_attacker(&mut self, n: BlockNumber, epoch: EpochIndex) {
		while self.registration_room(n, epoch)
			&& UsefulWork::registration_difficulty() <= self.config.attacker_max_bits
		{
			let Some(agent) = self.next_attacker_account() else { return };
			if self.try_register(agent, n).is_err() {
				return;
			}
			let (_, count) = &mut self.attacker_registrations;
			*count = count.saturating_add(1);
		}
	}

	/// The attacker's next account to register, if its plan wants one now.
	fn next_attacker_account(&mut self) -> Option<usize> {
		let done = self.attacker_registrations.1;
		match self.scenario {
			Scenario::SybilFarm => {
				if done >= self.config.sybil_per_epoch {
					return None;
				}
				self.first_unregistered(Role::Sybil)
			},
			Scenario::RegistryFlood => {
				let full = pallet_useful_work::Contributors::<Runtime>::count()
					>= self.constants.max_contributors;
				if done >= self.config.flood_per_epoch || full {
					return None;
				}
				// An evicted or pruned account registers again; a fresh one when none is left.
				Some(
					self.first_unregistered(Role::Flooder)
						.unwrap_or_else(|| self.add_agent(Role::Flooder)),
				)
			},
			Scenario::SelfDealingRequester => self.first_unregistered(Role::RequesterWorker),
			Scenario::Baseline | Scenario::VerifierCartel => None,
		}
	}

	fn first_unregistered(&self, role: Role) -> Option<usize> {
		self.agents
			.iter()
			.position(|agent| agent.role == role && !agent.registered && !agent.departed)
	}

	/// Founders (the honest population and a sleeping cartel) register at launch, and again if
	/// the chain ever drops them.
	fn register_founders(&mut self, n: BlockNumber, epoch: EpochIndex) {
		let waiting: Vec<usize> = self
			.agents
			.iter()
			.enumerate()
			.filter(|(_, agent)| {
				matches!(agent.role, Role::Honest | Role::Cartel)
					&& !agent.registered
					&& !agent.departed
			})
			.map(|(index, _)| index)
			.collect();
		for agent in waiting {
			if !self.registration_room(n, epoch) {
				return;
			}
			let _ = self.try_register(agent, n);
		}
	}

	/// At the first block of `epoch`, the newcomers that will arrive in it (registry flood).
	pub(crate) fn schedule_arrivals(&mut self, epoch: EpochIndex) {
		let simulated = self.config.attack_from..self.config.epochs;
		if self.scenario != Scenario::RegistryFlood || !simulated.contains(&epoch) {
			return;
		}
		let length = self.config.epoch_blocks;
		let first = epoch.saturating_mul(length).max(1);
		for i in 0..self.config.newcomers_per_epoch {
			let agent = self.add_agent(Role::Newcomer);
			let offset = rng::below(
				rng::draw(&[self.config.seed, u64::from(epoch), u64::from(i), tags::ARRIVAL]),
				u64::from(length.saturating_sub(1).max(1)),
			);
			let arrive = first.saturating_add(u32::try_from(offset).unwrap_or(0));
			let give_up = arrive.saturating_add(self.config.newcomer_patience);
			self.arrivals.push(Arrival { agent, arrive, give_up, last_error: None });
			self.tally.newcomers.arrived = self.tally.newcomers.arrived.saturating_add(1);
		}
	}

	fn register_newcomers(&mut self, n: BlockNumber, epoch: EpochIndex) {
		let mut arrivals = std::mem::take(&mut self.arrivals);
		arrivals.retain_mut(|arrival| {
			if arrival.arrive > n {
				return true;
			}
			if n >= arrival.give_up {
				let reason = arrival.last_error.unwrap_or("never reached a block");
				let refused = self.tally.newcomers.refused.entry(reason).or_default();
				*refused = refused.saturating_add(1);
				return false;
			}
			if !self.registration_room(n, epoch) {
				arrival.last_error.get_or_insert("RegistrationsFull");
				return true;
			}
			match self.try_register(arrival.agent, n) {
				Ok(()) => {
					let newcomers = &mut self.tally.newcomers;
					newcomers.admitted = newcomers.admitted.saturating_add(1);
					newcomers.waited_blocks = newcomers
						.waited_blocks
						.saturating_add(u64::from(n.saturating_sub(arrival.arrive)));
					if let Some(agent) = self.agents.get_mut(arrival.agent) {
						agent.leave_at = Some(epoch.saturating_add(self.config.newcomer_stay));
					}
					self.residents.push(arrival.agent);
					false
				},
				Err(error) => {
					arrival.last_error = Some(error);
					true
				},
			}
		});
		self.arrivals = arrivals;
	}

	/// Newcomers whose stay ended take no new work and deregister once none is pending.
	pub(crate) fn depart(&mut self, epoch: EpochIndex) {
		let mut residents = std::mem::take(&mut self.residents);
		residents.retain(|index| {
			let Some(agent) = self.agents.get_mut(*index) else { return false };
			if !agent.registered {
				// Evicted or pruned: gone already.
				agent.departed = true;
				return false;
			}
			if agent.leave_at.is_none_or(|leave| epoch < leave) {
				return true;
			}
			agent.departed = true;
			let origin = RuntimeOrigin::signed(agent.account.clone());
			match UsefulWork::deregister(origin) {
				Ok(()) => {
					agent.registered = false;
					false
				},
				Err(error) => {
					let name = error_name(&error);
					if name != "PendingWork" {
						self.tally.refuse(Side::Honest, "deregister", name);
					}
					true
				},
			}
		});
		self.residents = residents;
	}

	/// Register `agent` in block `n`: anchor at the parent block, prove work at the difficulty
	/// the chain asks now (or reuse a proof still valid), sign, dispatch. Hashes are counted
	/// for the agent's side.
	pub(crate) fn try_register(
		&mut self,
		agent: usize,
		n: BlockNumber,
	) -> Result<(), &'static str> {
		let Some(account) = self.agents.get(agent).map(|a| a.account.clone()) else {
			return Err("unknown account");
		};
		let side = self.side_of_agent(agent);
		let newcomer = self.agents.get(agent).is_some_and(|a| a.role == Role::Newcomer);
		let difficulty = UsefulWork::registration_difficulty();
		let window = self.constants.anchor_window;
		let held = self.agents.get(agent).and_then(|a| a.ticket).filter(|ticket| {
			ticket.anchor < n
				&& n <= ticket.anchor.saturating_add(window)
				&& ticket.bits >= difficulty
		});
		let ticket = match held {
			Some(ticket) => ticket,
			None => {
				let anchor = n.saturating_sub(1);
				let Some(payload) = UsefulWork::registration_message(&account, anchor) else {
					return Err("BadRegistrationAnchor");
				};
				let solution = pow::solve(&payload, difficulty);
				let stats = self.tally.registrations.get_mut(side);
				stats.solved = stats.solved.saturating_add(1);
				stats.hashes = stats.hashes.saturating_add(u128::from(solution.tries));
				stats.max_bits = stats.max_bits.max(difficulty);
				stats.bits_sum = stats.bits_sum.saturating_add(u64::from(difficulty));
				if newcomer {
					let newcomers = &mut self.tally.newcomers;
					newcomers.solved = newcomers.solved.saturating_add(1);
					newcomers.hashes = newcomers.hashes.saturating_add(u128::from(solution.tries));
					newcomers.bits_sum = newcomers.bits_sum.saturating_add(u64::from(difficulty));
				}
				Ticket { anchor, nonce: solution.nonce, bits: solution.bits }
			},
		};
		let Some(payload) = UsefulWork::registration_message(&account, ticket.anchor) else {
			return Err("BadRegistrationAnchor");
		};
		let Some(signer) = self.agents.get(agent) else { return Err("unknown account") };
		let signature = Signature::from(signer.pair.sign(&payload));
		let stats = self.tally.registrations.get_mut(side);
		stats.attempts = stats.attempts.saturating_add(1);
		let result = UsefulWork::register(
			RuntimeOrigin::none(),
			account,
			ticket.anchor,
			ticket.nonce,
			signature,
		);
		let Some(registrant) = self.agents.get_mut(agent) else { return Err("unknown account") };
		match result {
			Ok(()) => {
				registrant.registered = true;
				registrant.ever_registered = true;
				registrant.ticket = None;
				let stats = self.tally.registrations.get_mut(side);
				stats.admitted = stats.admitted.saturating_add(1);
				Ok(())
			},
			Err(error) => {
				registrant.ticket = Some(ticket);
				let name = error_name(&error);
				self.tally.refuse(side, "register", name);
				Err(name)
			},
		}
	}
}
