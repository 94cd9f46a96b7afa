import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identityGenesis } from "../../modules/identity/genesis.js";
import { recordCommitment } from "../../modules/identity/commitment.js";
import { toHex } from "../../store/bytes.js";
import { ensureCliBuilt, runCli, type CliOptions } from "../../testing/cli-process.js";
import { encodeAddress } from "../../types/address.js";
import { DEVNET_MNEMONIC } from "../devnet-accounts.js";
import { runNode, type RunningNode } from "../run-node.js";

const PASSPHRASE = "identity cli test passphrase";
const SUBJECT = encodeAddress(new Uint8Array(20).fill(0x42));
const AUDITOR = encodeAddress(new Uint8Array(20).fill(0x43));
const RECORD = '{"name":"Erika Mustermann","born":"1964-08-12"}';
const SALT = "ab".repeat(32);

// Each test runs the built command as processes, slow on a loaded 2-core machine.
describe("persistence tx/query identity, built, against a running node", { timeout: 60_000 }, () => {
  let home: string;
  let running: RunningNode;
  let node: string;
  let alice: string;
  let recordFile: string;

  const cli = (args: string[], options: CliOptions = {}) => runCli(args, { ...options, env: { PERSISTENCE_HOME: home, PERSISTENCE_KEYRING_PASSPHRASE: PASSPHRASE, ...options.env } });
  const tx = (args: string[]) => cli(["tx", "identity", ...args, "--yes", "--node", node, "--output", "json"]);
  const query = (args: string[]) => cli(["query", "identity", ...args, "--node", node, "--output", "json"]);

  beforeAll(async () => {
    await ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), "persistence-identity-cli-"));
    recordFile = join(home, "record.json");
    writeFileSync(recordFile, RECORD);
    const recovered = await cli(["keys", "add", "alice", "--recover", "--index", "1", "--output", "json"], { input: `${DEVNET_MNEMONIC}\n` });
    expect(recovered.code, recovered.stderr).toBe(0);
    alice = recovered.json().address;
    const bob = (await cli(["keys", "add", "bob", "--output", "json"])).json().address;
    const init = await cli(["init", "--chain-id", "identity-cli-1", "--genesis-account", "alice", "--genesis-account", "bob=1000xprt", "--output", "json"]);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    // Alice is a KYC provider, bob a compliance authority.
    const genesisPath = join(home, "config", "genesis.json");
    const genesis = JSON.parse(readFileSync(genesisPath, "utf8"));
    genesis.app_state.identity = identityGenesis({
      providers: [{ address: alice, name: "Acme KYC" }],
      auditors: [{ address: AUDITOR, name: "Audit & Co" }],
      authorities: [{ address: bob, name: "FIU" }],
    });
    writeFileSync(genesisPath, JSON.stringify(genesis, null, 2));
    running = await runNode({ home, config: { rpcAddress: "tcp://127.0.0.1:0", restAddress: "tcp://127.0.0.1:0", blockTimeMs: 200 }, signatureWorkers: 1 });
    node = running.rpcAddress;
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("attests with a commitment computed locally, which an auditor then verifies", async () => {
    const attested = await tx(["attest", "alice", SUBJECT, "--kyc-level", "2", "--jurisdiction", "DE", "--investor-class", "retail", "--trader", "--expiry", "2099-01-01T00:00:00.5Z", "--record-file", recordFile, "--salt", SALT]);
    expect(attested.code, attested.stdout + attested.stderr).toBe(0);
    const [signed, included] = attested.jsonLines();
    expect(signed).toEqual({ txhash: expect.stringMatching(/^[0-9A-F]{64}$/), status: "signed" });
    expect(included).toMatchObject({ txhash: signed.txhash, status: "included", code: 0 });
    const commitment = recordCommitment(new TextEncoder().encode(RECORD), Buffer.from(SALT, "hex"));
    expect(attested.stderr).toContain(`commitment: ${toHex(commitment)}`);

    const listed = await query(["attestations", SUBJECT]);
    expect(listed.json().attestations).toEqual([
      expect.objectContaining({ provider: alice, kyc_level: 2, jurisdiction: "DE", investor_class: "INVESTOR_CLASS_RETAIL", trader: true, expiry: "2099-01-01T00:00:00.500Z", commitment: Buffer.from(commitment).toString("base64") }),
    ]);

    const verified = await cli(["query", "identity", "verify-disclosure", SUBJECT, alice, "--record-file", recordFile, "--salt", SALT, "--node", node]);
    expect(verified.stdout.trim()).toBe(`valid: the record matches ${alice}'s commitment ${toHex(commitment)}`);
    const other = join(home, "other.json");
    writeFileSync(other, RECORD.replace("1964", "1965"));
    expect((await query(["verify-disclosure", SUBJECT, alice, "--record-file", other, "--salt", SALT])).json()).toMatchObject({ valid: false });

    const disclosed = await tx(["disclose", "alice", AUDITOR, SUBJECT]);
    expect(disclosed.code, disclosed.stdout).toBe(0);
    expect((await query(["disclosures", SUBJECT])).json().disclosures).toEqual([expect.objectContaining({ id: "1", provider: alice, auditor: AUDITOR })]);
  });

  it("checks compliance, naming the condition that fails", async () => {
    const pass = await cli(["query", "identity", "check", SUBJECT, "--min-kyc-level", "2", "--jurisdictions", "DE,AT", "--investor-classes", "retail", "--trader", "--node", node]);
    expect(pass.stdout).toMatch(new RegExp(`^${SUBJECT} passes \\(as of \\S+Z\\)\\n$`));
    const fail = await query(["check", SUBJECT, "--min-kyc-level", "3"]);
    expect(fail.code).toBe(0);
    expect(fail.json()).toMatchObject({ ok: false, codespace: "identity", code: 18, reason: `${SUBJECT} is attested at KYC level 2 at most, the requirement is at least 3: KYC level too low` });
    const bad = await query(["check", SUBJECT, "--jurisdictions", "EU"]);
    expect(bad.code).toBe(1);
    expect(bad.json().error).toMatchObject({ code: "invalid_claim_requirement", codespace: "identity", abci_code: 5 });
  });

  it("freezes as an authority; others are refused with the chain's error name", async () => {
    const frozen = await tx(["freeze", "bob", SUBJECT, "--reason", "unexplained inflows"]);
    expect(frozen.code, frozen.stdout + frozen.stderr).toBe(0);
    const status = await cli(["query", "identity", "status", SUBJECT, "--node", node]);
    expect(status.stdout).toContain("frozen: yes, since");
    expect(status.stdout).toContain("(unexplained inflows)");
    expect((await query(["frozen"])).json().freezes).toEqual([expect.objectContaining({ address: SUBJECT, reason: "unexplained inflows" })]);

    const refused = await tx(["deny", "alice", SUBJECT]);
    expect(refused.code).toBe(1);
    expect(refused.json().error).toMatchObject({ code: "not_a_registered_compliance_authority", codespace: "identity", abci_code: 8 });
    const unfrozen = await tx(["unfreeze", "bob", SUBJECT]);
    expect(unfrozen.code, unfrozen.stdout).toBe(0);
    expect((await query(["status", SUBJECT])).json()).toMatchObject({ frozen: false, freeze: null });
  });

  it("rejects bad arguments before signing", async () => {
    const missing = await tx(["attest", "alice", SUBJECT, "--jurisdiction", "DE", "--investor-class", "retail", "--expiry", "2099-01-01T00:00:00Z", "--commitment", "00".repeat(32)]);
    expect(missing.json().error).toMatchObject({ code: "usage_error", message: expect.stringContaining("--kyc-level") });
    const both = await tx(["attest", "alice", SUBJECT, "--kyc-level", "1", "--jurisdiction", "DE", "--investor-class", "retail", "--expiry", "2099-01-01T00:00:00Z", "--commitment", "00".repeat(32), "--salt", SALT]);
    expect(both.json().error).toMatchObject({ code: "usage_error", message: "give --commitment, or --record-file with --salt, not both" });
    const shortSalt = await tx(["attest", "alice", SUBJECT, "--kyc-level", "1", "--jurisdiction", "DE", "--investor-class", "retail", "--expiry", "2099-01-01T00:00:00Z", "--record-file", recordFile, "--salt", "abcd"]);
    expect(shortSalt.json().error.code).toBe("invalid_hex");
    const badClass = await tx(["attest", "alice", SUBJECT, "--kyc-level", "1", "--jurisdiction", "DE", "--investor-class", "gold", "--expiry", "2099-01-01T00:00:00Z", "--commitment", "00".repeat(32)]);
    expect(badClass.json().error.code).toBe("usage_error");
    const badAddress = await tx(["freeze", "bob", "persistence1nope"]);
    expect(badAddress.json().error.code).toBe("invalid_address");
    const badTime = await tx(["attest", "alice", SUBJECT, "--kyc-level", "1", "--jurisdiction", "DE", "--investor-class", "retail", "--expiry", "next year", "--commitment", "00".repeat(32)]);
    expect(badTime.json().error).toMatchObject({ code: "usage_error", message: expect.stringContaining("RFC 3339") });
    const lowerCase = await tx(["attest", "alice", SUBJECT, "--kyc-level", "1", "--jurisdiction", "de", "--investor-class", "retail", "--expiry", "2099-01-01T00:00:00Z", "--commitment", "00".repeat(32)]);
    expect(lowerCase.json().error).toMatchObject({ code: "invalid_claims", codespace: "identity", abci_code: 2 });
  });

  it("every identity command has --help with --home and --output", async () => {
    const leaves = [
      ...["attest", "revoke", "disclose", "freeze", "unfreeze", "deny", "undeny"].map((name) => ["tx", "identity", name]),
      ...["providers", "auditors", "authorities", "attestations", "status", "check", "deny-list", "frozen", "disclosures", "verify-disclosure"].map((name) => ["query", "identity", name]),
    ];
    const results = await Promise.all([...leaves, ["tx", "identity"], ["query", "identity"]].map((path) => cli([...path, "--help"])));
    results.forEach((result, i) => {
      const path = [...leaves, ["tx", "identity"], ["query", "identity"]][i]!;
      expect(result.code, path.join(" ")).toBe(0);
      expect(result.stdout).toContain(`Usage: persistence ${path.join(" ")}`);
      if (i < leaves.length) expect(result.stdout, path.join(" ")).toMatch(/--home <dir>[\s\S]*--output <format>/);
    });
  }, 60_000);
});
