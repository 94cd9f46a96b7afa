import { afterEach, describe, expect, it } from "vitest";
import { LoanStatus } from "../../generated/persistence/lending/v1/types.js";
import { attributes, DAY, fractionDenom, LENDING_ADDRESS, MARKET_ADDRESS, msg, placeOrder, startLendingChain, type LendingChain } from "./test-fixture.js";

const NFT = "nft:invoice/n1";

describe("lending: default, auction, recovery and write-off", () => {
  let t: LendingChain;
  afterEach(() => t.chain.close());

  const ok = async (...txs: Promise<Uint8Array>[]) => {
    const result = await t.chain.block(await Promise.all(txs));
    for (const tx of result.txResults) expect(tx.code, tx.log).toBe(0);
    return result;
  };
  const endEvents = (result: Awaited<ReturnType<typeof ok>>, type: string) =>
    attributes({ events: result.events }, type).map(({ mode: _mode, ...rest }) => rest);

  /** A 1,000,000 uusd bullet loan on `collateral` maturing in 10 s with 5 s grace; returns when it defaults. */
  const lend = async (collateral: string, amount: bigint) => {
    await ok(t.alice.tx(msg.pledge(t.alice, collateral, amount)));
    await ok(t.valuer.tx(msg.appraise(t.valuer, 1n, 2_000_000n)));
    const maturity = t.chain.now + 10n;
    await ok(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 1_000_000n, maturity, grace: 5n })));
    await ok(t.bob.tx(msg.fund(t.bob, 1n)));
    return maturity + 5n;
  };

  it("auctions an NFT at the debt, pays the lender what the sale raised and writes the shortfall off by the schedule", async () => {
    t = await startLendingChain({ market: { maker_fee_rate: "0.01" } });
    const defaultAt = await lend(NFT, 1n);
    t.chain.advance(defaultAt - t.chain.now - 1n);
    const impaired = await ok();
    const [started] = endEvents(impaired, "auction_started");
    expect(endEvents(impaired, "loan_impaired")[0]).toMatchObject({ loan_id: "1", default_at: defaultAt.toString() });
    expect(started).toMatchObject({ loan_id: "1", order_id: "1", base: NFT, quantity: "1" });
    const reserve = BigInt(started!.price!.replace("uusd", ""));
    expect(reserve).toBeGreaterThan(1_000_000n);
    expect(t.chain.asset("n1")).toMatchObject({ owner: MARKET_ADDRESS, status: "ASSET_STATUS_DEFAULTED" });
    expect((await t.chain.loan(1n)).loan!.status).toBe(LoanStatus.LOAN_STATUS_AUCTION);
    const refusedRepay = (await t.chain.block([await t.alice.tx(msg.repay(t.alice, 1n, 1n))])).txResults[0]!;
    expect([refusedRepay.code, refusedRepay.log]).toEqual([13, expect.stringContaining("collateral is on auction")]);

    const bob0 = await t.chain.balance(t.bob.address, "uusd");
    const sold = await ok(t.carol.tx(placeOrder(t.carol.signer, { base: NFT, side: "buy", price: reserve, quantity: 1n })));
    const proceeds = reserve - (reserve + 99n) / 100n;
    const [fill] = attributes(sold.txResults[0]!, "auction_fill");
    expect(fill).toMatchObject({ loan_id: "1", proceeds: proceeds.toString(), to_lender: proceeds.toString(), to_borrower: "0" });
    expect(await t.chain.balance(t.bob.address, "uusd")).toBe(bob0 + proceeds);
    expect(await t.chain.balance(LENDING_ADDRESS, "uusd")).toBe(0n);
    expect(t.chain.asset("n1").owner).toBe(t.carol.address);
    const [writeOff] = attributes(sold.txResults[0]!, "loan_written_off");
    expect(writeOff).toMatchObject({ loan_id: "1", fraction: "0.500000000000000000", closed: "false" });
    const view = await t.chain.loan(1n);
    expect(view.loan!).toMatchObject({ status: LoanStatus.LOAN_STATUS_DEFAULTED, writtenOffFraction: "0.500000000000000000" });
    expect(BigInt(view.debt)).toBeGreaterThan(0n);

    t.chain.advance(2n * DAY);
    const closed = await ok();
    expect(endEvents(closed, "loan_written_off")[0]).toMatchObject({ loan_id: "1", fraction: "1.000000000000000000", closed: "true" });
    expect((await t.chain.loan(1n)).loan!).toMatchObject({ status: LoanStatus.LOAN_STATUS_WRITTEN_OFF, writtenOffFraction: "1.000000000000000000", normalizedDebt: "0.000000000000000000" });
    expect((await t.chain.loan(1n)).debt).toBe("0");
  });

  it("gives unsold collateral to the lender when the auction expires, and writes the debt off", async () => {
    t = await startLendingChain();
    const defaultAt = await lend(NFT, 1n);
    t.chain.advance(defaultAt - t.chain.now - 1n);
    await ok();
    t.chain.advance(100n);
    const expired = await ok();
    expect(endEvents(expired, "collateral_recovered")[0]).toMatchObject({ loan_id: "1", lender: t.bob.address, collateral: NFT, amount: "1", reason: "auction expired" });
    expect(endEvents(expired, "auction_settled")[0]).toMatchObject({ loan_id: "1", proceeds: "0", unsold: "1" });
    expect(endEvents(expired, "loan_written_off")[0]).toMatchObject({ loan_id: "1", fraction: "0.500000000000000000" });
    expect(t.chain.asset("n1")).toMatchObject({ owner: t.bob.address, status: "ASSET_STATUS_DEFAULTED" });
    expect((await t.chain.loan(1n)).loan!.status).toBe(LoanStatus.LOAN_STATUS_DEFAULTED);
    expect((t.chain.lending().pledges as unknown[]).length).toBe(0);
  });

  it("sells fraction units per unit at the debt rounded up; proceeds beyond the debt go to the borrower", async () => {
    t = await startLendingChain();
    const F1 = fractionDenom("f1");
    const defaultAt = await lend(F1, 30n);
    t.chain.advance(defaultAt - t.chain.now - 1n);
    const impaired = await ok();
    const [started] = endEvents(impaired, "auction_started");
    const perUnit = BigInt(started!.price!.replace("uusd", ""));
    const debt = BigInt(endEvents(impaired, "loan_impaired")[0]!.debt!);
    expect(perUnit).toBe((debt + 29n) / 30n);
    const alice0 = await t.chain.balance(t.alice.address, "uusd");
    const bob0 = await t.chain.balance(t.bob.address, "uusd");
    const sold = await ok(t.carol.tx(placeOrder(t.carol.signer, { base: F1, side: "buy", price: perUnit * 2n, quantity: 30n })));
    const [fill] = attributes(sold.txResults[0]!, "auction_fill");
    const toLender = BigInt(fill!.to_lender!);
    expect(toLender + BigInt(fill!.to_borrower!)).toBe(perUnit * 30n);
    expect(await t.chain.balance(t.bob.address, "uusd")).toBe(bob0 + toLender);
    expect(await t.chain.balance(t.alice.address, "uusd")).toBe(alice0 + perUnit * 30n - toLender);
    expect(await t.chain.balance(t.carol.address, F1)).toBe(30n);
    expect((await t.chain.loan(1n)).loan!).toMatchObject({ status: LoanStatus.LOAN_STATUS_RECOVERED, normalizedDebt: "0.000000000000000000", writtenOffFraction: "0.000000000000000000" });
  });
});
