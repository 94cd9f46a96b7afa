import type { Pledge } from "../../generated/persistence/lending/v1/types.js";
import { moduleAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { STABLECOIN_DENOM } from "../../types/denoms.js";
import type { AppError } from "../../types/errors.js";
import { parseCollateral, type Collateral } from "./collateral.js";
import { emit, EVENT } from "./events.js";
import type { LendingAssetsKeeper, LendingBankKeeper } from "./expected-keepers.js";
import { LENDING_ACCOUNT } from "./keys.js";
import type { LendingStore } from "./store.js";

/**
 * Moves collateral and uusd into and out of the lending module account. Each move checks before
 * it writes (assets' transferNft, bank's sends), so a refused move changes nothing.
 */
export class Custody {
  readonly address = moduleAddress(LENDING_ACCOUNT);

  constructor(
    private readonly bank: LendingBankKeeper,
    private readonly assets: LendingAssetsKeeper,
  ) {}

  /** What the lending account holds of `denom`. */
  balance(ctx: Context, denom: string): bigint {
    return this.bank.getBalance(ctx, this.address, denom);
  }

  lock(ctx: Context, collateral: Collateral, from: Uint8Array, amount: bigint): AppError | undefined {
    if (collateral.kind === "nft") return this.assets.transferNft(ctx, collateral.classId, collateral.id, from, this.address);
    return this.bank.sendCoinsFromAccountToModule(ctx, from, LENDING_ACCOUNT, [{ denom: collateral.denom, amount }]);
  }

  release(ctx: Context, collateral: Collateral, to: Uint8Array, amount: bigint): AppError | undefined {
    if (amount === 0n) return undefined;
    if (collateral.kind === "nft") return this.assets.transferNft(ctx, collateral.classId, collateral.id, this.address, to);
    return this.bank.sendCoinsFromModuleToAccount(ctx, LENDING_ACCOUNT, to, [{ denom: collateral.denom, amount }]);
  }

  /** uusd from the lending account (auction proceeds it received) to `to`. */
  pay(ctx: Context, to: Uint8Array, amount: bigint): AppError | undefined {
    if (amount === 0n) return undefined;
    return this.bank.sendCoinsFromModuleToAccount(ctx, LENDING_ACCOUNT, to, [{ denom: STABLECOIN_DENOM, amount }]);
  }

  /**
   * Hands a pledge's collateral (`amount` units of it) to `to` and deletes the pledge. When the
   * move is refused (e.g. fraction units to a frozen account), the collateral stays with lending
   * as an unencumbered pledge of `to`, who withdraws it later (event collateral_held).
   */
  handOver(ctx: Context, store: LendingStore, pledge: Pledge, to: Uint8Array, toAddress: string, amount: bigint): void {
    const collateral = parseCollateral(pledge.collateral) as Collateral;
    const refused = this.release(ctx, collateral, to, amount);
    if (!refused) {
      store.removePledge(pledge);
      return;
    }
    store.putPledge({ ...pledge, owner: toAddress, amount: amount.toString(), loanId: 0n }, pledge.owner);
    emit(ctx, EVENT.collateralHeld, { pledge_id: pledge.id, owner: toAddress, collateral: pledge.collateral, amount, refusal: refused.log });
  }
}
