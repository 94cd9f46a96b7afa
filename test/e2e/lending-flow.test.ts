/**
 * End to end through CosmJS against a devnet process: an invoice NFT issued, pledged, appraised
 * by the devnet's valuer (carol), a loan requested by alice and funded by bob, repaid in part and
 * then in full with interest that an independent exact calculation reproduces; the invoice comes
 * back to alice marked paid. Bob cannot repay alice's loan.
 */
import { createHash } from "node:crypto";
import type { EncodeObject } from "@cosmjs/proto-signing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryNFTRequest, QueryNFTResponse } from "../../src/generated/persistence/assets/v1/query.js";
import { AssetStatus } from "../../src/generated/persistence/assets/v1/types.js";
import { QueryLoanRequest, QueryLoanResponse } from "../../src/generated/persistence/lending/v1/query.js";
import { MsgAppraiseResponse, MsgPledgeResponse, MsgRepayResponse, MsgRequestLoanResponse } from "../../src/generated/persistence/lending/v1/tx.js";
import { LoanStatus, ScheduleKind } from "../../src/generated/persistence/lending/v1/types.js";
import { MsgIssueAsset } from "../../src/modules/assets/codecs.js";
import { MsgAppraiseCodec, MsgFundLoanCodec, MsgPledgeCodec, MsgRepayCodec, MsgRequestLoanCodec } from "../../src/modules/lending/codecs.js";
import { encodeAddress, moduleAddress } from "../../src/types/address.js";
import { eventAttributes, firstResponse, openDevnetSession, professionalAttestation, type DevnetSession } from "../../src/testing/devnet-session.js";

const USD = 1_000_000n;
const PRINCIPAL = 8_000n * USD;
const YEAR_SECONDS = 31_536_000n;
/** 12% APR as the exact rational 12/100. */
const APR = { numerator: 12n, denominator: 100n };
const WAD = 10n ** 18n;
const LENDING = encodeAddress(moduleAddress("lending"));

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** The per-second factor 1 + APR / 31,536,000 rounded up to 18 decimals, as the chain documents (r, scaled by 10^18). */
const RATE = ceilDiv(WAD * (YEAR_SECONDS * APR.denominator + APR.numerator), YEAR_SECONDS * APR.denominator);

/**
 * The debt `value` grows to over `seconds` at per-second compounding, computed exactly:
 * ⌈value · r^seconds⌉ from the exact integer power, with no intermediate rounding.
 */
function compounded(value: bigint, seconds: bigint): bigint {
  return ceilDiv(value * RATE ** seconds, WAD ** seconds);
}

/** The same growth without rounding the rate: ⌈value · (1 + APR/Y)^seconds⌉ as an exact rational. */
function compoundedUnrounded(value: bigint, seconds: bigint): bigint {
  const denominator = YEAR_SECONDS * APR.denominator;
  return ceilDiv(value * (denominator + APR.numerator) ** seconds, denominator ** seconds);
}

