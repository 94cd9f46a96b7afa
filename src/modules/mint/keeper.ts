import { Minter, Params } from "cosmjs-types/cosmos/mint/v1beta1/mint";
import type { Context } from "../../types/context.js";
import { DecodeMemo } from "../../types/decode-memo.js";
import { encodeProto } from "../../types/proto.js";
import { FEE_COLLECTOR } from "../auth/keys.js";
import { emitMint } from "./events.js";
import type { BankKeeper, StakingKeeper } from "./expected-keepers.js";
import { MINT_ACCOUNT, MINT_STORE, MINTER_KEY, PARAMS_KEY } from "./keys.js";
import { blockProvision, bondedRatio, nextAnnualProvisions, nextInflationRate } from "./minter.js";
import { DEFAULT_MINT_PARAMS, DEFAULT_MINTER, fromProtoMinter, fromProtoParams, toProtoMinter, toProtoParams, type MinterState, type MintParams } from "./params.js";

/** x/mint: the minter (inflation, annual provisions) and each block's provision. */
export class MintKeeper {
  private readonly params = new DecodeMemo(Params);

  constructor(
    private readonly bank: BankKeeper,
    private readonly staking: StakingKeeper,
  ) {}

  getParams(ctx: Context): MintParams {
    const bytes = ctx.kv(MINT_STORE).get(PARAMS_KEY);
    return bytes ? fromProtoParams(this.params.decode(bytes)) : DEFAULT_MINT_PARAMS;
  }

  setParams(ctx: Context, params: MintParams): void {
    ctx.kv(MINT_STORE).set(PARAMS_KEY, encodeProto(Params, toProtoParams(params)));
  }

  getMinter(ctx: Context): MinterState {
    const bytes = ctx.kv(MINT_STORE).get(MINTER_KEY);
    return bytes ? fromProtoMinter(Minter.decode(bytes)) : DEFAULT_MINTER;
  }

  setMinter(ctx: Context, minter: MinterState): void {
    ctx.kv(MINT_STORE).set(MINTER_KEY, encodeProto(Minter, toProtoMinter(minter)));
  }

  /**
   * The SDK's BeginBlocker: recompute inflation from the bonded ratio, then annual provisions
   * from the bond denom's supply, and mint this block's share into the fee collector.
   */
  mintBlockProvision(ctx: Context): void {
    const params = this.getParams(ctx);
    const supply = this.bank.getSupply(ctx, this.staking.bondDenom(ctx));
    const ratio = bondedRatio(this.staking.totalBondedTokens(ctx), supply);
    const inflation = nextInflationRate(this.getMinter(ctx), params, ratio);
    const minter = { inflation, annualProvisions: nextAnnualProvisions(inflation, supply) };
    this.setMinter(ctx, minter);
    const amount = blockProvision(minter, params);
    if (amount > 0n) {
      const coins = [{ denom: params.mintDenom, amount }];
      // The mint account is wired with the minter permission and sends to the fee collector, so neither can fail.
      this.bank.mintCoins(ctx, MINT_ACCOUNT, coins);
      this.bank.sendCoinsFromModuleToModule(ctx, MINT_ACCOUNT, FEE_COLLECTOR, coins);
    }
    emitMint(ctx, { bondedRatio: ratio, inflation, annualProvisions: minter.annualProvisions, amount });
  }
}
