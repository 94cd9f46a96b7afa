import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ONE } from "../../types/decimal.js";
import { isError } from "../../types/errors.js";
import { addDecCoins, amountOf, type DecCoin } from "./dec-coins.js";
import { DistributionStore } from "./store.js";
import { addr, DISTRIBUTION_ADDRESS, distributionWorld } from "./test-fixture.js";

const VALIDATORS = [addr(0xa1), addr(0xb2)];
const DELEGATORS = [addr(1), addr(2), addr(3)];

const action = fc.oneof(
  fc.record({ kind: fc.constant("block" as const), fees: fc.bigInt({ min: 0n, max: 10n ** 9n }), powers: fc.tuple(fc.bigInt({ min: 0n, max: 100n }), fc.bigInt({ min: 0n, max: 100n })) }),
  fc.record({ kind: fc.constant("delegate" as const), delegator: fc.nat(2), validator: fc.nat(1), amount: fc.bigInt({ min: 1n, max: 10n ** 7n }) }),
  fc.record({ kind: fc.constant("undelegate" as const), delegator: fc.nat(2), validator: fc.nat(1) }),
  fc.record({ kind: fc.constant("withdraw" as const), delegator: fc.nat(2), validator: fc.nat(1) }),
  fc.record({ kind: fc.constant("commission" as const), validator: fc.nat(1) }),
  fc.record({ kind: fc.constant("slash" as const), validator: fc.nat(1), fraction: fc.bigInt({ min: 0n, max: ONE / 2n }) }),
);

describe("the distribution ledger", () => {
  it("pays out no more than was collected, holds exactly outstanding + pool, and owes no reward twice", () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), fc.bigInt({ min: 0n, max: ONE }), fc.bigInt({ min: 0n, max: ONE / 5n }), (actions, commissionRate, tax) => {
        const w = distributionWorld();
        w.keeper.setParams(w.ctx, { ...w.keeper.getParams(w.ctx), communityTax: tax });
        w.staking.createValidator(w.ctx, VALIDATORS[0]!, commissionRate);
        w.staking.createValidator(w.ctx, VALIDATORS[1]!, 0n);
        let collected = 0n;
        let paid = 0n;
        const holders = [...DELEGATORS, ...VALIDATORS];
        const received = () => holders.reduce((sum, a) => sum + w.balance(a), 0n);
        for (const step of actions) {
          const ctx = w.ctx;
          const before = received();
          if (step.kind === "block") {
            const votes = VALIDATORS.map((v, i) => w.staking.vote(ctx, v, step.powers[i]!));
            const next = w.nextBlock(votes);
            if (step.fees > 0n) w.collect(step.fees);
            collected += step.fees;
            w.keeper.allocateTokens(next);
          } else if (step.kind === "delegate") {
            w.staking.delegate(ctx, DELEGATORS[step.delegator]!, VALIDATORS[step.validator]!, step.amount);
          } else if (step.kind === "undelegate") {
            if (w.staking.getDelegation(ctx, DELEGATORS[step.delegator]!, VALIDATORS[step.validator]!)) w.staking.undelegateAll(ctx, DELEGATORS[step.delegator]!, VALIDATORS[step.validator]!);
          } else if (step.kind === "withdraw") {
            const first = w.keeper.withdrawDelegationRewards(ctx, DELEGATORS[step.delegator]!, VALIDATORS[step.validator]!);
            // No reward accrued twice: withdrawing again in the same block pays nothing.
            if (!isError(first)) expect(w.keeper.withdrawDelegationRewards(ctx, DELEGATORS[step.delegator]!, VALIDATORS[step.validator]!)).toEqual([]);
          } else if (step.kind === "commission") {
            w.keeper.withdrawValidatorCommission(ctx, VALIDATORS[step.validator]!);
          } else if (w.staking.getValidator(ctx, VALIDATORS[step.validator]!)!.tokens > 0n) {
            w.staking.slash(ctx, VALIDATORS[step.validator]!, step.fraction);
          }
          paid += received() - before;

          const store = new DistributionStore(w.ctx);
          const outstanding = VALIDATORS.reduce<DecCoin[]>((sum, v) => addDecCoins(sum, store.outstanding(v) ?? []), []);
          const pool = amountOf(store.communityPool(), "uxprt");
          // The module account holds exactly what its records say it owes.
          expect(amountOf(outstanding, "uxprt") + pool).toBe(w.balance(DISTRIBUTION_ADDRESS) * ONE);
          // Everything collected is paid, owed or in the pool; payouts never exceed it.
          expect(paid * ONE + amountOf(outstanding, "uxprt") + pool).toBe(collected * ONE);
          // What everyone could still withdraw fits in what is outstanding.
          let owed = 0n;
          for (const v of VALIDATORS) {
            owed += amountOf(store.commission(v), "uxprt");
            const validator = w.staking.getValidator(w.ctx, v)!;
            for (const d of DELEGATORS) {
              const delegation = w.staking.getDelegation(w.ctx, d, v);
              if (!delegation) continue;
              const pending = w.keeper.pendingRewards(w.ctx, validator, d, delegation.shares);
              if (!isError(pending)) owed += amountOf(pending, "uxprt");
            }
          }
          expect(owed).toBeLessThanOrEqual(amountOf(outstanding, "uxprt"));
        }
      }),
      { numRuns: 150 },
    );
  });
});
