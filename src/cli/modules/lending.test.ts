import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { marketWorld } from "../../modules/market/test-fixture.js";
import { ensureCliBuilt, runCli, type CliOptions } from "../../testing/cli-process.js";
import { encodeAddress } from "../../types/address.js";
import { DEVNET_MNEMONIC } from "../devnet-accounts.js";
import { runNode, type RunningNode } from "../run-node.js";

const PASSPHRASE = "lending cli test passphrase";
const OFFICIAL = encodeAddress(new Uint8Array(20).fill(0x52));
const NFT = "nft:invoice/INV-7";
const NFT2 = "nft:invoice/INV-8";
const MATURITY = "2099-01-01T00:00:00Z";
const REPORT_HASH = "ab".repeat(32);

// Each test runs the built command as processes, slow on a loaded 2-core machine.
describe("persistence tx/query lending, built, against a running node", { timeout: 60_000 }, () => {
  let home: string;
  let running: RunningNode;
  let node: string;
  let alice: string;
  let bob: string;
  let val: string;

  const cli = (args: string[], options: CliOptions = {}) => runCli(args, { ...options, env: { PERSISTENCE_HOME: home, PERSISTENCE_KEYRING_PASSPHRASE: PASSPHRASE, ...options.env } });
  const tx = (args: string[]) => cli(["tx", "lending", ...args, "--yes", "--node", node, "--output", "json"]);
  const query = (args: string[]) => cli(["query", "lending", ...args, "--node", node, "--output", "json"]);
  const included = async (args: string[]) => {
    const result = await tx(args);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const [signed, done] = result.jsonLines();
    expect(signed).toEqual({ txhash: expect.stringMatching(/^[0-9A-F]{64}$/), status: "signed" });
    expect(done).toMatchObject({ txhash: signed.txhash, status: "included", code: 0 });
    return { json: done, stderr: result.stderr };
  };

  beforeAll(async () => {
    await ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), "persistence-lending-cli-"));
    const recovered = await cli(["keys", "add", "alice", "--recover", "--index", "1", "--output", "json"], { input: `${DEVNET_MNEMONIC}\n` });
    expect(recovered.code, recovered.stderr).toBe(0);
    alice = recovered.json().address;
    bob = (await cli(["keys", "add", "bob", "--output", "json"])).json().address;
    val = (await cli(["keys", "add", "val", "--output", "json"])).json().address;
    const init = await cli(["init", "--chain-id", "lending-cli-1", "--genesis-account", "alice", "--genesis-account", "bob=1000xprt,5000usd", "--genesis-account", "val=1000xprt", "--output", "json"]);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    // Alice owns invoices INV-7 and INV-8 and 1,000 USD; val is the registered valuer; lending's default params (80% advance on invoices).
    const world = marketWorld({ signers: [{ address: alice }, { address: bob }, { address: val }], official: { address: OFFICIAL }, verified: [{ address: alice }, { address: bob }], nfts: [{ id: "INV-7", owner: { address: alice } }, { id: "INV-8", owner: { address: alice } }] });
    const genesisPath = join(home, "config", "genesis.json");
    const genesis = JSON.parse(readFileSync(genesisPath, "utf8"));
    genesis.app_state.identity = world.identity;
    genesis.app_state.assets = world.assets;
    genesis.app_state.lending = { valuers: [{ address: val, name: "CLI test valuer" }] };
    const aliceBalance = genesis.app_state.bank.balances.find((b: { address: string }) => b.address === alice);
    aliceBalance.coins = [{ denom: "uusd", amount: "1000000000" }, ...aliceBalance.coins];
    writeFileSync(genesisPath, JSON.stringify(genesis, null, 2));
    running = await runNode({ home, config: { rpcAddress: "tcp://127.0.0.1:0", restAddress: "tcp://127.0.0.1:0", blockTimeMs: 200 }, signatureWorkers: 1 });
    node = running.rpcAddress;
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("pledges, appraises, requests, funds and repays a loan, printing the hash first, then the outcome", async () => {
    const pledged = await included(["pledge", "alice", NFT]);
    expect(pledged.json).toMatchObject({ pledge_id: "1" });
    expect(pledged.stderr).toContain(`pledge ${NFT}`);

    const appraised = await included(["appraise", "val", "1", "1000usd", "--note", "desk review", "--document-hash", REPORT_HASH]);
    expect(appraised.json).toMatchObject({ appraisal_id: "1" });
    expect(appraised.stderr).toContain("appraise pledge 1 at 1,000.000000 USD (1000000000uusd)");

    const requested = await included(["request-loan", "alice", "1", "800usd", "10%", MATURITY, "--grace", "7d"]);
    expect(requested.json).toMatchObject({ loan_id: "1" });
    expect(requested.stderr).toContain(`borrow 800.000000 USD (800000000uusd) against pledge 1 at 10% APR until ${MATURITY}, bullet, grace 7 days`);

    const funded = await included(["fund-loan", "bob", "1"]);
    expect(funded.json).toMatchObject({ loan_id: "1", principal: "800000000" });

    const view = await cli(["query", "lending", "loan", "1", "--node", node]);
    expect(view.stdout).toContain("loan 1: active, 800.000000 USD (800000000uusd) at 10% APR, bullet");
    expect(view.stdout).toContain(`lender:    ${bob}`);
    expect(view.stdout).toContain(`maturity:  ${MATURITY}, grace 7 days`);

    const partial = await included(["repay", "alice", "1", "100usd"]);
    expect(partial.json).toMatchObject({ loan_id: "1" });
    expect(BigInt(partial.json.interest) + BigInt(partial.json.principal)).toBe(100_000_000n);
    // A few seconds at 10% on 800 USD: a few uusd of interest, and the rest repays principal.
    expect(BigInt(partial.json.interest)).toBeGreaterThan(0n);
    expect(BigInt(partial.json.interest)).toBeLessThan(1_000n);
    expect(BigInt(partial.json.debt)).toBe(700_000_000n + BigInt(partial.json.interest));

    const text = await cli(["tx", "lending", "repay", "alice", "1", "2000usd", "--yes", "--node", node]);
    expect(text.code, text.stdout + text.stderr).toBe(0);
    expect(text.stdout).toContain("loan 1 is repaid in full; the collateral is back with you");

    const loan = (await query(["loan", "1"])).json().loan;
    expect(loan).toMatchObject({
      debt: "0",
      loan: { status: "LOAN_STATUS_REPAID", borrower: alice, lender: bob, principal: "800000000", outstanding_principal: "0", apr: "0.100000000000000000", rate_per_second: "1.000000003170979199", normalized_debt: "0.000000000000000000" },
    });
    expect(BigInt(loan.loan.repaid)).toBeGreaterThan(800_000_000n);
  }, 60_000);

  it("answers every query in the gateway's JSON and in text, with pages", async () => {
    expect((await query(["params"])).json().params).toMatchObject({ max_appraisal_age: "2592000", advance_rates: [{ class_id: "invoice", rate: "0.800000000000000000" }], max_instalments: 360 });
    const params = await cli(["query", "lending", "params", "--node", node]);
    expect(params.stdout).toContain("advance rates:           invoice 80%");
    expect(params.stdout).toContain("write-offs:              0% after 0 days, 25% after 30 days, 50% after 60 days, 100% after 90 days");
    expect((await query(["valuers"])).json()).toEqual({ valuers: [{ address: val, name: "CLI test valuer" }], pagination: { next_key: null, total: "1" } });

    expect((await query(["appraisal", "1"])).json().appraisal).toMatchObject({ id: "1", pledge_id: "1", valuer: val, value: "1000000000", document_hash: Buffer.from(REPORT_HASH, "hex").toString("base64"), note: "desk review" });
    expect((await cli(["query", "lending", "appraisals", "1", "--node", node])).stdout).toContain(`appraisal 1 of pledge 1: 1,000.000000 USD (1000000000uusd)\n  valuer:   ${val}`);
    // The repaid loan's pledge is closed: the invoice went back to alice.
    expect((await query(["pledge", "1"])).json().error).toMatchObject({ code: "pledge_not_found", codespace: "lending", abci_code: 3 });
    expect((await query(["pledges", alice])).json().pledges).toEqual([]);

  }, 60_000);

  it("lists an account's loans page by page, and cancels a request and withdraws its pledge", async () => {
    // A second loan request, so alice's loans come in two pages.
    expect((await included(["pledge", "alice", NFT2])).json.pledge_id).toBe("2");
    await included(["appraise", "val", "2", "500usd"]);
    await included(["request-loan", "alice", "2", "400000000uusd", "0.05", MATURITY, "--schedule", "amortising", "--period", "365d"]);
    expect((await query(["pledge", "2"])).json().pledge).toMatchObject({ id: "2", owner: alice, collateral: NFT2, amount: "1", loan_id: "2" });
    expect((await cli(["query", "lending", "pledges", alice, "--node", node])).stdout).toContain(`pledge 2: ${NFT2}\n  owner:   ${alice}\n  backs:   loan 2`);
    const first = await query(["loans-by-borrower", alice, "--limit", "1"]);
    expect(first.json().loans.map((l: { loan: { id: string } }) => l.loan.id)).toEqual(["1"]);
    expect(first.json().pagination.total).toBe("2");
    const next = await query(["loans-by-borrower", alice, "--limit", "1", "--page-key", first.json().pagination.next_key]);
    expect(next.json().loans[0].loan).toMatchObject({ id: "2", status: "LOAN_STATUS_REQUESTED", schedule: "SCHEDULE_KIND_AMORTISING", period_seconds: "31536000", lender: "", apr: "0.050000000000000000" });
    expect((await cli(["query", "lending", "loan", "2", "--node", node])).stdout).toContain("loan 2: requested, 400.000000 USD (400000000uusd) at 5% APR, amortising every 365 days");
    expect((await query(["loans-by-lender", bob])).json().loans.map((l: { loan: { id: string } }) => l.loan.id)).toEqual(["1"]);

    const cancelled = await included(["cancel-loan-request", "alice", "2"]);
    expect(cancelled.json).toMatchObject({ loan_id: "2" });
    const withdrawn = await included(["withdraw-pledge", "alice", "2"]);
    expect(withdrawn.json).toMatchObject({ pledge_id: "2" });
  }, 60_000);

  it("reports the chain's refusals with lending's error names", async () => {
    const notValuer = await tx(["appraise", "alice", "1", "10usd"]);
    expect(notValuer.code).toBe(1);
    expect(notValuer.json().error).toMatchObject({ code: "not_a_registered_valuer", codespace: "lending", abci_code: 6 });
    const notBorrower = await tx(["repay", "bob", "1", "1usd"]);
    expect(notBorrower.json().error).toMatchObject({ code: "not_the_borrower_of_the_loan", codespace: "lending", abci_code: 12 });
    const missing = await query(["loan", "99"]);
    expect(missing.code).toBe(1);
    expect(missing.json().error).toMatchObject({ code: "loan_not_found", codespace: "lending", abci_code: 11 });
  }, 60_000);

  it("reports bad arguments before signing, each with its code", async () => {

    for (const [args, code] of [
      [["pledge", "alice", "invoice/INV-7"], "invalid_collateral"],
      [["pledge", "alice", "asset/invoice/INV-7"], "invalid_amount"],
      [["withdraw-pledge", "alice", "0"], "invalid_pledge_id"],
      [["appraise", "val", "1", "10xprt"], "invalid_value"],
      [["appraise", "val", "1", "10usd", "--document-hash", "abc"], "invalid_document_hash"],
      [["request-loan", "alice", "1", "800usd", "ten", MATURITY], "invalid_apr"],
      // 19 places; LegacyDec's bare integer (above the chain's 1000%); a sign.
      [["request-loan", "alice", "1", "800usd", "0.1000000000000000001", MATURITY], "invalid_apr"],
      [["request-loan", "alice", "1", "800usd", "100000000000000000", MATURITY], "invalid_apr"],
      [["request-loan", "alice", "1", "800usd", "-0.1", MATURITY], "invalid_apr"],
      [["request-loan", "alice", "1", "800usd", "0.1", "tomorrow"], "invalid_maturity"],
      [["request-loan", "alice", "1", "1.5uusd", "0.1", MATURITY], "invalid_principal"],
      [["request-loan", "alice", "1", "800usd", "0.1", MATURITY, "--grace", "soon"], "usage_error"],
      [["request-loan", "alice", "1", "800usd", "0.1", MATURITY, "--period", "30d"], "usage_error"],
      [["fund-loan", "bob", "x"], "invalid_loan_id"],
      [["repay", "alice", "1", "0usd"], "invalid_amount"],
    ] as const) {
      const result = await tx([...args]);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.json().error.code, args.join(" ")).toBe(code);
    }
    expect((await query(["loans-by-lender", "cosmos1xyz"])).json().error.code).toBe("invalid_address");
    expect((await query(["appraisal", "x"])).json().error.code).toBe("invalid_appraisal_id");
  }, 60_000);

  it("has --help for every lending command", async () => {
    const commands = [
      ...["pledge", "withdraw-pledge", "appraise", "request-loan", "cancel-loan-request", "fund-loan", "repay", "claim-proceeds"].map((c) => ["tx", "lending", c]),
      ...["params", "valuers", "pledge", "pledges", "appraisal", "appraisals", "loan", "loans-by-borrower", "loans-by-lender"].map((c) => ["query", "lending", c]),
    ];
    for (const command of commands) {
      const help = await cli([...command, "--help"]);
      expect(help.code, command.join(" ")).toBe(0);
      expect(help.stdout, command.join(" ")).toContain("--output");
    }
  }, 60_000);
});
