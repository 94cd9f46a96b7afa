import type { Coin } from "../types/coins.js";
import { STABLECOIN_DENOM, STAKING_DENOM } from "../types/denoms.js";

/** XPRT's genesis supply: 100,000,000,000 XPRT in uxprt (6 decimals). */
export const XPRT_GENESIS_SUPPLY = 100_000_000_000n * 1_000_000n;

export interface GenesisAllocation {
  address: string;
  coins: Coin[];
}

/** A native asset of the chain, as its denom metadata, chain-registry entry and wallets name it. */
export interface NativeAsset {
  base: string;
  display: string;
  symbol: string;
  name: string;
  description: string;
  exponent: number;
}

export const XPRT_ASSET: NativeAsset = {
  base: STAKING_DENOM,
  display: "xprt",
  symbol: "XPRT",
  name: "Persistence XPRT",
  description: "The staking, governance and fee token of Persistence",
  exponent: 6,
};

export const USD_ASSET: NativeAsset = {
  base: STABLECOIN_DENOM,
  display: "usd",
  symbol: "USD",
  name: "US Dollar",
  description: "US dollar stablecoin",
  exponent: 6,
};

/** The Cosmos SDK's bank denom metadata for an asset, in its JSON form. */
function denomMetadata(asset: NativeAsset) {
  return {
    description: asset.description,
    denom_units: [
      { denom: asset.base, exponent: 0, aliases: [] },
      { denom: asset.display, exponent: asset.exponent, aliases: [] },
    ],
    base: asset.base,
    display: asset.display,
    name: asset.name,
    symbol: asset.symbol,
    uri: "",
    uri_hash: "",
  };
}

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
      denom_metadata: [XPRT_ASSET, USD_ASSET].map(denomMetadata),
      send_enabled: [],
    },
  };
}

