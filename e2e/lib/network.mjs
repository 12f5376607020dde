// Multi-node networks on one machine: fixed node keys (so peer ids are known before start),
// validators wired together by --bootnodes.
import { base58Encode, ed25519PairFromSeed } from '@polkadot/util-crypto';
import { hexToU8a, u8aConcat } from '@polkadot/util';

import { devAccounts } from './accounts.mjs';
import { connectApi, waitForPeers } from './chain.mjs';
import { startNode } from './node.mjs';

/** A fixed libp2p node key (ed25519 secret, 64 hex chars) for the n-th node of a test network. */
export function fixedNodeKey (n) {
  return (BigInt(n) + 1n).toString(16).padStart(64, '0');
}

/**
 * The libp2p peer id of an ed25519 node key: base58btc(identity multihash of the protobuf-encoded
 * public key), i.e. what the node logs as "Local node identity is: 12D3KooW...".
 */
export function peerIdFromNodeKey (nodeKeyHex) {
  const { publicKey } = ed25519PairFromSeed(hexToU8a(`0x${nodeKeyHex.replace(/^0x/, '')}`));
  const protobuf = u8aConcat(new Uint8Array([0x08, 0x01, 0x12, 0x20]), publicKey); // KeyType=Ed25519, Data=32 bytes
  const multihash = u8aConcat(new Uint8Array([0x00, protobuf.length]), protobuf); // identity hash
  return base58Encode(multihash);
}

/**
 * Starts one validator per name in `validators` ('alice', 'bob', ...) on `chain`, each with a fixed
 * node key and the others as bootnodes, and waits until every validator has a peer (within
 * `peerTimeoutMs`). Returns { nodes, byName, bootnodes, stop() }. Does not wait for blocks.
 */
export async function startValidatorNetwork ({ chain = 'local', validators = ['alice', 'bob'], namePrefix = '', extraArgs = [], logFilter, peerTimeoutMs = 60_000 } = {}) {
  const keys = validators.map((_v, i) => fixedNodeKey(i));
  const nodes = [];
  const network = {
    nodes,
    byName: {},
    /** Multiaddrs of all validators, for a node that joins later. */
    get bootnodes () { return nodes.map((n) => n.multiaddr); },
    async stop () {
      const results = await Promise.allSettled(nodes.map((n) => n.stop()));
      const failed = results.filter((r) => r.status === 'rejected');
      if (failed.length) throw new AggregateError(failed.map((r) => r.reason), 'stopping the network failed');
    }
  };
  try {
    // Sequential start: each node learns the p2p ports of those already running. Nodes started
    // earlier reach later ones as soon as the later ones dial them.
    for (const [i, validator] of validators.entries()) {
      const bootnodes = nodes.map((n) => n.multiaddr);
      const node = await startNode({
        name: `${namePrefix}${validator}`,
        chain,
        validator,
        nodeKey: keys[i],
        bootnodes,
        extraArgs,
        logFilter
      });
      const expected = peerIdFromNodeKey(keys[i]);
      if (node.peerId !== expected) {
        throw new Error(`${node.name}: node key ${keys[i]} gave peer id ${node.peerId}, expected ${expected}`);
      }
      nodes.push(node);
      network.byName[validator] = node;
    }
    await Promise.all(nodes.map((n) => waitForPeers(n, 1, { timeoutMs: peerTimeoutMs })));
  } catch (e) {
    await network.stop().catch(() => {});
    throw e;
  }
  return network;
}

/**
 * Starts a `--dev` node named `name` and connects an API to it; both are registered with
 * `cleanup` (a Cleanup). Returns { node, api, accounts } with the well-known dev accounts.
 */
export async function startDevChain (cleanup, name) {
  const node = cleanup.track(await startNode({ name, dev: true }));
  const api = cleanup.track(await connectApi(node.wsUrl));
  return { node, api, accounts: await devAccounts() };
}
