import { StargateClient } from "@cosmjs/stargate";
import type { Command } from "commander";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { STAKING_DENOM } from "../../types/denoms.js";
import { initHome, isInitialized } from "../../node/home.js";
import { buildAssetList, buildChainJson, buildKeplrChainInfo } from "../../rpc/chain-registry.js";
import { parseGasPrices } from "../../tx/fees.js";
import { formatDecimal } from "../../types/decimal.js";
import { defaultHome, defineAction, withCommonOptions, type ActionContext } from "../command-context.js";
import { DEVNET_CHAIN_ID, DEVNET_MNEMONIC, devnetAllocations, devnetModuleGenesis, devnetWallet } from "../devnet-accounts.js";
import { CliError } from "../errors.js";
import { Keyring } from "../keyring/keyring.js";
import { keyringPassphrase } from "../keyring/passphrase.js";
import { coinJson, formatCoin, fromWireCoin } from "../money.js";
import type { RunningNode } from "../run-node.js";
import { describeEndpoints, endpoints, runNodeUntilStopped, withNodeRunOptions, type NodeRunOptions } from "./start.js";

/** The devnet accounts' key names, for HD indexes 0, 1, …; the first holds most of the supply. */
const DEVNET_KEY_NAMES = ["validator", "alice", "bob", "carol", "dave"] as const;
const PUBLIC_MNEMONIC_WARNING = "WARNING: this mnemonic is PUBLIC (it is in the Persistence source code): anyone can spend these accounts' funds. Use it only on this local devnet.";

/** `persistence devnet`, what `npm start` runs: a ready-to-use local chain with funded test accounts. */
export function registerDevnet(program: Command): void {
  const devnet = withNodeRunOptions(
    withCommonOptions(
      program
        .command("devnet")
        .description(`run a local devnet: on first use, initialise the home as ${DEVNET_CHAIN_ID} with ${DEVNET_KEY_NAMES.length} funded test accounts and their keys (test keyring); then start the node`),
    ),
  );
  defineAction<NodeRunOptions>(devnet, async (context) => {
    if (!isInitialized(context.options.home)) await initDevnetHome(context);
    await runNodeUntilStopped(context, async (running) => {
      const registry = writeChainRegistryFiles(context.options.home, running);
      await reportDevnet(context, running, registry);
    });
  });
}

async function initDevnetHome(context: ActionContext<NodeRunOptions>): Promise<void> {
  const { home } = context.options;
  const addresses = await devnetAddresses();
  const keyring = new Keyring({ home, backend: "test", passphrase: keyringPassphrase(context.prompter) });
  const clash = DEVNET_KEY_NAMES.find((name, index) => keyring.has(name) && keyring.get(name).address !== addresses[index]);
  if (clash) throw new CliError("key_exists", `the test keyring in ${home} already has a different key named "${clash}"; delete it to run the devnet`);
  initHome({ home, chainId: DEVNET_CHAIN_ID, moniker: "persistence-devnet", allocations: devnetAllocations(addresses), moduleGenesis: devnetModuleGenesis(addresses) });
  for (const [index, name] of DEVNET_KEY_NAMES.entries()) {
    if (!keyring.has(name)) await keyring.addFromMnemonic(name, DEVNET_MNEMONIC, index);
  }
  context.output.note(`initialised ${DEVNET_CHAIN_ID} in ${home}; the devnet keys ${DEVNET_KEY_NAMES.join(", ")} are in its test keyring`);
}

async function devnetAddresses(): Promise<string[]> {
  return (await (await devnetWallet(DEVNET_KEY_NAMES.length)).getAccounts()).map((account) => account.address);
}

interface RegistryFiles {
  chainJson: string;
  assetList: string;
  /** Keplr's ChainInfo, for window.keplr.experimentalSuggestChain. */
  keplrChainInfo: string;
}

/** Written at every start, so the files name the endpoints this run actually serves. */
function writeChainRegistryFiles(home: string, running: RunningNode): RegistryFiles {
  const stakingPrice = parseGasPrices(running.node.config.minGasPrices).find((price) => price.denom === STAKING_DENOM);
  const input = {
    chainId: running.node.chainId,
    rpcAddress: running.rpcAddress,
    restAddress: running.restAddress,
    minGasPrice: stakingPrice ? Number(formatDecimal(stakingPrice.amount)) : 0,
  };
  const files = {
    chainJson: join(home, "config", "chain.json"),
    assetList: join(home, "config", "assetlist.json"),
    keplrChainInfo: join(home, "config", "keplr-chain-info.json"),
  };
  writeFileSync(files.chainJson, `${JSON.stringify(buildChainJson(input), null, 2)}\n`);
  writeFileSync(files.assetList, `${JSON.stringify(buildAssetList(), null, 2)}\n`);
  writeFileSync(files.keplrChainInfo, `${JSON.stringify(buildKeplrChainInfo(input), null, 2)}\n`);
  return files;
}

async function reportDevnet(context: ActionContext<NodeRunOptions>, running: RunningNode, registry: RegistryFiles): Promise<void> {
  const addresses = await devnetAddresses();
  const client = await StargateClient.connect(running.rpcAddress);
  const accounts = await Promise.all(
    DEVNET_KEY_NAMES.map(async (name, index) => ({ name, address: addresses[index]!, balances: (await client.getAllBalances(addresses[index]!)).map(fromWireCoin) })),
  );
  client.disconnect();
  const info = endpoints(running);
  context.output.result(
    {
      ...info,
      warning: PUBLIC_MNEMONIC_WARNING,
      mnemonic: DEVNET_MNEMONIC,
      keyring_backend: "test",
      accounts: accounts.map((a) => ({ name: a.name, address: a.address, balances: a.balances.map(coinJson) })),
      chain_registry: { chain_json: registry.chainJson, assetlist_json: registry.assetList, keplr_chain_info: registry.keplrChainInfo },
    },
    [
      `Persistence devnet ${info.chain_id}, at height ${info.height}`,
      "",
      PUBLIC_MNEMONIC_WARNING,
      `mnemonic: ${DEVNET_MNEMONIC}`,
      "",
      `accounts (HD indexes 0-${DEVNET_KEY_NAMES.length - 1}; keys in the "test" keyring):`,
      ...accounts.flatMap((a) => [`  ${a.name.padEnd(9)} ${a.address}`, ...a.balances.map((c) => `            ${formatCoin(c)}`)]),
      "",
      ...describeEndpoints(info),
      `chain registry: ${registry.chainJson}, ${registry.assetList}`,
      `Keplr chain info (window.keplr.experimentalSuggestChain): ${registry.keplrChainInfo}`,
      "",
      `try: persistence tx bank send alice ${addresses[2]} 1xprt --keyring-backend test --node ${info.rpc}${homeFlag(context.options.home)}`,
      "stop it with Ctrl-C",
    ],
  );
}

function homeFlag(home: string): string {
  return home === defaultHome() ? "" : ` --home ${home}`;
}
