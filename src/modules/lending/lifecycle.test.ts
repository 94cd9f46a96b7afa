import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MsgAppraiseResponse, MsgPledgeResponse, MsgRepayResponse, MsgRequestLoanResponse } from "../../generated/persistence/lending/v1/tx.js";
import { LoanStatus } from "../../generated/persistence/lending/v1/types.js";
import { attributes, fractionDenom, LENDING_ADDRESS, msg, response, startLendingChain, type LendingChain, type Wallet } from "./test-fixture.js";

const NFT = "nft:invoice/n1";
const F1 = fractionDenom("f1");
const YEAR = 31_536_000n;

describe("lending: pledge, appraise, request, fund, repay", () => {
  let t: LendingChain;
  beforeEach(async () => {
    t = await startLendingChain();
  });
  afterEach(() => t.chain.close());

  const ok = async (...txs: Promise<Uint8Array>[]) => {
    const result = await t.chain.block(await Promise.all(txs));
    for (const tx of result.txResults) expect(tx.code, tx.log).toBe(0);
    return result;
  };
  /** Runs one tx that must fail with `code` and `log` fragment, and checks it changed no lending, asset or balance state. */
  const refused = async (tx: Promise<Uint8Array>, codespace: string, code: number, log: string) => {
    const before = snapshot();
    const result = await t.chain.block([await tx]);
    const r = result.txResults[0]!;
    expect([r.codespace, r.code], r.log).toEqual([codespace, code]);
    expect(r.log).toContain(log);
    expect(snapshot()).toEqual(before);
  };
  const snapshot = () => {
    const g = t.chain.app.exportGenesis();
    // Fees (uxprt) left out: a tx refused before its fee is taken leaves the fee collector emptied by distribution.
    const balances = (g.bank as { balances: { address: string; coins: { denom: string; amount: string }[] }[] }).balances
      .map((b) => ({ address: b.address, coins: b.coins.filter((c) => c.denom !== "uxprt") }))
      .filter((b) => b.coins.length > 0);
    return { lending: g.lending, assets: g.assets, balances };
  };
  const pledgeNft = async () => response((await ok(t.alice.tx(msg.pledge(t.alice, NFT)))).txResults[0]!, MsgPledgeResponse).pledgeId;
  const appraise = async (pledgeId: bigint, value: bigint, valuer: Wallet = t.valuer) =>
    response((await ok(valuer.tx(msg.appraise(valuer, pledgeId, value)))).txResults[0]!, MsgAppraiseResponse).appraisalId;

  it("runs a bullet loan from pledge to full repayment, releasing the invoice as paid", async () => {
    const pledged = await ok(t.alice.tx(msg.pledge(t.alice, NFT)));
    expect(attributes(pledged.txResults[0]!, "pledged")).toEqual([{ pledge_id: "1", owner: t.alice.address, collateral: NFT, amount: "1" }]);
    expect(t.chain.asset("n1")).toMatchObject({ owner: LENDING_ADDRESS, status: "ASSET_STATUS_PLEDGED" });
    await appraise(1n, 1_000_000_000n);
    const requested = await ok(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 800_000_000n, maturity: t.chain.now + YEAR })));
    expect(response(requested.txResults[0]!, MsgRequestLoanResponse).loanId).toBe(1n);

    const [alice0, bob0] = [await t.chain.balance(t.alice.address, "uusd"), await t.chain.balance(t.bob.address, "uusd")];
    const funded = await ok(t.bob.tx(msg.fund(t.bob, 1n)));
    const start = t.chain.now;
    expect(attributes(funded.txResults[0]!, "loan_funded")[0]).toMatchObject({ loan_id: "1", lender: t.bob.address, principal: "800000000uusd" });
    expect(await t.chain.balance(t.alice.address, "uusd")).toBe(alice0 + 800_000_000n);
    expect(await t.chain.balance(t.bob.address, "uusd")).toBe(bob0 - 800_000_000n);
    expect(t.chain.asset("n1").status).toBe("ASSET_STATUS_FINANCED");
    // 18-decimal fields are decimals with all 18 places; amounts whole uusd.
    expect((await t.chain.loan(1n)).loan!).toMatchObject({
      principal: "800000000",
      apr: "0.100000000000000000",
      ratePerSecond: "1.000000003170979199",
      normalizedDebt: "800000000.000000000000000000",
      writtenOffFraction: "0.000000000000000000",
    });
    expect(t.chain.lending().accumulators).toEqual([{ rate_per_second: "1.000000003170979199", index: "1.000000000000000000", since: expect.any(String) }]);

    t.chain.advance(YEAR / 2n);
    const partial = await ok(t.alice.tx(msg.repay(t.alice, 1n, 100_000_000n)));
    const paid = response(partial.txResults[0]!, MsgRepayResponse);
    expect(BigInt(paid.interest) + BigInt(paid.principal)).toBe(100_000_000n);
    // Half a year at 10% per-second compounding on 800 uusd: e^0.05 − 1 ≈ 5.127%.
    expect(BigInt(paid.interest)).toBeGreaterThan(41_016_000n);
    expect(BigInt(paid.interest)).toBeLessThan(41_017_000n);
    expect(attributes(partial.txResults[0]!, "loan_repaid")[0]).toMatchObject({ loan_id: "1", interest: paid.interest, principal: paid.principal, debt: paid.debt });

    const view = await t.chain.loan(1n);
    expect(view.loan!.status).toBe(LoanStatus.LOAN_STATUS_ACTIVE);
    expect(t.chain.now - start).toBe(YEAR / 2n + 1n);

    const bob1 = await t.chain.balance(t.bob.address, "uusd");
    const full = await ok(t.alice.tx(msg.repay(t.alice, 1n, 10_000_000_000n)));
    const last = response(full.txResults[0]!, MsgRepayResponse);
    expect(last.debt).toBe("0");
    expect(await t.chain.balance(t.bob.address, "uusd")).toBe(bob1 + BigInt(last.interest) + BigInt(last.principal));
    expect(BigInt(paid.principal) + BigInt(last.principal)).toBe(800_000_000n);
    expect(attributes(full.txResults[0]!, "loan_closed")).toEqual([{ loan_id: "1", status: "repaid", borrower: t.alice.address, lender: t.bob.address }]);
    expect(t.chain.asset("n1")).toMatchObject({ owner: t.alice.address, status: "ASSET_STATUS_PAID" });
    expect((await t.chain.loan(1n)).loan!.status).toBe(LoanStatus.LOAN_STATUS_REPAID);
    expect((t.chain.lending().pledges as unknown[]).length).toBe(0);
  });

  it("pledges fraction units, withdraws them while unencumbered, and cancels an unfunded request", async () => {
    await ok(t.alice.tx(msg.pledge(t.alice, F1, 40n)));
    expect(await t.chain.balance(LENDING_ADDRESS, F1)).toBe(40n);
    await appraise(1n, 400_000n);
    await ok(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 320_000n, maturity: t.chain.now + 1000n, periodSeconds: 100n })));
    await refused(t.alice.tx(msg.withdraw(t.alice, 1n)), "lending", 5, "pledge 1 backs loan 1");
    const cancelled = await ok(t.alice.tx(msg.cancel(t.alice, 1n)));
    expect(attributes(cancelled.txResults[0]!, "loan_request_cancelled")).toEqual([{ loan_id: "1", borrower: t.alice.address }]);
    await refused(t.bob.tx(msg.fund(t.bob, 1n)), "lending", 13, "not an open request");
    await ok(t.alice.tx(msg.withdraw(t.alice, 1n)));
    expect(await t.chain.balance(t.alice.address, F1)).toBe(100n);
    expect(await t.chain.balance(LENDING_ADDRESS, F1)).toBe(0n);
  });

  it("refuses bad appraisals, stale and foreign ones, advances above the LTV and strangers' repayments, changing nothing", async () => {
    await pledgeNft();
    await ok(t.alice.tx(msg.pledge(t.alice, F1, 10n)));
    await refused(t.carol.tx(msg.appraise(t.carol, 1n, 1_000n)), "lending", 6, "is not a registered valuer");
    await refused(t.valuer.tx(msg.appraise(t.valuer, 9n, 1_000n)), "lending", 3, "no pledge 9");
    await appraise(1n, 1_000_000n);
    const foreign = await appraise(2n, 5_000_000n);
    await refused(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, appraisalId: foreign, principal: 1_000n, maturity: t.chain.now + 1000n })), "lending", 8, "is of pledge 2, not 1");
    await refused(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 800_001n, maturity: t.chain.now + 1000n })), "lending", 10, "exceeds 800000uusd");
    await refused(t.bob.tx(msg.request(t.bob, { pledgeId: 1n, principal: 1_000n, maturity: t.chain.now + 1000n })), "lending", 4, `belongs to ${t.alice.address}`);
    await refused(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 1_000n, maturity: t.chain.now })), "lending", 2, "must be after the block time");
    t.chain.advance(1000n);
    await refused(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 1_000n, maturity: t.chain.now + 5000n })), "lending", 9, "at most 1000s may back a loan");
    await appraise(1n, 1_000_000n);
    await ok(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 800_000n, maturity: t.chain.now + 5000n })));
    await ok(t.bob.tx(msg.fund(t.bob, 1n)));
    await refused(t.carol.tx(msg.repay(t.carol, 1n, 1_000n)), "lending", 12, `loan 1 belongs to ${t.alice.address}, not ${t.carol.address}`);
    await refused(t.alice.tx(msg.repay(t.alice, 7n, 1_000n)), "lending", 11, "no loan 7");
    await refused(t.bob.tx(msg.fund(t.bob, 1n)), "lending", 13, "not an open request");
  });

  it("takes an APR with at most 18 places from 0 to 10, stores it with all 18, and refuses any other form", async () => {
    await pledgeNft();
    await appraise(1n, 1_000_000n);
    const request = (apr: string) => t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 1_000n, apr, maturity: t.chain.now + 1000n }));
    // 19 places, LegacyDec's bare integer (10^17, far above 10), a percent sign, a sign, an exponent, no digits before or after the point, empty, above 10.
    for (const apr of ["0.1000000000000000001", "100000000000000000", "10%", "-0.1", "1e-1", ".5", "1.", "", "10.000000000000000001"]) {
      await refused(request(apr), "lending", 2, `apr must be a decimal from 0 to 10 (1000%) with at most 18 places, e.g. "0.1" for 10%, got "${apr}"`);
      // Refused by the stateless check, before the ante step: the sequence does not advance.
      t.alice.rollback();
    }
    await ok(request("10"));
    expect((await t.chain.loan(1n)).loan!).toMatchObject({ apr: "10.000000000000000000", ratePerSecond: "1.000000317097919838" });
    await ok(t.alice.tx(msg.cancel(t.alice, 1n)));
    await ok(request("0.123456789012345678"));
    expect((await t.chain.loan(2n)).loan!.apr).toBe("0.123456789012345678");
  });

  it("refuses a lender that fails the participant requirement, and the borrower funding itself", async () => {
    const restricted = await startLendingChain({ params: { participant_requirement: { min_kyc_level: 1 } } });
    await t.chain.close();
    t = restricted;
    await pledgeNft();
    await appraise(1n, 1_000n);
    await ok(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 500n, maturity: t.chain.now + 1000n })));
    await refused(t.official.tx(msg.fund(t.official, 1n)), "lending", 14, `lender ${t.official.address}`);
    await refused(t.alice.tx(msg.fund(t.alice, 1n)), "lending", 2, "may not fund its own loan");
    await ok(t.bob.tx(msg.fund(t.bob, 1n)));
  });

  it("keeps the maintainer from changing the status of a pledged invoice", async () => {
    await pledgeNft();
    const { MsgSetAssetStatus } = await import("../assets/codecs.js");
    const { AssetStatus } = await import("../../generated/persistence/assets/v1/types.js");
    const release = { typeUrl: MsgSetAssetStatus.typeUrl, value: MsgSetAssetStatus.encode({ maintainer: t.official.address, classId: "invoice", id: "n1", status: AssetStatus.ASSET_STATUS_ISSUED }).finish() };
    await refused(t.official.tx(release), "assets", 20, "only that module changes its status");
  });
});
