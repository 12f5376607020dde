// The e2e library in one import.
export * from './accounts.mjs';
export * from './chain.mjs';
export * from './config.mjs';
export * from './network.mjs';
export * from './node.mjs';
export * from './ports.mjs';
export * from './rpc.mjs';
export * from './tx.mjs';
export * from './wait.mjs';
export * from './bench.mjs';
export * from './contributor.mjs';
export * from './registration.mjs';
export * from './commitment.mjs';
export * from './chain-spec.mjs';
export * from './governance.mjs';
