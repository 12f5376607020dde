//! Checks shared by the dispatchables and the transaction-pool validation.
//!
//! Every feeless call runs the same check twice: in the pool through
//! [`CheckUsefulWork`](crate::CheckUsefulWork), so that an invalid call is never included, and
//! again at dispatch, because state may change between the two.

use crate::{pallet::*, Commitment, RoundState};
use polkadot_sdk::{
	frame_support::{ensure, traits::Get},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_core::H256,
	sp_runtime::{
		traits::{Saturating, Verify},
		Perbill,
	},
};
use useful_work_primitives::{meets_registration_difficulty, PoolId, RoundIndex, RoundPhase, TaskId};

impl<T: Config> Pallet<T> {
	/// The phase of `round` of a task with `spec`'s schedule at block `now`.
	pub fn phase_at(
		round: &RoundState<BlockNumberFor<T>>,
		schedule: &useful_work_primitives::RoundSchedule,
		now: BlockNumberFor<T>,
	) -> RoundPhase {
		let reveal_from = round.started_at.saturating_add(schedule.commit_blocks.into());
		let verify_from = reveal_from.saturating_add(schedule.reveal_blocks.into());
		if now < reveal_from {
			RoundPhase::Commit
		} else if now < verify_from {
			RoundPhase::Reveal
		} else {
			RoundPhase::Verify
		}
	}

	/// The commitment a trainer publishes for `artifact` with `salt`
	/// ([`useful_work_primitives::commitment_hash`], which the contributor computes too).
	pub fn commitment_of(artifact: &H256, who: &T::AccountId, salt: &[u8; 32]) -> H256 {
		useful_work_primitives::commitment_hash(artifact, who, salt)
	}

	/// Checks a registration, cheapest first (the proof of work before the signature, the
	/// signature before the eviction scan), so that a flood of bogus registrations costs the pool
	/// one hash each. Returns the contributor to evict when the registry is full.
	pub(crate) fn check_register(
		who: &T::AccountId,
		anchor: BlockNumberFor<T>,
		nonce: u64,
		signature: &T::RegistrationSignature,
	) -> Result<Option<T::AccountId>, Error<T>> {
		ensure!(!Contributors::<T>::contains_key(who), Error::<T>::AlreadyRegistered);
		let now = frame_system::Pallet::<T>::block_number();
		let fresh = anchor < now && now <= anchor.saturating_add(T::RegistrationAnchorWindow::get());
		ensure!(fresh, Error::<T>::BadRegistrationAnchor);
		let payload = Self::registration_message(who, anchor).ok_or(Error::<T>::BadRegistrationAnchor)?;
		ensure!(
			meets_registration_difficulty(&payload, nonce, Self::registration_difficulty()),
			Error::<T>::RegistrationWorkTooLow
		);
		let (block, count) = RegistrationsInBlock::<T>::get();
		ensure!(
			block != now || count < T::MaxRegistrationsPerBlock::get(),
			Error::<T>::RegistrationsFull
		);
		let (epoch, count) = RegistrationsInEpoch::<T>::get();
		ensure!(
			epoch != Self::current_epoch() || count < T::MaxRegistrationsPerEpoch::get(),
			Error::<T>::RegistrationsThisEpochFull
		);
		ensure!(signature.verify(&payload[..], who), Error::<T>::BadRegistrationSignature);
		if Contributors::<T>::count() < T::MaxContributors::get() {
			return Ok(None);
		}
		Self::eviction_candidate().map(Some).ok_or(Error::<T>::TooManyContributors)
	}

	/// The contributor a newcomer replaces when the registry is full: among those with no
	/// pending work that earned no treasury points in this epoch or the one before (a newcomer is
	/// safe for at least one full epoch), the least reputable, then the longest idle, then the
	/// oldest. Someone doing verified network work is never evicted.
	pub(crate) fn eviction_candidate() -> Option<T::AccountId> {
		let epoch = Self::current_epoch();
		Contributors::<T>::iter()
			.filter(|(_, info)| info.pending == 0 && info.last_active_epoch.saturating_add(1) < epoch)
			.min_by_key(|(_, info)| (info.reputation, info.last_active_epoch, info.registered_at))
			.map(|(who, _)| who)
	}

