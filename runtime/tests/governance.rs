//! Governance through real extrinsics on the development genesis (test pace): every former root
//! call refuses a signed account and passes only through a referendum on its own track; the
//! electorate resists fresh identities and whales; bad votes and proposals fail with named errors.

mod common;

use codec::Encode;
use common::Chain;
use paradigm_runtime::{
	governance::origins::Origin as GovernanceOrigin,
	AccountId, OriginCaller, Runtime, RuntimeCall, RuntimeEvent, SessionKeys, PAR,
};
use polkadot_sdk::{
	frame_support::traits::{schedule::DispatchTime, Bounded},
	frame_system::{self, RawOrigin},
	pallet_aura, pallet_preimage, pallet_session, pallet_referenda::{self, ReferendumInfo}, pallet_scheduler,
	sp_runtime::traits::Hash as _,
	sp_core::{sr25519, Pair},
	sp_keyring::{Ed25519Keyring, Sr25519Keyring},
	sp_runtime::DispatchError,
};

/// Contributors with earned reputation: they decide.
const CONTRIBUTORS: [Sr25519Keyring; 3] =
	[Sr25519Keyring::Charlie, Sr25519Keyring::Dave, Sr25519Keyring::Eve];
/// A dev account holding 1,000,000 PAR (one of six equal holders) and no reputation.
const WHALE: Sr25519Keyring = Sr25519Keyring::Ferdie;
/// Who proposes (it pays the deposits).
const PROPOSER: Sr25519Keyring = Sr25519Keyring::Alice;

/// The development chain with [`CONTRIBUTORS`] registered, each with `reputation` earned.
fn chain_with_contributors(reputation: u32) -> Chain {
	let mut chain = Chain::from_preset("development", |_| {});
	chain.open_block();
	for key in CONTRIBUTORS {
		chain.register(key);
	}
	chain.close_block();
	for key in CONTRIBUTORS {
		earn(&mut chain, &key.to_account_id(), reputation);
	}
	chain
}

/// Give a registered contributor `reputation`, as verified work would (the pallet's tests cover
/// how it is earned; here it is the electorate that matters).
fn earn(chain: &mut Chain, who: &AccountId, reputation: u32) {
	chain.ext.execute_with(|| paradigm_runtime::UsefulWork::set_reputation(who, reputation));
}

/// pallet-session reserves the whole block that rotates a session: no transaction fits in it.
fn skip_session_boundary(chain: &mut Chain) {
	let session = chain.ext.execute_with(pallet_validator_set::SessionBlocks::<Runtime>::get);
	if (chain.number + 1) % session == 0 {
		chain.open_block();
		chain.close_block();
	}
}

/// Apply `call` signed by `key` in a block of its own; returns the dispatch result.
fn dispatch(chain: &mut Chain, key: Sr25519Keyring, call: RuntimeCall) -> Result<(), DispatchError> {
	let call_text = format!("{call:?}");
	skip_session_boundary(chain);
	chain.open_block();
	let xt = chain.signed(key, call);
	let result = chain.apply(xt).unwrap_or_else(|e| panic!("{call_text} is invalid: {e:?}"));
	chain.close_block();
	result
}

/// Submit a referendum dispatching `call` with `origin` and place its decision deposit; returns
/// its index.
fn propose(chain: &mut Chain, origin: OriginCaller, call: RuntimeCall) -> u32 {
	let index = chain.ext.execute_with(pallet_referenda::ReferendumCount::<Runtime>::get);
	let encoded = call.encode();
	let proposal = match encoded.clone().try_into() {
		Ok(inline) => Bounded::Inline(inline),
		Err(_) => {
			// Larger calls are noted as a preimage first, as polkadot.js apps does.
			let hash = polkadot_sdk::sp_runtime::traits::BlakeTwo256::hash(&encoded);
			let len = encoded.len() as u32;
			dispatch(
				chain,
				PROPOSER,
				RuntimeCall::Preimage(pallet_preimage::Call::note_preimage { bytes: encoded }),
			)
			.expect("the proposer notes the preimage");
			Bounded::Lookup { hash, len }
		},
	};
	dispatch(
		chain,
		PROPOSER,
		RuntimeCall::Referenda(pallet_referenda::Call::submit {
			proposal_origin: Box::new(origin),
			proposal,
			enactment_moment: DispatchTime::After(0),
		}),
	)
	.expect("a signed account may propose");
	dispatch(chain, PROPOSER, RuntimeCall::Referenda(pallet_referenda::Call::place_decision_deposit { index }))
		.expect("the proposer pays the decision deposit");
	index
}

