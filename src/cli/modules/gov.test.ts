import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultGovGenesis } from "../../modules/gov/genesis.js";
import { ensureCliBuilt, runCli, type CliOptions } from "../../testing/cli-process.js";
import { encodeAddress } from "../../types/address.js";
import { DEVNET_MNEMONIC } from "../devnet-accounts.js";
import { runNode, type RunningNode } from "../run-node.js";
import { parseProposal } from "./gov-proposal-file.js";
import { parseWeights } from "./gov-tx.js";

const PASSPHRASE = "gov cli test passphrase";
const VOTING_SECONDS = 20;

// Each test runs the built command as processes, slow on a loaded 2-core machine.
describe("persistence tx/query gov, built, against a running node", { timeout: 60_000 }, () => {
  let home: string;
  let running: RunningNode;
  let node: string;
  let alice: string;
  let bob: string;

  const cli = (args: string[], options: CliOptions = {}) => runCli(args, { ...options, env: { PERSISTENCE_HOME: home, PERSISTENCE_KEYRING_PASSPHRASE: PASSPHRASE, ...options.env } });
  const tx = (args: string[]) => cli(["tx", "gov", ...args, "--yes", "--node", node, "--output", "json"]);
  const query = (args: string[]) => cli(["query", "gov", ...args, "--node", node, "--output", "json"]);
  const proposalFile = (name: string, json: unknown) => {
    const path = join(home, name);
    writeFileSync(path, JSON.stringify(json));
    return path;
  };

  beforeAll(async () => {
    await ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), "persistence-gov-cli-"));
    alice = (await cli(["keys", "add", "alice", "--recover", "--index", "1", "--output", "json"], { input: `${DEVNET_MNEMONIC}\n` })).json().address;
    bob = (await cli(["keys", "add", "bob", "--output", "json"])).json().address;
    // alice, the first genesis account, operates the only validator: all bonded stake is hers.
    const init = await cli(["init", "--chain-id", "gov-cli-1", "--genesis-account", "alice", "--genesis-account", "bob=1000xprt", "--output", "json"]);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    const genesisPath = join(home, "config", "genesis.json");
    const genesis = JSON.parse(readFileSync(genesisPath, "utf8"));
    genesis.app_state.gov ??= defaultGovGenesis();
    genesis.app_state.gov.params.voting_period = `${VOTING_SECONDS}s`;
    genesis.app_state.gov.params.min_deposit = [{ denom: "uxprt", amount: "100000000" }];
    writeFileSync(genesisPath, JSON.stringify(genesis, null, 2));
    running = await runNode({ home, config: { rpcAddress: "tcp://127.0.0.1:0", restAddress: "tcp://127.0.0.1:0", blockTimeMs: 200 }, signatureWorkers: 1 });
    node = running.rpcAddress;
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("submits a text proposal, deposits to start its vote, votes, and reads the tally and the final status", async () => {
    const file = proposalFile("text.json", { type: "text", title: "Adopt the RWA charter", description: "Every issuer follows the charter.", deposit: "40xprt" });
    const submitted = await tx(["submit-proposal", "bob", file]);
    expect(submitted.code, submitted.stdout + submitted.stderr).toBe(0);
    expect(submitted.jsonLines()[1]).toMatchObject({ status: "included", code: 0, proposal_id: "1", voting_period_started: false });
    expect(submitted.stderr).toContain('submit text proposal "Adopt the RWA charter"');
    expect((await query(["proposals", "--status", "deposit_period"])).json().proposals.map((p: { id: string }) => p.id)).toEqual(["1"]);

    const deposited = await tx(["deposit", "alice", "1", "60000000uxprt"]);
    expect(deposited.code, deposited.stdout + deposited.stderr).toBe(0);
    expect(deposited.jsonLines()[1]).toMatchObject({ status: "included", proposal_id: "1", voting_period_started: true });
    const deposits = await query(["deposits", "1"]);
    expect(deposits.json().deposits).toHaveLength(2);
    expect(deposits.json().deposits).toEqual(
      expect.arrayContaining([
        { proposal_id: "1", depositor: bob, amount: [{ denom: "uxprt", amount: "40000000" }] },
        { proposal_id: "1", depositor: alice, amount: [{ denom: "uxprt", amount: "60000000" }] },
      ]),
    );
    expect((await query(["deposit", "1", alice])).json().deposit.amount).toEqual([{ denom: "uxprt", amount: "60000000" }]);

    const voted = await tx(["vote", "alice", "1", "yes"]);
    expect(voted.code, voted.stdout + voted.stderr).toBe(0);
    expect(voted.jsonLines()[1]).toMatchObject({ status: "included", proposal_id: "1", option: "yes" });
    // bob holds no stake: his split vote is kept but weighs nothing.
    const split = await tx(["weighted-vote", "bob", "1", "no=0.25,abstain=0.75"]);
    expect(split.code, split.stdout + split.stderr).toBe(0);
    expect((await query(["vote", "1", bob])).json().vote.options).toEqual([
      { option: "VOTE_OPTION_NO", weight: "0.250000000000000000" },
      { option: "VOTE_OPTION_ABSTAIN", weight: "0.750000000000000000" },
    ]);
    expect((await query(["votes", "1"])).json().votes).toHaveLength(2);

    // The genesis validator's 10 XPRT, all alice's, vote yes.
    expect((await query(["tally", "1"])).json()).toEqual({ tally: { yes_count: "10000000", abstain_count: "0", no_count: "0", no_with_veto_count: "0" } });
    const voting = await query(["proposal", "1"]);
    expect(voting.json().proposal).toMatchObject({
      id: "1",
      status: "PROPOSAL_STATUS_VOTING_PERIOD",
      total_deposit: [{ denom: "uxprt", amount: "100000000" }],
      proposer: bob,
      messages: [{ "@type": "/cosmos.gov.v1.MsgExecLegacyContent", content: { "@type": "/cosmos.gov.v1beta1.TextProposal", title: "Adopt the RWA charter" } }],
    });
    const text = await cli(["query", "gov", "proposal", "1", "--node", node]);
    expect(text.stdout).toContain("proposal 1 [voting_period]: Adopt the RWA charter");
    expect(text.stdout).toContain("total deposit: 100.000000 XPRT (100000000uxprt)");

    let passed = await query(["proposal", "1"]);
    for (const deadline = Date.now() + (VOTING_SECONDS + 10) * 1000; passed.json().proposal.status === "PROPOSAL_STATUS_VOTING_PERIOD" && Date.now() < deadline; ) {
      await sleep(1000);
      passed = await query(["proposal", "1"]);
    }
    expect(passed.json().proposal).toMatchObject({ status: "PROPOSAL_STATUS_PASSED", final_tally_result: { yes_count: "10000000" } });
    expect((await query(["proposals", "--status", "passed"])).json().proposals).toHaveLength(1);
    expect((await query(["proposals", "--status", "voting_period"])).json().proposals).toHaveLength(0);
    expect((await query(["deposits", "1"])).json().deposits).toEqual([]);
    expect((await cli(["query", "gov", "tally", "1", "--node", node])).stdout).toContain("yes 10.000000 XPRT (10000000uxprt)");
  }, 120_000);

  it("submits a parameter change and reads the params", async () => {
    const file = proposalFile("params.json", {
      type: "param-change",
      title: "Fewer validators",
      description: "Cap the active set.",
      deposit: "100xprt",
      changes: [{ subspace: "staking", key: "max_validators", value: 50 }],
    });
    const submitted = await tx(["submit-proposal", "alice", file]);
    expect(submitted.code, submitted.stdout + submitted.stderr).toBe(0);
    expect(submitted.jsonLines()[1]).toMatchObject({ voting_period_started: true });
    const id = submitted.jsonLines()[1].proposal_id;
    const proposal = (await query(["proposal", id])).json().proposal;
    expect(proposal.messages[0].content).toEqual({
      "@type": "/cosmos.params.v1beta1.ParameterChangeProposal",
      title: "Fewer validators",
      description: "Cap the active set.",
      changes: [{ subspace: "staking", key: "max_validators", value: "50" }],
    });
    expect((await cli(["query", "gov", "proposal", id, "--node", node])).stdout).toContain("staking/max_validators = 50");
    expect((await query(["params"])).json().params).toMatchObject({ voting_period: `${VOTING_SECONDS}s`, quorum: "0.334000000000000000", min_deposit: [{ denom: "uxprt", amount: "100000000" }] });
    const params = (await cli(["query", "gov", "params", "--node", node])).stdout;
    expect(params).toContain(`voting period:              ${VOTING_SECONDS}s`);
    expect(params).toContain("min deposit:                100.000000 XPRT (100000000uxprt) within 172800s");
    expect(params).toContain("deposits burned:            never reaching voting, on veto");
  });

  it("reports refusals with gov's error names and bad arguments before signing", async () => {
    const unknown = await tx(["vote", "alice", "99", "yes"]);
    expect(unknown.code).toBe(1);
    expect(unknown.jsonLines().at(-1).error).toMatchObject({ code: "unknown_proposal", codespace: "gov", abci_code: 2 });
    const missing = await query(["proposal", "99"]);
    expect(missing.code).toBe(1);
    expect(missing.json().error).toMatchObject({ code: "unknown_proposal", codespace: "gov", abci_code: 2 });
    const badSubspace = proposalFile("bad-subspace.json", { type: "param-change", title: "t", description: "d", changes: [{ subspace: "nope", key: "k", value: 1 }] });
    expect((await tx(["submit-proposal", "alice", badSubspace])).jsonLines().at(-1).error).toMatchObject({ code: "unknown_subspace", codespace: "params", abci_code: 2 });
    for (const [args, code] of [
      [["vote", "alice", "1", "maybe"], "invalid_vote_option"],
      [["vote", "alice", "0", "yes"], "invalid_proposal_id"],
      [["weighted-vote", "alice", "1", "yes=0.6,no=0.3"], "invalid_weighted_vote"],
      [["weighted-vote", "alice", "1", "yes=0.5,yes=0.5"], "invalid_weighted_vote"],
      [["deposit", "alice", "1", "0xprt"], "invalid_coins"],
      [["submit-proposal", "alice", join(home, "absent.json")], "invalid_proposal_file"],
      [["submit-proposal", "alice", proposalFile("kind.json", { type: "upgrade", title: "t", description: "d" })], "invalid_proposal_file"],
    ] as const) {
      const result = await tx([...args]);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.jsonLines().at(-1).error.code, args.join(" ")).toBe(code);
    }
    expect((await query(["proposals", "--status", "open"])).json().error.code).toBe("usage_error");
    expect((await query(["vote", "1", "persistence1nope"])).json().error.code).toBe("invalid_address");
  });

  it("has --help for every gov command, and the proposal file's format in submit-proposal's", async () => {
    const submit = await cli(["tx", "gov", "submit-proposal", "--help"]);
    expect(submit.stdout).toContain('"type": "param-change"');
    expect(submit.stdout).toContain('"type": "community-pool-spend"');
    for (const command of [["tx", "gov", "deposit"], ["tx", "gov", "vote"], ["tx", "gov", "weighted-vote"], ...["proposals", "proposal", "votes", "vote", "deposits", "deposit", "tally", "params"].map((q) => ["query", "gov", q])]) {
      const help = await cli([...command, "--help"]);
      expect(help.code, command.join(" ")).toBe(0);
      expect(help.stdout, command.join(" ")).toContain("--output");
    }
  });
});

