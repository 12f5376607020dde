//! # `counter`: the ink! v6 smoke-test contract of Paradigm
//!
//! Paradigm runs contracts through `pallet-revive` (PolkaVM, RISC-V) of polkadot-sdk stable2509.
//! This contract is the smallest real program that proves the chain runs ink! v6 modules end to
//! end: a constructor, storage, a read-only message, state-changing messages and an event. It is
//! the template for the swappable modules the chain will load later (an emission policy, for
//! example), which will be ink! v6 contracts built and deployed the same way.
//!
//! Build it with `scripts/build-contracts.sh`; deploy and call it as `contracts/README.md`
//! explains.
//!
//! Behaviour:
//! - `new(initial)` stores `initial` as the count and the caller as the owner.
//! - `get()` returns the count; `owner()` returns the owner's H160 address.
//! - `inc()` adds 1 and `inc_by(delta)` adds `delta`; both saturate at `u32::MAX` instead of
//!   overflowing, and both emit `Incremented { by, new_value }` where `by` is the caller.

#![cfg_attr(not(feature = "std"), no_std, no_main)]

use ink::env::{DefaultEnvironment, Environment};

/// The contract environment of the Paradigm runtime.
///
/// Identical to ink!'s `DefaultEnvironment` (32-byte `AccountId`, `u128` balance, `H256` hash,
/// `u32` block number, `u64` timestamp) except for `NATIVE_TO_ETH_RATIO`: PAR has 8 decimals and
/// the runtime's `pallet_revive::Config::NativeToEthRatio` is 10^9 (ink!'s default is 10^8).
/// The ratio is what ink! uses to turn a native `Balance` into the `U256` value pallet-revive
/// works with, and it is written into the metadata (`spec.environment.nativeToEthRatio`), so a
/// mismatch would make every value a contract or a tool computes off by a factor of ten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParadigmEnvironment {}

impl Environment for ParadigmEnvironment {
    /// Must equal `NativeToEthRatio` in `runtime/src/configs/mod.rs`.
    const NATIVE_TO_ETH_RATIO: u32 = 1_000_000_000;
    // The runtime configures no asset precompiles (`Precompiles = ()`); keep ink!'s defaults.
    const TRUST_BACKED_ASSETS_PRECOMPILE_INDEX: u16 =
        DefaultEnvironment::TRUST_BACKED_ASSETS_PRECOMPILE_INDEX;
    const POOL_ASSETS_PRECOMPILE_INDEX: u16 = DefaultEnvironment::POOL_ASSETS_PRECOMPILE_INDEX;

    type AccountId = <DefaultEnvironment as Environment>::AccountId;
    type Balance = <DefaultEnvironment as Environment>::Balance;
    type Hash = <DefaultEnvironment as Environment>::Hash;
    type Timestamp = <DefaultEnvironment as Environment>::Timestamp;
    type BlockNumber = <DefaultEnvironment as Environment>::BlockNumber;
    type EventRecord = <DefaultEnvironment as Environment>::EventRecord;
}

#[ink::contract(env = crate::ParadigmEnvironment)]
mod counter {
    /// Emitted by `inc` and `inc_by` after the count has changed.
    #[ink(event)]
    pub struct Incremented {
        /// H160 address of the account that called the message (for a Substrate sr25519
        /// account: the last 20 bytes of keccak256 of its public key, see `contracts/README.md`).
        #[ink(topic)]
        pub by: Address,
        /// The count after the increment.
        pub new_value: u32,
    }

    /// Storage of the contract: a counter and the account that instantiated it.
    #[ink(storage)]
    pub struct Counter {
        /// The current count.
        count: u32,
        /// The account that instantiated the contract.
        owner: Address,
    }

    impl Counter {
        /// Creates a counter starting at `initial`, owned by the caller.
        #[ink(constructor)]
        pub fn new(initial: u32) -> Self {
            Self {
                count: initial,
                owner: Self::env().caller(),
            }
        }

        /// Returns the current count.
        #[ink(message)]
        pub fn get(&self) -> u32 {
            self.count
        }

        /// Returns the H160 address of the account that instantiated the contract.
        #[ink(message)]
        pub fn owner(&self) -> Address {
            self.owner
        }

        /// Adds 1 to the count (saturating at `u32::MAX`) and emits `Incremented`.
        #[ink(message)]
        pub fn inc(&mut self) {
            self.add(1);
        }

        /// Adds `delta` to the count (saturating at `u32::MAX`) and emits `Incremented`.
        #[ink(message)]
        pub fn inc_by(&mut self, delta: u32) {
            self.add(delta);
        }

        /// Shared body of `inc` and `inc_by`.
        fn add(&mut self, delta: u32) {
            self.count = self.count.saturating_add(delta);
            let by = self.env().caller();
            self.env().emit_event(Incremented {
                by,
                new_value: self.count,
            });
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::{env::test, scale::Decode};

        /// Decodes the `(by, new_value)` fields of every recorded `Incremented` event.
        fn incremented_events() -> Vec<(Address, u32)> {
            test::recorded_events()
                .iter()
                .map(|event| {
                    <(Address, u32)>::decode(&mut &event.data[..])
                        .expect("event data is the SCALE encoding of Incremented")
                })
                .collect()
        }

        #[test]
        fn environment_matches_the_runtime() {
            // runtime/src/configs/mod.rs: `type NativeToEthRatio = ConstU32<1_000_000_000>;`
            assert_eq!(
                <crate::ParadigmEnvironment as ink::env::Environment>::NATIVE_TO_ETH_RATIO,
                1_000_000_000
            );
        }

        #[ink::test]
        fn new_stores_initial_value_and_owner() {
            let accounts = test::default_accounts();
            test::set_caller(accounts.alice);
            let counter = Counter::new(42);
            assert_eq!(counter.get(), 42);
            assert_eq!(counter.owner(), accounts.alice);
            assert!(incremented_events().is_empty());
        }

        #[ink::test]
        fn inc_from_zero_gives_one_and_emits_event() {
            let accounts = test::default_accounts();
            test::set_caller(accounts.bob);
            let mut counter = Counter::new(0);
            counter.inc();
            assert_eq!(counter.get(), 1);
            assert_eq!(incremented_events(), vec![(accounts.bob, 1)]);
            // The signature topic plus the `by` topic.
            assert_eq!(test::recorded_events()[0].topics.len(), 2);
        }

        #[ink::test]
        fn inc_by_adds_delta() {
            let mut counter = Counter::new(10);
            counter.inc_by(5);
            counter.inc();
            assert_eq!(counter.get(), 16);
            let values: Vec<u32> = incremented_events().iter().map(|(_, v)| *v).collect();
            assert_eq!(values, vec![15, 16]);
        }

        #[ink::test]
        fn inc_by_saturates_at_u32_max() {
            let mut counter = Counter::new(u32::MAX - 1);
            counter.inc_by(10);
            assert_eq!(counter.get(), u32::MAX);
            counter.inc();
            assert_eq!(counter.get(), u32::MAX);
            let values: Vec<u32> = incremented_events().iter().map(|(_, v)| *v).collect();
            assert_eq!(values, vec![u32::MAX, u32::MAX]);
        }
    }
}
