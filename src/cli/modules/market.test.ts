import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fractionDenom, marketWorld, nftBase } from "../../modules/market/test-fixture.js";
import { ensureCliBuilt, runCli, type CliOptions } from "../../testing/cli-process.js";
import { encodeAddress } from "../../types/address.js";
import { DEVNET_MNEMONIC } from "../devnet-accounts.js";
import { runNode, type RunningNode } from "../run-node.js";

const PASSPHRASE = "market cli test passphrase";
const OFFICIAL = encodeAddress(new Uint8Array(20).fill(0x51));
const F1 = fractionDenom("INV-1");
const NFT = nftBase("INV-2");

// Each test runs the built command as processes, slow on a loaded 2-core machine.
describe("persistence tx/query market, built, against a running node", { timeout: 60_000 }, () => {
  let home: string;
  let running: RunningNode;
  let node: string;
  let alice: string;
  let bob: string;

  const cli = (args: string[], options: CliOptions = {}) => runCli(args, { ...options, env: { PERSISTENCE_HOME: home, PERSISTENCE_KEYRING_PASSPHRASE: PASSPHRASE, ...options.env } });
  const tx = (args: string[]) => cli(["tx", "market", ...args, "--yes", "--node", node, "--output", "json"]);
  const query = (args: string[]) => cli(["query", "market", ...args, "--node", node, "--output", "json"]);

  beforeAll(async () => {
    await ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), "persistence-market-cli-"));
    const recovered = await cli(["keys", "add", "alice", "--recover", "--index", "1", "--output", "json"], { input: `${DEVNET_MNEMONIC}\n` });
    expect(recovered.code, recovered.stderr).toBe(0);
    alice = recovered.json().address;
    bob = (await cli(["keys", "add", "bob", "--output", "json"])).json().address;
    const init = await cli(["init", "--chain-id", "market-cli-1", "--genesis-account", "alice", "--genesis-account", "bob=1000xprt,5000usd", "--output", "json"]);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    // Both are KYC-attested; alice holds 100 fractions of invoice INV-1 and the whole invoice INV-2.
    const world = marketWorld({ signers: [{ address: alice }, { address: bob }], official: { address: OFFICIAL }, verified: [{ address: alice }, { address: bob }], nfts: [{ id: "INV-2", owner: { address: alice } }], fractions: [{ id: "INV-1", holders: [[{ address: alice }, 100n]] }] });
    const genesisPath = join(home, "config", "genesis.json");
    const genesis = JSON.parse(readFileSync(genesisPath, "utf8"));
    genesis.app_state.identity = world.identity;
    genesis.app_state.assets = world.assets;
    const aliceBalance = genesis.app_state.bank.balances.find((b: { address: string }) => b.address === alice);
    aliceBalance.coins = [{ denom: F1, amount: "100" }, ...aliceBalance.coins];
    writeFileSync(genesisPath, JSON.stringify(genesis, null, 2));
    running = await runNode({ home, config: { rpcAddress: "tcp://127.0.0.1:0", restAddress: "tcp://127.0.0.1:0", blockTimeMs: 200 }, signatureWorkers: 1 });
    node = running.rpcAddress;
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("places orders that rest and fill, printing the hash first, then the order, fills and trades", async () => {
    const sell = await tx(["place-order", "alice", "sell", "10", F1, "1.5usd"]);
    expect(sell.code, sell.stdout + sell.stderr).toBe(0);
    const [signed, included] = sell.jsonLines();
    expect(signed).toEqual({ txhash: expect.stringMatching(/^[0-9A-F]{64}$/), status: "signed" });
    expect(included).toMatchObject({ txhash: signed.txhash, status: "included", code: 0, order_id: "1", filled_quantity: "0", resting_quantity: "10", trades: [] });
    expect(sell.stderr).toContain(`sell 10 ${F1} at 1.500000 USD (1500000uusd) per unit`);

    const buy = await cli(["tx", "market", "place-order", "bob", "buy", "4", F1, "1600000uusd", "--yes", "--node", node]);
    expect(buy.code, buy.stdout + buy.stderr).toBe(0);
    expect(buy.stdout).toContain("order 2: filled 4, resting 0");
    expect(buy.stdout).toContain("trade: 4 at 1.500000 USD (1500000uusd) with order 1 (fee 12000uusd)");

    const book = await query(["book", F1]);
    expect(book.json()).toEqual({ base: F1, asks: [{ price: "1500000", quantity: "6", order_count: "1" }], bids: [] });
    const order = await query(["order", "1"]);
    expect(order.json().order).toMatchObject({ id: "1", owner: alice, side: "SIDE_SELL", remaining: "6", escrow: "6", suspended: false });
    const trades = await cli(["query", "market", "trades", F1, "--node", node]);
    expect(trades.stdout).toContain(`#1 height`);
    expect(trades.stdout).toContain(`${bob} bought 4 at 1.500000 USD (1500000uusd) from order 1 (fees 6000 + 12000 uusd)`);
    const params = await query(["params"]);
    expect(params.json().params).toMatchObject({
      maker_fee_rate: "0.001000000000000000",
      max_fills_per_order: 50,
      trading_requirement: { min_kyc_level: 0, jurisdictions: [], investor_classes: [], trader: false },
    });
    expect((await cli(["query", "market", "params", "--node", node])).stdout).toContain("trading requirement:    none");
  }, 60_000);

  it("sells a whole NFT with an expiry, lists an owner's orders page by page, and cancels", async () => {
    const nft = await tx(["place-order", "alice", "sell", "1", NFT, "250usd", "--expires-at", "2099-01-01T00:00:00.5Z"]);
    expect(nft.code, nft.stdout + nft.stderr).toBe(0);
    const id = nft.jsonLines()[1].order_id;
    const text = await cli(["query", "market", "order", id, "--node", node]);
    expect(text.stdout).toContain(`order ${id}: sell 1 of 1 ${NFT} at 250.000000 USD (250000000uusd) per unit`);
    expect(text.stdout).toContain("expires: 2099-01-01T00:00:00.500Z");

    const first = await query(["orders", alice, "--limit", "1"]);
    expect(first.json().orders.map((o: { id: string }) => o.id)).toEqual(["1"]);
    const next = await query(["orders", alice, "--limit", "1", "--page-key", first.json().pagination.next_key]);
    expect(next.json().orders.map((o: { id: string }) => o.id)).toEqual([id]);

    const cancelled = await tx(["cancel-order", "alice", id]);
    expect(cancelled.code, cancelled.stdout + cancelled.stderr).toBe(0);
    expect(cancelled.jsonLines()[1]).toMatchObject({ status: "included", order_id: id, refund: `1${NFT}` });
    const gone = await query(["order", id]);
    expect(gone.code).toBe(1);
    expect(gone.json().error).toMatchObject({ code: "order_not_found", codespace: "market", abci_code: 3 });
  }, 60_000);

  it("reports refusals with the market's error names and bad arguments before signing", async () => {
    const notOwner = await tx(["cancel-order", "bob", "1"]);
    expect(notOwner.code).toBe(1);
    expect(notOwner.json().error).toMatchObject({ code: "not_the_owner_of_the_order", codespace: "market", abci_code: 4 });
    const past = await tx(["place-order", "bob", "buy", "1", F1, "1usd", "--expires-at", "2001-01-01T00:00:00Z"]);
    expect(past.json().error).toMatchObject({ code: "order_expired", codespace: "market", abci_code: 5 });
    for (const [args, code] of [
      [["place-order", "bob", "hold", "1", F1, "1usd"], "invalid_side"],
      [["place-order", "bob", "buy", "0", F1, "1usd"], "invalid_quantity"],
      [["place-order", "bob", "buy", "1", "uusd", "1usd"], "invalid_base"],
      [["place-order", "bob", "buy", "1", F1, "1xprt"], "invalid_price"],
      [["place-order", "bob", "buy", "1", F1, "1usd", "--expires-at", "tomorrow"], "usage_error"],
      [["cancel-order", "bob", "x"], "invalid_order_id"],
    ] as const) {
      const result = await tx([...args]);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.json().error.code, args.join(" ")).toBe(code);
    }
    expect((await query(["book", F1, "--side", "up"])).json().error.code).toBe("usage_error");
  }, 60_000);

  it("has --help for every market command", async () => {
    for (const command of [["tx", "market", "place-order"], ["tx", "market", "cancel-order"], ["query", "market", "book"], ["query", "market", "orders"], ["query", "market", "trades"], ["query", "market", "order"], ["query", "market", "params"]]) {
      const help = await cli([...command, "--help"]);
      expect(help.code, command.join(" ")).toBe(0);
      expect(help.stdout, command.join(" ")).toContain("--output");
    }
  }, 60_000);
});
