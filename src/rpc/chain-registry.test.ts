import { describe, expect, it } from "vitest";
import {
  buildAssetList,
  buildChainJson,
  buildKeplrChainInfo,
  InvalidChainRegistryInputError,
  type ChainRegistryInput,
} from "./chain-registry.js";

const input: ChainRegistryInput = {
  chainId: "persistence-local-1",
  rpcAddress: "http://127.0.0.1:26657",
  restAddress: "http://127.0.0.1:1317",
  minGasPrice: 0.025,
};

function expectOnlyKeys(object: object, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(object)) expect(allowed, `${where}.${key}`).toContain(key);
}

function expectNonEmptyStrings(value: unknown, where: string): void {
  if (typeof value === "string") expect(value.length, where).toBeGreaterThan(0);
  else if (Array.isArray(value)) value.forEach((item, index) => expectNonEmptyStrings(item, `${where}[${index}]`));
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) expectNonEmptyStrings(item, `${where}.${key}`);
  }
}

describe("chain.json", () => {
  const chain = buildChainJson(input);

  it("describes the local devnet", () => {
    expect(chain).toEqual({
      $schema: "../chain.schema.json",
      chain_name: "persistencelocal",
      status: "live",
      network_type: "devnet",
      pretty_name: "Persistence Local",
      chain_type: "cosmos",
      chain_id: "persistence-local-1",
      bech32_prefix: "persistence",
      daemon_name: "persistence",
      node_home: "$HOME/.persistence",
      key_algos: ["secp256k1"],
      slip44: 118,
      fees: {
        fee_tokens: [
          { denom: "uxprt", fixed_min_gas_price: 0.025, low_gas_price: 0.025, average_gas_price: 0.05, high_gas_price: 0.1 },
        ],
      },
      staking: { staking_tokens: [{ denom: "uxprt" }] },
      apis: { rpc: [{ address: "http://127.0.0.1:26657" }], rest: [{ address: "http://127.0.0.1:1317" }] },
    });
  });

  // The rules of cosmos/chain-registry's chain.schema.json that apply to these fields.
  it("follows the chain-registry schema", () => {
    for (const key of ["$schema", "chain_name", "chain_type", "status", "bech32_prefix", "chain_id"]) {
      expect(chain, key).toHaveProperty(key);
    }
    expectOnlyKeys(chain, [
      "$schema", "chain_name", "chain_type", "chain_id", "pre_fork_chain_name", "pretty_name", "website", "status",
      "network_type", "bech32_prefix", "bech32_config", "daemon_name", "node_home", "key_algos", "slip44",
      "alternative_slip44s", "fees", "staking", "codebase", "images", "logo_URIs", "description", "peers", "apis",
      "snapshots", "explorers", "keywords", "extra_codecs",
    ], "chain");
    expectNonEmptyStrings(chain, "chain");
    expect(chain.$schema).toMatch(/^(\.\.\/)+chain\.schema\.json$/);
    expect(chain.chain_name).toMatch(/^[a-z0-9]+$/);
    expect(["live", "upcoming", "killed"]).toContain(chain.status);
    expect(["mainnet", "testnet", "devnet"]).toContain(chain.network_type);
    for (const algo of chain.key_algos) expect(["secp256k1", "ethsecp256k1", "ed25519", "sr25519", "bn254"]).toContain(algo);
    expect(typeof chain.slip44).toBe("number");
    expectOnlyKeys(chain.fees, ["fee_tokens"], "fees");
    for (const token of chain.fees.fee_tokens) {
      expectOnlyKeys(token, ["denom", "fixed_min_gas_price", "low_gas_price", "average_gas_price", "high_gas_price", "gas_costs"], "fee_token");
      for (const price of [token.fixed_min_gas_price, token.low_gas_price, token.average_gas_price, token.high_gas_price]) {
        expect(typeof price).toBe("number");
      }
    }
    expectOnlyKeys(chain.staking, ["staking_tokens", "lock_duration"], "staking");
    for (const token of chain.staking.staking_tokens) expectOnlyKeys(token, ["denom"], "staking_token");
    expectOnlyKeys(chain.apis, ["rpc", "rest", "grpc", "wss", "grpc-web", "evm-http-jsonrpc"], "apis");
    for (const endpoint of [...chain.apis.rpc, ...chain.apis.rest]) {
      expectOnlyKeys(endpoint, ["address", "provider", "archive"], "endpoint");
    }
  });
});

