import { QuerySupplyOfRequest, QuerySupplyOfResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Pool } from "../../generated/persistence/pools/v1/types.js";
import { ONE, parseDecimal } from "../../types/decimal.js";
import { ratePerSecondFromApr } from "../lending/interest.js";
import { seniorGrowth } from "./nav.js";
import { DUST_SUPPLY } from "./price.js";
import { LoanStatus } from "../../generated/persistence/lending/v1/types.js";
import { outstandingOf } from "../lending/loan.js";
import { attributes, DAY, fractionDenom, fundedPool, JUNIOR, lendingMsg, placeOrder, poolMsg, POOLS_ADDRESS, SENIOR, startPoolsChain, type PoolsChain, type Wallet } from "./test-fixture.js";

const SENIOR_RATE = ratePerSecondFromApr(parseDecimal("0.05")!);
const F1 = fractionDenom("f1");

type Command =
  | { kind: "invest"; who: 0 | 1; senior: boolean; amount: bigint }
  | { kind: "redeem"; who: 0 | 1; senior: boolean; share: bigint }
  | { kind: "close" }
  | { kind: "claim"; who: 0 | 1; senior: boolean }
  | { kind: "finance"; loan: 1n | 2n }
  | { kind: "repay"; amount: bigint }
  | { kind: "bid"; units: bigint }
  | { kind: "advance"; seconds: bigint };

const who = fc.constantFrom<0 | 1>(0, 1);
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant("invest" as const), who, senior: fc.boolean(), amount: fc.bigInt({ min: 0n, max: 200_000_000n }) }),
  fc.record({ kind: fc.constant("redeem" as const), who, senior: fc.boolean(), share: fc.bigInt({ min: 0n, max: 4n }) }),
  fc.constant({ kind: "close" as const }),
  fc.constant({ kind: "close" as const }),
  fc.record({ kind: fc.constant("claim" as const), who, senior: fc.boolean() }),
  fc.record({ kind: fc.constant("finance" as const), loan: fc.constantFrom<1n | 2n>(1n, 2n) }),
  fc.record({ kind: fc.constant("repay" as const), amount: fc.bigInt({ min: 1n, max: 150_000_000n }) }),
  fc.record({ kind: fc.constant("bid" as const), units: fc.bigInt({ min: 1n, max: 60n }) }),
  fc.record({ kind: fc.constant("advance" as const), seconds: fc.constantFrom(100n, 3n * DAY) }),
);

describe("pools: command sequences through the App", () => {
  it("create no value, keep the ledger equal to the coins, protect the senior first and accrue its interest once", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 14 }), async (commands) => {
        const t = await startPoolsChain();
        try {
          await run(t, commands);
        } finally {
          await t.chain.close();
        }
      }),
      { numRuns: 30 },
    );
  });
});

async function supply(t: PoolsChain, denom: string): Promise<bigint> {
  return BigInt((await t.chain.harness.query("/cosmos.bank.v1beta1.Query/SupplyOf", QuerySupplyOfRequest, { denom }, QuerySupplyOfResponse)).amount!.amount);
}

/** What the pools account should hold for pool 1: reserve, payouts and invest escrow. */
function ledgerOf(pool: Pool): bigint {
  return BigInt(pool.reserve) + BigInt(pool.payouts) + BigInt(pool.seniorOrders!.invest) + BigInt(pool.juniorOrders!.invest);
}

