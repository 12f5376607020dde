//! Submitting an extrinsic: validated as the transaction pool does, included as a block builder
//! does, or smuggled in by a malicious author when the pool refused it; and the money rules
//! every included extrinsic must keep.

use crate::{
	model::{Action, NonceChoice, Origin, Planned},
	Fuzzer, RECENT_ENCODINGS,
};
use codec::{DecodeLimit, Encode};
use pallet_useful_work as useful_work;
use paradigm_runtime::{
	AccountId, Balance, Runtime, RuntimeCall, RuntimeEvent, UncheckedExtrinsic,
};
use polkadot_sdk::{
	frame_support::{traits::IsInherent, MAX_EXTRINSIC_DEPTH},
	frame_system, pallet_balances, pallet_sudo,
	sp_runtime::{generic::Preamble, DispatchResult, MultiAddress},
};

/// What each extrinsic may do to balances.
struct Rules {
	/// The signing account, if signed by an `Id` address.
	signer: Option<AccountId>,
	/// A call nobody pays for (feeless useful-work calls, unsigned registration): included, it
	/// must dispatch without error and change no balance.
	free: bool,
	/// Whether a successful dispatch may move PAR between accounts.
	moves_funds: bool,
	/// A root call through sudo by the sudo key: its fee is refunded.
	fee_refunded: bool,
	/// Wrapped in `Sudo::sudo`.
	sudo: bool,
}

/// The feeless calls `CheckUsefulWork` guards.
fn is_feeless_work(call: &useful_work::Call<Runtime>) -> bool {
	matches!(
		call,
		useful_work::Call::deregister {}
			| useful_work::Call::commit { .. }
			| useful_work::Call::reveal { .. }
			| useful_work::Call::submit_verification { .. }
			| useful_work::Call::create_pool { .. }
			| useful_work::Call::join_pool { .. }
			| useful_work::Call::leave_pool {}
	)
}

/// Root calls the fuzzer sends through sudo that move no PAR.
fn moves_no_funds_as_root(call: &RuntimeCall) -> bool {
	matches!(
		call,
		RuntimeCall::UsefulWork(
			useful_work::Call::create_task { .. } | useful_work::Call::close_task { .. }
		) | RuntimeCall::AiTreasury(_)
	)
}

/// The money rules of `xt`.
fn rules_of(xt: &UncheckedExtrinsic, sudo_key: Option<&AccountId>) -> Rules {
	let signer = match &xt.preamble {
		Preamble::Signed(MultiAddress::Id(who), _, _) => Some(who.clone()),
		_ => None,
	};
	let bare = matches!(xt.preamble, Preamble::Bare(_));
	let free = match &xt.function {
		RuntimeCall::UsefulWork(useful_work::Call::register { .. }) => bare,
		RuntimeCall::UsefulWork(call) => signer.is_some() && is_feeless_work(call),
		_ => false,
	};
	let (sudo, root_only) = match &xt.function {
		RuntimeCall::Sudo(pallet_sudo::Call::sudo { call }) => (true, moves_no_funds_as_root(call)),
		_ => (false, false),
	};
	let fee_refunded = sudo && root_only && signer.is_some() && signer.as_ref() == sudo_key;
	Rules { moves_funds: !(free || root_only), fee_refunded, sudo, free, signer }
}

impl Fuzzer {
	/// Build and submit a planned action.
	pub(crate) fn execute(&mut self, action: Action) {
		match action {
			Action::Call(planned) => self.execute_planned(planned),
			Action::Raw { bytes, label, must_not_decode } => {
				self.stats.garbage += 1;
				let decoded = <UncheckedExtrinsic as DecodeLimit>::decode_all_with_depth_limit(
					MAX_EXTRINSIC_DEPTH,
					&mut &bytes[..],
				);
				match decoded {
					Err(error) => {
						self.stats.garbage_undecodable += 1;
						self.note(format!("{label} -> undecodable ({error})"));
					},
					Ok(xt) => {
						self.check(!must_not_decode, || format!("{label} decoded as an extrinsic"));
						self.submit(xt, label, false);
					},
				}
			},
		}
	}

	fn execute_planned(&mut self, planned: Planned) {
		let Planned { origin, call, nonce, label, must_fail } = planned;
		let xt = match origin {
			Origin::Bare => UncheckedExtrinsic::new_bare(call),
			Origin::Signed(actor) => {
				let pair = self.actors[actor].pair.clone();
				let current = self.chain.nonce_of(&self.actors[actor].account);
				let nonce = match nonce {
					NonceChoice::Current => current,
					NonceChoice::Stale(back) => current.checked_sub(back).unwrap_or(current + back),
					NonceChoice::Future(ahead) => current + ahead,
				};
				self.chain.signed_with_nonce(&pair, call, nonce)
			},
		};
		if self.recent_encodings.len() >= RECENT_ENCODINGS {
			self.recent_encodings.pop_front();
		}
		self.recent_encodings.push_back(xt.encode());
		self.submit(xt, label, must_fail);
	}