describe("assetlist.json", () => {
  const assetList = buildAssetList();

  it("lists XPRT and the dollar stablecoin, both with 6 decimals", () => {
    expect(assetList.assets.map(({ base, display, symbol, denom_units }) => ({ base, display, symbol, denom_units }))).toEqual([
      { base: "uxprt", display: "xprt", symbol: "XPRT", denom_units: [{ denom: "uxprt", exponent: 0 }, { denom: "xprt", exponent: 6 }] },
      { base: "uusd", display: "usd", symbol: "USD", denom_units: [{ denom: "uusd", exponent: 0 }, { denom: "usd", exponent: 6 }] },
    ]);
  });

  // The rules of cosmos/chain-registry's assetlist.schema.json that apply to these fields.
  it("follows the chain-registry schema", () => {
    expectOnlyKeys(assetList, ["$schema", "chain_name", "assets"], "assetlist");
    expect(assetList.$schema).toMatch(/^(\.\.\/)+assetlist\.schema\.json$/);
    expect(assetList.chain_name).toBe(buildChainJson(input).chain_name);
    expectNonEmptyStrings(assetList, "assetlist");
    for (const asset of assetList.assets) {
      for (const key of ["denom_units", "type_asset", "base", "display", "name", "symbol"]) expect(asset, key).toHaveProperty(key);
      expectOnlyKeys(asset, [
        "deprecated", "description", "extended_description", "denom_units", "type_asset", "address", "base", "name",
        "display", "symbol", "traces", "ibc", "logo_URIs", "images", "coingecko_id", "keywords", "socials",
      ], "asset");
      expect(asset.type_asset).toBe("sdk.coin");
      expect(asset.name.length).toBeLessThanOrEqual(60);
      expect(asset.symbol).toMatch(/^[A-Za-z0-9._-]+$/);
      for (const unit of asset.denom_units) {
        expectOnlyKeys(unit, ["denom", "exponent", "aliases"], "denom_unit");
        expect(Number.isInteger(unit.exponent)).toBe(true);
      }
      const denoms = asset.denom_units.map((unit) => unit.denom);
      expect(denoms).toContain(asset.base);
      expect(denoms).toContain(asset.display);
    }
  });
});

describe("Keplr ChainInfo", () => {
  it("carries the endpoints, currencies, bech32 prefixes and gas price steps", () => {
    const xprt = { coinDenom: "XPRT", coinMinimalDenom: "uxprt", coinDecimals: 6 };
    expect(buildKeplrChainInfo(input)).toEqual({
      rpc: "http://127.0.0.1:26657",
      rest: "http://127.0.0.1:1317",
      chainId: "persistence-local-1",
      chainName: "Persistence Local",
      stakeCurrency: xprt,
      bip44: { coinType: 118 },
      bech32Config: {
        bech32PrefixAccAddr: "persistence",
        bech32PrefixAccPub: "persistencepub",
        bech32PrefixValAddr: "persistencevaloper",
        bech32PrefixValPub: "persistencevaloperpub",
        bech32PrefixConsAddr: "persistencevalcons",
        bech32PrefixConsPub: "persistencevalconspub",
      },
      currencies: [xprt, { coinDenom: "USD", coinMinimalDenom: "uusd", coinDecimals: 6 }],
      feeCurrencies: [{ ...xprt, gasPriceStep: { low: 0.025, average: 0.05, high: 0.1 } }],
      features: [],
    });
  });
});

describe("input", () => {
  it("is checked before anything is built", () => {
    const invalid: Partial<ChainRegistryInput>[] = [
      { chainId: "" },
      { chainId: "x".repeat(51) },
      { rpcAddress: "127.0.0.1:26657" },
      { restAddress: "ftp://127.0.0.1" },
      { minGasPrice: -1 },
      { minGasPrice: Number.NaN },
    ];
    for (const change of invalid) {
      expect(() => buildChainJson({ ...input, ...change }), JSON.stringify(change)).toThrow(InvalidChainRegistryInputError);
      expect(() => buildKeplrChainInfo({ ...input, ...change }), JSON.stringify(change)).toThrow(InvalidChainRegistryInputError);
    }
  });
});