fn vote(chain: &mut Chain, key: Sr25519Keyring, index: u32, aye: bool, par: u128) -> Result<(), DispatchError> {
	dispatch(
		chain,
		key,
		RuntimeCall::WorkVoting(pallet_work_voting::Call::vote { poll_index: index, aye, par }),
	)
}

fn all_contributors_vote(chain: &mut Chain, index: u32, aye: bool) {
	for key in CONTRIBUTORS {
		vote(chain, key, index, aye, 0).expect("earned reputation votes");
	}
}

/// Produce `blocks` empty blocks, collecting the results of the calls the scheduler dispatched.
fn run(chain: &mut Chain, blocks: u32) -> Vec<Result<(), DispatchError>> {
	let mut dispatched = Vec::new();
	for _ in 0..blocks {
		chain.open_block();
		chain.close_block();
		chain.ext.execute_with(|| {
			for record in frame_system::Pallet::<Runtime>::events() {
				if let RuntimeEvent::Scheduler(pallet_scheduler::Event::Dispatched { result, .. }) =
					record.event
				{
					dispatched.push(result.map(|_| ()));
				}
			}
		});
	}
	dispatched
}

fn is_approved(chain: &mut Chain, index: u32) -> bool {
	chain.ext.execute_with(|| {
		matches!(pallet_referenda::ReferendumInfoFor::<Runtime>::get(index), Some(ReferendumInfo::Approved(..)))
	})
}

fn is_rejected(chain: &mut Chain, index: u32) -> bool {
	chain.ext.execute_with(|| {
		matches!(pallet_referenda::ReferendumInfoFor::<Runtime>::get(index), Some(ReferendumInfo::Rejected(..)))
	})
}

/// A passed referendum on `origin`'s track dispatches `call`; returns what the dispatch gave.
fn pass(chain: &mut Chain, origin: OriginCaller, call: RuntimeCall) -> Result<(), DispatchError> {
	let index = propose(chain, origin, call);
	all_contributors_vote(chain, index, true);
	// Test pace: 3 blocks to prepare, 5 to confirm, 2 to enact.
	let dispatched = run(chain, 14);
	assert!(is_approved(chain, index), "referendum {index} passed");
	// The referendum's alarms are dispatched by the scheduler too; the enactment is the last.
	dispatched.into_iter().last().expect("the enactment was dispatched")
}

fn governance(origin: GovernanceOrigin) -> OriginCaller {
	OriginCaller::GovernanceOrigins(origin)
}

fn root() -> OriginCaller {
	OriginCaller::system(RawOrigin::Root)
}

fn module_error(error: impl Into<DispatchError>) -> DispatchError {
	error.into()
}

fn create_task_call() -> RuntimeCall {
	RuntimeCall::UsefulWork(pallet_useful_work::Call::create_task { spec: common::short_task() })
}

fn raise_cap_call(new_cap: u128) -> RuntimeCall {
	RuntimeCall::AiTreasury(pallet_ai_treasury::Call::raise_cap { new_cap })
}

fn set_params_call(chain: &mut Chain) -> (RuntimeCall, pallet_ai_treasury::ControllerParams) {
	let mut params = chain.ext.execute_with(pallet_ai_treasury::Params::<Runtime>::get);
	params.max_step = polkadot_sdk::sp_runtime::Perbill::from_parts(params.max_step.deconstruct() - 1);
	(RuntimeCall::AiTreasury(pallet_ai_treasury::Call::set_params { params }), params)
}

fn new_validator_keys() -> (AccountId, SessionKeys) {
	let aura = sr25519::Pair::from_string("//Governance-Validator", None).expect("valid seed");
	let account = AccountId::from(aura.public());
	let keys = SessionKeys { aura: aura.public().into(), grandpa: Ed25519Keyring::Ferdie.public().into() };
	(account, keys)
}

fn tasks(chain: &mut Chain) -> u32 {
	chain.ext.execute_with(|| pallet_useful_work::Tasks::<Runtime>::count())
}

