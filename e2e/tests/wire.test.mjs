// The e2e helpers speak the chain's wire: the commitment helper computes the value pinned by the
// shared test vector that the pallet's and the contributor's Rust tests check too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { commitmentHash } from '../lib/index.mjs';

const vector = JSON.parse(readFileSync(
  new URL('../../pallets/useful-work/primitives/test-vectors/commitment.json', import.meta.url), 'utf8'));

describe('the wire helpers', () => {
  it('compute the shared commitment test vector', () => {
    assert.equal(commitmentHash(vector.artifact, vector.account, vector.salt), vector.commitment);
  });

  it('refuse values that are not 32 bytes', () => {
    assert.throws(() => commitmentHash('0x01', vector.account, vector.salt), /32-byte/);
  });
});