	/// Validate `xt` as the pool does; include it if the pool accepts it, otherwise smuggle it
	/// into the block as a malicious author would: the runtime must refuse it too.
	fn submit(&mut self, xt: UncheckedExtrinsic, label: String, must_fail: bool) {
		self.stats.extrinsics += 1;
		let sudo_key = self.sudo.map(|actor| self.actors[actor].account.clone());
		let rules = rules_of(&xt, sudo_key.as_ref());
		let inherent = <Runtime as IsInherent<UncheckedExtrinsic>>::is_inherent(&xt);
		match self.chain.validity(&xt) {
			Ok(valid) if valid.requires.is_empty() => {
				self.stats.pool_accepted += 1;
				self.include(xt, label, rules, must_fail);
			},
			Ok(_) => {
				// A future nonce: the pool keeps it until the gap is filled.
				self.stats.pool_future += 1;
				self.smuggle(xt, label, "a future nonce".into());
			},
			Err(error) => {
				self.stats.pool_refused += 1;
				if inherent {
					// Block import checks where inherents go; `apply_extrinsic` alone does not.
					self.note(format!("{label} -> refused by the pool ({error:?}), an inherent"));
				} else {
					self.smuggle(xt, label, format!("{error:?}"));
				}
			},
		}
	}

	/// Apply `xt`, which the pool refused: the runtime must refuse it too.
	fn smuggle(&mut self, xt: UncheckedExtrinsic, label: String, why: String) {
		self.stats.smuggled += 1;
		// An unsigned call of a pallet without `ValidateUnsigned` is refused by the pool but, as
		// in every FRAME runtime, an author may include it: it dispatches with no origin and
		// fails (`BadOrigin`), costing the author's own block space and changing nothing else.
		let unvalidated = why.contains("NoUnsignedValidator");
		let before = self.balances();
		let result = self.chain.apply(xt);
		let harmless = unvalidated && matches!(result, Ok(Err(_))) && self.balances() == before;
		self.check(result.is_err() || harmless, || {
			format!("{label}: the pool refused it ({why}) but the runtime included it: {result:?}")
		});
		self.note(format!("{label} -> refused by the pool ({why}); the runtime: {result:?}"));
	}

	/// Total balance (free and reserved) of every actor, then of the escrow.
	fn balances(&mut self) -> Vec<Balance> {
		let mut accounts: Vec<AccountId> =
			self.actors.iter().map(|actor| actor.account.clone()).collect();
		accounts.push(self.escrow.clone());
		self.chain.ext.execute_with(|| {
			accounts
				.iter()
				.map(|who| {
					let data = frame_system::Account::<Runtime>::get(who).data;
					data.free.saturating_add(data.reserved)
				})
				.collect()
		})
	}

	/// Apply `xt`, which the pool accepted, and check what it did to balances.
	fn include(&mut self, xt: UncheckedExtrinsic, label: String, rules: Rules, must_fail: bool) {
		let before = self.balances();
		let sudo = rules.sudo;
		let (issuance_before, events_before) = self.chain.ext.execute_with(|| {
			let events = if sudo { frame_system::Pallet::<Runtime>::events().len() } else { 0 };
			(pallet_balances::Pallet::<Runtime>::total_issuance(), events)
		});
		let result = self.chain.apply(xt);
		let after = self.balances();
		let issuance_after =
			self.chain.ext.execute_with(pallet_balances::Pallet::<Runtime>::total_issuance);
		self.check(issuance_after <= issuance_before, || {
			format!("{label}: an extrinsic created PAR (issuance {issuance_before} -> {issuance_after})")
		});
		let signer = rules.signer.as_ref().and_then(|who| self.index.get(who).copied());
		let succeeded = match &result {
			Err(_) => {
				self.stats.builder_refused += 1;
				false
			},
			Ok(Ok(())) => {
				self.stats.executed += 1;
				self.stats.dispatched += 1;
				if !rules.moves_funds {
					self.check_untouched(
						&label,
						&before,
						&after,
						signer,
						rules.free || rules.fee_refunded,
					);
				}
				if rules.sudo {
					let inner = self.sudo_result(events_before);
					if inner == Some(Ok(())) {
						self.stats.sudo_ok += 1;
					} else {
						self.stats.sudo_failed += 1;
					}
					inner == Some(Ok(()))
				} else {
					true
				}
			},
			Ok(Err(error)) => {
				self.stats.executed += 1;
				self.stats.dispatch_failed += 1;
				let free = rules.free;
				self.check(!free, || {
					format!("{label}: a free call was included and failed: {error:?}")
				});
				self.check_untouched(&label, &before, &after, signer, false);
				false
			},
		};
		if must_fail {
			self.check(!succeeded, || {
				format!("{label}: it must fail, yet it was included and succeeded")
			});
		}
		self.note(format!("{label} -> {result:?}"));
	}

	/// No tracked balance changed but the signer's, which did not grow (it paid a fee at most),
	/// or did not change at all when `signer_too`.
	fn check_untouched(
		&mut self,
		label: &str,
		before: &[Balance],
		after: &[Balance],
		signer: Option<usize>,
		signer_too: bool,
	) {
		let moved = before.iter().zip(after).enumerate().find(|(account, (was, is))| {
			if Some(*account) == signer && !signer_too {
				is > was
			} else {
				is != was
			}
		});
		let names: Vec<String> = self
			.actors
			.iter()
			.map(|actor| actor.name.clone())
			.chain(["escrow".to_owned()])
			.collect();
		self.check(moved.is_none(), || {
			let (account, (was, is)) = moved.expect("checked");
			format!("{label}: moved PAR it must not move: {} {was} -> {is}", names[account])
		});
	}

	/// The inner result of the sudo call applied last (its `Sudid` event).
	fn sudo_result(&mut self, events_before: usize) -> Option<DispatchResult> {
		self.chain.ext.execute_with(|| {
			frame_system::Pallet::<Runtime>::events().into_iter().skip(events_before).find_map(
				|record| match record.event {
					RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result }) => {
						Some(sudo_result)
					},
					_ => None,
				},
			)
		})
	}
}