#[test]
fn former_root_calls_refuse_a_signed_account() {
	let mut chain = chain_with_contributors(1_000_000);
	let (account, keys) = new_validator_keys();
	let (set_params, _) = set_params_call(&mut chain);
	let cap = chain.ext.execute_with(pallet_ai_treasury::SupplyCap::<Runtime>::get);
	let calls = [
		RuntimeCall::System(frame_system::Call::set_code { code: vec![0; 32] }),
		create_task_call(),
		RuntimeCall::UsefulWork(pallet_useful_work::Call::close_task { task: 0 }),
		set_params,
		raise_cap_call(cap + 1),
		RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator { who: account, keys }),
		RuntimeCall::ValidatorSet(pallet_validator_set::Call::remove_validator {
			who: Sr25519Keyring::Alice.to_account_id(),
		}),
	];
	for call in calls {
		// Alice holds sudo on the dev chain, but a signed call is not root.
		assert_eq!(dispatch(&mut chain, Sr25519Keyring::Alice, call.clone()), Err(DispatchError::BadOrigin), "{call:?}");
		assert_eq!(dispatch(&mut chain, CONTRIBUTORS[0], call.clone()), Err(DispatchError::BadOrigin), "{call:?}");
	}
}

#[test]
fn no_validator_can_drop_its_own_keys() {
	let mut chain = chain_with_contributors(1_000_000);
	assert_eq!(
		dispatch(&mut chain, Sr25519Keyring::Alice, RuntimeCall::Session(pallet_session::Call::purge_keys {})),
		Err(frame_system::Error::<Runtime>::CallFiltered.into())
	);
	assert!(chain.ext.execute_with(|| pallet_session::NextKeys::<Runtime>::contains_key(Sr25519Keyring::Alice.to_account_id())));
}

#[test]
fn each_track_enacts_its_own_calls_and_nothing_more() {
	let mut chain = chain_with_contributors(1_000_000);
	let before = tasks(&mut chain);
	assert_eq!(pass(&mut chain, governance(GovernanceOrigin::NetworkTasks), create_task_call()), Ok(()));
	assert_eq!(tasks(&mut chain), before + 1);

	// The network-tasks track cannot raise the cap, even when its referendum passes.
	let cap = chain.ext.execute_with(pallet_ai_treasury::SupplyCap::<Runtime>::get);
	assert_eq!(
		pass(&mut chain, governance(GovernanceOrigin::NetworkTasks), raise_cap_call(cap + 1)),
		Err(DispatchError::BadOrigin)
	);
	assert_eq!(chain.ext.execute_with(pallet_ai_treasury::SupplyCap::<Runtime>::get), cap);

	let (set_params, params) = set_params_call(&mut chain);
	assert_eq!(pass(&mut chain, governance(GovernanceOrigin::TreasuryParams), set_params), Ok(()));
	assert_eq!(chain.ext.execute_with(pallet_ai_treasury::Params::<Runtime>::get), params);
}

#[test]
fn the_cap_rule_holds_when_governance_asks_for_more() {
	let mut chain = chain_with_contributors(1_000_000);
	let cap = chain.ext.execute_with(pallet_ai_treasury::SupplyCap::<Runtime>::get);
	let too_much = cap + cap / 50 + 1;
	assert_eq!(
		pass(&mut chain, governance(GovernanceOrigin::SupplyCap), raise_cap_call(too_much)),
		Err(module_error(pallet_ai_treasury::Error::<Runtime>::CapRaiseTooLarge))
	);
	assert_eq!(chain.ext.execute_with(pallet_ai_treasury::SupplyCap::<Runtime>::get), cap);
	// Root cannot break the rule either.
	assert_eq!(
		pass(&mut chain, root(), raise_cap_call(too_much)),
		Err(module_error(pallet_ai_treasury::Error::<Runtime>::CapRaiseTooLarge))
	);
	let allowed = cap + cap / 50;
	assert_eq!(pass(&mut chain, governance(GovernanceOrigin::SupplyCap), raise_cap_call(allowed)), Ok(()));
	assert_eq!(chain.ext.execute_with(pallet_ai_treasury::SupplyCap::<Runtime>::get), allowed);
}

