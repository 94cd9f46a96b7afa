import type { Coin } from "../types/coins.js";

/** XPRT's genesis supply: 100,000,000,000 XPRT in uxprt (6 decimals). */
export const XPRT_GENESIS_SUPPLY = 100_000_000_000n * 1_000_000n;
export const STAKING_DENOM = "uxprt";
export const STABLECOIN_DENOM = "uusd";

export interface GenesisAllocation {
  address: string;
  coins: Coin[];
}

const DENOM_METADATA = [
  {
    description: "The staking, governance and fee token of Persistence",
    denom_units: [
      { denom: "uxprt", exponent: 0, aliases: ["microxprt"] },
      { denom: "xprt", exponent: 6, aliases: [] },
    ],
    base: "uxprt",
    display: "xprt",
    name: "Persistence XPRT",
    symbol: "XPRT",
    uri: "",
    uri_hash: "",
  },
  {
    description: "US dollar stablecoin",
    denom_units: [
      { denom: "uusd", exponent: 0, aliases: ["microusd"] },
      { denom: "usd", exponent: 6, aliases: [] },
    ],
    base: "uusd",
    display: "usd",
    name: "US Dollar",
    symbol: "USD",
    uri: "",
    uri_hash: "",
  },
];

/**
 * The app_state of a new chain in the Cosmos SDK's JSON: an account and balance for each
 * allocation, and denom metadata. The allocations must hold exactly the XPRT genesis supply.
 */
export function buildAppState(allocations: readonly GenesisAllocation[]): Record<string, unknown> {
  const xprt = allocations.reduce((sum, a) => sum + (a.coins.find((c) => c.denom === STAKING_DENOM)?.amount ?? 0n), 0n);
  if (xprt !== XPRT_GENESIS_SUPPLY) {
    throw new Error(`genesis allocations hold ${xprt}${STAKING_DENOM}; the genesis supply is exactly ${XPRT_GENESIS_SUPPLY}${STAKING_DENOM}`);
  }
  return {
    auth: {
      accounts: allocations.map((a, i) => ({
        "@type": "/cosmos.auth.v1beta1.BaseAccount",
        address: a.address,
        pub_key: null,
        account_number: String(i),
        sequence: "0",
      })),
    },
    bank: {
      params: { send_enabled: [], default_send_enabled: true },
      balances: allocations.map((a) => ({
        address: a.address,
        coins: [...a.coins].sort((x, y) => (x.denom < y.denom ? -1 : 1)).map((c) => ({ denom: c.denom, amount: c.amount.toString() })),
      })),
      supply: [],
      denom_metadata: DENOM_METADATA,
      send_enabled: [],
    },
  };
}