	fn registered(who: &T::AccountId) -> Result<crate::ContributorInfo<BlockNumberFor<T>>, Error<T>> {
		Contributors::<T>::get(who).ok_or(Error::<T>::NotRegistered)
	}

	pub(crate) fn check_deregister(who: &T::AccountId) -> Result<(), Error<T>> {
		let info = Self::registered(who)?;
		ensure!(info.pending == 0, Error::<T>::PendingWork);
		Ok(())
	}

	/// A live task's current round, checked to be in `phase`.
	fn round_in_phase(
		task: TaskId,
		phase: RoundPhase,
	) -> Result<RoundState<BlockNumberFor<T>>, Error<T>> {
		let entry = Tasks::<T>::get(task).ok_or(Error::<T>::UnknownTask)?;
		let round = Rounds::<T>::get(task).ok_or(Error::<T>::UnknownTask)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(Self::phase_at(&round, &entry.spec.schedule, now) == phase, Error::<T>::WrongPhase);
		Ok(round)
	}

	/// The round, the committer's pool, and the committer it displaces when the round is full.
	pub(crate) fn check_commit(
		who: &T::AccountId,
		task: TaskId,
	) -> Result<(RoundIndex, Option<PoolId>, Option<T::AccountId>), Error<T>> {
		let info = Self::registered(who)?;
		let entry = Tasks::<T>::get(task).ok_or(Error::<T>::UnknownTask)?;
		ensure!(!entry.closed, Error::<T>::TaskClosed);
		let round = Self::round_in_phase(task, RoundPhase::Commit)?;
		ensure!(!Commitments::<T>::contains_key(task, who), Error::<T>::AlreadyCommitted);
		if round.commitments < T::MaxCommitsPerRound::get() {
			return Ok((round.index, info.pool, None));
		}
		let weakest = Commitments::<T>::iter_key_prefix(task)
			.map(|committer| {
				let reputation = Contributors::<T>::get(&committer).map_or(0, |info| info.reputation);
				(reputation, committer)
			})
			.min_by_key(|(reputation, _)| *reputation)
			.filter(|(reputation, _)| *reputation < info.reputation)
			.map(|(_, committer)| committer);
		let displaced = weakest.ok_or(Error::<T>::RoundFull)?;
		Ok((round.index, info.pool, Some(displaced)))
	}

	pub(crate) fn check_reveal(
		who: &T::AccountId,
		task: TaskId,
		artifact: &H256,
		salt: &[u8; 32],
		size: u64,
		location: &[u8],
	) -> Result<(RoundIndex, Commitment), Error<T>> {
		Self::registered(who)?;
		// Verifiers read the location as a URL and clients as text: bytes that are not UTF-8
		// would be neither.
		ensure!(core::str::from_utf8(location).is_ok(), Error::<T>::LocationNotText);
		let entry = Tasks::<T>::get(task).ok_or(Error::<T>::UnknownTask)?;
		let round = Self::round_in_phase(task, RoundPhase::Reveal)?;
		let commitment = Commitments::<T>::get(task, who).ok_or(Error::<T>::NotCommitted)?;
		ensure!(!commitment.revealed, Error::<T>::AlreadyRevealed);
		ensure!(
			Self::commitment_of(artifact, who, salt) == commitment.hash,
			Error::<T>::CommitMismatch
		);
		ensure!(size <= entry.spec.max_artifact_size, Error::<T>::ArtifactTooLarge);
		ensure!(
			!RevealedArtifacts::<T>::contains_key(task, artifact),
			Error::<T>::DuplicateArtifact
		);
		Ok((round.index, commitment))
	}

	/// The round and the verifier's slot index in the submission.
	pub(crate) fn check_verification(
		who: &T::AccountId,
		task: TaskId,
		submission: u32,
	) -> Result<(RoundIndex, usize), Error<T>> {
		Self::registered(who)?;
		let round = Self::round_in_phase(task, RoundPhase::Verify)?;
		ensure!(Assignments::<T>::contains_key(who, (task, submission)), Error::<T>::NotAssigned);
		let entry = Submissions::<T>::get(task, submission).ok_or(Error::<T>::NotAssigned)?;
		let slot = entry
			.verifiers
			.iter()
			.position(|slot| &slot.verifier == who)
			.ok_or(Error::<T>::NotAssigned)?;
		let already = entry.verifiers.get(slot).is_some_and(|slot| slot.report.is_some());
		ensure!(!already, Error::<T>::AlreadyReported);
		Ok((round.index, slot))
	}

