import type { AssetStatus } from "../../generated/persistence/assets/v1/types.js";
import type { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import type { Side } from "../../generated/persistence/market/v1/types.js";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";

/** What lending needs from bank: moving uusd and fraction units between accounts and its module account. */
export interface LendingBankKeeper {
  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint;
  sendCoins(ctx: Context, from: Uint8Array, to: Uint8Array, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromAccountToModule(ctx: Context, from: Uint8Array, module: string, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, coins: readonly Coin[]): AppError | undefined;
}

/** What lending needs from identity: whether an account meets a requirement, and whether a requirement is well formed. */
export interface LendingIdentityKeeper {
  checkCompliance(ctx: Context, address: Uint8Array, requirement: ClaimRequirement): AppError | undefined;
  validateRequirement(requirement: ClaimRequirement): AppError | undefined;
}

/** What lending needs from assets: the asset's record, moving a whole asset, its status, and fraction records. */
export interface LendingAssetsKeeper {
  getAsset(ctx: Context, classId: string, id: string): { owner: string; status: AssetStatus } | undefined;
  getFraction(ctx: Context, denom: string): { classId: string; id: string } | undefined;
  holderRequirement(ctx: Context, asset: string): ClaimRequirement | AppError;
  transferNft(ctx: Context, classId: string, id: string, from: Uint8Array, to: Uint8Array): AppError | undefined;
  setStatus(ctx: Context, classId: string, id: string, status: AssetStatus): AppError | undefined;
}

/** A fill of an order a settlement listener owns, as the market reports it. */
export interface OrderFill {
  orderId: bigint;
  /** Base units filled, and left on the order after this fill. */
  quantity: bigint;
  remaining: bigint;
  /** uusd the owner received for a sell (notional less its fee). */
  quote: bigint;
}

/** An order of a settlement listener that left the book unfilled: its escrow is back with the owner. */
export interface OrderClosed {
  orderId: bigint;
  reason: string;
  /** Base units (sell) returned to the owner. */
  refund: bigint;
}

export interface SettlementListener {
  afterFill(ctx: Context, fill: OrderFill): void;
  afterClose(ctx: Context, closed: OrderClosed): void;
}

/** What lending needs from the market: placing its auction orders, hearing of their fills and expiry, and reading them. */
export interface LendingMarketKeeper {
  placeOrder(
    ctx: Context,
    request: { owner: Uint8Array; base: string; side: Side; price: bigint; quantity: bigint; expiresAt?: Timestamp },
  ): { orderId: bigint } | AppError;
  addSettlementListener(owner: Uint8Array, listener: SettlementListener): void;
  /** An open order (genesis checks that a running auction's order escrows its collateral). */
  getOrder(ctx: Context, id: bigint): { owner: string; base: string; side: Side; remaining: bigint } | undefined;
}
