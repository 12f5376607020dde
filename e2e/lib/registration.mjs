// Registering contributors with the useful-work pallet: the ticket the node hands out
// (`usefulWork_registrationPayload`), the proof of work over it, the signature, and the unsigned
// `usefulWork.register(who, anchor, nonce, signature)`.
//
// payload = "paradigm:useful-work:register:" ++ account (32 bytes) ++ anchor (u64 LE) ++ anchor hash
// work    = blake2_256("paradigm:useful-work:register-work:" ++ payload ++ nonce (u64 LE)), which
//           needs at least `difficulty` leading zero bits (first byte's high bit first).
// The chain rebuilds the payload from `who`, `anchor` and its own hash of block `anchor`; the
// payload itself is not part of the call.
import { hexToU8a, stringToU8a, u8aConcat, u8aEq, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';

import { waitForFinalized } from './chain.mjs';
import { rpcCall } from './rpc.mjs';
import { customRefusal, sendUnsignedOk } from './tx.mjs';

/** Domain separator of the signed registration payload. */
export const REGISTRATION_CONTEXT = stringToU8a('paradigm:useful-work:register:');
/** Domain separator of the registration proof of work. */
export const REGISTRATION_WORK_CONTEXT = stringToU8a('paradigm:useful-work:register-work:');
/** context ++ account (32) ++ anchor (8) ++ anchor hash (32). */
export const REGISTRATION_PAYLOAD_LENGTH = REGISTRATION_CONTEXT.length + 32 + 8 + 32;
/** The pallet's MAX_REGISTRATION_DIFFICULTY. */
export const MAX_REGISTRATION_DIFFICULTY = 64;
/** More bits than this would take a JavaScript loop minutes: solveRegistrationWork refuses. */
export const MAX_SOLVABLE_DIFFICULTY = 26;

/** Pool refusals after which `register` asks for a fresh ticket and tries again. */
const STALE_TICKET = new Set(['RegistrationWorkTooLow', 'BadRegistrationAnchor']);

/** Public key-type names of MultiSignature, by keyring pair type. */
const SIGNATURE_KIND = { sr25519: 'Sr25519', ed25519: 'Ed25519', ecdsa: 'Ecdsa' };

/** `n` (number, bigint or decimal string) as a u64, little endian. */
export function u64Le (n) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  return out;
}

/** The 32 account bytes of an SS58 address (any prefix) or of a Uint8Array / hex account id. */
function accountBytes (account) {
  const bytes = typeof account === 'string' && !account.startsWith('0x') ? decodeAddress(account) : hexOrBytes(account);
  if (bytes.length !== 32) throw new Error(`an account id has 32 bytes, not ${bytes.length}`);
  return bytes;
}

function hexOrBytes (value) {
  return typeof value === 'string' ? hexToU8a(value) : value;
}

/**
 * The registration payload of `account` anchored at block `anchor` whose hash is `anchorHash`
 * (hex or bytes): what the chain rebuilds and checks. Tests use it to forge payloads.
 */
export function registrationPayload (account, anchor, anchorHash) {
  const hash = hexOrBytes(anchorHash);
  if (hash.length !== 32) throw new Error(`an anchor hash has 32 bytes, not ${hash.length}`);
  return u8aConcat(REGISTRATION_CONTEXT, accountBytes(account), u64Le(anchor), hash);
}

/** Splits a payload into { account (bytes), anchor (number), anchorHash (hex) }; throws if malformed. */
export function parseRegistrationPayload (payload) {
  if (payload.length !== REGISTRATION_PAYLOAD_LENGTH) {
    throw new Error(`a registration payload has ${REGISTRATION_PAYLOAD_LENGTH} bytes, not ${payload.length}`);
  }
  const context = payload.subarray(0, REGISTRATION_CONTEXT.length);
  if (!u8aEq(context, REGISTRATION_CONTEXT)) {
    throw new Error(`the registration payload does not start with "paradigm:useful-work:register:" (${u8aToHex(context)})`);
  }
  let at = REGISTRATION_CONTEXT.length;
  const account = payload.slice(at, at + 32);
  at += 32;
  const anchor = new DataView(payload.buffer, payload.byteOffset + at, 8).getBigUint64(0, true);
  at += 8;
  if (anchor > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`registration anchor ${anchor} is not a block number`);
  return { account, anchor: Number(anchor), anchorHash: u8aToHex(payload.slice(at, at + 32)) };
}

/**
 * Asks the node at `url` (HTTP JSON-RPC) for `address`'s registration ticket and checks its form.
 * Resolves with { payload (Uint8Array), payloadHex, anchor, anchorHash (hex), difficulty }.
 */
export async function registrationTicket (url, address) {
  await cryptoWaitReady();
  const ticket = await rpcCall(url, 'usefulWork_registrationPayload', [address]);
  if (!ticket || typeof ticket.payload !== 'string' || !Number.isSafeInteger(ticket.anchor) || !Number.isSafeInteger(ticket.difficulty)) {
    throw new Error(`usefulWork_registrationPayload(${address}) answered ${JSON.stringify(ticket)}, not { payload, anchor, difficulty }`);
  }
  const payload = hexToU8a(ticket.payload);
  const parsed = parseRegistrationPayload(payload);
  if (!u8aEq(parsed.account, accountBytes(address))) {
    throw new Error(`the registration payload names account ${u8aToHex(parsed.account)}, not ${address}`);
  }
  if (parsed.anchor !== ticket.anchor) {
    throw new Error(`the registration payload names anchor #${parsed.anchor}, the ticket #${ticket.anchor}`);
  }
  return { payload, payloadHex: ticket.payload, anchor: ticket.anchor, anchorHash: parsed.anchorHash, difficulty: ticket.difficulty };
}

