/**
 * End to end through CosmJS against a devnet process: the securitisation story. Alice tokenizes an
 * invoice, pledges it, carol appraises it and alice asks for a loan; erin opens a pool, bob invests
 * in its senior tranche and frank in its junior one; an epoch executes and they claim their tranche
 * tokens; erin finances alice's loan from the pool; alice repays it with interest; both investors
 * redeem everything in the next epoch, the senior earning exactly its APR on the chain's own clock
 * and the junior the residual. Refusals along the way change nothing.
 */
import { createHash } from "node:crypto";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { QueryClient, setupBankExtension, type BankExtension, type DeliverTxResponse } from "@cosmjs/stargate";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvestorClass } from "../../src/generated/persistence/identity/v1/requirement.js";
import { QueryLoanRequest, QueryLoanResponse } from "../../src/generated/persistence/lending/v1/query.js";
import { MsgAppraiseResponse, MsgPledgeResponse, MsgRepayResponse, MsgRequestLoanResponse } from "../../src/generated/persistence/lending/v1/tx.js";
import { LoanStatus, ScheduleKind } from "../../src/generated/persistence/lending/v1/types.js";
import { OrderState, QueryEpochRequest, QueryEpochResponse, QueryOrdersRequest, QueryOrdersResponse, QueryPoolRequest, QueryPoolResponse } from "../../src/generated/persistence/pools/v1/query.js";
import { MsgClaimResponse, MsgCloseEpochResponse, MsgCreatePoolResponse } from "../../src/generated/persistence/pools/v1/tx.js";
import { Tranche } from "../../src/generated/persistence/pools/v1/types.js";
import { MsgIssueAsset } from "../../src/modules/assets/codecs.js";
import { MsgAppraiseCodec, MsgPledgeCodec, MsgRepayCodec, MsgRequestLoanCodec } from "../../src/modules/lending/codecs.js";
import { MsgClaimCodec, MsgCloseEpochCodec, MsgCreatePoolCodec, MsgFinanceLoanCodec, MsgInvestCodec, MsgRedeemCodec } from "../../src/modules/pools/codecs.js";
import { encodeAddress, moduleAddress } from "../../src/types/address.js";
import { eventAttributes, firstResponse, openDevnetSession, professionalAttestation, type DevnetSession } from "../../src/testing/devnet-session.js";

const USD = 1_000_000n;
const SENIOR_IN = 300_000n * USD;
const JUNIOR_IN = 100_000n * USD;
const PRINCIPAL = 350_000n * USD;
const YEAR_SECONDS = 31_536_000n;
const WAD = 10n ** 18n;
/** APRs as exact rationals: the loan's 30% and the senior tranche's 8%. */
const LOAN_APR = { numerator: 30n, denominator: 100n };
const SENIOR_APR = { numerator: 8n, denominator: 100n };
const POOLS = encodeAddress(moduleAddress("pools"));
const SENIOR = Tranche.TRANCHE_SENIOR;
const JUNIOR = Tranche.TRANCHE_JUNIOR;
const REFUSED_FEE = { amount: [{ denom: "uxprt", amount: "2000" }], gas: "400000" };

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** The per-second factor 1 + APR / 31,536,000 as the chain documents it: rounded up to 18 decimals. */
const ratePerSecond = (apr: { numerator: bigint; denominator: bigint }) => ceilDiv(WAD * (YEAR_SECONDS * apr.denominator + apr.numerator), YEAR_SECONDS * apr.denominator);

/** A loan's debt after `seconds`: ⌈principal · r^seconds⌉ from the exact integer power (lending's README). */
function loanDebt(principal: bigint, seconds: bigint): bigint {
  const rate = ratePerSecond(LOAN_APR);
  return ceilDiv(principal * rate ** seconds, WAD ** seconds);
}

/** The senior tranche's value after `seconds` (pools' README): ⌊value × ⌈r^seconds⌉₁₈⌋, the growth rounded up to 18 decimals, the product down. */
function seniorValue(value: bigint, seconds: bigint): bigint {
  if (seconds === 0n) return value;
  const growth = ceilDiv(ratePerSecond(SENIOR_APR) ** seconds, WAD ** (seconds - 1n));
  return (value * growth) / WAD;
}

/** An 18-decimal quantity from a query or event, as an integer ("1000000000000000000") or with its point ("1.000000000000000000"). */
function wad(text: string): bigint {
  const [whole, fraction = ""] = text.split(".");
  return BigInt(whole!) * WAD + BigInt(fraction.padEnd(18, "0").slice(0, 18) || "0");
}

