//! Verifies Aura blocks against the authorities the runtime names at their parent.
//!
//! Why not `sc_consensus_aura::import_queue`: since stable2509 its verifier caches authorities in
//! an `AuthoritiesTracker` that learns of a change only from the `AuthoritiesChange` digest of
//! blocks it verifies, i.e. blocks from the network. The node that authored the block carrying
//! the change (a session that admits or removes a validator) never verifies its own block, keeps
//! the old set, and from then on rejects every block of the new set as "bad signature": the
//! network forks at the first governance change of the validator set (seen in
//! `e2e/tests/governance.test.mjs`). Paradigm's validator set changes at runtime, so this verifier
//! asks the runtime at the parent block, as Aura's verifier did before the tracker; blocks
//! imported without execution (state and gap sync after a warp sync) are passed through unchecked,
//! exactly as upstream does, since their chain was chosen by GRANDPA finality proofs.

use std::sync::Arc;

use paradigm_runtime::opaque::Block;
use polkadot_sdk::{
	sc_client_api::{backend::AuxStore, HeaderBackend},
	sc_consensus::{
		block_import::{BlockImportParams, ForkChoiceStrategy},
		import_queue::Verifier,
	},
	sc_consensus_aura::standalone::{check_header_slot_and_seal, fetch_authorities, slot_author, SealVerificationError},
	sc_consensus_slots::{check_equivocation, InherentDataProviderExt},
	sp_api::{ApiExt, ProvideRuntimeApi},
	sp_block_builder::BlockBuilder as BlockBuilderApi,
	sp_consensus_aura::{inherents::AuraInherentData, sr25519::AuthorityPair as AuraPair, AuraApi},
	sp_inherents::{CreateInherentDataProviders, InherentDataProvider as _},
	sp_runtime::traits::{Block as BlockT, Header as _},
};

/// The Aura verifier of Paradigm's import queue.
pub(crate) struct RuntimeAuthoritiesVerifier<C, CIDP> {
	client: Arc<C>,
	create_inherent_data_providers: CIDP,
}

impl<C, CIDP> RuntimeAuthoritiesVerifier<C, CIDP> {
	pub(crate) fn new(client: Arc<C>, create_inherent_data_providers: CIDP) -> Self {
		Self { client, create_inherent_data_providers }
	}
}

type AuraId = polkadot_sdk::sp_consensus_aura::sr25519::AuthorityId;

#[async_trait::async_trait]
impl<C, CIDP> Verifier<Block> for RuntimeAuthoritiesVerifier<C, CIDP>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + AuxStore + Send + Sync + 'static,
	C::Api: BlockBuilderApi<Block> + AuraApi<Block, AuraId> + ApiExt<Block>,
	CIDP: CreateInherentDataProviders<Block, ()> + Send + Sync,
	CIDP::InherentDataProviders: InherentDataProviderExt + Send + Sync,
{
	async fn verify(&self, mut block: BlockImportParams<Block>) -> Result<BlockImportParams<Block>, String> {
		// As upstream: blocks imported without execution (state sync, gap sync behind a warp
		// sync) were chosen by finality proofs and cannot be checked against state.
		if block.with_state() || block.state_action.skip_execution_checks() {
			block.fork_choice = Some(ForkChoiceStrategy::Custom(block.with_state()));
			return Ok(block);
		}

		let hash = block.header.hash();
		let parent_hash = *block.header.parent_hash();
		let authorities = fetch_authorities(&*self.client, parent_hash)
			.map_err(|e| format!("could not fetch the Aura authorities at {parent_hash:?}: {e}"))?;

		let providers = self
			.create_inherent_data_providers
			.create_inherent_data_providers(parent_hash, ())
			.await
			.map_err(|e| format!("could not create inherent data providers: {e}"))?;
		let mut inherent_data =
			providers.create_inherent_data().await.map_err(|e| format!("could not create inherent data: {e}"))?;
		// One slot of drift allowed, as upstream.
		let slot_now = providers.slot() + 1;

		let (pre_header, slot, seal) =
			match check_header_slot_and_seal::<Block, AuraPair>(slot_now, block.header.clone(), &authorities) {
				Ok(checked) => checked,
				Err(SealVerificationError::Deferred(..)) =>
					return Err(format!("header {hash:?} rejected: too far in the future")),
				Err(SealVerificationError::Unsealed) => return Err(format!("header {hash:?} is unsealed")),
				Err(SealVerificationError::BadSeal) => return Err(format!("header {hash:?} has a bad seal")),
				Err(SealVerificationError::BadSignature) => return Err(format!("bad signature on {hash:?}")),
				Err(SealVerificationError::SlotAuthorNotFound) =>
					return Err(format!("no Aura authority for the slot of {hash:?}")),
				Err(SealVerificationError::InvalidPreDigest(e)) =>
					return Err(format!("header {hash:?} has an invalid pre-digest: {e}")),
			};
		if let Some(expected) = slot_author::<AuraPair>(slot, &authorities) {
			if let Some(proof) = check_equivocation(&*self.client, slot_now, slot, &pre_header, expected)
				.map_err(|e| format!("equivocation check failed: {e}"))?
			{
				log::info!(
					target: "aura",
					"slot author is equivocating at slot {slot} with headers {:?} and {:?}",
					proof.first_header.hash(),
					proof.second_header.hash(),
				);
			}
		}

		// The timestamp inherent must match the slot in the seal.
		if let Some(body) = block.body.take() {
			let checked_block = Block::new(pre_header.clone(), body);
			inherent_data.aura_replace_inherent_data(slot);
			if self
				.client
				.runtime_api()
				.has_api_with::<dyn BlockBuilderApi<Block>, _>(parent_hash, |version| version >= 2)
				.map_err(|e| e.to_string())?
			{
				polkadot_sdk::sp_block_builder::check_inherents_with_data(
					self.client.clone(),
					parent_hash,
					checked_block.clone(),
					&providers,
					inherent_data,
				)
				.await
				.map_err(|e| format!("error checking block inherents: {e:?}"))?;
			}
			let (_, body) = checked_block.deconstruct();
			block.body = Some(body);
		}

		block.header = pre_header;
		block.post_digests.push(seal);
		block.fork_choice = Some(ForkChoiceStrategy::LongestChain);
		block.post_hash = Some(hash);
		Ok(block)
	}
}