async function run(t: PoolsChain, commands: Command[]): Promise<void> {
  const investors: Wallet[] = [t.bob, t.carol];
  const investorUusd = async () => (await t.chain.balance(t.bob.address, "uusd")) + (await t.chain.balance(t.carol.address, "uusd"));
  let model = { value: 200_000_000n, since: await fundedPool(t, 200_000_000n, 75_000_000n) };
  const initial = (await investorUusd()) + ledgerOf((await t.pool()).pool!);
  // Loan 1: 100 uusd on invoice n1 for 30 days; loan 2: 50 uusd on 60 units of f1 due in 300 s (it defaults once time moves on).
  await t.ok(t.alice.tx(lendingMsg.pledge(t.alice, "nft:invoice/n1")), t.alice.tx(lendingMsg.pledge(t.alice, F1, 60n)));
  await t.ok(t.valuer.tx(lendingMsg.appraise(t.valuer, 1n, 200_000_000n)), t.valuer.tx(lendingMsg.appraise(t.valuer, 2n, 100_000_000n)));
  await t.ok(t.alice.tx(lendingMsg.request(t.alice, { pledgeId: 1n, principal: 100_000_000n, maturity: t.chain.now + 30n * DAY })), t.alice.tx(lendingMsg.request(t.alice, { pledgeId: 2n, principal: 50_000_000n, maturity: t.chain.now + 300n, grace: 5n })));
  let lent = 0n;
  let received = 0n;

  for (const c of commands) {
    let tx: Promise<Uint8Array> | undefined;
    const investor = c.kind === "invest" || c.kind === "redeem" || c.kind === "claim" ? investors[c.who]! : undefined;
    const tranche = "senior" in c ? (c.senior ? SENIOR : JUNIOR) : SENIOR;
    if (c.kind === "invest") tx = investor!.tx(poolMsg.invest(investor!, 1n, tranche, c.amount));
    if (c.kind === "redeem") {
      const held = await t.chain.balance(investor!.address, `pool/1/${c.senior ? "senior" : "junior"}`);
      tx = investor!.tx(poolMsg.redeem(investor!, 1n, tranche, (held * c.share) / 4n));
    }
    if (c.kind === "close") {
      t.chain.advance(10n);
      tx = t.alice.tx(poolMsg.close(t.alice, 1n));
    }
    if (c.kind === "claim") tx = investor!.tx(poolMsg.claim(investor!, 1n, tranche));
    if (c.kind === "finance") tx = t.valuer.tx(poolMsg.finance(t.valuer, 1n, c.loan));
    if (c.kind === "repay") tx = t.alice.tx(lendingMsg.repay(t.alice, 1n, c.amount));
    // Alice (not an investor) buys units of loan 2's collateral on its auction, at or above the reserve.
    const auction = c.kind === "bid" ? (await t.chain.loan(2n)) : undefined;
    if (c.kind === "bid" && auction?.loan!.status === LoanStatus.LOAN_STATUS_AUCTION) {
      tx = t.alice.tx(placeOrder(t.alice.signer, { base: F1, side: "buy", price: BigInt(auction.debt) / 60n + 2n, quantity: c.units }));
    }
    if (c.kind === "advance") t.chain.advance(c.seconds);
    const result = await t.chain.block(tx ? [await tx] : []);
    const r = result.txResults[0];
    // Refusals are the modules' own (a failed message still uses its sequence).
    if (r && r.code !== 0) expect(["pools", "lending", "bank"], r.log).toContain(r.codespace);
    const events = [...(r ? attributes(r, "pool_loan_financed") : []), ...attributes({ events: result.events }, "pool_loan_financed")];
    for (const e of events) lent += BigInt(e.principal!);
    const payments = [...result.txResults.flatMap((x) => attributes(x, "pool_loan_payment")), ...attributes({ events: result.events }, "pool_loan_payment")];
    for (const p of payments) received += BigInt(p.principal!) + BigInt(p.interest!);
    const executed = attributes({ events: result.events }, "pool_epoch_executed")[0];

    const view = await t.pool();
    const pool = view.pool!;
    // The ledger is the coins: the pools account holds reserve + payouts + invest escrow, exactly.
    const ledger = ledgerOf(pool);
    expect(await t.chain.balance(POOLS_ADDRESS, "uusd")).toBe(ledger);
    expect(await supply(t, "pool/1/senior")).toBe(BigInt(pool.seniorSupply));
    expect(await supply(t, "pool/1/junior")).toBe(BigInt(pool.juniorSupply));
    // No value created: investors' uusd and the ledger change only by what loans took and paid back.
    expect((await investorUusd()) + ledger).toBe(initial - lent + received);
    // Tokens are never worth more than the pool's assets, but for a dust supply restarted at price 1 (price.ts).
    const worth = (supply: string, price: string) => (BigInt(supply) * parseDecimal(price)!) / ONE;
    const dust = (supply: string, value: string) => (BigInt(supply) < DUST_SUPPLY && value === "0" ? BigInt(supply) : 0n);
    const tokenValue = worth(pool.seniorSupply, view.seniorPrice) + worth(pool.juniorSupply, view.juniorPrice);
    expect(tokenValue <= BigInt(view.nav) + BigInt(pool.reserve) + dust(pool.seniorSupply, view.seniorValue) + dust(pool.juniorSupply, view.juniorValue)).toBe(true);
    expect(BigInt(view.seniorValue) + BigInt(view.juniorValue)).toBe(BigInt(view.nav) + BigInt(pool.reserve));
    await checkLoanBook(t, pool);
    // Interest accrues once per second: the senior checkpoint moves only by executed orders (or a realised loss).
    if (executed) {
      const accrued = seniorGrowth(model.value, SENIOR_RATE, t.chain.now - model.since);
      const next = BigInt(pool.seniorValue);
      const flows = BigInt(executed.senior_invested!) - BigInt(executed.senior_paid!);
      const juniorFlows = BigInt(executed.junior_invested!) - BigInt(executed.junior_paid!);
      const assetsBefore = BigInt(executed.nav!) + BigInt(executed.reserve!) - flows - juniorFlows;
      expect(next).toBe((accrued < assetsBefore ? accrued : assetsBefore) + flows);
      model = { value: next, since: t.chain.now };
    }
    // The senior is never worse off than the junior: it is short of its accrued value only when the junior is worth nothing.
    const owed = seniorGrowth(model.value, SENIOR_RATE, t.chain.now - model.since);
    expect(BigInt(view.seniorValue) === owed || view.juniorValue === "0").toBe(true);
  }
}

/**
 * The NAV ledger follows lending: the buckets hold exactly the performing loans' outstanding
 * cashflows, an impaired or written-off loan is out of them at a value within its outstanding face
 * and (once impaired) its collateral cap, and the pool's written-off value is the sum of those values.
 */
async function checkLoanBook(t: PoolsChain, pool: Pool): Promise<void> {
  const record = t.chain.app.exportGenesis().pools as { loans?: { loan_id: string; impaired?: boolean; written_off_value: string; write_off_fraction: string; collateral_value: string }[]; buckets?: { amount: string }[] };
  let performingFace = 0n;
  let values = 0n;
  for (const entry of record.loans ?? []) {
    const loan = (await t.chain.loan(BigInt(entry.loan_id))).loan!;
    const face = outstandingOf(loan).reduce((sum, c) => sum + c.amount, 0n);
    const impaired = entry.impaired === true;
    expect(impaired).toBe(loan.status !== LoanStatus.LOAN_STATUS_ACTIVE);
    if (!impaired && entry.write_off_fraction === "0.000000000000000000") performingFace += face;
    else {
      const value = BigInt(entry.written_off_value);
      expect(value <= face && (!impaired || value <= BigInt(entry.collateral_value))).toBe(true);
      values += value;
    }
  }
  expect((record.buckets ?? []).reduce((sum, b) => sum + BigInt(b.amount), 0n)).toBe(performingFace);
  expect(BigInt(pool.writtenOffValue)).toBe(values);
}
