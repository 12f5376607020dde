// ink! v6 on pallet-revive (`--dev`): map Alice's account, deploy the `counter` contract, call
// `inc` in a transaction and read `get` with a dry run. Skipped when the contract artifacts are not
// built, unless PARADIGM_REQUIRE_CONTRACTS=1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';

import {
  Cleanup, PAR, contractsDir, findEvent, signAndSendOk, startDevChain
} from '../lib/index.mjs';

const CODE_PATH = path.join(contractsDir(), 'counter.polkavm');
const METADATA_PATH = path.join(contractsDir(), 'counter.json');
const REQUIRED = process.env.PARADIGM_REQUIRE_CONTRACTS === '1';
const missing = [CODE_PATH, METADATA_PATH].filter((p) => !fs.existsSync(p));
const skip = missing.length && !REQUIRED
  ? `contract artifacts missing (${missing.join(', ')}); build the contracts or set PARADIGM_REQUIRE_CONTRACTS=1 to fail instead`
  : false;

const INITIAL = 41;

/** ink! metadata helpers: selectors and argument types are read, never hard-coded. */
function loadMetadata () {
  const metadata = JSON.parse(fs.readFileSync(METADATA_PATH, 'utf8'));
  const spec = metadata.spec ?? metadata.V3?.spec;
  assert.ok(spec, `${METADATA_PATH} has no spec`);
  const types = new Map((metadata.types ?? []).map((t) => [t.id, t.type]));
  const primitiveOf = (typeSpec) => types.get(typeSpec.type)?.def?.primitive;
  const constructor = spec.constructors.find((c) => c.label === 'new');
  assert.ok(constructor, 'constructor `new` in metadata');
  assert.deepEqual(constructor.args.map((a) => primitiveOf(a.type)), ['u32'], 'new(initial: u32)');
  const message = (label) => {
    const m = spec.messages.find((x) => x.label === label);
    assert.ok(m, `message \`${label}\` in metadata`);
    assert.equal(m.args.length, 0, `${label} takes no arguments`);
    return m;
  };
  return { metadata, ctor: constructor, inc: message('inc'), get: message('get') };
}

function weightWithHeadroom (api, weight) {
  const max = api.consts.system.blockWeights.perClass.normal.maxExtrinsic.unwrap();
  const pad = (v, cap) => { const x = v.toBigInt() * 2n; return x < cap.toBigInt() ? x : cap.toBigInt(); };
  return { refTime: pad(weight.refTime, max.refTime), proofSize: pad(weight.proofSize, max.proofSize) };
}

describe('ink! counter contract on pallet-revive (--dev)', { timeout: 300_000, skip }, () => {
  const cleanup = new Cleanup();
  let api, alice, meta, code;

  before(async () => {
    if (missing.length) throw new Error(`PARADIGM_REQUIRE_CONTRACTS=1 but contract artifacts are missing: ${missing.join(', ')}`);
    meta = loadMetadata();
    code = fs.readFileSync(CODE_PATH);
    ({ api, accounts: { alice } } = await startDevChain(cleanup, 'contract'));
  });
  after(() => cleanup.run());

  let contract;

  it('maps Alice and deploys counter with instantiateWithCode', async () => {
    await signAndSendOk(api, api.tx.revive.mapAccount(), alice);

    const args = api.tx.revive.instantiateWithCode.meta.args.map((a) => a.name.toString());
    assert.deepEqual(args, ['value', 'gasLimit', 'storageDepositLimit', 'code', 'data', 'salt'],
      `revive.instantiateWithCode(${args.join(', ')})`);

    const data = u8aConcat(hexToU8a(meta.ctor.selector), api.createType('u32', INITIAL).toU8a());
    // Dry run first: it reports the weight and deposit the real call needs (and any error).
    const dry = await api.call.reviveApi.instantiate(alice.address, 0, null, null, { Upload: u8aToHex(code) }, u8aToHex(data), null);
    assert.ok(dry.result.isOk, `dry-run instantiate failed: ${JSON.stringify(dry.result.toHuman())}`);
    assert.ok(!dry.result.asOk.result.flags.bits.toNumber(), `constructor reverted: ${dry.result.asOk.result.data.toHex()}`);

    const r = await signAndSendOk(api, api.tx.revive.instantiateWithCode(
      0, weightWithHeadroom(api, dry.gasRequired), 100n * PAR, u8aToHex(code), u8aToHex(data), null), alice, { until: 'finalized' });
    const instantiated = findEvent(r.events, 'revive', 'Instantiated');
    assert.ok(instantiated, `revive.Instantiated event in ${r.events.map(({ event }) => `${event.section}.${event.method}`).join(', ')}`);
    contract = instantiated.data.contract.toHex();
    assert.match(contract, /^0x[0-9a-f]{40}$/);
    assert.equal(contract, dry.result.asOk.addr.toHex(), 'deployed at the address the dry run predicted');
  });

  async function readCounter () {
    const res = await api.call.reviveApi.call(alice.address, contract, 0, null, null, meta.get.selector);
    assert.ok(res.result.isOk, `get failed: ${JSON.stringify(res.result.toHuman())}`);
    const { flags, data } = res.result.asOk;
    assert.equal(flags.bits.toNumber(), 0, "get did not revert");
    const bytes = data.toU8a(true);
    // ink! wraps message results in Result<T, LangError>: 0x00 (Ok) then the u32, little endian.
    assert.equal(bytes.length, 5, `get returned ${u8aToHex(bytes)}`);
    assert.equal(bytes[0], 0, `get returned Err(LangError): ${u8aToHex(bytes)}`);
    return api.createType('u32', bytes.subarray(1)).toNumber();
  }

  it('reads the initial value with a dry-run call of get', async () => {
    assert.ok(contract, 'contract deployed');
    assert.equal(await readCounter(), INITIAL);
  });

  it('increments with revive.call(inc) and reads initial + 1', async () => {
    assert.ok(contract, 'contract deployed');
    const dry = await api.call.reviveApi.call(alice.address, contract, 0, null, null, meta.inc.selector);
    assert.ok(dry.result.isOk, `dry-run inc failed: ${JSON.stringify(dry.result.toHuman())}`);
    await signAndSendOk(api, api.tx.revive.call(contract, 0, weightWithHeadroom(api, dry.gasRequired), 10n * PAR, meta.inc.selector), alice, { until: 'finalized' });
    assert.equal(await readCounter(), INITIAL + 1);
  });
});
