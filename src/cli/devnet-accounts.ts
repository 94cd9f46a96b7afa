import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { makeCosmoshubPath } from "@cosmjs/amino";
import { XPRT_GENESIS_SUPPLY, type GenesisAllocation } from "../app/genesis-state.js";
import { identityGenesis } from "../modules/identity/genesis.js";
import { STABLECOIN_DENOM, STAKING_DENOM } from "../types/denoms.js";
import { ACCOUNT_PREFIX } from "../types/address.js";

/**
 * The local devnet's well-known test mnemonic, as other chains' devnets publish theirs. Its keys
 * are public: never use them, or this mnemonic, on a real network.
 */
export const DEVNET_MNEMONIC =
  "alley pluck coffee they camp submit zoo miracle usage relief bicycle first popular suggest unit upper stool nothing ginger marriage advance master olympic name";

export const DEVNET_CHAIN_ID = "persistence-local-1";
/** How many accounts (HD indexes 0, 1, …) the devnet genesis funds. */
export const DEVNET_ACCOUNT_COUNT = 5;
/** A testnet's validator i is operated by the devnet mnemonic's account at this HD index + i. */
export const DEVNET_OPERATOR_INDEX = 100;
const XPRT = 1_000_000n;
/** Each devnet account but the first gets this much; the first holds the rest of the supply. */
const DEVNET_XPRT_EACH = 10_000_000n * XPRT;
const DEVNET_USD_EACH = 1_000_000n * XPRT;
/** Each validator operator's XPRT: its genesis self-delegation, fees and room to delegate more. */
export const DEVNET_OPERATOR_XPRT = 1_000_000n * XPRT;

/** The devnet accounts' wallet, derived at m/44'/118'/0'/0/i with the "persistence" prefix. */
export function devnetWallet(count = DEVNET_ACCOUNT_COUNT): Promise<DirectSecp256k1HdWallet> {
  return DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, {
    prefix: ACCOUNT_PREFIX,
    hdPaths: Array.from({ length: count }, (_, i) => makeCosmoshubPath(i)),
  });
}

/**
 * The wallet of a testnet's validator operators: validator i's at m/44'/118'/0'/0/(100 + i) of
 * the devnet mnemonic, so anyone can recover it (`persistence keys add node0 --recover --index 100`).
 */
export function devnetOperatorWallet(validators: number): Promise<DirectSecp256k1HdWallet> {
  return DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, {
    prefix: ACCOUNT_PREFIX,
    hdPaths: Array.from({ length: validators }, (_, i) => makeCosmoshubPath(DEVNET_OPERATOR_INDEX + i)),
  });
}

/**
 * Genesis allocations for addresses in order, then for validator operators (DEVNET_OPERATOR_XPRT
 * each, no stablecoin): the first address holds the remainder of the XPRT supply.
 */
export function devnetAllocations(addresses: readonly string[], operators: readonly string[] = []): GenesisAllocation[] {
  const rest = XPRT_GENESIS_SUPPLY - DEVNET_XPRT_EACH * BigInt(addresses.length - 1) - DEVNET_OPERATOR_XPRT * BigInt(operators.length);
  return [
    ...addresses.map((address, i) => ({
      address,
      coins: [
        { denom: STAKING_DENOM, amount: i === 0 ? rest : DEVNET_XPRT_EACH },
        { denom: STABLECOIN_DENOM, amount: DEVNET_USD_EACH },
      ],
    })),
    ...operators.map((address) => ({ address, coins: [{ denom: STAKING_DENOM, amount: DEVNET_OPERATOR_XPRT }] })),
  ];
}

/**
 * The devnet's compliance roles, so KYC-gated flows work out of the box: `validator` (index 0) is
 * the compliance authority (freezes, deny list), `carol` (3) an auditor and lending's registered
 * valuer, `dave` (4) the KYC provider; `alice` (1) and `bob` (2) are left for users to attest.
 */
export function devnetModuleGenesis(addresses: readonly string[]): Record<string, unknown> {
  const [authority, , , auditor, provider] = addresses;
  return {
    identity: identityGenesis({
      authorities: [{ address: authority!, name: "Devnet compliance authority" }],
      auditors: [{ address: auditor!, name: "Devnet auditor" }],
      providers: [{ address: provider!, name: "Devnet KYC provider" }],
    }),
    lending: { valuers: [{ address: auditor!, name: "Devnet valuer" }] },
  };
}
