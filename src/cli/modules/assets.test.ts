import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { document, identityGenesis } from "../../modules/assets/test-fixture.js";
import { sha256 } from "../../store/hash.js";
import { toHex } from "../../store/bytes.js";
import { ensureCliBuilt, runCli, type CliOptions } from "../../testing/cli-process.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import { DEVNET_MNEMONIC } from "../devnet-accounts.js";
import { runNode, type RunningNode } from "../run-node.js";

const PASSPHRASE = "assets cli test passphrase";
const PROVIDER = encodeAddress(new Uint8Array(20).fill(0x55));
const ASSETS_MODULE = encodeAddress(moduleAddress("assets"));
const INVOICE = "%PDF-1.7 invoice 2024-001: 1,000 USD due 2024-08-30";
const OBLIGOR = toHex(document("obligor"));

// Each test runs the built command as processes, slow on a loaded 2-core machine.
describe("persistence tx/query assets, built, against a running node", { timeout: 60_000 }, () => {
  let home: string;
  let running: RunningNode;
  let node: string;
  let alice: string;
  let bob: string;
  let invoiceFile: string;

  const cli = (args: string[], options: CliOptions = {}) => runCli(args, { ...options, env: { PERSISTENCE_HOME: home, PERSISTENCE_KEYRING_PASSPHRASE: PASSPHRASE, ...options.env } });
  const tx = (args: string[]) => cli(["tx", "assets", ...args, "--yes", "--node", node, "--output", "json"]);
  const query = (args: string[]) => cli(["query", "assets", ...args, "--node", node, "--output", "json"]);
  const invoiceProperties = ["-p", "face_value=1000usd", "-p", "issue_date=2024-06-01", "-p", "due_date=2024-08-30T12:00:00Z", "-p", `obligor_commitment=${OBLIGOR}`];

  beforeAll(async () => {
    await ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), "persistence-assets-cli-"));
    invoiceFile = join(home, "invoice.pdf");
    writeFileSync(invoiceFile, INVOICE);
    const recovered = await cli(["keys", "add", "alice", "--recover", "--index", "1", "--output", "json"], { input: `${DEVNET_MNEMONIC}\n` });
    expect(recovered.code, recovered.stderr).toBe(0);
    alice = recovered.json().address;
    bob = (await cli(["keys", "add", "bob", "--output", "json"])).json().address;
    const init = await cli(["init", "--chain-id", "assets-cli-1", "--genesis-account", "alice", "--genesis-account", "bob=1000xprt", "--output", "json"]);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    // Alice is attested at KYC level 2, bob at 1 (enough to hold invoices, not to issue commodity lots).
    const genesisPath = join(home, "config", "genesis.json");
    const genesis = JSON.parse(readFileSync(genesisPath, "utf8"));
    genesis.app_state.identity = identityGenesis({ address: PROVIDER }, [
      { signer: { address: alice }, kycLevel: 2 },
      { signer: { address: bob }, kycLevel: 1 },
    ]);
    writeFileSync(genesisPath, JSON.stringify(genesis, null, 2));
    running = await runNode({ home, config: { rpcAddress: "tcp://127.0.0.1:0", restAddress: "tcp://127.0.0.1:0", blockTimeMs: 200 }, signatureWorkers: 1 });
    node = running.rpcAddress;
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("issues an invoice from a local document, typing properties by the class's schema", async () => {
    const issued = await tx(["issue", "alice", "invoice", "INV-1", "--document-file", invoiceFile, ...invoiceProperties]);
    expect(issued.code, issued.stdout + issued.stderr).toBe(0);
    const [signed, included] = issued.jsonLines();
    expect(signed).toEqual({ txhash: expect.stringMatching(/^[0-9A-F]{64}$/), status: "signed" });
    expect(included).toMatchObject({ txhash: signed.txhash, status: "included", code: 0 });
    const fingerprint = toHex(sha256(new TextEncoder().encode(INVOICE)));
    expect(issued.stderr).toContain(`document: ${fingerprint}`);
    expect(issued.stderr).toContain("face_value: 1,000.000000 USD (1000000000uusd)");

    expect((await query(["nft", "invoice", "INV-1"])).json().nft).toEqual({
      class_id: "invoice",
      id: "INV-1",
      owner: alice,
      issuer: alice,
      maintainer: alice,
      status: "ASSET_STATUS_ISSUED",
      document_hash: Buffer.from(fingerprint, "hex").toString("base64"),
      properties: [
        { name: "face_value", amount_value: { denom: "uusd", amount: "1000000000" } },
        { name: "issue_date", timestamp_value: "2024-06-01T00:00:00Z" },
        { name: "due_date", timestamp_value: "2024-08-30T12:00:00Z" },
        { name: "obligor_commitment", hash32_value: Buffer.from(OBLIGOR, "hex").toString("base64") },
      ],
      issued_height: expect.stringMatching(/^\d+$/),
    });
    const text = await cli(["query", "assets", "nft", "invoice", "INV-1", "--node", node]);
    expect(text.stdout).toContain("invoice/INV-1: issued");
    expect(text.stdout).toContain(`  maintainer: ${alice}`);
    expect(text.stdout).toContain("  due_date: 2024-08-30T12:00:00Z");
    const byDocument = await cli(["query", "assets", "by-document", "--document-file", invoiceFile, "--node", node]);
    expect(byDocument.stdout).toContain("invoice/INV-1: issued");
  }, 60_000);

  it("moves the invoice through its life and splits it into bank coins", async () => {
    await tx(["issue", "alice", "invoice", "INV-2", "--document-hash", toHex(document("cli INV-2")), ...invoiceProperties]);
    expect((await tx(["set-status", "alice", "invoice", "INV-2", "pledged"])).code).toBe(0);
    const update = await tx(["update-properties", "alice", "invoice", "INV-2", "-p", "amount_paid=250usd"]);
    expect(update.code, update.stdout).toBe(0);
    const split = await tx(["fractionalize", "alice", "invoice", "INV-2", "100"]);
    expect(split.code, split.stdout + split.stderr).toBe(0);
    expect(split.stderr).toContain("split invoice/INV-2 into 100 units of asset/invoice/INV-2");

    const fraction = await query(["fraction", "asset/invoice/INV-2"]);
    expect(fraction.json()).toMatchObject({ fraction: { denom: "asset/invoice/INV-2", units: "100" }, nft: { owner: ASSETS_MODULE, status: "ASSET_STATUS_PLEDGED" } });
    const sent = await cli(["tx", "bank", "send", "alice", bob, "40asset/invoice/INV-2", "--yes", "--node", node, "--output", "json"]);
    expect(sent.code, sent.stdout + sent.stderr).toBe(0);
    const balances = (await cli(["query", "bank", "balances", bob, "--node", node, "--output", "json"])).json().balances;
    expect(balances).toContainEqual({ denom: "asset/invoice/INV-2", amount: "40", display: "40asset/invoice/INV-2" });

    const recombine = await tx(["recombine", "bob", "asset/invoice/INV-2"]);
    expect(recombine.code).toBe(1);
    expect(recombine.json().error).toMatchObject({ code: "all_units_are_needed_to_recombine", codespace: "assets", abci_code: 18 });
    const listed = await cli(["query", "assets", "nfts", "--owner", ASSETS_MODULE, "--node", node]);
    expect(listed.stdout).toContain(`invoice/INV-2  pledged  owner ${ASSETS_MODULE}`);
  }, 60_000);

  it("describes classes", async () => {
    const classes = await query(["classes"]);
    expect(classes.json().classes.map((c: { id: string }) => c.id)).toEqual(["bill-of-lading", "commodity-lot", "invoice", "letter-of-credit", "warehouse-receipt"]);
    const invoice = await cli(["query", "assets", "class", "invoice", "--node", node]);
    expect(invoice.stdout).toContain("invoice: Invoice");
    expect(invoice.stdout).toContain("  holders: KYC level ≥ 1");
    expect(invoice.stdout).toContain("    face_value: amount, required");
    expect(invoice.stdout).toContain("    amount_paid: amount, mutable");
    const lc = await cli(["query", "assets", "class", "letter-of-credit", "--node", node]);
    expect(lc.stdout).toContain("  holders: KYC level ≥ 1, investor class professional or accredited");
    expect((await query(["supply", "invoice"])).json()).toEqual({ amount: "2" });
  }, 60_000);

  it("reports refusals with stable codes: the chain's, the node's and its own", async () => {
    const again = await tx(["issue", "alice", "invoice", "INV-3", "--document-file", invoiceFile, ...invoiceProperties]);
    expect(again.code).toBe(1);
    expect(again.json().error).toMatchObject({ code: "document_already_tokenized", codespace: "assets", abci_code: 5 });
    const lot = await tx(["issue", "bob", "commodity-lot", "LOT-1", "--document-hash", toHex(document("lot")), "-p", "commodity=cocoa", "-p", "quantity=20000", "-p", "unit=kg", "-p", "origin=GH"]);
    expect(lot.json().error).toMatchObject({ code: "kyc_level_too_low", codespace: "identity", abci_code: 18 });
    expect((await tx(["issue", "alice", "promissory-note", "P-1", "--document-hash", "00".repeat(32)])).json().error).toMatchObject({ code: "asset_class_not_found", codespace: "assets", abci_code: 2 });
    expect((await tx(["transfer", "bob", "invoice", "INV-1", alice])).json().error).toMatchObject({ code: "not_the_asset_owner", abci_code: 9 });

    const badValue = await tx(["issue", "alice", "invoice", "INV-4", "--document-hash", "11".repeat(32), "-p", "due_date=2024-02-30"]);
    expect(badValue.json().error).toMatchObject({ code: "invalid_property", message: expect.stringContaining("invalid value for due_date: expected a date") });
    expect((await tx(["issue", "alice", "invoice", "INV-4", "--document-hash", "11".repeat(32), "-p", "colour=red"])).json().error.code).toBe("invalid_property");
    expect((await tx(["issue", "alice", "invoice", "INV-4"])).json().error).toMatchObject({ code: "usage_error", message: "give either --document-hash or --document-file" });
    expect((await tx(["set-status", "alice", "invoice", "INV-1", "lost"])).json().error.code).toBe("invalid_status");
    expect((await tx(["fractionalize", "alice", "invoice", "INV-1", "1"])).json().error.code).toBe("invalid_units");
    expect((await tx(["transfer", "alice", "invoice", "INV-1", "persistence1nope"])).json().error.code).toBe("invalid_address");
    expect((await query(["nft", "invoice", "INV-404"])).json().error).toMatchObject({ code: "asset_not_found", codespace: "assets", abci_code: 3 });
  }, 60_000);

  it("every assets command has --help with --home and --output", async () => {
    const leaves = [
      ...["issue", "transfer", "burn", "set-status", "update-properties", "transfer-maintainer", "fractionalize", "recombine"].map((name) => ["tx", "assets", name]),
      ...["params", "class", "classes", "nft", "nfts", "owner", "supply", "balance", "fraction", "by-document"].map((name) => ["query", "assets", name]),
    ];
    // One at a time: a burst of node processes would slow the other CLI tests running beside this one.
    for (const path of leaves) {
      const result = await cli([...path, "--help"]);
      expect(result.code, path.join(" ")).toBe(0);
      expect(result.stdout).toContain(`Usage: persistence ${path.join(" ")}`);
      expect(result.stdout, path.join(" ")).toMatch(/--home <dir>[\s\S]*--output <format>/);
      if (path[2] === "issue") expect(result.stdout).toContain("--document-file <path>");
    }
  }, 60_000);
});