describe("securitise an invoice loan in a two-tranche pool through CosmJS", { timeout: 120_000 }, () => {
  let session: DevnetSession;
  let queries: QueryClient & BankExtension;
  let validator: string, alice: string, bob: string, carol: string, dave: string, erin: string, frank: string, mallory: string;

  beforeAll(async () => {
    // Indexes 0–4 are the devnet's funded roles; 5–7 are fresh accounts the validator funds below.
    session = await openDevnetSession({ accounts: 8, homePrefix: "pools-" });
    [validator, alice, bob, carol, dave, erin, frank, mallory] = session.addresses as [string, string, string, string, string, string, string, string];
    queries = QueryClient.withExtensions(session.comet, setupBankExtension);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const submit = (signer: string, messages: EncodeObject[]) => session.submit(signer, messages);
  /** Broadcasts a message the chain must refuse (fixed gas: simulation would fail) and returns its code, codespace and log. */
  const refuse = (signer: string, message: EncodeObject) => session.refuse(signer, [message], REFUSED_FEE);
  const balance = (address: string, denom = "uusd") => session.balance(address, denom);
  const blockSeconds = (height: number) => session.blockSeconds(height);
  /** The events the block emitted outside its txs (EndBlock: epoch executions). */
  const blockEvents = async (height: number) => {
    const results = await session.comet.blockResults(height);
    return "finalizeBlockEvents" in results ? results.finalizeBlockEvents : [...results.beginBlockEvents, ...results.endBlockEvents];
  };
  const pool = async (id: bigint) => (await session.query("/persistence.pools.v1.Query/Pool", QueryPoolRequest, { id }, QueryPoolResponse)).pool!;
  const orders = async (poolId: bigint, investor: string) => (await session.query("/persistence.pools.v1.Query/Orders", QueryOrdersRequest, { poolId, investor }, QueryOrdersResponse)).orders;
  const epoch = async (poolId: bigint, number: bigint) => (await session.query("/persistence.pools.v1.Query/Epoch", QueryEpochRequest, { poolId, epoch: number }, QueryEpochResponse)).result!;
  const loan = async (id: bigint) => (await session.query("/persistence.lending.v1.Query/Loan", QueryLoanRequest, { id }, QueryLoanResponse)).loan!;

  const msg = {
    invest: (investor: string, poolId: bigint, tranche: Tranche, amount: bigint) => ({ typeUrl: MsgInvestCodec.typeUrl, value: MsgInvestCodec.fromPartial({ investor, poolId, tranche, amount: amount.toString() }) }),
    redeem: (investor: string, poolId: bigint, tranche: Tranche, tokens: bigint) => ({ typeUrl: MsgRedeemCodec.typeUrl, value: MsgRedeemCodec.fromPartial({ investor, poolId, tranche, tokens: tokens.toString() }) }),
    claim: (investor: string, poolId: bigint, tranche: Tranche) => ({ typeUrl: MsgClaimCodec.typeUrl, value: MsgClaimCodec.fromPartial({ investor, poolId, tranche }) }),
    close: (sender: string, poolId: bigint) => ({ typeUrl: MsgCloseEpochCodec.typeUrl, value: MsgCloseEpochCodec.fromPartial({ sender, poolId }) }),
    finance: (originator: string, poolId: bigint, loanId: bigint) => ({ typeUrl: MsgFinanceLoanCodec.typeUrl, value: MsgFinanceLoanCodec.fromPartial({ originator, poolId, loanId }) }),
  };

  /** Closes the pool's epoch once the chain's clock allows (min_epoch_seconds after it opened); returns the tx and its block time. */
  async function closeEpoch(sender: string, poolId: bigint): Promise<{ tx: DeliverTxResponse; at: bigint }> {
    const { pool: terms } = await pool(poolId);
    const from = terms!.epochStart!.seconds + terms!.minEpochSeconds;
    while ((await session.latestBlockSeconds()) < from) await new Promise((resolve) => setTimeout(resolve, 100));
    const tx = await submit(sender, [msg.close(sender, poolId)]);
    expect(firstResponse(tx, MsgCloseEpochResponse).epoch).toBe(terms!.epoch);
    return { tx, at: await blockSeconds(tx.height) };
  }

  it("invests, finances, repays and redeems with both tranches' figures adding up", async () => {
    // 1. The validator funds three fresh accounts: erin (originator), frank (junior investor) and
    //    mallory (never attested). Dave, the KYC provider, attests the borrower, the originator and
    //    both investors; alice tokenizes a 500,000 USD invoice.
    const XPRT = 1_000_000n;
    const send = (to: string, coins: { denom: string; amount: bigint }[]) => ({
      typeUrl: "/cosmos.bank.v1beta1.MsgSend",
      value: MsgSend.fromPartial({ fromAddress: validator, toAddress: to, amount: coins.map((c) => ({ denom: c.denom, amount: c.amount.toString() })) }),
    });
    await submit(validator, [
      send(erin, [{ denom: "uxprt", amount: 1_000n * XPRT }]),
      send(frank, [{ denom: "uusd", amount: 200_000n * USD }, { denom: "uxprt", amount: 1_000n * XPRT }]),
      send(mallory, [{ denom: "uusd", amount: 10_000n * USD }, { denom: "uxprt", amount: 1_000n * XPRT }]),
    ]);
    const now = await session.latestBlockSeconds();
    const attest = (subject: string) => professionalAttestation(dave, subject, now + YEAR_SECONDS);
    await submit(dave, [attest(alice), attest(erin), attest(bob), attest(frank)]);
    const issue = MsgIssueAsset.fromPartial({
      issuer: alice,
      classId: "invoice",
      id: "INV-2026-077",
      documentHash: createHash("sha256").update("invoice INV-2026-077.pdf").digest(),
      properties: [
        { name: "face_value", amountValue: { denom: "uusd", amount: String(500_000n * USD) } },
        { name: "issue_date", timestampValue: { seconds: now, nanos: 0 } },
        { name: "due_date", timestampValue: { seconds: now + 90n * 86_400n, nanos: 0 } },
        { name: "obligor_commitment", hash32Value: createHash("sha256").update("obligor: Nordwind Logistik AG").digest() },
        { name: "invoice_number", stringValue: "INV-2026-077" },
      ],
    });
    await submit(alice, [{ typeUrl: MsgIssueAsset.typeUrl, value: issue }]);

    // 2. Alice pledges it, carol appraises it at 500,000 USD, alice asks for 350,000 USD at 30% as a
    //    90-day bullet (the invoice's 80% advance rate allows up to 400,000).
    const { pledgeId } = firstResponse(await submit(alice, [{ typeUrl: MsgPledgeCodec.typeUrl, value: MsgPledgeCodec.fromPartial({ owner: alice, collateral: "nft:invoice/INV-2026-077", amount: "1" }) }]), MsgPledgeResponse);
    const appraised = await submit(carol, [{ typeUrl: MsgAppraiseCodec.typeUrl, value: MsgAppraiseCodec.fromPartial({ valuer: carol, pledgeId, value: String(500_000n * USD), note: "devnet valuation" }) }]);
    const { appraisalId } = firstResponse(appraised, MsgAppraiseResponse);
    const request = MsgRequestLoanCodec.fromPartial({
      borrower: alice,
      pledgeId,
      appraisalId,
      principal: PRINCIPAL.toString(),
      apr: "0.3",
      maturity: { seconds: now + 90n * 86_400n, nanos: 0 },
      graceSeconds: 86_400n,
      schedule: ScheduleKind.SCHEDULE_KIND_BULLET,
    });
    const { loanId } = firstResponse(await submit(alice, [{ typeUrl: MsgRequestLoanCodec.typeUrl, value: request }]), MsgRequestLoanResponse);

    // 3. Erin opens a pool: senior 8%, junior 20–50% of the assets, reserve at most 1,000,000 USD,
    //    investors attested professional in Germany at KYC level 2, NAV discounted at 10%, 1 s epochs.
    const created = await submit(erin, [
      {
        typeUrl: MsgCreatePoolCodec.typeUrl,
        value: MsgCreatePoolCodec.fromPartial({
          originator: erin,
          seniorApr: "0.08",
          minJuniorRatio: "0.2",
          maxJuniorRatio: "0.5",
          maxReserve: (1_000_000n * USD).toString(),
          investorRequirement: { minKycLevel: 2, jurisdictions: ["DE"], investorClasses: [InvestorClass.INVESTOR_CLASS_PROFESSIONAL] },
          discountApr: "0.1",
          minEpochSeconds: 1n,
        }),
      },
    ]);
    const { poolId } = firstResponse(created, MsgCreatePoolResponse);
    const seniorDenom = `pool/${poolId}/senior`;
    const juniorDenom = `pool/${poolId}/junior`;
    expect(eventAttributes(created.events, "pool_created")).toEqual([expect.objectContaining({ pool_id: poolId.toString(), originator: erin, senior_denom: seniorDenom, junior_denom: juniorDenom })]);

    // 4. Bob orders 300,000 USD of senior, frank 100,000 USD of junior: escrowed in the pools account.
    const bob0 = await balance(bob);
    const frank0 = await balance(frank);
    await submit(bob, [msg.invest(bob, poolId, SENIOR, SENIOR_IN)]);
    await submit(frank, [msg.invest(frank, poolId, JUNIOR, JUNIOR_IN)]);
    expect(await balance(POOLS)).toBe(SENIOR_IN + JUNIOR_IN);
    expect((await orders(poolId, bob)).map((o) => [o.order!.tranche, o.order!.invest, o.state])).toEqual([[SENIOR, SENIOR_IN.toString(), OrderState.ORDER_STATE_OPEN]]);

    // Mallory, never attested, cannot invest: pools code 5, no coin moves, no order.
    const mallory0 = await balance(mallory);
    const notCompliant = await refuse(mallory, msg.invest(mallory, poolId, SENIOR, 1_000n * USD));
    expect(notCompliant).toMatchObject({ code: 5, codespace: "pools" });
    expect(notCompliant.log).toContain("does not meet the pool's requirement");
    expect(await balance(mallory)).toBe(mallory0);
    expect(await balance(POOLS)).toBe(SENIOR_IN + JUNIOR_IN);
    expect(await orders(poolId, mallory)).toEqual([]);

    // Anyone may close the epoch, mallory too; it executes at price 1: tokens = uusd invested.
    const first = await closeEpoch(mallory, poolId);
    const epoch1 = await epoch(poolId, 1n);
    expect(epoch1.executedAt!.seconds).toBe(first.at);
    expect(wad(epoch1.senior!.price)).toBe(WAD);
    expect(wad(epoch1.junior!.price)).toBe(WAD);
    expect(epoch1.senior).toMatchObject({ investOrdered: SENIOR_IN.toString(), invested: SENIOR_IN.toString(), minted: SENIOR_IN.toString(), redeemed: "0", paid: "0" });
    expect(epoch1.junior).toMatchObject({ investOrdered: JUNIOR_IN.toString(), invested: JUNIOR_IN.toString(), minted: JUNIOR_IN.toString(), redeemed: "0", paid: "0" });
    expect(epoch1).toMatchObject({ nav: "0", reserve: (SENIOR_IN + JUNIOR_IN).toString() });
    expect(eventAttributes(await blockEvents(first.tx.height), "pool_epoch_executed")).toEqual([
      expect.objectContaining({ pool_id: poolId.toString(), epoch: "1", senior_invested: SENIOR_IN.toString(), junior_invested: JUNIOR_IN.toString(), reserve: (SENIOR_IN + JUNIOR_IN).toString() }),
    ]);
    expect((await orders(poolId, bob)).map((o) => [o.order!.invest, o.order!.claimableTokens, o.state])).toEqual([["0", SENIOR_IN.toString(), OrderState.ORDER_STATE_EXECUTED]]);
    expect((await orders(poolId, frank)).map((o) => [o.order!.invest, o.order!.claimableTokens, o.state])).toEqual([["0", JUNIOR_IN.toString(), OrderState.ORDER_STATE_EXECUTED]]);

    const bobClaim = firstResponse(await submit(bob, [msg.claim(bob, poolId, SENIOR)]), MsgClaimResponse);
    const frankClaim = firstResponse(await submit(frank, [msg.claim(frank, poolId, JUNIOR)]), MsgClaimResponse);
    expect(bobClaim).toEqual({ tokens: SENIOR_IN.toString(), uusd: "0" });
    expect(frankClaim).toEqual({ tokens: JUNIOR_IN.toString(), uusd: "0" });
    expect(await balance(bob, seniorDenom)).toBe(SENIOR_IN);
    expect(await balance(frank, juniorDenom)).toBe(JUNIOR_IN);
    expect(await orders(poolId, bob)).toEqual([]);
    const opened = (await pool(poolId)).pool!;
    expect(opened).toMatchObject({ reserve: (SENIOR_IN + JUNIOR_IN).toString(), seniorSupply: SENIOR_IN.toString(), juniorSupply: JUNIOR_IN.toString(), seniorValue: SENIOR_IN.toString(), epoch: 2n });
    expect(opened.seniorSince!.seconds).toBe(first.at);

    // Bob cannot offer more tokens than he holds: bank refuses the escrow (the SDK's insufficient
    // funds), and neither his tokens nor his order move.
    const overRedeem = await refuse(bob, msg.redeem(bob, poolId, SENIOR, SENIOR_IN + 1n));
    expect(overRedeem).toMatchObject({ code: 5, codespace: "sdk" });
    expect(overRedeem.log).toContain("insufficient funds");
    expect(await balance(bob, seniorDenom)).toBe(SENIOR_IN);
    expect(await balance(POOLS, seniorDenom)).toBe(0n);
    expect(await orders(poolId, bob)).toEqual([]);

    // 5. Bob is not the originator: pools code 4, the loan stays a request, the reserve untouched.
    const alice0 = await balance(alice);
    const notOriginator = await refuse(bob, msg.finance(bob, poolId, loanId));
    expect(notOriginator).toMatchObject({ code: 4, codespace: "pools" });
    expect(notOriginator.log).toContain(`belongs to ${erin}`);
    expect((await loan(loanId)).loan!.status).toBe(LoanStatus.LOAN_STATUS_REQUESTED);
    expect(await balance(alice)).toBe(alice0);
    expect((await pool(poolId)).pool!.reserve).toBe((SENIOR_IN + JUNIOR_IN).toString());

    // Erin finances the loan from the reserve; the pools account is the lender of record.
    const financed = await submit(erin, [msg.finance(erin, poolId, loanId)]);
    const fundedAt = await blockSeconds(financed.height);
    const reserveAfterFinancing = SENIOR_IN + JUNIOR_IN - PRINCIPAL;
    expect(eventAttributes(financed.events, "pool_loan_financed")).toEqual([expect.objectContaining({ pool_id: poolId.toString(), loan_id: loanId.toString(), principal: PRINCIPAL.toString(), reserve: reserveAfterFinancing.toString() })]);
    expect(await balance(alice)).toBe(alice0 + PRINCIPAL);
    expect(await balance(POOLS)).toBe(reserveAfterFinancing);
    const funded = (await loan(loanId)).loan!;
    expect(funded).toMatchObject({ lender: POOLS, status: LoanStatus.LOAN_STATUS_ACTIVE });
    expect(funded.fundedAt!.seconds).toBe(fundedAt);
    const financedView = await pool(poolId);
    expect(financedView.pool!.reserve).toBe(reserveAfterFinancing.toString());
    // The NAV counts the bullet (principal and 90 days of 30%) discounted at 10%: above the principal, below the bullet.
    const bullet = BigInt(funded.cashflows[0]!.amount);
    expect(BigInt(financedView.nav)).toBeGreaterThan(PRINCIPAL);
    expect(BigInt(financedView.nav)).toBeLessThan(bullet);

    // 6. A few seconds later alice repays everything (offering more: only the debt is taken); the
    //    reserve takes principal and interest, the NAV drops to 0.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const repaid = await submit(alice, [{ typeUrl: MsgRepayCodec.typeUrl, value: MsgRepayCodec.fromPartial({ borrower: alice, loanId, amount: String(400_000n * USD) }) }]);
    const repaidAt = await blockSeconds(repaid.height);
    expect(repaidAt - fundedAt).toBeGreaterThanOrEqual(3n);
    const payment = firstResponse(repaid, MsgRepayResponse);
    const debt = loanDebt(PRINCIPAL, repaidAt - fundedAt);
    expect(BigInt(payment.principal)).toBe(PRINCIPAL);
    expect(BigInt(payment.interest)).toBe(debt - PRINCIPAL);
    expect(payment.debt).toBe("0");
    expect(eventAttributes(repaid.events, "pool_loan_payment")).toEqual([expect.objectContaining({ pool_id: poolId.toString(), loan_id: loanId.toString(), kind: "repayment", principal: PRINCIPAL.toString(), interest: payment.interest })]);
    expect((await loan(loanId)).loan!.status).toBe(LoanStatus.LOAN_STATUS_REPAID);
    const reserveBeforeRedeem = reserveAfterFinancing + debt;
    expect((await pool(poolId)).pool!.reserve).toBe(reserveBeforeRedeem.toString());
    expect((await pool(poolId)).nav).toBe("0");
    expect(await balance(POOLS)).toBe(reserveBeforeRedeem);

    // 7. Both redeem every token; the next epoch pays the senior its 8% over the time from the
    //    first execution to this one, and the junior everything else in the reserve.
    await submit(bob, [msg.redeem(bob, poolId, SENIOR, SENIOR_IN)]);
    await submit(frank, [msg.redeem(frank, poolId, JUNIOR, JUNIOR_IN)]);
    expect((await orders(poolId, frank)).map((o) => [o.order!.redeem, o.state])).toEqual([[JUNIOR_IN.toString(), OrderState.ORDER_STATE_OPEN]]);
    expect(await balance(POOLS, seniorDenom)).toBe(SENIOR_IN);

    const second = await closeEpoch(alice, poolId);
    const elapsed = second.at - first.at;
    const seniorPayout = seniorValue(SENIOR_IN, elapsed);
    const juniorPayout = reserveBeforeRedeem - seniorPayout;
    // Sanity: that is simple interest on 300,000 USD at 8% for `elapsed` seconds, to within a unit.
    const simple = (SENIOR_IN * SENIOR_APR.numerator * elapsed) / (SENIOR_APR.denominator * YEAR_SECONDS);
    expect(seniorPayout - SENIOR_IN - simple).toBeGreaterThanOrEqual(0n);
    expect(seniorPayout - SENIOR_IN - simple).toBeLessThanOrEqual(1n);
    expect(seniorPayout).toBeGreaterThan(SENIOR_IN);
    expect(juniorPayout).toBeGreaterThan(JUNIOR_IN);
    const seniorPrice = (seniorPayout * WAD) / SENIOR_IN;
    const juniorPrice = (juniorPayout * WAD) / JUNIOR_IN;

    const epoch2 = await epoch(poolId, 2n);
    expect(epoch2.executedAt!.seconds).toBe(second.at);
    expect(epoch2).toMatchObject({ nav: "0", reserve: "0" });
    expect(wad(epoch2.senior!.price)).toBe(seniorPrice);
    expect(wad(epoch2.junior!.price)).toBe(juniorPrice);
    expect(seniorPrice).toBeGreaterThan(wad(epoch1.senior!.price));
    expect(juniorPrice).toBeGreaterThan(wad(epoch1.junior!.price));
    expect(epoch2.senior).toMatchObject({ redeemOrdered: SENIOR_IN.toString(), redeemed: SENIOR_IN.toString(), paid: seniorPayout.toString(), invested: "0", minted: "0" });
    expect(epoch2.junior).toMatchObject({ redeemOrdered: JUNIOR_IN.toString(), redeemed: JUNIOR_IN.toString(), paid: juniorPayout.toString(), invested: "0", minted: "0" });
    expect(eventAttributes(await blockEvents(second.tx.height), "pool_epoch_executed")).toEqual([
      expect.objectContaining({ pool_id: poolId.toString(), epoch: "2", nav: "0", reserve: "0", senior_paid: seniorPayout.toString(), junior_paid: juniorPayout.toString() }),
    ]);
    expect((await orders(poolId, bob)).map((o) => [o.order!.redeem, o.order!.claimableUusd, o.state])).toEqual([["0", seniorPayout.toString(), OrderState.ORDER_STATE_EXECUTED]]);
    expect(await queries.bank.supplyOf(seniorDenom)).toEqual({ denom: seniorDenom, amount: "0" });
    expect(await queries.bank.supplyOf(juniorDenom)).toEqual({ denom: juniorDenom, amount: "0" });

    expect(firstResponse(await submit(bob, [msg.claim(bob, poolId, SENIOR)]), MsgClaimResponse)).toEqual({ tokens: "0", uusd: seniorPayout.toString() });
    expect(firstResponse(await submit(frank, [msg.claim(frank, poolId, JUNIOR)]), MsgClaimResponse)).toEqual({ tokens: "0", uusd: juniorPayout.toString() });
    const bobGain = (await balance(bob)) - bob0;
    const frankGain = (await balance(frank)) - frank0;
    expect(bobGain).toBe(seniorPayout - SENIOR_IN);
    expect(frankGain).toBe(juniorPayout - JUNIOR_IN);
    // Together they earned exactly the loan's interest: the junior's gain is what the senior's left of it.
    expect(bobGain + frankGain).toBe(debt - PRINCIPAL);
    expect(frankGain).toBe(BigInt(payment.interest) - bobGain);
    expect(await balance(POOLS)).toBe(0n);
    expect(await orders(poolId, bob)).toEqual([]);
    expect(await orders(poolId, frank)).toEqual([]);
    expect((await pool(poolId)).pool).toMatchObject({ reserve: "0", payouts: "0", seniorSupply: "0", juniorSupply: "0", epoch: 3n });
  });
});