/** Leading zero bits of `hash` (bytes) read as a big-endian number. */
export function leadingZeroBits (hash) {
  let bits = 0;
  for (const byte of hash) {
    if (byte !== 0) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
}

/** The proof-of-work hash of `payload` (bytes) with `nonce`. */
export function registrationWork (payload, nonce) {
  return blake2AsU8a(u8aConcat(REGISTRATION_WORK_CONTEXT, hexOrBytes(payload), u64Le(nonce)), 256);
}

/** Whether `nonce` gives `payload` at least `difficulty` leading zero bits. */
export function meetsRegistrationDifficulty (payload, nonce, difficulty) {
  return leadingZeroBits(registrationWork(payload, nonce)) >= difficulty;
}

/**
 * The smallest nonce >= `start` whose work over `payload` (bytes) has at least `difficulty`
 * leading zero bits: on average 2^difficulty hashes (a dev chain asks for a few thousand to a
 * few tens of thousands). Returns a number (a u64 that `register` accepts as is). Faster once
 * cryptoWaitReady() resolved (WASM blake2); registrationTicket waits for it.
 */
export function solveRegistrationWork (payload, difficulty, { start = 0 } = {}) {
  payload = hexOrBytes(payload);
  if (!Number.isInteger(difficulty) || difficulty < 0) throw new Error(`bad registration difficulty ${difficulty}`);
  if (difficulty > MAX_SOLVABLE_DIFFICULTY) {
    throw new Error(`a registration proof of work of ${difficulty} bits is more than a test solves (at most ${MAX_SOLVABLE_DIFFICULTY})`);
  }
  const offset = REGISTRATION_WORK_CONTEXT.length + payload.length;
  const preimage = new Uint8Array(offset + 8);
  preimage.set(REGISTRATION_WORK_CONTEXT, 0);
  preimage.set(payload, REGISTRATION_WORK_CONTEXT.length);
  const nonceBytes = new DataView(preimage.buffer, offset, 8);
  for (let nonce = start; nonce <= Number.MAX_SAFE_INTEGER; nonce++) {
    nonceBytes.setUint32(0, nonce >>> 0, true);
    nonceBytes.setUint32(4, Math.floor(nonce / 0x1_0000_0000), true);
    if (leadingZeroBits(blake2AsU8a(preimage, 256)) >= difficulty) return nonce;
  }
  throw new Error('no registration nonce below 2^53');
}

/**
 * Leading zero bits the pool asks for now: what Pallet::registration_difficulty gives at the block
 * after the best one (base difficulty plus one bit per RegistrationsPerDifficultyBit registrations
 * already made in that block's epoch). The ticket's difficulty is read at the (finalized) anchor and
 * can be lower right after other registrations; tests that need the work to pass take the larger.
 */
export async function registrationDifficulty (api) {
  const header = await api.rpc.chain.getHeader();
  const at = await api.at(header.hash);
  const base = api.consts.usefulWork.baseRegistrationDifficulty.toNumber();
  const perBit = Math.max(1, api.consts.usefulWork.registrationsPerDifficultyBit.toNumber());
  const [epochBlocks, [epoch, count]] = await Promise.all([
    at.query.usefulWork.epochBlocks(),
    at.query.usefulWork.registrationsInEpoch()
  ]);
  const currentEpoch = Math.floor((header.number.toNumber() + 1) / epochBlocks.toNumber());
  const made = epoch.toNumber() === currentEpoch ? count.toNumber() : 0;
  return Math.min(MAX_REGISTRATION_DIFFICULTY, base + Math.floor(made / perBit));
}

/** `pair`'s signature of `payload` as the call's MultiSignature: { Sr25519: '0x…' } for sr25519. */
export function registrationSignature (pair, payload) {
  const kind = SIGNATURE_KIND[pair.type];
  if (!kind) throw new Error(`cannot register with a ${pair.type} key`);
  return { [kind]: u8aToHex(pair.sign(hexOrBytes(payload))) };
}

/**
 * Registers `pair` (a keyring pair; sr25519 normally) through the node at `url` (its HTTP JSON-RPC
 * address) and `api`: ticket, proof of work, signature, unsigned `usefulWork.register`, included
 * in a block. If the pool answers RegistrationWorkTooLow or BadRegistrationAnchor (the difficulty
 * rose or the anchor aged between ticket and submission), or drops the registration as invalid
 * after accepting it, waits for a newer finalized block and tries again with a fresh ticket, at most
 * `attempts` times in all. Any other refusal is thrown at once.
 * Resolves with { blockHash, events, ticket, nonce, signature, attempts }.
 */
export async function register (api, url, pair, { attempts = 3, timeoutMs = 60_000 } = {}) {
  const label = `usefulWork.register(${pair.address})`;
  let lastError;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const ticket = await registrationTicket(url, pair.address);
    const nonce = solveRegistrationWork(ticket.payload, ticket.difficulty);
    const signature = registrationSignature(pair, ticket.payload);
    const tx = api.tx.usefulWork.register(pair.address, ticket.anchor, nonce, signature);
    try {
      const included = await sendUnsignedOk(api, tx, { timeoutMs, label });
      return { ...included, ticket, nonce, signature, attempts: attempt };
    } catch (e) {
      const refusal = customRefusal(api, e);
      const stale = STALE_TICKET.has(refusal?.name) || /transaction Invalid in the pool/.test(e.message ?? '');
      if (!stale) throw e;
      lastError = e;
      if (attempt < attempts) await waitForFinalized(api, ticket.anchor + 1, { timeoutMs: 30_000 });
    }
  }
  throw new Error(`${label} was refused ${attempts} times; last: ${lastError.message}`);
}
