import type { Command } from "commander";
import { DEFAULT_NODE_CONFIG } from "../../node/config.js";
import { initHome } from "../../node/home.js";
import { ACCOUNT_PREFIX, decodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { defineAction, openKeyring, withCommonOptions, withKeyringOption, type KeyringBackendOptions } from "../command-context.js";
import { CliError } from "../errors.js";
import { genesisAllocations, parseGenesisAccountSpec } from "../genesis-accounts.js";
import type { Keyring } from "../keyring/keyring.js";
import { coinJson, formatCoin } from "../money.js";

/** CometBFT's limit on a chain id. */
const MAX_CHAIN_ID_LENGTH = 50;

interface InitOptions extends KeyringBackendOptions {
  chainId: string;
  moniker?: string;
  genesisAccount: string[];
}

/** `persistence init`: a new single-validator chain in the home directory. */
export function registerInit(program: Command): void {
  const init = withKeyringOption(withCommonOptions(program.command("init").description("create a node home: validator and node keys, genesis and config files")))
    .requiredOption("--chain-id <id>", "the new chain's id, e.g. persistence-local-1")
    .option("--moniker <name>", "this node's name", DEFAULT_NODE_CONFIG.moniker)
    .option(
      "--genesis-account <address-or-keyname[=coins]>",
      "an account funded at genesis, e.g. alice=1000000xprt,500usd or persistence1…=1000uxprt; repeat for more. At most one may omit its coins: it receives the rest of the 100,000,000,000 XPRT supply",
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .addHelpText("after", "\nExample:\n  persistence init --chain-id persistence-1 --genesis-account alice --genesis-account persistence1…=1000000xprt,500usd");
  defineAction<InitOptions>(init, async (context) => {
    const { home, chainId, moniker, genesisAccount } = context.options;
    if (chainId.length === 0 || chainId.length > MAX_CHAIN_ID_LENGTH) throw new CliError("invalid_chain_id", `the chain id must have 1 to ${MAX_CHAIN_ID_LENGTH} characters`);
    if (genesisAccount.length === 0) throw new CliError("usage_error", "give at least one --genesis-account: the genesis supply needs a holder");
    const keyring = openKeyring(context);
    const accounts = genesisAccount.map(parseGenesisAccountSpec).map((spec) => ({ address: resolveHolder(spec.holder, keyring), coins: spec.coins }));
    const allocations = genesisAllocations(accounts);
    const initialized = initHome({ home, chainId, moniker, allocations });
    context.output.result(
      {
        home,
        chain_id: chainId,
        moniker,
        node_id: initialized.nodeId,
        validator_address: initialized.validatorAddress,
        genesis_accounts: allocations.map((a) => ({ address: a.address, coins: a.coins.map(coinJson) })),
      },
      [
        `initialised chain ${chainId} in ${home}`,
        `  moniker: ${moniker}`,
        `  node id: ${initialized.nodeId}`,
        `  validator: ${initialized.validatorAddress}`,
        `  genesis accounts:`,
        ...allocations.flatMap((a) => [`    ${a.address}`, ...a.coins.map((c) => `      ${formatCoin(c)}`)]),
        `start it with: persistence start --home ${home}`,
      ],
    );
  });
}

/** An address stays as it is (if valid); anything else names a key of the keyring. */
function resolveHolder(holder: string, keyring: Keyring): string {
  if (!holder.startsWith(`${ACCOUNT_PREFIX}1`)) return keyring.get(holder).address;
  const decoded = decodeAddress(holder);
  if (isError(decoded)) throw new CliError("invalid_address", decoded.message);
  return holder;
}
