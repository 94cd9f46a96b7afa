import { existsSync, writeFileSync } from "node:fs";
import { InvalidArgumentError, Option, type Command } from "commander";
import { previewCampaign, STAKEDROP_ADDRESS, withCampaign } from "../../modules/stakedrop/genesis-builder.js";
import { DEFAULT_STAKEDROP_PARAMS } from "../../modules/stakedrop/params.js";
import { sampleSnapshot } from "../../modules/stakedrop/sample-snapshot.js";
import { readSnapshotFile } from "../../modules/stakedrop/snapshot-file.js";
import { homePaths } from "../../node/home.js";
import { STAKING_DENOM } from "../../types/denoms.js";
import { isError } from "../../types/errors.js";
import { defineAction, withCommonOptions } from "../command-context.js";
import { CliError } from "../errors.js";
import { parseCoinsArgument } from "../money.js";
import { xprt } from "./stakedrop-query.js";
import { readText } from "./stakedrop-tx.js";

interface SampleOptions {
  stakers: number;
  seed: number;
  checkpoints: number;
  out: string;
}

interface CampaignOptions {
  home: string;
  claimStart: string;
  claimEnd: string;
  funder?: string;
  total: bigint;
  cap: bigint;
}

/** `persistence stakedrop sample-snapshot` and `add-genesis-campaign`: snapshot files and a campaign in a new chain's genesis. */
export function registerStakedropGenesis(stakedrop: Command): void {
  const sample = withCommonOptions(
    stakedrop
      .command("sample-snapshot")
      .description("write a deterministic sample snapshot of Cosmos Hub stakers (for tests and the devnet), in the snapshot file format")
      .addOption(new Option("--stakers <n>", "how many stakers").argParser(count(1, 2_000_000)).default(10_000))
      .addOption(new Option("--seed <n>", "the generator's seed: the same seed gives the same file").argParser(count(0, 2 ** 32 - 1)).default(1))
      .addOption(new Option("--checkpoints <n>", "monthly checkpoints from 2024-01-01").argParser(count(1, 120)).default(4))
      .requiredOption("--out <file>", "where to write the snapshot (JSON)"),
  );
  defineAction<SampleOptions>(sample, async (context) => {
    const { stakers, seed, checkpoints, out } = context.options;
    const file = sampleSnapshot({ stakers, seed, checkpoints });
    writeFileSync(out, `${JSON.stringify(file)}\n`);
    context.output.result({ file: out, stakers, checkpoints, seed }, `wrote ${stakers} stakers at ${checkpoints} checkpoints (seed ${seed}) to ${out}`);
  });

  const campaign = withCommonOptions(
    stakedrop
      .command("add-genesis-campaign <snapshot-file>")
      .description("add a stakedrop campaign to this home's genesis before the chain's first start, funded from a genesis account's XPRT")
      .requiredOption("--claim-start <time>", "block time claims open, RFC 3339, e.g. 2025-01-01T00:00:00Z", parseTime)
      .requiredOption("--claim-end <time>", "block time claims end (exclusive); the first block at or after it sends the unclaimed to the community pool", parseTime)
      .option("--funder <address>", "the genesis account the campaign total comes from (default: the first account of the genesis balances)")
      .addOption(new Option("--total <xprt>", "what the campaign distributes").argParser(parseXprt).default(DEFAULT_STAKEDROP_PARAMS.total, "200000xprt"))
      .addOption(new Option("--cap <xprt>", "the most one address receives").argParser(parseXprt).default(DEFAULT_STAKEDROP_PARAMS.capPerAddress, "5000xprt")),
  ).addHelpText(
    "after",
    [
      "",
      "The snapshot file is JSON: checkpoints (RFC 3339 times in whole seconds, increasing), end (after the",
      "last checkpoint) and stakers, each a cosmos1 address with its uatom at every checkpoint:",
      '  {"checkpoints": ["2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"], "end": "2024-03-01T00:00:00Z",',
      '   "stakers": [{"address": "cosmos1…", "stakes": ["1500000", "0"]}]}',
      "The allocations are computed from it when the chain starts; this command checks it and shows them.",
      "",
      "Example:",
      "  persistence stakedrop sample-snapshot --stakers 10000 --out snapshot.json",
      "  persistence stakedrop add-genesis-campaign snapshot.json --claim-start 2025-01-01T00:00:00Z --claim-end 2025-07-01T00:00:00Z",
    ].join("\n"),
  );
  defineAction<CampaignOptions>(campaign, async (context, path) => {
    const { home, claimStart, claimEnd, funder, total, cap } = context.options;
    if (claimEnd <= claimStart) throw new CliError("invalid_window", `--claim-end ${claimEnd} must come after --claim-start ${claimStart}`);
    const paths = homePaths(home);
    if (!existsSync(paths.genesis)) throw new CliError("home_not_initialized", `no genesis in ${home}: run \`persistence init\` first`);
    if (existsSync(paths.database)) throw new CliError("chain_started", `the chain in ${home} has started: a campaign can only be added to a genesis before the first start`);
    const snapshot = readSnapshotFile(readText(path!));
    if (isError(snapshot)) throw CliError.fromChain({ codespace: snapshot.codespace, code: snapshot.code, log: snapshot.log });
    const params = { total, capPerAddress: cap };
    const preview = previewCampaign(snapshot.snapshot, params);
    if (isError(preview)) throw CliError.fromChain({ codespace: preview.codespace, code: preview.code, log: preview.log });
    const genesis = JSON.parse(readText(paths.genesis)) as { app_state: Record<string, unknown> };
    const appState = withCampaign(genesis.app_state, { snapshot: snapshot.file, claimStart, claimEnd, params, ...(funder ? { funder } : {}) });
    if (isError(appState)) throw CliError.fromChain({ codespace: appState.codespace, code: appState.code, log: appState.log });
    writeFileSync(paths.genesis, `${JSON.stringify({ ...genesis, app_state: appState }, null, 2)}\n`);
    const json = {
      genesis: paths.genesis,
      module_account: STAKEDROP_ADDRESS,
      total: total.toString(),
      cap_per_address: cap.toString(),
      claim_start: claimStart,
      claim_end: claimEnd,
      stakers: preview.stakers,
      recipients: preview.recipients,
      capped: preview.capped,
      allocated: preview.allocated.toString(),
      dust: preview.dust.toString(),
    };
    context.output.result(json, [
      `added a stakedrop campaign to ${paths.genesis}:`,
      `  ${xprt(total)} from the funder to ${STAKEDROP_ADDRESS}, at most ${xprt(cap)} per address`,
      `  claims from ${claimStart} until ${claimEnd}`,
      `  ${preview.recipients} of ${preview.stakers} stakers receive an allocation, ${preview.capped} at the cap`,
      `  allocated ${xprt(preview.allocated)}, rounding dust ${xprt(preview.dust)} (goes to the community pool with the unclaimed)`,
    ]);
  });
}

function count(min: number, max: number): (text: string) => number {
  return (text) => {
    if (!/^\d{1,10}$/.test(text) || Number(text) < min || Number(text) > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return Number(text);
  };
}

/** RFC 3339 in UTC, whole seconds: they compare as strings. */
function parseTime(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text) || Number.isNaN(Date.parse(text))) throw new InvalidArgumentError("expected an RFC 3339 UTC time in whole seconds, such as 2025-01-01T00:00:00Z");
  return text;
}

function parseXprt(text: string): bigint {
  const coins = parseCoinsArgument(text);
  if (coins.length !== 1 || coins[0]!.denom !== STAKING_DENOM) throw new InvalidArgumentError("expected an amount of xprt or uxprt, e.g. 5000xprt");
  return coins[0]!.amount;
}
