import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MsgRepayResponse } from "../../generated/persistence/lending/v1/tx.js";
import { ONE } from "../../types/decimal.js";
import { accrue, ratePerSecondFromApr } from "./interest.js";
import { LENDING_ADDRESS, msg, response, startLendingChain } from "./test-fixture.js";

type Command = { kind: "advance"; seconds: bigint } | { kind: "repay"; amount: bigint };

const command = fc.oneof(
  fc.bigInt({ min: 1n, max: 5_000_000n }).map((seconds): Command => ({ kind: "advance", seconds })),
  fc.bigInt({ min: 1n, max: 400_000n }).map((amount): Command => ({ kind: "repay", amount })),
);

describe("lending value conservation (property, through the App)", () => {
  it("balances plus outstanding debt change only by the interest borrowers paid; interest accrues as one span", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 6 }), async (commands) => {
        const t = await startLendingChain({ params: { write_offs: [] } });
        try {
          const ok = async (tx: Promise<Uint8Array>) => {
            const result = (await t.chain.block([await tx])).txResults[0]!;
            expect(result.code, result.log).toBe(0);
            return result;
          };
          const principal = 1_000_000n;
          await ok(t.alice.tx(msg.pledge(t.alice, "nft:invoice/n1")));
          await ok(t.valuer.tx(msg.appraise(t.valuer, 1n, 2_000_000n)));
          await ok(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal, apr: "0.2", maturity: t.chain.now + 100_000_000n })));
          await ok(t.bob.tx(msg.fund(t.bob, 1n)));
          const fundedAt = t.chain.now;
          const holders = [t.alice.address, t.bob.address, LENDING_ADDRESS];
          const total = async () => (await Promise.all(holders.map((a) => t.chain.balance(a, "uusd")))).reduce((x, y) => x + y, 0n);
          const total0 = await total();
          let interestPaid = 0n;
          let principalPaid = 0n;
          let closed = false;
          for (const c of commands) {
            if (closed) break;
            if (c.kind === "advance") {
              t.chain.advance(c.seconds);
              continue;
            }
            const paid = response(await ok(t.alice.tx(msg.repay(t.alice, 1n, c.amount))), MsgRepayResponse);
            interestPaid += BigInt(paid.interest);
            principalPaid += BigInt(paid.principal);
            closed = paid.debt === "0";
          }
          await t.chain.block([]);
          const view = await t.chain.loan(1n);
          // Coins only move between borrower, lender and lending; the lender gained exactly what was paid.
          expect(await total()).toBe(total0);
          expect(await t.chain.balance(t.bob.address, "uusd")).toBe(1_000_000_000n - principal + interestPaid + principalPaid);
          expect(BigInt(view.loan!.outstandingPrincipal)).toBe(principal - principalPaid);
          expect(principalPaid).toBeLessThanOrEqual(principal);
          if (interestPaid === 0n && principalPaid === 0n) {
            // Untouched, the debt is the principal accrued over the whole span in one step (± the index's rounding).
            const expected = accrue(principal, ratePerSecondFromApr((ONE * 2n) / 10n), t.chain.now - fundedAt);
            expect(BigInt(view.debt) - expected).toBeGreaterThanOrEqual(0n);
            expect(BigInt(view.debt) - expected).toBeLessThanOrEqual(1n);
          }
          // Outstanding debt ≥ the principal still owed: interest is never negative.
          if (!closed) expect(BigInt(view.debt)).toBeGreaterThanOrEqual(principal - principalPaid);
        } finally {
          await t.chain.close();
        }
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});