#[test]
fn a_validators_referendum_admits_a_validator_without_par_and_removes_it() {
	let mut chain = chain_with_contributors(1_000_000);
	let (account, keys) = new_validator_keys();
	let aura_key = keys.aura.clone();
	assert_eq!(
		pass(
			&mut chain,
			governance(GovernanceOrigin::Validators),
			RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator { who: account.clone(), keys }),
		),
		Ok(())
	);
	// Two sessions later it authors.
	let session = chain.ext.execute_with(pallet_validator_set::SessionBlocks::<Runtime>::get);
	run(&mut chain, 2 * session + 1);
	let authorities = chain.ext.execute_with(pallet_aura::Authorities::<Runtime>::get);
	assert!(authorities.contains(&aura_key), "{authorities:?}");
	assert_eq!(chain.ext.execute_with(|| paradigm_runtime::Balances::free_balance(&account)), 0);

	assert_eq!(
		pass(
			&mut chain,
			governance(GovernanceOrigin::Validators),
			RuntimeCall::ValidatorSet(pallet_validator_set::Call::remove_validator { who: account }),
		),
		Ok(())
	);
	run(&mut chain, 2 * session + 1);
	let authorities = chain.ext.execute_with(pallet_aura::Authorities::<Runtime>::get);
	assert!(!authorities.contains(&aura_key), "{authorities:?}");
	assert_eq!(authorities.len(), 1);
}

#[test]
fn fifty_fresh_identities_cannot_pass_a_referendum_against_three_earned_contributors() {
	let mut chain = chain_with_contributors(1_000_000);
	let fresh: Vec<sr25519::Pair> = (0..50)
		.map(|i| sr25519::Pair::from_string(&format!("//fresh/{i}"), None).expect("valid seed"))
		.collect();
	for batch in fresh.chunks(8) {
		skip_session_boundary(&mut chain);
		chain.open_block();
		for pair in batch {
			chain.register(pair.clone());
		}
		chain.close_block();
	}
	let index = propose(&mut chain, governance(GovernanceOrigin::NetworkTasks), create_task_call());
	all_contributors_vote(&mut chain, index, false);
	let no_weight = module_error(pallet_work_voting::Error::<Runtime>::NoVotingWeight);
	for pair in &fresh {
		skip_session_boundary(&mut chain);
		chain.open_block();
		let xt = chain.signed(
			pair.clone(),
			RuntimeCall::WorkVoting(pallet_work_voting::Call::vote { poll_index: index, aye: true, par: 0 }),
		);
		// Fresh accounts hold no PAR for the fee: the pool refuses them before any vote counts.
		assert!(chain.validate(&xt).is_err());
		chain.close_block();
	}
	// Funded, they still weigh nothing: reputation is earned, not registered.
	let funded = &fresh[0];
	dispatch(
		&mut chain,
		PROPOSER,
		RuntimeCall::Balances(polkadot_sdk::pallet_balances::Call::transfer_keep_alive {
			dest: AccountId::from(funded.public()).into(),
			value: 10 * PAR,
		}),
	)
	.expect("a transfer");
	skip_session_boundary(&mut chain);
	chain.open_block();
	let xt = chain.signed(
		funded.clone(),
		RuntimeCall::WorkVoting(pallet_work_voting::Call::vote { poll_index: index, aye: true, par: 0 }),
	);
	assert_eq!(chain.apply(xt).expect("valid"), Err(no_weight));
	chain.close_block();

	// Test pace: the decision period (150 blocks) runs out and the referendum is rejected.
	run(&mut chain, 160);
	assert!(is_rejected(&mut chain, index));
}

#[test]
fn the_first_few_reputation_holders_cannot_decide_alone() {
	// Three contributors with one agreement's worth of reputation each (20,000 ppm): all the
	// reputation there is, but far below the minimum electorate.
	let mut chain = chain_with_contributors(20_000);
	let cap = chain.ext.execute_with(pallet_ai_treasury::SupplyCap::<Runtime>::get);
	let index = propose(&mut chain, root(), raise_cap_call(cap + 1));
	all_contributors_vote(&mut chain, index, true);
	run(&mut chain, 160);
	assert!(is_rejected(&mut chain, index));
	assert_eq!(chain.ext.execute_with(pallet_ai_treasury::SupplyCap::<Runtime>::get), cap);
}

