/**
 * End to end, as a user's program would do it through CosmJS with the chain's generated types: KYC
 * claims for two parties, an invoice tokenized and split into 1,000 units, 400 of them sold on the
 * order book for uusd, with ownership, balances, fees and events checked.
 */
import { createHash } from "node:crypto";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryNFTRequest, QueryNFTResponse } from "../../src/generated/persistence/assets/v1/query.js";
import { AssetStatus } from "../../src/generated/persistence/assets/v1/types.js";
import { QueryOrderBookRequest, QueryOrderBookResponse } from "../../src/generated/persistence/market/v1/query.js";
import { Side } from "../../src/generated/persistence/market/v1/types.js";
import { MsgFractionalize, MsgIssueAsset } from "../../src/modules/assets/codecs.js";
import { MsgPlaceOrderCodec } from "../../src/modules/market/codecs.js";
import { encodeAddress, moduleAddress } from "../../src/types/address.js";
import { eventAttributes, openDevnetSession, professionalAttestation, type DevnetSession } from "../../src/testing/devnet-session.js";

const USD = 1_000_000n;
const PRICE = 10n * USD;
const FEE_COLLECTOR = encodeAddress(moduleAddress("fee_collector"));
const MARKET = encodeAddress(moduleAddress("market"));
const YEAR_SECONDS = 365n * 24n * 3600n;

describe("tokenize, fractionalize and trade an invoice through CosmJS", () => {
  let session: DevnetSession;
  let alice: string, bob: string, carol: string, dave: string;

  beforeAll(async () => {
    session = await openDevnetSession({ accounts: 5, homePrefix: "rwa-" });
    [, alice, bob, carol, dave] = session.addresses as [string, string, string, string, string];
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const submit = (signer: string, messages: EncodeObject[]) => session.submit(signer, messages);
  const uusd = (address: string) => session.balance(address, "uusd");

  it("runs the whole flow with the money adding up", async () => {
    // 1. The devnet's KYC provider (dave) attests both parties; only a commitment to their records goes on chain.
    const expiry = { seconds: (await session.latestBlockSeconds()) + YEAR_SECONDS, nanos: 0 };
    const attest = (subject: string) => professionalAttestation(dave, subject, expiry.seconds, createHash("sha256").update(`kyc record of ${subject}`).update(new Uint8Array(32).fill(7)).digest());
    await submit(dave, [attest(alice), attest(bob)]);

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
    const denom = eventAttributes(issued.events, "asset_fractionalized")[0]!.denom!;
    expect(denom).toBe("asset/invoice/INV-2026-001");
    expect((await session.client.getBalance(alice, denom)).amount).toBe("1000");
    const nft = (await session.query("/persistence.assets.v1.Query/NFT", QueryNFTRequest, { classId: "invoice", id: "INV-2026-001" }, QueryNFTResponse)).nft!;
    expect(nft).toMatchObject({ issuer: alice, status: AssetStatus.ASSET_STATUS_ISSUED, owner: encodeAddress(moduleAddress("assets")) });

    // 3. Alice offers 400 units at 10 USD each; bob buys them.
    const before = { alice: await uusd(alice), bob: await uusd(bob) };
    const order = (owner: string, side: Side, quantity: bigint) => ({
      typeUrl: MsgPlaceOrderCodec.typeUrl,
      value: { owner, base: denom, side, price: PRICE.toString(), quantity: quantity.toString() },
    });
    await submit(alice, [order(alice, Side.SIDE_SELL, 400n)]);

    // Carol, who holds no KYC claims, cannot buy: nothing of hers moves but the gas fee.
    const carolUsd = await uusd(carol);
    await expect(submit(carol, [order(carol, Side.SIDE_BUY, 10n)])).rejects.toThrow(/may not trade .*no current attestation/);
    const refused = await session.client.signAndBroadcast(carol, [order(carol, Side.SIDE_BUY, 10n)], { amount: [{ denom: "uxprt", amount: "1000" }], gas: "300000" });
    expect(refused.code).toBe(6);
    expect(refused.rawLog).toMatch(/may not trade/);
    expect(await uusd(carol)).toBe(carolUsd);

    const bought = await submit(bob, [order(bob, Side.SIDE_BUY, 400n)]);

    // Delivery versus payment at the maker's price, 0.1% maker and 0.2% taker fees on the notional.
    const notional = PRICE * 400n;
    const makerFee = notional / 1000n;
    const takerFee = (notional * 2n) / 1000n;
    expect((await session.client.getBalance(bob, denom)).amount).toBe("400");
    expect((await session.client.getBalance(alice, denom)).amount).toBe("600");
    expect(await uusd(alice)).toBe(before.alice + notional - makerFee);
    expect(await uusd(bob)).toBe(before.bob - notional - takerFee);
    // The fees reach the fee collector in the trade (the next block hands them to distribution).
    const feesPaid = eventAttributes(bought.events, "transfer")
      .filter((t) => t.recipient === FEE_COLLECTOR && t.amount!.endsWith("uusd"))
      .reduce((sum, t) => sum + BigInt(t.amount!.replace(/uusd$/, "")), 0n);
    expect(feesPaid).toBe(makerFee + takerFee);
    expect(await uusd(MARKET)).toBe(0n);
    expect((await session.client.getBalance(MARKET, denom)).amount).toBe("0");

    const [trade] = eventAttributes(bought.events, "trade");
    expect(trade).toMatchObject({ base: denom, price: PRICE.toString(), quantity: "400" });
    const book = await session.query("/persistence.market.v1.Query/OrderBook", QueryOrderBookRequest, { base: denom, side: Side.SIDE_SELL, limit: 10 }, QueryOrderBookResponse);
    expect(book.levels).toEqual([]);
  }, 120_000);
});
