import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCliBuilt, runCli, type CliOptions } from "../../testing/cli-process.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { DEVNET_MNEMONIC } from "../devnet-accounts.js";
import { runNode, type RunningNode } from "../run-node.js";

const PASSPHRASE = "stakedrop cli test passphrase";
const CHAIN_ID = "stakedrop-cli-1";

// Each test runs the built command as processes, slow on a loaded 2-core machine.
describe("persistence stakedrop / tx stakedrop / query stakedrop, built, against a running node", { timeout: 60_000 }, () => {
  let home: string;
  let running: RunningNode;
  let node: string;
  let bob: string;
  let staker: string;
  const file = (name: string) => join(home, name);

  const cli = (args: string[], options: CliOptions = {}) => runCli(args, { ...options, env: { PERSISTENCE_HOME: home, PERSISTENCE_KEYRING_PASSPHRASE: PASSPHRASE, ...options.env } });
  const tx = (args: string[]) => cli(["tx", "stakedrop", ...args, "--yes", "--node", node, "--output", "json"]);
  const query = (args: string[]) => cli(["query", "stakedrop", ...args, "--node", node, "--output", "json"]);

  beforeAll(async () => {
    await ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), "persistence-stakedrop-cli-"));
    expect((await cli(["keys", "add", "alice", "--recover", "--index", "1", "--output", "json"], { input: `${DEVNET_MNEMONIC}\n` })).code).toBe(0);
    bob = (await cli(["keys", "add", "bob", "--output", "json"])).json().address;
    // The staker's Cosmos Hub key, here in the keyring: the same key's cosmos1 address is in the snapshot.
    const stakerKey = (await cli(["keys", "add", "staker", "--output", "json"])).json().address;
    staker = encodeAddress(decodeAddress(stakerKey) as Uint8Array, "cosmos");
    const init = await cli(["init", "--chain-id", CHAIN_ID, "--genesis-account", "alice", "--genesis-account", "bob=1000xprt", "--output", "json"]);
    expect(init.code, init.stdout + init.stderr).toBe(0);

    const sample = await cli(["stakedrop", "sample-snapshot", "--stakers", "50", "--seed", "9", "--out", file("sample.json"), "--output", "json"]);
    expect(sample.code, sample.stderr).toBe(0);
    expect(sample.json()).toEqual({ file: file("sample.json"), stakers: 50, checkpoints: 4, seed: 9 });
    const snapshot = JSON.parse(readFileSync(file("sample.json"), "utf8"));
    expect(snapshot.stakers).toHaveLength(50);
    snapshot.stakers.push({ address: staker, stakes: ["1000000000", "1000000000", "1000000000", "1000000000"] });
    writeFileSync(file("snapshot.json"), JSON.stringify(snapshot));

    const window = ["--claim-start", "2020-01-01T00:00:00Z", "--claim-end", "2099-01-01T00:00:00Z"];
    const added = await cli(["stakedrop", "add-genesis-campaign", file("snapshot.json"), ...window, "--output", "json"]);
    expect(added.code, added.stdout + added.stderr).toBe(0);
    expect(added.json()).toMatchObject({ total: "200000000000", cap_per_address: "5000000000", stakers: 51, claim_start: "2020-01-01T00:00:00Z" });
    expect(BigInt(added.json().dust)).toBeLessThan(51n);
    const again = await cli(["stakedrop", "add-genesis-campaign", file("snapshot.json"), ...window, "--output", "json"]);
    expect(again.json().error).toMatchObject({ code: "invalid_stakedrop_genesis", message: expect.stringContaining("already has a balance for the stakedrop account") });

    running = await runNode({ home, config: { rpcAddress: "tcp://127.0.0.1:0", restAddress: "tcp://127.0.0.1:0", blockTimeMs: 200 }, signatureWorkers: 1 });
    node = running.rpcAddress;
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("signs the claim message with a keyring key and claims for another account, printing the amount", async () => {
    const message = await cli(["stakedrop", "claim-message", bob, "--chain-id", CHAIN_ID]);
    expect(message.stdout.trim()).toBe(`Claim Persistence StakeDrop on ${CHAIN_ID} to ${bob}`);
    const signed = await cli(["stakedrop", "sign-claim", "staker", bob, "--chain-id", CHAIN_ID, "--out", file("claim.json"), "--output", "json"]);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.json()).toMatchObject({ cosmos_address: staker, receiver: bob, message: `Claim Persistence StakeDrop on ${CHAIN_ID} to ${bob}` });
    expect(JSON.parse(readFileSync(file("claim.json"), "utf8")).pub_key.type).toBe("tendermint/PubKeySecp256k1");

    const allocation = (await query(["allocation", staker])).json().allocation;
    expect(allocation).toMatchObject({ cosmos_address: staker, claimed: false, receiver: "", claimed_at: null });
    const claimed = await tx(["claim", "alice", file("claim.json"), "--receiver", bob]);
    expect(claimed.code, claimed.stdout + claimed.stderr).toBe(0);
    const [first, included] = claimed.jsonLines();
    expect(first).toMatchObject({ status: "signed" });
    expect(included).toMatchObject({ status: "included", code: 0, cosmos_address: staker, receiver: bob, amount: `${allocation.amount}uxprt` });
    expect(claimed.stderr).toContain(`claim the stakedrop allocation of ${staker}`);

    expect((await query(["allocation", staker])).json().allocation).toMatchObject({ claimed: true, receiver: bob });
    expect((await query(["campaign"])).json()).toMatchObject({ claimed: allocation.amount, claimed_addresses: "1", campaign: { closed: false } });
    const text = await cli(["query", "stakedrop", "campaign", "--node", node]);
    expect(text.stdout).toContain("total:        200,000.000000 XPRT (200000000000uxprt), at most 5,000.000000 XPRT (5000000000uxprt) per address");
    expect(text.stdout).toContain("status:       open");
    const page = await query(["allocations", "--limit", "10"]);
    expect(page.json().allocations).toHaveLength(10);
    expect(page.json().pagination.total).toBe(String(51));
  }, 60_000);

  it("reports refusals with the stakedrop's error names, and a signature for another receiver before signing", async () => {
    const replay = await tx(["claim", "alice", file("claim.json"), "--receiver", bob]);
    expect(replay.json().error).toMatchObject({ code: "stakedrop_allocation_already_claimed", codespace: "stakedrop", abci_code: 5 });
    const elsewhere = await tx(["claim", "alice", file("claim.json")]);
    expect(elsewhere.json().error).toMatchObject({ code: "signature_mismatch", message: expect.stringContaining(`"Claim Persistence StakeDrop on ${CHAIN_ID} to `) });
    writeFileSync(file("bad.json"), '{"signature": "AA=="}');
    expect((await tx(["claim", "alice", file("bad.json")])).json().error.code).toBe("invalid_signature_file");
    const unknown = encodeAddress(new Uint8Array(20).fill(9), "cosmos");
    expect((await query(["allocation", unknown])).json().error).toMatchObject({ code: "no_stakedrop_allocation", codespace: "stakedrop", abci_code: 4 });
    expect((await query(["allocation", bob])).json().error.code).toBe("invalid_address");
    const started = await cli(["stakedrop", "add-genesis-campaign", file("snapshot.json"), "--claim-start", "2020-01-01T00:00:00Z", "--claim-end", "2099-01-01T00:00:00Z", "--output", "json"]);
    expect(started.json().error.code).toBe("chain_started");
  }, 60_000);

  it("has --help for every stakedrop command", async () => {
    for (const command of [
      ["tx", "stakedrop", "claim"],
      ["query", "stakedrop", "campaign"],
      ["query", "stakedrop", "allocation"],
      ["query", "stakedrop", "allocations"],
      ["stakedrop", "sample-snapshot"],
      ["stakedrop", "add-genesis-campaign"],
      ["stakedrop", "claim-message"],
      ["stakedrop", "sign-claim"],
    ]) {
      const help = await cli([...command, "--help"]);
      expect(help.code, command.join(" ")).toBe(0);
      expect(help.stdout, command.join(" ")).toContain("--output");
    }
  }, 60_000);
});