#[test]
fn a_whale_alone_cannot_pass_a_referendum_against_the_contributors() {
	let mut chain = chain_with_contributors(1_000_000);
	let before = tasks(&mut chain);
	let index = propose(&mut chain, governance(GovernanceOrigin::NetworkTasks), create_task_call());
	all_contributors_vote(&mut chain, index, false);
	let whale_par = 999_000 * PAR;
	vote(&mut chain, WHALE, index, true, whale_par).expect("a holder votes with its PAR");
	assert_eq!(chain.ext.execute_with(|| pallet_work_voting::Pallet::<Runtime>::locked(&WHALE.to_account_id())), whale_par);
	run(&mut chain, 160);
	assert!(is_rejected(&mut chain, index));
	assert_eq!(tasks(&mut chain), before);

	// Once the referendum is over the whale takes its vote back and its PAR is free again.
	dispatch(&mut chain, WHALE, RuntimeCall::WorkVoting(pallet_work_voting::Call::remove_vote { poll_index: index }))
		.expect("removing a vote");
	assert_eq!(chain.ext.execute_with(|| pallet_work_voting::Pallet::<Runtime>::locked(&WHALE.to_account_id())), 0);
}

#[test]
fn bad_votes_and_proposals_fail_with_named_errors_and_change_nothing() {
	let mut chain = chain_with_contributors(1_000_000);
	// A proposal whose origin has no track.
	let signed_origin = OriginCaller::system(RawOrigin::Signed(PROPOSER.to_account_id()));
	let inline = raise_cap_call(1).encode().try_into().expect("inline");
	assert_eq!(
		dispatch(
			&mut chain,
			PROPOSER,
			RuntimeCall::Referenda(pallet_referenda::Call::submit {
				proposal_origin: Box::new(signed_origin),
				proposal: Bounded::Inline(inline),
				enactment_moment: DispatchTime::After(0),
			}),
		),
		Err(module_error(pallet_referenda::Error::<Runtime>::NoTrack))
	);
	assert_eq!(chain.ext.execute_with(pallet_referenda::ReferendumCount::<Runtime>::get), 0);

	// A vote on a referendum that does not exist.
	let not_ongoing = module_error(pallet_work_voting::Error::<Runtime>::NotOngoing);
	assert_eq!(vote(&mut chain, CONTRIBUTORS[0], 7, true, 0), Err(not_ongoing.clone()));

	// A proposal that does not decode passes, and the scheduler refuses to run it.
	let index = chain.ext.execute_with(pallet_referenda::ReferendumCount::<Runtime>::get);
	dispatch(
		&mut chain,
		PROPOSER,
		RuntimeCall::Referenda(pallet_referenda::Call::submit {
			proposal_origin: Box::new(governance(GovernanceOrigin::NetworkTasks)),
			proposal: Bounded::Inline(vec![0xff; 40].try_into().expect("inline")),
			enactment_moment: DispatchTime::After(0),
		}),
	)
	.expect("a malformed proposal is only bytes until it is enacted");
	dispatch(&mut chain, PROPOSER, RuntimeCall::Referenda(pallet_referenda::Call::place_decision_deposit { index }))
		.expect("deposit");
	vote(&mut chain, CONTRIBUTORS[0], index, true, 0).expect("first vote");
	// A second vote by the same account.
	assert_eq!(
		vote(&mut chain, CONTRIBUTORS[0], index, false, 0),
		Err(module_error(pallet_work_voting::Error::<Runtime>::AlreadyVoted))
	);
	vote(&mut chain, CONTRIBUTORS[1], index, true, 0).expect("vote");
	vote(&mut chain, CONTRIBUTORS[2], index, true, 0).expect("vote");
	let tasks_before = tasks(&mut chain);
	let dispatched = run(&mut chain, 14);
	assert!(is_approved(&mut chain, index));
	assert_eq!(tasks(&mut chain), tasks_before);
	assert!(dispatched.iter().all(|result| result.is_ok()), "only alarms ran: {dispatched:?}");
	// A vote on the closed referendum.
	assert_eq!(vote(&mut chain, CONTRIBUTORS[0], index, true, 0), Err(not_ongoing.clone()));
	// A vote that would lock more PAR than the account holds.
	let index = propose(&mut chain, governance(GovernanceOrigin::NetworkTasks), create_task_call());
	assert_eq!(
		vote(&mut chain, WHALE, index, true, 2_000_000 * PAR),
		Err(module_error(pallet_work_voting::Error::<Runtime>::InsufficientFunds))
	);
}

