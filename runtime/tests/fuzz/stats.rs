//! What a run did, counted: the figures printed per seed and in total.

use paradigm_runtime::PAR;

/// Counters of one run, or of all runs added up.
#[derive(Default, Clone)]
pub(crate) struct Stats {
	pub(crate) blocks: u64,
	pub(crate) extrinsics: u64,
	pub(crate) pool_accepted: u64,
	pub(crate) pool_refused: u64,
	pub(crate) pool_future: u64,
	/// Included in a block (applied without a validity error).
	pub(crate) executed: u64,
	pub(crate) dispatched: u64,
	pub(crate) dispatch_failed: u64,
	/// Accepted by the pool, refused by the runtime when applied (e.g. the block was full).
	pub(crate) builder_refused: u64,
	/// Refused by the pool, applied anyway, refused by the runtime.
	pub(crate) smuggled: u64,
	pub(crate) sudo_ok: u64,
	pub(crate) sudo_failed: u64,
	pub(crate) garbage: u64,
	pub(crate) garbage_undecodable: u64,
	pub(crate) random_calls: u64,
	pub(crate) random_calls_decoded: u64,
	pub(crate) proofs_of_work: u64,
	pub(crate) registrations: u64,
	pub(crate) submissions_scored: u64,
	pub(crate) champions: u64,
	pub(crate) bounties_settled: u64,
	pub(crate) epochs_settled: u64,
	pub(crate) rewards: u64,
	pub(crate) minted: u128,
	pub(crate) invariant_checks: u64,
}

impl Stats {
	/// Add `other`'s counters to these.
	pub(crate) fn add(&mut self, other: &Stats) {
		self.blocks += other.blocks;
		self.extrinsics += other.extrinsics;
		self.pool_accepted += other.pool_accepted;
		self.pool_refused += other.pool_refused;
		self.pool_future += other.pool_future;
		self.executed += other.executed;
		self.dispatched += other.dispatched;
		self.dispatch_failed += other.dispatch_failed;
		self.builder_refused += other.builder_refused;
		self.smuggled += other.smuggled;
		self.sudo_ok += other.sudo_ok;
		self.sudo_failed += other.sudo_failed;
		self.garbage += other.garbage;
		self.garbage_undecodable += other.garbage_undecodable;
		self.random_calls += other.random_calls;
		self.random_calls_decoded += other.random_calls_decoded;
		self.proofs_of_work += other.proofs_of_work;
		self.registrations += other.registrations;
		self.submissions_scored += other.submissions_scored;
		self.champions += other.champions;
		self.bounties_settled += other.bounties_settled;
		self.epochs_settled += other.epochs_settled;
		self.rewards += other.rewards;
		self.minted += other.minted;
		self.invariant_checks += other.invariant_checks;
	}

	/// The counters on one line.
	pub(crate) fn line(&self) -> String {
		format!(
			"{} blocks; {} extrinsics: {} accepted by the pool, {} calls executed ({} dispatched, {} \
			 failed in dispatch; {} under sudo ok, {} failed), {} refused by the pool (+{} future \
			 nonces), {} smuggled \
			 in and refused by the runtime, {} accepted but refused by the builder; {} garbage \
			 extrinsics ({} undecodable), {} random calls ({} decoded); {} registrations, {} proofs \
			 of work, {} submissions scored, {} champions, {} bounties settled; {} epochs settled, {} \
			 rewards, {}.{:02} PAR minted; {} invariant checks",
			self.blocks,
			self.extrinsics,
			self.pool_accepted,
			self.executed,
			self.dispatched,
			self.dispatch_failed,
			self.sudo_ok,
			self.sudo_failed,
			self.pool_refused,
			self.pool_future,
			self.smuggled,
			self.builder_refused,
			self.garbage,
			self.garbage_undecodable,
			self.random_calls,
			self.random_calls_decoded,
			self.registrations,
			self.proofs_of_work,
			self.submissions_scored,
			self.champions,
			self.bounties_settled,
			self.epochs_settled,
			self.rewards,
			self.minted / PAR,
			(self.minted % PAR) / (PAR / 100),
			self.invariant_checks,
		)
	}
}
