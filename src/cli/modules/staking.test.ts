import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ed25519PrivateKey, writePrivValidatorKey } from "../../node/consensus/keys.js";
import { ensureCliBuilt, runCli, type CliOptions } from "../../testing/cli-process.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { DEVNET_MNEMONIC } from "../devnet-accounts.js";
import { runNode, type RunningNode } from "../run-node.js";

const PASSPHRASE = "staking cli test passphrase";
const valoper = (address: string) => encodeAddress(decodeAddress(address) as Uint8Array, "persistencevaloper");

/** ALICE operates the genesis validator (10 XPRT); BOB (1,000 XPRT) delegates, unbonds, creates a validator too small to take power, redelegates. */
// Each test runs the built command as processes, slow on a loaded 2-core machine.
describe("persistence tx staking / query staking, built, against a running node", { timeout: 60_000 }, () => {
  let home: string;
  let running: RunningNode;
  let node: string;
  let alice: string;
  let bob: string;

  const cli = (args: string[], options: CliOptions = {}) => runCli(args, { ...options, env: { PERSISTENCE_HOME: home, PERSISTENCE_KEYRING_PASSPHRASE: PASSPHRASE, ...options.env } });
  const tx = async (args: string[]) => {
    const result = await cli(["tx", "staking", ...args, "--yes", "--node", node, "--output", "json"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const included = result.jsonLines()[1];
    expect(included).toMatchObject({ status: "included", code: 0 });
    return included;
  };
  const query = async (args: string[]) => {
    const result = await cli(["query", "staking", ...args, "--node", node, "--output", "json"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    return result.json();
  };

  beforeAll(async () => {
    await ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), "persistence-staking-cli-"));
    alice = (await cli(["keys", "add", "alice", "--recover", "--index", "1", "--output", "json"], { input: `${DEVNET_MNEMONIC}\n` })).json().address;
    bob = (await cli(["keys", "add", "bob", "--output", "json"])).json().address;
    const init = await cli(["init", "--chain-id", "staking-cli-1", "--genesis-account", "alice", "--genesis-account", "bob=1000xprt", "--output", "json"]);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    running = await runNode({ home, config: { rpcAddress: "tcp://127.0.0.1:0", restAddress: "tcp://127.0.0.1:0", blockTimeMs: 200 }, signatureWorkers: 1 });
    node = running.rpcAddress;
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("delegates, shows the delegation, unbonds with its payout time, and cancels part of the unbonding", async () => {
    const validators = await query(["validators", "--status", "bonded"]);
    expect(validators.validators.map((v: { operator_address: string }) => v.operator_address)).toEqual([valoper(alice)]);
    expect(validators.validators[0]).toMatchObject({ status: "BOND_STATUS_BONDED", tokens: "10000000", commission: { commission_rates: { rate: "0.100000000000000000" } } });

    expect(await tx(["delegate", "bob", valoper(alice), "10xprt"])).toMatchObject({ validator_address: valoper(alice), amount: "10000000" });
    expect(await query(["delegation", bob, valoper(alice)])).toEqual({
      delegation_response: { delegation: { delegator_address: bob, validator_address: valoper(alice), shares: "10000000.000000000000000000" }, balance: { denom: "uxprt", amount: "10000000" } },
    });
    const text = await cli(["query", "staking", "delegations", bob, "--node", node]);
    expect(text.stdout).toContain(`${valoper(alice)}: 10.000000 XPRT (10000000uxprt) (10000000 shares)`);

    const unbonded = await tx(["unbond", "bob", valoper(alice), "4xprt"]);
    expect(unbonded).toMatchObject({ amount: "4000000", completion_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const unbondings = await query(["unbonding-delegations", bob]);
    expect(unbondings.unbonding_responses).toHaveLength(1);
    const [entry] = unbondings.unbonding_responses[0].entries;
    expect(entry).toMatchObject({ initial_balance: "4000000", balance: "4000000", completion_time: unbonded.completion_time });

    await tx(["cancel-unbond", "bob", valoper(alice), "1xprt", entry.creation_height]);
    expect((await query(["unbonding-delegations", bob])).unbonding_responses[0].entries[0]).toMatchObject({ balance: "3000000" });
    expect((await query(["delegation", bob, valoper(alice)])).delegation_response.balance.amount).toBe("7000000");
    expect((await query(["pool"])).pool).toEqual({ bonded_tokens: "17000000", not_bonded_tokens: "3000000" });
  });

  it("creates a validator from a priv_validator_key.json, edits it, and redelegates to it", async () => {
    const keyFile = join(home, "bob_validator_key.json");
    const key = Ed25519PrivateKey.generate();
    writePrivValidatorKey(keyFile, key);
    // Under one XPRT it has no consensus power (even after the redelegation), so the devnet's single signer keeps the chain going.
    const created = await tx(["create-validator", "bob", "0.5xprt", "--pubkey-from", keyFile, "--moniker", "bob", "--commission-rate", "0.05"]);
    expect(created.validator_address).toBe(valoper(bob));
    expect((await query(["validator", valoper(bob)])).validator).toMatchObject({
      consensus_pubkey: { "@type": "/cosmos.crypto.ed25519.PubKey", key: Buffer.from(key.publicKey).toString("base64") },
      status: "BOND_STATUS_UNBONDED",
      tokens: "500000",
      description: { moniker: "bob", website: "" },
      commission: { commission_rates: { rate: "0.050000000000000000", max_rate: "0.200000000000000000", max_change_rate: "0.010000000000000000" } },
    });

    await tx(["edit-validator", "bob", "--website", "https://bob.example", "--min-self-delegation", "2"]);
    const edited = await cli(["query", "staking", "validator", valoper(bob), "--node", node]);
    expect(edited.stdout).toContain("website:             https://bob.example");
    expect(edited.stdout).toContain("min self delegation: 0.000002 XPRT (2uxprt)");
    expect(edited.stdout).toContain('"bob"');

    expect(await tx(["redelegate", "bob", valoper(alice), valoper(bob), "0.4xprt"])).toMatchObject({ completion_time: expect.stringMatching(/^\d{4}-/) });
    const redelegations = await query(["redelegations", bob, "--src-validator", valoper(alice), "--dst-validator", valoper(bob)]);
    expect(redelegations.redelegation_responses).toMatchObject([{ redelegation: { validator_src_address: valoper(alice), validator_dst_address: valoper(bob) }, entries: [{ balance: "400000" }] }]);
    expect((await query(["validators", "--status", "unbonded", "--limit", "1"])).validators.map((v: { tokens: string }) => v.tokens)).toEqual(["900000"]);
    expect((await query(["params"])).params).toEqual({ unbonding_time: "1814400s", max_validators: 100, max_entries: 7, historical_entries: 0, bond_denom: "uxprt", min_commission_rate: "0.000000000000000000" });
  });

  it("reports refusals with the staking error names, and bad arguments before signing", async () => {
    const refused = async (args: string[]) => {
      const result = await cli([...args, "--node", node, "--output", "json"]);
      expect(result.code).not.toBe(0);
      return result.jsonLines().at(-1).error;
    };
    expect(await refused(["tx", "staking", "delegate", "alice", valoper(encodeAddress(new Uint8Array(20).fill(9))), "1xprt", "--yes"])).toMatchObject({
      code: "validator_does_not_exist",
      codespace: "staking",
      abci_code: 3,
    });
    expect(await refused(["query", "staking", "delegation", alice, valoper(bob)])).toMatchObject({ code: "no_delegation_for_address_validator_tuple", codespace: "staking", abci_code: 19 });
    expect(await refused(["query", "staking", "validator", alice])).toMatchObject({ code: "invalid_address" });
    expect(await refused(["tx", "staking", "unbond", "bob", valoper(alice), "5usd", "--yes"])).toMatchObject({ code: "invalid_coins" });
    expect(await refused(["tx", "staking", "create-validator", "alice", "1xprt", "--pubkey", "not-a-key", "--moniker", "x", "--yes"])).toMatchObject({ code: "invalid_pubkey" });
    expect(await refused(["tx", "staking", "edit-validator", "alice", "--commission-rate", "1.5", "--yes"])).toMatchObject({ code: "invalid_rate" });
  });
});
