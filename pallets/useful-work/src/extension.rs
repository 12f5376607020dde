//! [`CheckUsefulWork`]: the transaction extension that keeps feeless work calls from spamming.
//!
//! Work calls cost their sender nothing, so the transaction pool must reject every call that
//! would fail: the extension runs the call's own checks (registered, right phase, within the
//! round's caps) and the sender's rate limit in `validate`. A rejected call is never gossiped nor
//! included, so it costs the chain only the validation itself.
//!
//! Free calls must also never crowd out paid ones or each other: all feeless calls of a block
//! share [`Config::FeelessWeightPerBlock`] (a call beyond it waits in the pool for a later block),
//! and the pool orders them by how much a delay hurts: reveals and verification reports first
//! (their phases are short and missing one costs reward and reputation), commitments next, pool
//! changes and leaving last.

use crate::{pallet::*, weights::WeightInfo};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use polkadot_sdk::{
	frame_support::{
		dispatch::DispatchInfo,
		pallet_prelude::{
			InvalidTransaction, TransactionPriority, TransactionSource, TransactionValidityError,
		},
		traits::{Get, IsSubType},
		weights::Weight,
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::{
		traits::{
			AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Dispatchable, Implication,
			TransactionExtension, ValidateResult,
		},
		transaction_validity::ValidTransaction,
	},
};
use scale_info::TypeInfo;

/// Transaction-pool guard of the useful-work pallet's feeless calls.
///
/// Carries no data; add it to the runtime's transaction extensions after the fee extension.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckUsefulWork<T: Config + Send + Sync>(PhantomData<T>);

impl<T: Config + Send + Sync> CheckUsefulWork<T> {
	/// The extension (it has no parameters).
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T: Config + Send + Sync> Default for CheckUsefulWork<T> {
	fn default() -> Self {
		Self::new()
	}
}

impl<T: Config + Send + Sync> core::fmt::Debug for CheckUsefulWork<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckUsefulWork")
	}
}

/// A pallet error as a transaction-validity error: `Custom(index of the error variant)`, so that
/// a client can map it back to the error name through metadata.
pub fn invalid_because<T: Config>(error: Error<T>) -> TransactionValidityError {
	let index = error.encode().first().copied().unwrap_or(u8::MAX);
	InvalidTransaction::Custom(index).into()
}

/// Pool priority of a reveal or a verification report: missing its phase costs the sender.
pub const URGENT_WORK_PRIORITY: TransactionPriority = TransactionPriority::MAX / 4;
/// Pool priority of a commitment.
pub const WORK_PRIORITY: TransactionPriority = TransactionPriority::MAX / 8;
/// Pool priority of pool changes and leaving: nothing is lost by waiting.
pub const HOUSEKEEPING_PRIORITY: TransactionPriority = 0;

/// The pool priority of a guarded call.
pub fn priority_of<T: Config>(call: &Call<T>) -> TransactionPriority {
	match call {
		Call::reveal { .. } | Call::submit_verification { .. } => URGENT_WORK_PRIORITY,
		Call::commit { .. } => WORK_PRIORITY,
		_ => HOUSEKEEPING_PRIORITY,
	}
}

/// What `validate` found: the rate-limit usage to store when the call is included.
pub enum Usage<T: Config> {
	/// Not a guarded call.
	Unguarded,
	/// A guarded call.
	Guarded {
		/// The contributor calling.
		who: T::AccountId,
		/// First block of its rate-limit window.
		start: BlockNumberFor<T>,
		/// Calls in the window, this one included.
		used: u32,
	},
}

impl<T> TransactionExtension<T::RuntimeCall> for CheckUsefulWork<T>
where
	T: Config + Send + Sync,
	T::RuntimeCall: IsSubType<Call<T>> + Dispatchable<Info = DispatchInfo>,
	DispatchOriginOf<T::RuntimeCall>: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str = "CheckUsefulWork";
	type Implicit = ();
	type Val = Usage<T>;
	type Pre = ();

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		match call.is_sub_type() {
			Some(call) if Pallet::<T>::is_guarded(call) => T::WeightInfo::check_feeless_call(),
			_ => Weight::zero(),
		}
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Implication,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let Some(local) = call.is_sub_type().filter(|call| Pallet::<T>::is_guarded(call)) else {
			return Ok((ValidTransaction::default(), Usage::Unguarded, origin));
		};
		// Feeless calls are signed; anything else (e.g. a root dispatch) is not a contributor's.
		let Some(who) = origin.as_system_origin_signer().cloned() else {
			return Err(InvalidTransaction::BadSigner.into());
		};
		let now = frame_system::Pallet::<T>::block_number();
		let (start, used) = Pallet::<T>::check_rate_limit(&who, now).map_err(invalid_because::<T>)?;
		Pallet::<T>::check_feeless_call(&who, local).map_err(invalid_because::<T>)?;
		let validity = ValidTransaction { priority: priority_of::<T>(local), ..Default::default() };
		Ok((validity, Usage::Guarded { who, start, used }, origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &DispatchOriginOf<T::RuntimeCall>,
		_call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		if let Usage::Guarded { who, start, used } = val {
			Pallet::<T>::charge_feeless_budget(info.total_weight())?;
			FeelessUsage::<T>::insert(who, (start, used));
		}
		Ok(())
	}
}

impl<T: Config> Pallet<T> {
	/// Take `weight` from this block's feeless budget, or refuse the call for this block
	/// (`ExhaustsResources`: the block builder skips it and it stays in the pool).
	pub(crate) fn charge_feeless_budget(weight: Weight) -> Result<(), TransactionValidityError> {
		let now = frame_system::Pallet::<T>::block_number();
		let (block, used) = FeelessWeightInBlock::<T>::get();
		let used = if block == now { used } else { Weight::zero() };
		let total = used.saturating_add(weight);
		if total.any_gt(T::FeelessWeightPerBlock::get()) {
			return Err(InvalidTransaction::ExhaustsResources.into());
		}
		FeelessWeightInBlock::<T>::put((now, total));
		Ok(())
	}
}