describe("borrow against an invoice through CosmJS", () => {
  let session: DevnetSession;
  let alice: string, bob: string, carol: string, dave: string;

  beforeAll(async () => {
    session = await openDevnetSession({ accounts: 5, homePrefix: "lending-" });
    [, alice, bob, carol, dave] = session.addresses as [string, string, string, string, string];
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const submit = (signer: string, messages: EncodeObject[]) => session.submit(signer, messages);
  const uusd = (address: string) => session.balance(address, "uusd");
  const blockSeconds = (height: number) => session.blockSeconds(height);
  const loan = async (id: bigint) => (await session.query("/persistence.lending.v1.Query/Loan", QueryLoanRequest, { id }, QueryLoanResponse)).loan!;
  const nft = async (id: string) => (await session.query("/persistence.assets.v1.Query/NFT", QueryNFTRequest, { classId: "invoice", id }, QueryNFTResponse)).nft!;

  it("pledges, appraises, borrows and repays with the interest adding up", async () => {
    // 1. Dave, the devnet's KYC provider, attests alice and bob (a lender must be allowed to hold
    //    the invoice, should it default); alice tokenizes an invoice.
    const now = await session.latestBlockSeconds();
    const attest = (subject: string) => professionalAttestation(dave, subject, now + YEAR_SECONDS);
    await submit(dave, [attest(alice), attest(bob)]);
    const issue = MsgIssueAsset.fromPartial({
      issuer: alice,
      classId: "invoice",
      id: "INV-2026-042",
      documentHash: createHash("sha256").update("invoice INV-2026-042.pdf").digest(),
      properties: [
        { name: "face_value", amountValue: { denom: "uusd", amount: String(10_000n * USD) } },
        { name: "issue_date", timestampValue: { seconds: now, nanos: 0 } },
        { name: "due_date", timestampValue: { seconds: now + YEAR_SECONDS / 2n, nanos: 0 } },
        { name: "obligor_commitment", hash32Value: createHash("sha256").update("obligor: ACME GmbH").digest() },
        { name: "invoice_number", stringValue: "INV-2026-042" },
      ],
    });
    await submit(alice, [{ typeUrl: MsgIssueAsset.typeUrl, value: issue }]);
    expect(await nft("INV-2026-042")).toMatchObject({ owner: alice, status: AssetStatus.ASSET_STATUS_ISSUED });

    // 2. Alice pledges it; the devnet's valuer, carol, appraises it at 10,000 USD.
    const pledged = await submit(alice, [{ typeUrl: MsgPledgeCodec.typeUrl, value: MsgPledgeCodec.fromPartial({ owner: alice, collateral: "nft:invoice/INV-2026-042", amount: "1" }) }]);
    const { pledgeId } = firstResponse(pledged, MsgPledgeResponse);
    expect(await nft("INV-2026-042")).toMatchObject({ owner: LENDING, status: AssetStatus.ASSET_STATUS_PLEDGED });
    const appraised = await submit(carol, [{ typeUrl: MsgAppraiseCodec.typeUrl, value: MsgAppraiseCodec.fromPartial({ valuer: carol, pledgeId, value: String(10_000n * USD), note: "devnet valuation" }) }]);
    const { appraisalId } = firstResponse(appraised, MsgAppraiseResponse);

    // 3. Alice asks for 8,000 USD (the 80% advance rate) at 12% for a year; bob funds it.
    const request = MsgRequestLoanCodec.fromPartial({
      borrower: alice,
      pledgeId,
      appraisalId,
      principal: PRINCIPAL.toString(),
      apr: "0.12",
      maturity: { seconds: now + YEAR_SECONDS, nanos: 0 },
      graceSeconds: 86_400n,
      schedule: ScheduleKind.SCHEDULE_KIND_BULLET,
    });
    const { loanId } = firstResponse(await submit(alice, [{ typeUrl: MsgRequestLoanCodec.typeUrl, value: request }]), MsgRequestLoanResponse);
    const before = { alice: await uusd(alice), bob: await uusd(bob) };
    const funded = await submit(bob, [{ typeUrl: MsgFundLoanCodec.typeUrl, value: MsgFundLoanCodec.fromPartial({ lender: bob, loanId }) }]);
    const start = await blockSeconds(funded.height);
    expect(await uusd(alice)).toBe(before.alice + PRINCIPAL);
    expect(await uusd(bob)).toBe(before.bob - PRINCIPAL);
    expect(await nft("INV-2026-042")).toMatchObject({ status: AssetStatus.ASSET_STATUS_FINANCED });
    // 18-decimal fields come back as decimals with all 18 places: the APR asked as "0.12", r, and the principal over the index 1.
    expect((await loan(loanId)).loan!).toMatchObject({
      apr: "0.120000000000000000",
      ratePerSecond: `1.${(RATE - WAD).toString().padStart(18, "0")}`,
      normalizedDebt: `${PRINCIPAL}.000000000000000000`,
      writtenOffFraction: "0.000000000000000000",
    });

    // Bob cannot repay alice's loan: refused with lending's code 12, nothing of the loan changes.
    const foreign = { typeUrl: MsgRepayCodec.typeUrl, value: MsgRepayCodec.fromPartial({ borrower: bob, loanId, amount: String(USD) }) };
    const refused = await session.refuse(bob, [foreign], { amount: [{ denom: "uxprt", amount: "2000" }], gas: "400000" });
    expect(refused.code).toBe(12);
    expect(refused.codespace).toBe("lending");
    expect(refused.log).toContain("not the borrower of the loan");
    expect((await loan(loanId)).loan!.repaid).toBe("0");

    // 4. A few seconds later alice repays 1,000 USD: interest first, as the exact calculation says.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const partial = await submit(alice, [{ typeUrl: MsgRepayCodec.typeUrl, value: MsgRepayCodec.fromPartial({ borrower: alice, loanId, amount: String(1_000n * USD) }) }]);
    const middle = await blockSeconds(partial.height);
    expect(middle - start).toBeGreaterThanOrEqual(3n);
    const first = firstResponse(partial, MsgRepayResponse);
    const debtThen = compounded(PRINCIPAL, middle - start);
    expect(BigInt(first.interest)).toBe(debtThen - PRINCIPAL);
    // Rounding the rate to 18 decimals moves nothing at this size: the unrounded rational agrees.
    expect(compoundedUnrounded(PRINCIPAL, middle - start)).toBe(debtThen);
    expect(BigInt(first.interest)).toBeGreaterThan(0n);
    expect(BigInt(first.principal)).toBe(1_000n * USD - BigInt(first.interest));
    expect(BigInt(first.debt)).toBe(debtThen - 1_000n * USD);
    expect((await loan(loanId)).loan!.status).toBe(LoanStatus.LOAN_STATUS_ACTIVE);

    // 5. Later she repays everything (more than the debt: only the debt is taken).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const aliceBefore = await uusd(alice);
    const bobBefore = await uusd(bob);
    const full = await submit(alice, [{ typeUrl: MsgRepayCodec.typeUrl, value: MsgRepayCodec.fromPartial({ borrower: alice, loanId, amount: String(20_000n * USD) }) }]);
    const end = await blockSeconds(full.height);
    const last = firstResponse(full, MsgRepayResponse);
    expect(last.debt).toBe("0");
    const paid = BigInt(last.interest) + BigInt(last.principal);
    expect(BigInt(first.principal) + BigInt(last.principal)).toBe(PRINCIPAL);
    // The debt left grows on: the chain keeps it as a normalized debt, so the repayment may shift it by a unit or two (module README, "Normalized debt").
    const expectedFinal = compounded(BigInt(first.debt), end - middle);
    expect(paid - expectedFinal <= 2n && expectedFinal - paid <= 2n, `paid ${paid}, expected ${expectedFinal}`).toBe(true);
    expect(paid).toBeGreaterThan(BigInt(first.debt));
    expect(await uusd(alice)).toBe(aliceBefore - paid);
    expect(await uusd(bob)).toBe(bobBefore + paid);
    expect(await uusd(bob)).toBe(before.bob + BigInt(first.interest) + BigInt(last.interest));
    expect(await uusd(LENDING)).toBe(0n);

    const closed = await loan(loanId);
    expect(closed.loan!).toMatchObject({ status: LoanStatus.LOAN_STATUS_REPAID, outstandingPrincipal: "0", repaid: (1_000n * USD + paid).toString() });
    expect(closed.debt).toBe("0");
    expect(eventAttributes(full.events, "loan_closed")).toEqual([expect.objectContaining({ loan_id: loanId.toString(), status: "repaid", borrower: alice, lender: bob })]);
    expect(await nft("INV-2026-042")).toMatchObject({ owner: alice, status: AssetStatus.ASSET_STATUS_PAID });
  }, 120_000);
});
