import { Side } from "../../generated/persistence/market/v1/types.js";
import { FEE_COLLECTOR } from "../auth/keys.js";
import { moduleAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { STABLECOIN_DENOM } from "../../types/denoms.js";
import type { AppError } from "../../types/errors.js";
import type { BaseAsset } from "./asset.js";
import type { AssetsKeeper, BankKeeper } from "./expected-keepers.js";
import { MARKET_ACCOUNT } from "./keys.js";

/**
 * Moves what orders escrow into and out of the market module account: base assets (bank coins
 * for fractions, the NFT itself through assets) and uusd. Zero amounts move nothing.
 */
export class Escrow {
  readonly address = moduleAddress(MARKET_ACCOUNT);

  constructor(
    private readonly bank: BankKeeper,
    private readonly assets: AssetsKeeper,
  ) {}

  /** What the market account holds of `denom`. */
  balance(ctx: Context, denom: string): bigint {
    return this.bank.getBalance(ctx, this.address, denom);
  }

  lockBase(ctx: Context, base: BaseAsset, from: Uint8Array, quantity: bigint): AppError | undefined {
    if (base.kind === "nft") return this.assets.transferNft(ctx, base.classId, base.id, from, this.address);
    return this.bank.sendCoinsFromAccountToModule(ctx, from, MARKET_ACCOUNT, [{ denom: base.denom, amount: quantity }]);
  }

  releaseBase(ctx: Context, base: BaseAsset, to: Uint8Array, quantity: bigint): AppError | undefined {
    if (quantity === 0n) return undefined;
    if (base.kind === "nft") return this.assets.transferNft(ctx, base.classId, base.id, this.address, to);
    return this.bank.sendCoinsFromModuleToAccount(ctx, MARKET_ACCOUNT, to, [{ denom: base.denom, amount: quantity }]);
  }

  lockQuote(ctx: Context, from: Uint8Array, amount: bigint): AppError | undefined {
    return this.bank.sendCoinsFromAccountToModule(ctx, from, MARKET_ACCOUNT, [{ denom: STABLECOIN_DENOM, amount }]);
  }

  releaseQuote(ctx: Context, to: Uint8Array, amount: bigint): AppError | undefined {
    if (amount === 0n) return undefined;
    return this.bank.sendCoinsFromModuleToAccount(ctx, MARKET_ACCOUNT, to, [{ denom: STABLECOIN_DENOM, amount }]);
  }

  payFees(ctx: Context, amount: bigint): AppError | undefined {
    if (amount === 0n) return undefined;
    return this.bank.sendCoinsFromModuleToModule(ctx, MARKET_ACCOUNT, FEE_COLLECTOR, [{ denom: STABLECOIN_DENOM, amount }]);
  }

  /** Returns `amount` of an order's escrow to `to`: base units for a sell, uusd for a buy. */
  release(ctx: Context, side: Side, base: BaseAsset, to: Uint8Array, amount: bigint): AppError | undefined {
    return side === Side.SIDE_SELL ? this.releaseBase(ctx, base, to, amount) : this.releaseQuote(ctx, to, amount);
  }
}
