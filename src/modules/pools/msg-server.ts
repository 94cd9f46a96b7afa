import * as tx from "../../generated/persistence/pools/v1/tx.js";
import { Tranche } from "../../generated/persistence/pools/v1/types.js";
import { decodeAddress } from "../../types/address.js";
import { isError, type AppError } from "../../types/errors.js";
import { msgHandler, type MsgCodec, type MsgHandler } from "../../types/module.js";
import * as codecs from "./codecs.js";
import { ErrInvalidRequest } from "./errors.js";
import type { PoolsKeeper } from "./keeper.js";
import { parseTerms, parseWhole } from "./terms.js";

function reply<T>(codec: MsgCodec<T>, value: T): { typeUrl: string; value: Uint8Array } {
  return { typeUrl: codec.typeUrl, value: codec.encode(value).finish() };
}

function address(text: string, role: string): Uint8Array | AppError {
  const bytes = decodeAddress(text);
  return isError(bytes) ? bytes.kind.wrap(`invalid ${role} address: ${bytes.message}`) : bytes;
}

const checkPool = (poolId: bigint) => (poolId === 0n ? ErrInvalidRequest.wrap("pool_id must be positive") : undefined);
const checkTranche = (tranche: Tranche) =>
  tranche === Tranche.TRANCHE_SENIOR || tranche === Tranche.TRANCHE_JUNIOR ? undefined : ErrInvalidRequest.wrap("tranche must be TRANCHE_SENIOR or TRANCHE_JUNIOR");

/** The investor, pool and tranche of an order message, checked. */
function readOrder(msg: { investor: string; poolId: bigint; tranche: Tranche }): Uint8Array | AppError {
  const investor = address(msg.investor, "investor");
  if (isError(investor)) return investor;
  return checkPool(msg.poolId) ?? checkTranche(msg.tranche) ?? investor;
}

function readAmount(msg: { investor: string; poolId: bigint; tranche: Tranche }, text: string, name: string) {
  const investor = readOrder(msg);
  if (isError(investor)) return investor;
  const amount = parseWhole(text, name);
  return isError(amount) ? amount : { investor, amount };
}

const problem = (value: unknown): AppError | undefined => (isError(value) ? value : undefined);

export function poolsMessages(keeper: PoolsKeeper): MsgHandler[] {
  const readCreate = (msg: tx.MsgCreatePool) => {
    const originator = address(msg.originator, "originator");
    if (isError(originator)) return originator;
    const terms = parseTerms(msg, keeper);
    return isError(terms) ? terms : { originator, terms };
  };
  return [
    msgHandler<tx.MsgCreatePool>({
      type: codecs.MsgCreatePoolCodec,
      signers: (msg) => [msg.originator],
      validate: (msg) => problem(readCreate(msg)),
      execute: (ctx, msg) => {
        const request = readCreate(msg);
        if (isError(request)) return request;
        const poolId = keeper.createPool(ctx, request.originator, request.terms);
        return isError(poolId) ? poolId : reply(codecs.MsgCreatePoolResponseCodec, { poolId });
      },
    }),
    msgHandler<tx.MsgInvest>({
      type: codecs.MsgInvestCodec,
      signers: (msg) => [msg.investor],
      validate: (msg) => problem(readAmount(msg, msg.amount, "amount")),
      execute: (ctx, msg) => {
        const request = readAmount(msg, msg.amount, "amount");
        if (isError(request)) return request;
        return keeper.setOrder(ctx, { ...request, poolId: msg.poolId, tranche: msg.tranche, side: "invest" }) ?? reply(codecs.MsgInvestResponseCodec, {});
      },
    }),
    msgHandler<tx.MsgRedeem>({
      type: codecs.MsgRedeemCodec,
      signers: (msg) => [msg.investor],
      validate: (msg) => problem(readAmount(msg, msg.tokens, "tokens")),
      execute: (ctx, msg) => {
        const request = readAmount(msg, msg.tokens, "tokens");
        if (isError(request)) return request;
        return keeper.setOrder(ctx, { ...request, poolId: msg.poolId, tranche: msg.tranche, side: "redeem" }) ?? reply(codecs.MsgRedeemResponseCodec, {});
      },
    }),
    msgHandler<tx.MsgCloseEpoch>({
      type: codecs.MsgCloseEpochCodec,
      signers: (msg) => [msg.sender],
      validate: (msg) => problem(address(msg.sender, "sender")) ?? checkPool(msg.poolId),
      execute: (ctx, msg) => {
        const epoch = keeper.closeEpoch(ctx, msg.poolId);
        return isError(epoch) ? epoch : reply(codecs.MsgCloseEpochResponseCodec, { epoch });
      },
    }),
    msgHandler<tx.MsgClaim>({
      type: codecs.MsgClaimCodec,
      signers: (msg) => [msg.investor],
      validate: (msg) => problem(readOrder(msg)),
      execute: (ctx, msg) => {
        const investor = readOrder(msg);
        if (isError(investor)) return investor;
        const claimed = keeper.claim(ctx, investor, msg.poolId, msg.tranche);
        return isError(claimed) ? claimed : reply(codecs.MsgClaimResponseCodec, { tokens: claimed.tokens.toString(), uusd: claimed.uusd.toString() });
      },
    }),
    msgHandler<tx.MsgFinanceLoan>({
      type: codecs.MsgFinanceLoanCodec,
      signers: (msg) => [msg.originator],
      validate: (msg) => problem(address(msg.originator, "originator")) ?? checkPool(msg.poolId) ?? (msg.loanId === 0n ? ErrInvalidRequest.wrap("loan_id must be positive") : undefined),
      execute: (ctx, msg) => {
        const originator = address(msg.originator, "originator");
        if (isError(originator)) return originator;
        return keeper.loans.finance(ctx, originator, msg.poolId, msg.loanId) ?? reply(codecs.MsgFinanceLoanResponseCodec, {});
      },
    }),
  ];
}
