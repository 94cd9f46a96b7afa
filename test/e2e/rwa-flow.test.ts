/**
 * End to end, as a user's program would do it through CosmJS with the chain's generated types: KYC
 * claims for two parties, an invoice tokenized and split into 1,000 units, 400 of them sold on the
 * order book for uusd, with ownership, balances, fees and events checked.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { GasPrice, QueryClient, SigningStargateClient, type DeliverTxResponse } from "@cosmjs/stargate";
import { connectComet, type CometClient } from "@cosmjs/tendermint-rpc";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devnetWallet } from "../../src/cli/devnet-accounts.js";
import { QueryNFTRequest, QueryNFTResponse } from "../../src/generated/persistence/assets/v1/query.js";
import { AssetStatus } from "../../src/generated/persistence/assets/v1/types.js";
import { InvestorClass } from "../../src/generated/persistence/identity/v1/requirement.js";
import { QueryOrderBookRequest, QueryOrderBookResponse } from "../../src/generated/persistence/market/v1/query.js";
import { Side } from "../../src/generated/persistence/market/v1/types.js";
import { MsgAttest } from "../../src/modules/identity/codecs.js";
import { MsgFractionalize, MsgIssueAsset } from "../../src/modules/assets/codecs.js";
import { MsgPlaceOrderCodec } from "../../src/modules/market/codecs.js";
import { persistenceRegistry } from "../../src/client/registry.js";
import { encodeAddress, moduleAddress } from "../../src/types/address.js";
import { ensureCliBuilt, startNodeProcess, stopNodeProcess } from "../../src/testing/cli-process.js";

const USD = 1_000_000n;
const PRICE = 10n * USD;
const FEE_COLLECTOR = encodeAddress(moduleAddress("fee_collector"));
const MARKET = encodeAddress(moduleAddress("market"));
const YEAR_SECONDS = 365n * 24n * 3600n;

describe("tokenize, fractionalize and trade an invoice through CosmJS", () => {
  let home: string;
  let node: ChildProcessWithoutNullStreams;
  let client: SigningStargateClient;
  let comet: CometClient;
  let queries: QueryClient;
  let alice: string, bob: string, carol: string, dave: string;

  beforeAll(async () => {
    await ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), "rwa-"));
    let rpc: string;
    ({ child: node, rpc } = await startNodeProcess("devnet", home));
    const wallet = await devnetWallet(5);
    [, alice, bob, carol, dave] = (await wallet.getAccounts()).map((a) => a.address) as [string, string, string, string, string];
    client = await SigningStargateClient.connectWithSigner(rpc, wallet, { registry: persistenceRegistry(), gasPrice: GasPrice.fromString("0.0025uxprt"), broadcastPollIntervalMs: 100 });
    comet = await connectComet(rpc);
    queries = new QueryClient(comet);
  }, 120_000);

  afterAll(async () => {
    client?.disconnect();
    comet?.disconnect();
    await stopNodeProcess(node);
    rmSync(home, { recursive: true, force: true });
  });

  async function submit(signer: string, messages: EncodeObject[]): Promise<DeliverTxResponse> {
    return client.signAndBroadcast(signer, messages, "auto");
  }

  const uusd = async (address: string) => BigInt((await client.getBalance(address, "uusd")).amount);
  const attributes = (result: DeliverTxResponse, type: string) =>
    result.events.filter((e) => e.type === type).map((e) => Object.fromEntries(e.attributes.map((a) => [a.key, a.value])));

  it("runs the whole flow with the money adding up", async () => {
    // 1. The devnet's KYC provider (dave) attests both parties; only a commitment to their records goes on chain.
    const now = (await client.getBlock()).header.time;
    const expiry = { seconds: BigInt(Math.floor(Date.parse(now) / 1000)) + YEAR_SECONDS, nanos: 0 };
    const attest = (subject: string) => ({
      typeUrl: MsgAttest.typeUrl,
      value: MsgAttest.fromPartial({
        provider: dave,
        subject,
        kycLevel: 2,
        jurisdiction: "DE",
        investorClass: InvestorClass.INVESTOR_CLASS_PROFESSIONAL,
        trader: true,
        expiry,
        commitment: createHash("sha256").update(`kyc record of ${subject}`).update(new Uint8Array(32).fill(7)).digest(),
      }),
    });
    const attested = await submit(dave, [attest(alice), attest(bob)]);
    expect(attested.code, attested.rawLog).toBe(0);

    // 2. Alice tokenizes an invoice and splits it into 1,000 units.
    const documentHash = createHash("sha256").update("invoice INV-2026-001.pdf").digest();
    const issued = await submit(alice, [
      {
        typeUrl: MsgIssueAsset.typeUrl,
        value: MsgIssueAsset.fromPartial({
          issuer: alice,
          classId: "invoice",
          id: "INV-2026-001",
          documentHash,
          properties: [
            { name: "face_value", amountValue: { denom: "uusd", amount: String(10_000n * USD) } },
            { name: "issue_date", timestampValue: { seconds: expiry.seconds - YEAR_SECONDS, nanos: 0 } },
            { name: "due_date", timestampValue: { seconds: expiry.seconds - YEAR_SECONDS / 2n, nanos: 0 } },
            { name: "obligor_commitment", hash32Value: createHash("sha256").update("obligor: ACME GmbH").digest() },
            { name: "invoice_number", stringValue: "INV-2026-001" },
          ],
        }),
      },
      { typeUrl: MsgFractionalize.typeUrl, value: MsgFractionalize.fromPartial({ owner: alice, classId: "invoice", id: "INV-2026-001", units: 1000n }) },
    ]);
    expect(issued.code, issued.rawLog).toBe(0);
    const denom = attributes(issued, "asset_fractionalized")[0]!.denom!;
    expect(denom).toBe("asset/invoice/INV-2026-001");
    expect((await client.getBalance(alice, denom)).amount).toBe("1000");
    const nft = QueryNFTResponse.decode((await queries.queryAbci("/persistence.assets.v1.Query/NFT", QueryNFTRequest.encode({ classId: "invoice", id: "INV-2026-001" }).finish())).value).nft!;
    expect(nft).toMatchObject({ issuer: alice, status: AssetStatus.ASSET_STATUS_ISSUED, owner: encodeAddress(moduleAddress("assets")) });

    // 3. Alice offers 400 units at 10 USD each; bob buys them.
    const before = { alice: await uusd(alice), bob: await uusd(bob) };
    const order = (owner: string, side: Side, quantity: bigint) => ({
      typeUrl: MsgPlaceOrderCodec.typeUrl,
      value: { owner, base: denom, side, price: PRICE.toString(), quantity: quantity.toString() },
    });
    const offered = await submit(alice, [order(alice, Side.SIDE_SELL, 400n)]);
    expect(offered.code, offered.rawLog).toBe(0);

    // Carol, who holds no KYC claims, cannot buy: nothing of hers moves but the gas fee.
    const carolUsd = await uusd(carol);
    await expect(submit(carol, [order(carol, Side.SIDE_BUY, 10n)])).rejects.toThrow(/may not trade .*no current attestation/);
    const refused = await client.signAndBroadcast(carol, [order(carol, Side.SIDE_BUY, 10n)], { amount: [{ denom: "uxprt", amount: "1000" }], gas: "300000" });
    expect(refused.code).toBe(6);
    expect(refused.rawLog).toMatch(/may not trade/);
    expect(await uusd(carol)).toBe(carolUsd);

    const bought = await submit(bob, [order(bob, Side.SIDE_BUY, 400n)]);
    expect(bought.code, bought.rawLog).toBe(0);

    // Delivery versus payment at the maker's price, 0.1% maker and 0.2% taker fees on the notional.
    const notional = PRICE * 400n;
    const makerFee = notional / 1000n;
    const takerFee = (notional * 2n) / 1000n;
    expect((await client.getBalance(bob, denom)).amount).toBe("400");
    expect((await client.getBalance(alice, denom)).amount).toBe("600");
    expect(await uusd(alice)).toBe(before.alice + notional - makerFee);
    expect(await uusd(bob)).toBe(before.bob - notional - takerFee);
    // The fees reach the fee collector in the trade (the next block hands them to distribution).
    const feesPaid = attributes(bought, "transfer")
      .filter((t) => t.recipient === FEE_COLLECTOR && t.amount!.endsWith("uusd"))
      .reduce((sum, t) => sum + BigInt(t.amount!.replace(/uusd$/, "")), 0n);
    expect(feesPaid).toBe(makerFee + takerFee);
    expect(await uusd(MARKET)).toBe(0n);
    expect((await client.getBalance(MARKET, denom)).amount).toBe("0");

    const [trade] = attributes(bought, "trade");
    expect(trade).toMatchObject({ base: denom, price: PRICE.toString(), quantity: "400" });
    const book = QueryOrderBookResponse.decode((await queries.queryAbci("/persistence.market.v1.Query/OrderBook", QueryOrderBookRequest.encode({ base: denom, side: Side.SIDE_SELL, limit: 10 }).finish())).value);
    expect(book.levels).toEqual([]);
  }, 120_000);
});
