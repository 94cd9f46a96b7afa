import type { Context } from "../../types/context.js";
import { formatDecimal } from "../../types/decimal.js";

/** The SDK's `mint` event of each BeginBlock. */
export function emitMint(ctx: Context, minted: { bondedRatio: bigint; inflation: bigint; annualProvisions: bigint; amount: bigint }): void {
  ctx.events.emit("mint", {
    bonded_ratio: formatDecimal(minted.bondedRatio),
    inflation: formatDecimal(minted.inflation),
    annual_provisions: formatDecimal(minted.annualProvisions),
    amount: minted.amount.toString(),
  });
}