	pub(crate) fn check_create_pool(who: &T::AccountId, fee: Perbill) -> Result<(), Error<T>> {
		let info = Self::registered(who)?;
		ensure!(info.pool.is_none(), Error::<T>::AlreadyInPool);
		Self::ensure_may_change_pool(&info)?;
		ensure!(fee <= T::MaxPoolFee::get(), Error::<T>::PoolFeeTooHigh);
		ensure!(Pools::<T>::count() < T::MaxPools::get(), Error::<T>::TooManyPools);
		ensure!(NextPoolId::<T>::get() < PoolId::MAX, Error::<T>::PoolIdsExhausted);
		Ok(())
	}

	/// No pending work, and no pool change yet in this epoch.
	fn ensure_may_change_pool(info: &crate::ContributorInfo<BlockNumberFor<T>>) -> Result<(), Error<T>> {
		ensure!(info.pending == 0, Error::<T>::PendingWork);
		ensure!(
			info.pool_changed_epoch != Some(Self::current_epoch()),
			Error::<T>::PoolChangeTooSoon
		);
		Ok(())
	}

	pub(crate) fn check_join_pool(who: &T::AccountId, pool: PoolId) -> Result<(), Error<T>> {
		let info = Self::registered(who)?;
		ensure!(info.pool.is_none(), Error::<T>::AlreadyInPool);
		Self::ensure_may_change_pool(&info)?;
		let entry = Pools::<T>::get(pool).ok_or(Error::<T>::UnknownPool)?;
		ensure!(
			(entry.members.len() as u32) < T::MaxPoolMembers::get(),
			Error::<T>::PoolFull
		);
		Ok(())
	}

	pub(crate) fn check_leave_pool(who: &T::AccountId) -> Result<PoolId, Error<T>> {
		let info = Self::registered(who)?;
		let pool = info.pool.ok_or(Error::<T>::NotInPool)?;
		Self::ensure_may_change_pool(&info)?;
		Ok(pool)
	}

	/// Feeless calls left to `who` in its window at `now`, as the usage to store if it calls.
	pub(crate) fn check_rate_limit(
		who: &T::AccountId,
		now: BlockNumberFor<T>,
	) -> Result<(BlockNumberFor<T>, u32), Error<T>> {
		let window = T::RateLimitWindow::get();
		let (start, used) = match FeelessUsage::<T>::get(who) {
			Some((start, used)) if now < start.saturating_add(window) => (start, used),
			_ => (now, 0),
		};
		ensure!(used < T::MaxFeelessCallsPerWindow::get(), Error::<T>::RateLimited);
		Ok((start, used.saturating_add(1)))
	}

	/// Pool-time check of a feeless call: the same checks its dispatch makes.
	pub(crate) fn check_feeless_call(who: &T::AccountId, call: &Call<T>) -> Result<(), Error<T>> {
		match call {
			Call::deregister {} => Self::check_deregister(who),
			Call::commit { task, .. } => Self::check_commit(who, *task).map(|_| ()),
			Call::reveal { task, artifact, salt, size, location, .. } =>
				Self::check_reveal(who, *task, artifact, salt, *size, location).map(|_| ()),
			Call::submit_verification { task, submission, .. } =>
				Self::check_verification(who, *task, *submission).map(|_| ()),
			Call::create_pool { fee } => Self::check_create_pool(who, *fee),
			Call::join_pool { pool } => Self::check_join_pool(who, *pool),
			Call::leave_pool {} => Self::check_leave_pool(who).map(|_| ()),
			_ => Ok(()),
		}
	}

	/// Whether `call` is one of the feeless calls the extension guards.
	pub(crate) fn is_guarded(call: &Call<T>) -> bool {
		matches!(
			call,
			Call::deregister {} |
				Call::commit { .. } |
				Call::reveal { .. } |
				Call::submit_verification { .. } |
				Call::create_pool { .. } |
				Call::join_pool { .. } |
				Call::leave_pool {}
		)
	}
}
