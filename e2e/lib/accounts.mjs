// Keys: the well-known dev accounts and fresh random ones, with Paradigm's SS58 prefix.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';

import { SS58_PREFIX } from './config.mjs';

/** Names of the accounts endowed on `dev` and `local` (sr25519, `//Name` and `//Name//stash`). */
export const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/** A keyring (sr25519 by default) that shows addresses with the SS58 prefix 7272. */
export async function paradigmKeyring (type = 'sr25519') {
  await cryptoWaitReady();
  return new Keyring({ type, ss58Format: SS58_PREFIX });
}

/** { alice, bob, ..., aliceStash, ... }: keyring pairs of the dev accounts. */
export async function devAccounts () {
  const keyring = await paradigmKeyring();
  const accounts = {};
  for (const name of DEV_NAMES) {
    const key = name.toLowerCase();
    accounts[key] = keyring.addFromUri(`//${name}`, { name });
    accounts[`${key}Stash`] = keyring.addFromUri(`//${name}//stash`, { name: `${name} stash` });
  }
  return accounts;
}

/** A fresh random account (never seen on chain). */
export async function freshAccount (type = 'sr25519') {
  const keyring = await paradigmKeyring(type);
  return keyring.addFromMnemonic(mnemonicGenerate(), {}, type);
}
