// The commitment a trainer publishes before it reveals, as the chain computes it
// (`useful_work_primitives::commitment_hash`): blake2_256 of the SCALE encoding of
// (artifact, account, salt); all three are 32 bytes, so the encoding is their concatenation.
// `pallets/useful-work/primitives/test-vectors/commitment.json` pins the value that this helper,
// the pallet and the contributor must all compute.
import { blake2AsU8a } from '@polkadot/util-crypto';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';

const asBytes = (value) => (typeof value === 'string' ? hexToU8a(value) : value);

export function commitmentHash (artifact, account, salt) {
  const parts = [artifact, account, salt].map(asBytes);
  for (const part of parts) {
    if (part.length !== 32) throw new Error(`a commitment takes 32-byte values, got ${part.length} bytes`);
  }
  return u8aToHex(blake2AsU8a(u8aConcat(...parts), 256));
}
