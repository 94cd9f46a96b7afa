import { Option, type Command } from "commander";
import * as tx from "../../generated/persistence/pools/v1/tx.js";
import * as codecs from "../../modules/pools/codecs.js";
import { parseDecimal } from "../../types/decimal.js";
import { txMessage, type Outcome } from "../tx/signed-tx.js";
import { addSingleMessageTx, firstMsgResponse } from "../tx/single-message-tx.js";
import type { TxOptions } from "../tx/tx-options.js";
import { formatDuration, parseApr, parseDuration, parseId, parseUsd, percent, usd } from "./lending-values.js";
import { decimalText, parseRatio, parseTokens, parseTranche } from "./pools-values.js";

interface CreateOptions extends TxOptions {
  seniorApr: string;
  minJuniorRatio: string;
  maxJuniorRatio: string;
  maxReserve: string;
  discountApr: string;
  epoch: bigint;
  minKycLevel: number;
}

const done = (text: string): Outcome => ({ json: {}, text: [text] });

/** `persistence tx pools …`: open a pool, invest, redeem, close epochs, claim, finance loans. */
export function registerPoolsTx(parent: Command): void {
  const pools = parent.command("pools").description("pools module transactions: senior/junior tranches over loans, epochs of invest and redeem orders");

  addSingleMessageTx<CreateOptions>(
    pools,
    "create-pool <key>",
    "open a pool as its originator",
    (originator, _args, o) => {
      const seniorApr = parseApr(o.seniorApr);
      const discountApr = parseApr(o.discountApr);
      const maxReserve = parseUsd(o.maxReserve, "max_reserve");
      return {
        message: txMessage(codecs.MsgCreatePoolCodec, {
          originator,
          seniorApr: decimalText(seniorApr),
          minJuniorRatio: o.minJuniorRatio,
          maxJuniorRatio: o.maxJuniorRatio,
          maxReserve: maxReserve.toString(),
          investorRequirement: { minKycLevel: o.minKycLevel, jurisdictions: [], investorClasses: [], trader: false },
          discountApr: decimalText(discountApr),
          minEpochSeconds: o.epoch,
        }),
        summary: `open a pool: senior ${percent(seniorApr)} APR, junior ${percent(parseDecimal(o.minJuniorRatio)!)}–${percent(parseDecimal(o.maxJuniorRatio)!)}, max reserve ${usd(maxReserve)}, NAV at ${percent(discountApr)}, epochs ≥ ${formatDuration(o.epoch)}`,
      };
    },
    (result) => {
      const { poolId } = firstMsgResponse(result, tx.MsgCreatePoolResponse);
      return { json: { pool_id: poolId.toString() }, text: [`pool ${poolId} opened: tokens pool/${poolId}/senior and pool/${poolId}/junior`] };
    },
  )
    .requiredOption("--senior-apr <apr>", "the senior tranche's fixed APR, 0.05 or 5%")
    .addOption(new Option("--min-junior-ratio <ratio>", "the least junior share of NAV + reserve").argParser(parseRatio).makeOptionMandatory())
    .addOption(new Option("--max-junior-ratio <ratio>", "the most junior share of NAV + reserve").argParser(parseRatio).makeOptionMandatory())
    .requiredOption("--max-reserve <amount>", "the most uusd the pool keeps uninvested, e.g. 1000000usd")
    .requiredOption("--discount-apr <apr>", "the rate the NAV discounts expected cashflows at")
    .addOption(new Option("--epoch <duration>", "the shortest epoch, e.g. 1d").argParser(parseDuration).default(86_400n, "1 day"))
    .addOption(new Option("--min-kyc-level <level>", "the KYC level investors need").argParser((v) => Number.parseInt(v, 10)).default(0));

  addSingleMessageTx(
    pools,
    "invest <key> <pool-id> <tranche> <amount>",
    "set your invest order in a tranche (senior|junior) to <amount> usd or uusd; 0usd cancels",
    (investor, [id, tranche, amount]) => {
      const poolId = parseId(id!, "pool id");
      const value = amount === "0" ? 0n : parseUsd(amount!, "amount");
      return { message: txMessage(codecs.MsgInvestCodec, { investor, poolId, tranche: parseTranche(tranche!), amount: value.toString() }), summary: `invest order in pool ${poolId} ${tranche}: ${usd(value)}` };
    },
    () => done("invest order set; it executes when the epoch closes"),
  );

  addSingleMessageTx(
    pools,
    "redeem <key> <pool-id> <tranche> <tokens>",
    "set your redeem order in a tranche to <tokens> base units of its token; 0 cancels",
    (investor, [id, tranche, tokens]) => {
      const poolId = parseId(id!, "pool id");
      const amount = parseTokens(tokens!);
      return { message: txMessage(codecs.MsgRedeemCodec, { investor, poolId, tranche: parseTranche(tranche!), tokens: amount.toString() }), summary: `redeem order in pool ${poolId} ${tranche}: ${amount} tokens` };
    },
    () => done("redeem order set; it executes when the epoch closes"),
  );

  addSingleMessageTx(
    pools,
    "close-epoch <key> <pool-id>",
    "close a pool's epoch (anyone, once it is old enough); its orders execute at the end of the block",
    (sender, [id]) => {
      const poolId = parseId(id!, "pool id");
      return { message: txMessage(codecs.MsgCloseEpochCodec, { sender, poolId }), summary: `close the epoch of pool ${poolId}` };
    },
    (result) => {
      const { epoch } = firstMsgResponse(result, tx.MsgCloseEpochResponse);
      return { json: { epoch: epoch.toString() }, text: [`epoch ${epoch} closed and executed`] };
    },
  );

  addSingleMessageTx(
    pools,
    "claim <key> <pool-id> <tranche>",
    "collect the tokens and usd your executed orders in a tranche gave you",
    (investor, [id, tranche]) => {
      const poolId = parseId(id!, "pool id");
      return { message: txMessage(codecs.MsgClaimCodec, { investor, poolId, tranche: parseTranche(tranche!) }), summary: `claim from pool ${poolId} ${tranche}` };
    },
    (result) => {
      const claimed = firstMsgResponse(result, tx.MsgClaimResponse);
      return { json: { tokens: claimed.tokens, uusd: claimed.uusd }, text: [`claimed ${claimed.tokens} tokens and ${usd(claimed.uusd)}`] };
    },
  );

  addSingleMessageTx(
    pools,
    "finance-loan <key> <pool-id> <loan-id>",
    "as the pool's originator, fund a requested loan from the pool's reserve",
    (originator, [id, loan]) => {
      const poolId = parseId(id!, "pool id");
      const loanId = parseId(loan!, "loan id");
      return { message: txMessage(codecs.MsgFinanceLoanCodec, { originator, poolId, loanId }), summary: `finance loan ${loanId} from pool ${poolId}` };
    },
    () => done("loan financed from the pool's reserve"),
  );
}
