import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { formatDecimal } from "../../types/decimal.js";
import { VALOPER_PREFIX } from "./keys.js";
import { formatEventTime } from "./time.js";

/** The Cosmos SDK's x/staking event types and attributes. */
const valoper = (operator: Uint8Array): string => encodeAddress(operator, VALOPER_PREFIX);

export function emitCreateValidator(ctx: Context, operator: Uint8Array, amount: string): void {
  ctx.events.emit("create_validator", { validator: valoper(operator), amount });
}

export function emitEditValidator(ctx: Context, commissionRate: bigint, minSelfDelegation: bigint): void {
  ctx.events.emit("edit_validator", { commission_rate: formatDecimal(commissionRate), min_self_delegation: minSelfDelegation.toString() });
}

export function emitDelegate(ctx: Context, e: { operator: Uint8Array; delegator: Uint8Array; amount: string; newShares: bigint }): void {
  ctx.events.emit("delegate", { validator: valoper(e.operator), delegator: encodeAddress(e.delegator), amount: e.amount, new_shares: formatDecimal(e.newShares) });
}

export function emitUnbond(ctx: Context, e: { operator: Uint8Array; delegator: Uint8Array; amount: string; completionTime: Timestamp }): void {
  ctx.events.emit("unbond", { validator: valoper(e.operator), delegator: encodeAddress(e.delegator), amount: e.amount, completion_time: formatEventTime(e.completionTime) });
}

export function emitRedelegate(ctx: Context, e: { src: Uint8Array; dst: Uint8Array; delegator: Uint8Array; amount: string; completionTime: Timestamp }): void {
  ctx.events.emit("redelegate", {
    source_validator: valoper(e.src),
    destination_validator: valoper(e.dst),
    delegator: encodeAddress(e.delegator),
    amount: e.amount,
    completion_time: formatEventTime(e.completionTime),
  });
}

export function emitCancelUnbonding(ctx: Context, e: { operator: Uint8Array; delegator: Uint8Array; amount: string; creationHeight: bigint }): void {
  ctx.events.emit("cancel_unbonding_delegation", { amount: e.amount, validator: valoper(e.operator), delegator: encodeAddress(e.delegator), creation_height: e.creationHeight.toString() });
}

export function emitCompleteUnbonding(ctx: Context, e: { operator: Uint8Array; delegator: Uint8Array; amount: string }): void {
  ctx.events.emit("complete_unbonding", { amount: e.amount, validator: valoper(e.operator), delegator: encodeAddress(e.delegator) });
}

export function emitCompleteRedelegation(ctx: Context, e: { src: Uint8Array; dst: Uint8Array; delegator: Uint8Array; amount: string }): void {
  ctx.events.emit("complete_redelegation", { amount: e.amount, delegator: encodeAddress(e.delegator), source_validator: valoper(e.src), destination_validator: valoper(e.dst) });
}
