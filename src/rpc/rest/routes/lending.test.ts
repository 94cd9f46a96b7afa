import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MsgRepayResponse } from "../../../generated/persistence/lending/v1/tx.js";
import { fractionDenom, msg, response, startLendingChain, type LendingChain } from "../../../modules/lending/test-fixture.js";
import type { RestNode } from "../route.js";
import { startRestServer, type RestServer } from "../server.js";
import { formatTime } from "../../../types/time.js";

const NFT = "nft:invoice/n1";
const F1 = fractionDenom("f1");
const YEAR = 31_536_000n;
const iso = (seconds: bigint) => formatTime({ seconds, nanos: 0 });

/** The REST API over a real App: queries go to its ABCI query; nothing else is used here. */
function appNode(t: LendingChain): RestNode {
  const unused = () => {
    throw new Error("not used by the lending routes");
  };
  return { abciQuery: (request) => t.chain.app.query(request), nodeInfo: unused, syncInfo: unused, block: unused, tx: unused, txSearch: unused, abciInfo: unused, broadcastTx: unused };
}

describe("lending REST routes", () => {
  let t: LendingChain;
  let server: RestServer;
  let times: { pledged: bigint; appraised: bigint; requested: bigint; funded: bigint; repaid: bigint; maturity: bigint };
  let repaid: MsgRepayResponse;

  const get = async (path: string) => {
    const answer = await fetch(`${server.address}${path}`);
    return { status: answer.status, json: (await answer.json()) as Record<string, unknown> };
  };
  const ok = async (...txs: Promise<Uint8Array>[]) => {
    const result = await t.chain.block(await Promise.all(txs));
    for (const tx of result.txResults) expect(tx.code, tx.log).toBe(0);
    return result;
  };

  beforeAll(async () => {
    t = await startLendingChain();
    // Alice pledges the invoice (pledge 1) and 40 units of f1 (pledge 2); the valuer appraises
    // the invoice twice; alice borrows against it from bob and repays part half a year later.
    await ok(t.alice.tx(msg.pledge(t.alice, NFT)), t.alice.tx(msg.pledge(t.alice, F1, 40n)));
    const pledged = t.chain.now;
    await ok(t.valuer.tx(msg.appraise(t.valuer, 1n, 900_000_000n)), t.valuer.tx(msg.appraise(t.valuer, 1n, 1_000_000_000n)));
    const appraised = t.chain.now;
    const maturity = t.chain.now + YEAR;
    await ok(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 800_000_000n, maturity, grace: 86_400n })));
    const requested = t.chain.now;
    await ok(t.bob.tx(msg.fund(t.bob, 1n)));
    const funded = t.chain.now;
    t.chain.advance(YEAR / 2n);
    repaid = response((await ok(t.alice.tx(msg.repay(t.alice, 1n, 100_000_000n)))).txResults[0]!, MsgRepayResponse);
    times = { pledged, appraised, requested, funded, repaid: t.chain.now, maturity };
    server = await startRestServer({ node: appNode(t), host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await t?.chain.close();
  });

  it("serves params and the valuer registry in the gateway's JSON, rates as plain decimal strings", async () => {
    expect(await get("/persistence/lending/v1/params")).toEqual({
      status: 200,
      json: {
        params: {
          participant_requirement: { min_kyc_level: 0, jurisdictions: [], investor_classes: [], trader: false },
          valuer_requirement: { min_kyc_level: 0, jurisdictions: [], investor_classes: [], trader: false },
          max_appraisal_age: "1000",
          advance_rates: [{ class_id: "invoice", rate: "0.800000000000000000" }],
          max_defaults_per_block: 10,
          auction_seconds: "100",
          write_offs: [
            { overdue_days: "0", fraction: "0.500000000000000000" },
            { overdue_days: "2", fraction: "1.000000000000000000" },
          ],
          max_instalments: 360,
        },
      },
    });
    expect(await get("/persistence/lending/v1/valuers?pagination.count_total=true")).toEqual({
      status: 200,
      json: { valuers: [{ address: t.valuer.address, name: "Valuer" }], pagination: { next_key: null, total: "1" } },
    });
  });

  it("serves pledges by id and by owner, page by page", async () => {
    expect(await get("/persistence/lending/v1/pledges/2")).toEqual({
      status: 200,
      json: { pledge: { id: "2", owner: t.alice.address, collateral: F1, amount: "40", loan_id: "0", created_at: iso(times.pledged) } },
    });
    expect((await get("/persistence/lending/v1/pledges/1")).json.pledge).toMatchObject({ id: "1", collateral: NFT, amount: "1", loan_id: "1" });
    expect(await get("/persistence/lending/v1/pledges/3")).toMatchObject({ status: 404, json: { code: 5, message: expect.stringContaining("no pledge 3") } });
    expect((await get("/persistence/lending/v1/pledges/x")).status).toBe(400);

    const first = await get(`/persistence/lending/v1/pledges_by_owner/${t.alice.address}?pagination.limit=1&pagination.count_total=true`);
    expect((first.json.pledges as { id: string }[]).map((p) => p.id)).toEqual(["1"]);
    const page = first.json.pagination as { next_key: string; total: string };
    expect(page.total).toBe("2");
    const next = await get(`/persistence/lending/v1/pledges_by_owner/${t.alice.address}?pagination.key=${encodeURIComponent(page.next_key)}`);
    expect((next.json.pledges as { id: string }[]).map((p) => p.id)).toEqual(["2"]);
    expect(await get(`/persistence/lending/v1/pledges_by_owner/${t.bob.address}`)).toEqual({ status: 200, json: { pledges: [], pagination: { next_key: null, total: "0" } } });
    expect((await get("/persistence/lending/v1/pledges_by_owner/persistence1bad")).status).toBe(400);
  });

  it("serves appraisals by id and a pledge's appraisals, oldest first", async () => {
    expect(await get("/persistence/lending/v1/appraisals/2")).toEqual({
      status: 200,
      json: { appraisal: { id: "2", pledge_id: "1", valuer: t.valuer.address, value: "1000000000", document_hash: null, note: "desk review", appraised_at: iso(times.appraised) } },
    });
    const list = await get("/persistence/lending/v1/pledges/1/appraisals");
    expect((list.json.appraisals as { id: string; value: string }[]).map((a) => [a.id, a.value])).toEqual([
      ["1", "900000000"],
      ["2", "1000000000"],
    ]);
    expect((await get("/persistence/lending/v1/pledges/2/appraisals")).json.appraisals).toEqual([]);
    expect(await get("/persistence/lending/v1/appraisals/9")).toMatchObject({ status: 404, json: { code: 5 } });
  });

  it("serves a loan with its live debt, and loans by borrower and lender", async () => {
    const view = await get("/persistence/lending/v1/loans/1");
    expect(view.status).toBe(200);
    const loan = view.json.loan as { loan: Record<string, unknown>; debt: string; interest: string; next_due: string; next_due_amount: string };
    // Queried at the repayment's block: the debt is what the repayment left.
    expect(loan.debt).toBe(repaid.debt);
    expect(BigInt(loan.interest)).toBe(BigInt(repaid.debt) - BigInt(loan.loan.outstanding_principal as string));
    expect(loan.next_due).toBe(iso(times.maturity));
    expect(loan.loan).toMatchObject({
      id: "1",
      pledge_id: "1",
      borrower: t.alice.address,
      lender: t.bob.address,
      appraisal_id: "2",
      principal: "800000000",
      // 18-decimal fields are decimals with all 18 places, as params' rates; amounts whole uusd.
      apr: "0.100000000000000000",
      maturity: iso(times.maturity),
      grace_seconds: "86400",
      schedule: "SCHEDULE_KIND_BULLET",
      period_seconds: "0",
      status: "LOAN_STATUS_ACTIVE",
      requested_at: iso(times.requested),
      funded_at: iso(times.funded),
      rate_per_second: "1.000000003170979199",
      normalized_debt: expect.stringMatching(/^[1-9]\d*\.\d{18}$/),
      written_off_fraction: "0.000000000000000000",
      outstanding_principal: (800_000_000n - BigInt(repaid.principal)).toString(),
      repaid: "100000000",
      default_at: iso(times.maturity + 86_400n),
      auction_order_id: "0",
      closed_at: null,
    });
    const [cashflow] = loan.loan.cashflows as { due: string; amount: string; principal: string; interest: string }[];
    expect(cashflow).toMatchObject({ due: iso(times.maturity), principal: "800000000" });
    expect(BigInt(cashflow!.amount)).toBe(800_000_000n + BigInt(cashflow!.interest));
    expect(BigInt(loan.next_due_amount)).toBe(BigInt(cashflow!.amount) - 100_000_000n);

    const byBorrower = await get(`/persistence/lending/v1/loans_by_borrower/${t.alice.address}`);
    expect(byBorrower.json.loans).toEqual([loan]);
    expect((await get(`/persistence/lending/v1/loans_by_lender/${t.bob.address}`)).json.loans).toEqual([loan]);
    expect((await get(`/persistence/lending/v1/loans_by_lender/${t.alice.address}`)).json.loans).toEqual([]);
    expect(await get("/persistence/lending/v1/loans/2")).toMatchObject({ status: 404, json: { code: 5, message: expect.stringContaining("no loan 2") } });
    expect((await get("/persistence/lending/v1/loans_by_borrower/cosmos1xyz")).status).toBe(400);
  });
});
