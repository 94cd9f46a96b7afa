import { USD_ASSET as USD, XPRT_ASSET as XPRT, type NativeAsset as Asset } from "../app/genesis-state.js";
import { ACCOUNT_PREFIX } from "../types/address.js";

/**
 * What wallets and front ends need to know about a Persistence chain, in the formats they read:
 * the cosmos/chain-registry `chain.json` and `assetlist.json`, and the ChainInfo that Keplr's
 * `experimentalSuggestChain` takes. All three come from one input, so they always agree.
 */

export interface ChainRegistryInput {
  /** e.g. `persistence-local-1` */
  chainId: string;
  /** CometBFT RPC base URL, e.g. `http://127.0.0.1:26657`. */
  rpcAddress: string;
  /** Cosmos REST (LCD) base URL, e.g. `http://127.0.0.1:1317`. */
  restAddress: string;
  /** The node's minimum gas price, in uxprt per unit of gas. */
  minGasPrice: number;
}

export class InvalidChainRegistryInputError extends Error {
  override readonly name = "InvalidChainRegistryInputError";
}

const CHAIN_NAME = "persistencelocal";
const PRETTY_NAME = "Persistence Local";
const SLIP44_COIN_TYPE = 118;
/** CometBFT's limit on the length of a chain id. */
const MAX_CHAIN_ID_LENGTH = 50;


export interface ChainJson {
  $schema: string;
  chain_name: string;
  status: "live";
  network_type: "devnet";
  pretty_name: string;
  chain_type: "cosmos";
  chain_id: string;
  bech32_prefix: string;
  daemon_name: string;
  node_home: string;
  key_algos: ["secp256k1"];
  slip44: number;
  fees: {
    fee_tokens: {
      denom: string;
      fixed_min_gas_price: number;
      low_gas_price: number;
      average_gas_price: number;
      high_gas_price: number;
    }[];
  };
  staking: { staking_tokens: { denom: string }[] };
  apis: { rpc: { address: string }[]; rest: { address: string }[] };
}

export interface AssetList {
  $schema: string;
  chain_name: string;
  assets: {
    description: string;
    denom_units: { denom: string; exponent: number }[];
    type_asset: "sdk.coin";
    base: string;
    name: string;
    display: string;
    symbol: string;
  }[];
}

export interface KeplrCurrency {
  coinDenom: string;
  coinMinimalDenom: string;
  coinDecimals: number;
}

export interface KeplrChainInfo {
  rpc: string;
  rest: string;
  chainId: string;
  chainName: string;
  stakeCurrency: KeplrCurrency;
  bip44: { coinType: number };
  bech32Config: {
    bech32PrefixAccAddr: string;
    bech32PrefixAccPub: string;
    bech32PrefixValAddr: string;
    bech32PrefixValPub: string;
    bech32PrefixConsAddr: string;
    bech32PrefixConsPub: string;
  };
  currencies: KeplrCurrency[];
  feeCurrencies: (KeplrCurrency & { gasPriceStep: { low: number; average: number; high: number } })[];
  features: string[];
}

/**
 * The chain-registry `chain.json` of the chain.
 *
 * @example
 * buildChainJson({ chainId: "persistence-local-1", rpcAddress: "http://127.0.0.1:26657",
 *   restAddress: "http://127.0.0.1:1317", minGasPrice: 0.025 }).fees.fee_tokens[0].average_gas_price; // 0.05
 */
