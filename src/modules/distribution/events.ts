import { encodeAddress } from "../../types/address.js";
import { formatCoins, type Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import { formatDecCoins, type DecCoins } from "./dec-coins.js";

/** Bech32 prefix of validator operator addresses. */
export const VALOPER_PREFIX = "persistencevaloper";

export const valoper = (operator: Uint8Array) => encodeAddress(operator, VALOPER_PREFIX);

/** The SDK's x/distribution events, with its types and attributes. */
export function emitAllocated(ctx: Context, operator: Uint8Array, commission: DecCoins, rewards: DecCoins): void {
  ctx.events.emit("commission", { amount: formatDecCoins(commission), validator: valoper(operator) });
  ctx.events.emit("rewards", { amount: formatDecCoins(rewards), validator: valoper(operator) });
}

/** `amount` is "0<bond denom>" when nothing whole was paid, as the SDK reports it. */
export function emitWithdrawRewards(ctx: Context, paid: { amount: string; operator: Uint8Array; delegator: Uint8Array }): void {
  ctx.events.emit("withdraw_rewards", { amount: paid.amount, validator: valoper(paid.operator), delegator: encodeAddress(paid.delegator) });
}

export function emitWithdrawCommission(ctx: Context, amount: readonly Coin[]): void {
  ctx.events.emit("withdraw_commission", { amount: formatCoins(amount) });
}

export function emitSetWithdrawAddress(ctx: Context, withdraw: Uint8Array): void {
  ctx.events.emit("set_withdraw_address", { withdraw_address: encodeAddress(withdraw) });
}
