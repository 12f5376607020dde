//! Calls and extrinsics nobody should send: random bytes decoded as a call of any pallet, random
//! bytes and mutated extrinsics submitted as extrinsics, and a reveal whose location is longer
//! than its bound (it must not even decode).

use crate::{
	model::{bare, signed, Action},
	Fuzzer,
};
use codec::{Compact, DecodeLimit, Encode};
use pallet_useful_work::{
	self as useful_work,
	primitives::{ArtifactLocation, MaxLocationLen},
};
use paradigm_runtime::{RuntimeCall, UncheckedExtrinsic};
use polkadot_sdk::{
	frame_support::{traits::Get, MAX_EXTRINSIC_DEPTH},
	sp_core::H256,
};

impl Fuzzer {
	/// Random bytes decoded as a call of a random pallet, signed by anyone but the sudo key (root
	/// may rewrite any storage; no invariant holds against it) or sent unsigned.
	pub(crate) fn random_call(&mut self) -> Option<Action> {
		self.stats.random_calls += 1;
		let mut bytes = vec![self.rng.below(13) as u8, self.rng.below(24) as u8];
		let tail = self.rng.index(96);
		bytes.extend(self.rng.decodable_bytes(tail));
		let call = <RuntimeCall as DecodeLimit>::decode_with_depth_limit(
			MAX_EXTRINSIC_DEPTH,
			&mut &bytes[..],
		)
		.ok()?;
		self.stats.random_calls_decoded += 1;
		let label: String = format!("random call {call:?}").chars().take(160).collect();
		if self.rng.chance(15) {
			return Some(bare(call, format!("unsigned {label}")));
		}
		let others: Vec<usize> =
			(0..self.actors.len()).filter(|actor| Some(*actor) != self.sudo).collect();
		let signer = self.rng.one_of(&others);
		let label = format!("{} {label}", self.name(signer));
		Some(signed(signer, call, label))
	}

	/// Bytes submitted as an extrinsic: random, a mutation of a recent extrinsic, or a reveal
	/// whose location is longer than its bound.
	pub(crate) fn garbage(&mut self) -> Action {
		match self.rng.below(10) {
			0..=2 => {
				let len = self.rng.index(200);
				let mut bytes = Vec::new();
				if self.rng.chance(70) {
					bytes.extend(Compact(len as u32).encode());
				}
				bytes.extend(self.rng.bytes(len));
				Action::Raw { bytes, label: format!("{len} random bytes"), must_not_decode: false }
			},
			3 => {
				let call = self.oversized_reveal_call();
				let decoded = <RuntimeCall as DecodeLimit>::decode_with_depth_limit(
					MAX_EXTRINSIC_DEPTH,
					&mut &call[..],
				);
				self.check(decoded.is_err(), || {
					"a reveal with a location above its bound decoded as a call".into()
				});
				let preamble = UncheckedExtrinsic::new_bare(RuntimeCall::UsefulWork(
					useful_work::Call::leave_pool {},
				))
				.preamble
				.encode();
				let mut bytes = Compact((preamble.len() + call.len()) as u32).encode();
				bytes.extend(preamble);
				bytes.extend(call);
				Action::Raw {
					bytes,
					label: "unsigned reveal with an oversized location".into(),
					must_not_decode: true,
				}
			},
			_ => {
				let Some(original) =
					self.rng.pick(&(0..self.recent_encodings.len()).collect::<Vec<_>>())
				else {
					return Action::Raw {
						bytes: self.rng.bytes(8),
						label: "8 random bytes".into(),
						must_not_decode: false,
					};
				};
				let bytes = self.mutate(self.recent_encodings[original].clone());
				Action::Raw { bytes, label: "a mutated extrinsic".into(), must_not_decode: false }
			},
		}
	}

	/// The encoding of a reveal call whose location is longer than `MaxLocationLen`.
	fn oversized_reveal_call(&mut self) -> Vec<u8> {
		let reveal = |location: Vec<u8>| {
			RuntimeCall::UsefulWork(useful_work::Call::reveal {
				task: 0,
				artifact: H256::zero(),
				salt: [0; 32],
				size: 1,
				location: ArtifactLocation::truncate_from(location),
				claimed: 0,
			})
			.encode()
		};
		let empty = reveal(Vec::new());
		let one = reveal(vec![0xab]);
		let at = empty
			.iter()
			.zip(&one)
			.position(|(a, b)| a != b)
			.expect("the location's length prefix differs");
		let bound: u32 = MaxLocationLen::get();
		let len = bound + 1 + self.rng.below_u32(64);
		let mut bytes = empty[..at].to_vec();
		bytes.extend(Compact(len).encode());
		bytes.extend(self.rng.bytes(len as usize));
		bytes.extend(&empty[at + 1..]);
		bytes
	}

	fn mutate(&mut self, mut bytes: Vec<u8>) -> Vec<u8> {
		for _ in 0..1 + self.rng.below(3) {
			match self.rng.below(5) {
				0 if !bytes.is_empty() => {
					let at = self.rng.index(bytes.len());
					bytes[at] ^= 1u8 << self.rng.below(8);
				},
				1 if !bytes.is_empty() => {
					let at = self.rng.index(bytes.len());
					bytes[at] = self.rng.next_u64() as u8;
				},
				2 => {
					let at = self.rng.index(bytes.len() + 1);
					bytes.truncate(at);
				},
				3 => {
					let at = self.rng.index(bytes.len() + 1);
					let count = 1 + self.rng.index(8);
					let tail = bytes.split_off(at);
					bytes.extend(self.rng.bytes(count));
					bytes.extend(tail);
				},
				_ => {
					if bytes.len() > 1 {
						// The preamble byte: signed, bare, general, legacy or new version.
						bytes[1] = self.rng.one_of(&[0x04, 0x05, 0x84, 0x85, 0x45]);
					}
				},
			}
		}
		bytes
	}
}
