import type { Context } from "../../types/context.js";
import type { StakingHooks } from "../staking/hooks.js";
import { addDecCoins, isZero, subDecCoins, truncateDecimal } from "./dec-coins.js";
import type { BankKeeper, StakingKeeper } from "./expected-keepers.js";
import { incrementReferenceCount, incrementValidatorPeriod, initializeDelegation, initializeValidator } from "./f1.js";
import type { DistributionKeeper } from "./keeper.js";
import { DISTRIBUTION_ACCOUNT } from "./keys.js";
import { DistributionStore } from "./store.js";


/**
 * The SDK's distribution staking hooks: books open with a validator and each delegation, a
 * delegation's rewards are settled before its shares change, a slash ends the period and is
 * recorded, and a removed validator's books close. Each touches a bounded number of keys.
 */
export function distributionHooks(keeper: DistributionKeeper, staking: StakingKeeper, bank: Pick<BankKeeper, "sendCoinsFromModuleToAccount">): StakingHooks {
  const validator = (ctx: Context, operator: Uint8Array) => staking.getValidator(ctx, operator);
  return {
    afterValidatorCreated: (ctx, operator) => initializeValidator(new DistributionStore(ctx), operator),

    beforeDelegationCreated: (ctx, _delegator, operator) => {
      const found = validator(ctx, operator);
      if (found) incrementValidatorPeriod(new DistributionStore(ctx), found);
    },

    beforeDelegationSharesModified: (ctx, delegator, operator) => {
      const found = validator(ctx, operator);
      const delegation = staking.getDelegation(ctx, delegator, operator);
      if (found && delegation) keeper.settleDelegation(ctx, found, delegator, delegation.shares, "to-pool");
    },

    afterDelegationModified: (ctx, delegator, operator) => {
      const found = validator(ctx, operator);
      const delegation = staking.getDelegation(ctx, delegator, operator);
      if (found && delegation) initializeDelegation(new DistributionStore(ctx), ctx.block.height, found, delegator, delegation.shares);
    },

    beforeValidatorSlashed: (ctx, operator, fraction) => {
      const found = validator(ctx, operator);
      if (!found) return;
      const store = new DistributionStore(ctx);
      const period = incrementValidatorPeriod(store, found);
      // The slash event keeps the period it ends alive until every delegation spanning it has settled.
      incrementReferenceCount(store, operator, period);
      store.setSlashEvent(operator, ctx.block.height, { validatorPeriod: period, fraction });
    },

    afterValidatorRemoved: (ctx, _consensus, operator) => {
      const store = new DistributionStore(ctx);
      let outstanding = store.outstanding(operator) ?? [];
      const commission = store.commission(operator);
      let pool = store.communityPool();
      if (!isZero(commission)) {
        outstanding = subDecCoins(outstanding, commission);
        const { whole, change } = truncateDecimal(commission);
        const refused = whole.length > 0 ? bank.sendCoinsFromModuleToAccount(ctx, DISTRIBUTION_ACCOUNT, store.withdrawAddress(operator), whole) : undefined;
        pool = addDecCoins(pool, refused ? commission : change);
      }
      // Its delegations are gone: what is left is rounding dust.
      store.setCommunityPool(addDecCoins(pool, outstanding));
      store.deleteValidator(operator);
    },
  };
}