export function buildChainJson(input: ChainRegistryInput): ChainJson {
  validate(input);
  const prices = gasPrices(input.minGasPrice);
  return {
    $schema: "../chain.schema.json",
    chain_name: CHAIN_NAME,
    status: "live",
    network_type: "devnet",
    pretty_name: PRETTY_NAME,
    chain_type: "cosmos",
    chain_id: input.chainId,
    bech32_prefix: ACCOUNT_PREFIX,
    daemon_name: "persistence",
    node_home: "$HOME/.persistence",
    key_algos: ["secp256k1"],
    slip44: SLIP44_COIN_TYPE,
    fees: {
      fee_tokens: [
        {
          denom: XPRT.base,
          fixed_min_gas_price: input.minGasPrice,
          low_gas_price: prices.low,
          average_gas_price: prices.average,
          high_gas_price: prices.high,
        },
      ],
    },
    staking: { staking_tokens: [{ denom: XPRT.base }] },
    apis: { rpc: [{ address: input.rpcAddress }], rest: [{ address: input.restAddress }] },
  };
}

/** The chain-registry `assetlist.json`: XPRT and the dollar stablecoin. */
export function buildAssetList(): AssetList {
  return {
    $schema: "../assetlist.schema.json",
    chain_name: CHAIN_NAME,
    assets: [XPRT, USD].map((asset) => ({
      description: asset.description,
      denom_units: [
        { denom: asset.base, exponent: 0 },
        { denom: asset.display, exponent: asset.exponent },
      ],
      type_asset: "sdk.coin",
      base: asset.base,
      name: asset.name,
      display: asset.display,
      symbol: asset.symbol,
    })),
  };
}

/**
 * The ChainInfo for Keplr's `window.keplr.experimentalSuggestChain`.
 *
 * @example
 * await window.keplr.experimentalSuggestChain(buildKeplrChainInfo(input));
 */
export function buildKeplrChainInfo(input: ChainRegistryInput): KeplrChainInfo {
  validate(input);
  const xprt = keplrCurrency(XPRT);
  return {
    rpc: input.rpcAddress,
    rest: input.restAddress,
    chainId: input.chainId,
    chainName: PRETTY_NAME,
    stakeCurrency: xprt,
    bip44: { coinType: SLIP44_COIN_TYPE },
    bech32Config: {
      bech32PrefixAccAddr: ACCOUNT_PREFIX,
      bech32PrefixAccPub: `${ACCOUNT_PREFIX}pub`,
      bech32PrefixValAddr: `${ACCOUNT_PREFIX}valoper`,
      bech32PrefixValPub: `${ACCOUNT_PREFIX}valoperpub`,
      bech32PrefixConsAddr: `${ACCOUNT_PREFIX}valcons`,
      bech32PrefixConsPub: `${ACCOUNT_PREFIX}valconspub`,
    },
    currencies: [xprt, keplrCurrency(USD)],
    feeCurrencies: [{ ...xprt, gasPriceStep: gasPrices(input.minGasPrice) }],
    features: [],
  };
}

function keplrCurrency(asset: Asset): KeplrCurrency {
  return { coinDenom: asset.symbol, coinMinimalDenom: asset.base, coinDecimals: asset.exponent };
}

/** Fee levels from the node's minimum: low pays the minimum; doubling keeps the numbers exact. */
function gasPrices(minGasPrice: number): { low: number; average: number; high: number } {
  return { low: minGasPrice, average: minGasPrice * 2, high: minGasPrice * 4 };
}

function validate(input: ChainRegistryInput): void {
  if (input.chainId.length === 0 || input.chainId.length > MAX_CHAIN_ID_LENGTH) {
    const message = `chain id must be 1 to ${MAX_CHAIN_ID_LENGTH} characters: "${input.chainId}"`;
    throw new InvalidChainRegistryInputError(message);
  }
  for (const [name, address] of [
    ["rpcAddress", input.rpcAddress],
    ["restAddress", input.restAddress],
  ] as const) {
    if (!isHttpUrl(address)) throw new InvalidChainRegistryInputError(`${name} must be an http(s) URL: "${address}"`);
  }
  if (!Number.isFinite(input.minGasPrice) || input.minGasPrice < 0) {
    throw new InvalidChainRegistryInputError(`minGasPrice must be a finite number of at least 0: ${input.minGasPrice}`);
  }
}

function isHttpUrl(address: string): boolean {
  try {
    const { protocol } = new URL(address);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}