describe("gov CLI argument parsing", () => {
  it("writes weighted votes as LegacyDec integers summing to one", () => {
    expect(parseWeights("yes=0.6,no_with_veto=0.4")).toEqual([
      { option: 1, weight: "600000000000000000" },
      { option: 4, weight: "400000000000000000" },
    ]);
    expect(() => parseWeights("yes=1.1")).toThrow(/above 0 and at most 1/);
    expect(() => parseWeights("yes=0,no=1")).toThrow(/above 0/);
    expect(() => parseWeights("yes")).toThrow(/option=weight/);
  });

  it("keeps param change values as the JSON the file wrote, and checks the fields of each kind", () => {
    const changes = parseProposal({ type: "param-change", title: "t", description: "d", changes: [{ subspace: "market", key: "maker_fee_rate", value: "0.002" }, { subspace: "staking", key: "max_validators", value: 7 }] });
    expect(changes.content.typeUrl).toBe("/cosmos.params.v1beta1.ParameterChangeProposal");
    expect(changes.summary).toEqual(['submit parameter change proposal "t"', '  market/maker_fee_rate = "0.002"', "  staking/max_validators = 7", "  initial deposit: none"]);
    const spend = parseProposal({ type: "community-pool-spend", title: "t", description: "d", recipient: encodeAddress(new Uint8Array(20).fill(7)), amount: "5xprt", deposit: "1xprt" });
    expect(spend.deposit).toEqual([{ denom: "uxprt", amount: 1_000_000n }]);
    expect(() => parseProposal({ type: "community-pool-spend", title: "t", description: "d", recipient: "cosmos1x", amount: "5xprt" })).toThrow(/recipient/);
    expect(() => parseProposal({ type: "param-change", title: "t", description: "d", changes: [] })).toThrow(/changes/);
    expect(() => parseProposal({ type: "text", title: " ", description: "d" })).toThrow(/title/);
    expect(() => parseProposal([])).toThrow(/JSON object/);
  });
});
