// Plain JSON-RPC over HTTP, without @polkadot/api: for readiness probes and for sending bytes that
// the api would refuse to encode (malformed or forged extrinsics).

/** A JSON-RPC error answered by the node, with its code, message and data. */
export class RpcError extends Error {
  constructor (method, error) {
    const data = error.data === undefined ? '' : `: ${typeof error.data === 'string' ? error.data : JSON.stringify(error.data)}`;
    super(`${method} failed with ${error.code}: ${error.message}${data}`);
    this.code = error.code;
    this.rpcMessage = error.message;
    this.data = error.data;
  }
}

let nextId = 1;

/** Calls `method` on the node's HTTP endpoint; resolves to `result` or throws RpcError. */
export async function rpcCall (httpUrl, method, params = [], { timeoutMs = 30_000 } = {}) {
  const response = await fetch(httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
    signal: AbortSignal.timeout(timeoutMs)
  });
  const body = await response.json();
  if (body.error) throw new RpcError(method, body.error);
  return body.result;
}

/** Sends many calls in one JSON-RPC batch; resolves to one {result}|{error} per call, in order. */
export async function rpcBatch (httpUrl, calls, { timeoutMs = 60_000 } = {}) {
  const first = nextId;
  nextId += calls.length;
  const response = await fetch(httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(calls.map(([method, params], i) => ({ jsonrpc: '2.0', id: first + i, method, params }))),
    signal: AbortSignal.timeout(timeoutMs)
  });
  const body = await response.json();
  if (!Array.isArray(body)) throw new RpcError('batch', body.error ?? { code: 0, message: JSON.stringify(body) });
  const byId = new Map(body.map((item) => [item.id, item]));
  return calls.map((_call, i) => byId.get(first + i) ?? { error: { code: 0, message: 'no response in batch' } });
}
