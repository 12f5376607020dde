//! # Adversarial simulations of Paradigm's useful-work economy
//!
//! The AI treasury simulator (`paradigm-treasury-sim`) runs the emission controller alone; this
//! crate runs the whole chain logic an attacker meets. It builds the real `paradigm-runtime`
//! from a [`RuntimeGenesisConfig`](paradigm_runtime::RuntimeGenesisConfig) inside
//! `sp_io::TestExternalities`, advances blocks with every pallet's hooks
//! ([`chain::advance_to`]: round transitions, epoch rotation, treasury settlement and minting),
//! and dispatches the pallets' calls directly from simulated contributors: registrations with
//! a real proof of work and signature, commits, reveals and verification reports. Nothing of
//! the useful-work or treasury rules is re-implemented here: who is crowned, who is paid and how
//! much is minted is what the runtime decides.
//!
//! A deterministic honest population ([`scenario::SimConfig::honest`] contributors training the
//! reference tasks with a slowly improving model, claiming and reporting true values) meets one
//! attacker per [`Scenario`]: a Sybil farm, a verifier cartel, a self-dealing requester and a
//! registry flood, each over simulated weeks. Every run measures what share of all minted PAR the
//! attacker took and what share its *honest-equivalent work* would have earned
//! ([`outcome::Outcome::emission_share`], [`outcome::Outcome::honest_share`]; the definitions are
//! in `docs/attack-simulation.md`), and [`report`] writes both as markdown tables.
//!
//! Layout:
//! - [`chain`]: genesis, block production and events of the native runtime;
//! - [`pow`]: the registration proof of work, with the hashes it took;
//! - [`model`]: how good honest models are over time, and what junk is;
//! - [`scenario`]: the scenarios and every setting;
//! - [`sim`]: the driver; `world`, `register`, `rounds` and `observe` hold the simulated
//!   contributors' behaviour and what is measured from the chain's events;
//! - [`outcome`] and [`report`]: the figures and their tables.
//!
//! Floats appear only in the simulated models and the statistics, never in what the chain
//! decides.

pub mod chain;
pub mod error;
pub mod model;
pub mod outcome;
pub mod pow;
pub mod report;
pub mod rng;
pub mod scenario;
pub mod sim;

mod agents;
mod observe;
mod register;
mod rounds;
mod world;

pub use error::SimError;
pub use outcome::{Outcome, PerSide, Side};
pub use scenario::{Scenario, SimConfig};
pub use sim::simulate;
