import * as q from "../../generated/persistence/lending/v1/query.js";
import { Valuer, type Loan } from "../../generated/persistence/lending/v1/types.js";
import type { KVReader } from "../../store/kv.js";
import { decodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { isError } from "../../types/errors.js";
import { queryRoute, type QueryRoute } from "../../types/module.js";
import { paginate } from "../../types/pagination.js";
import { ErrAppraisalNotFound, ErrLoanNotFound, ErrPledgeNotFound } from "./errors.js";
import type { LendingKeeper } from "./keeper.js";
import { debtAt, OWING, outstandingOf } from "./loan.js";
import { toProtoParams } from "./params.js";
import { LendingStore } from "./store.js";
import { seconds, timestamp } from "./time.js";
import { readUint64 } from "../../store/bytes.js";

const SERVICE = "/persistence.lending.v1.Query";

/** A loan with its debt, interest and next expected cashflow at the context's block time. */
export function loanView(store: LendingStore, loan: Loan, ctx: Context): q.LoanView {
  const debt = debtAt(loan, store.loanAccumulator(loan), seconds(ctx.block.time));
  const principal = BigInt(loan.outstandingPrincipal);
  const next = OWING.has(loan.status) ? outstandingOf(loan)[0] : undefined;
  return {
    loan,
    debt: debt.toString(),
    interest: (debt > principal ? debt - principal : 0n).toString(),
    nextDue: next ? timestamp(next.due) : undefined,
    nextDueAmount: (next?.amount ?? 0n).toString(),
  };
}

/** One page of an index keyed by 8-byte ids, mapped through `read`. */
function page<T>(index: KVReader, pagination: q.QueryLoansByLenderRequest["pagination"], read: (id: bigint) => T) {
  const result = paginate(index, pagination);
  if (isError(result)) return result;
  return { items: result.entries.map(([key]) => read(readUint64(key, key.length - 8))), pagination: result.page };
}

/** persistence.lending.v1.Query: each answer reads a bounded number of keys (pages at most 1000 entries). */
export function lendingQueries(keeper: LendingKeeper): QueryRoute[] {
  return [
    queryRoute(`${SERVICE}/Params`, q.QueryParamsRequest, q.QueryParamsResponse, (ctx) => ({ params: toProtoParams(keeper.getParams(ctx)) })),
    queryRoute(`${SERVICE}/Valuers`, q.QueryValuersRequest, q.QueryValuersResponse, (ctx, req) => {
      const result = paginate(new LendingStore(ctx).valuers(), req.pagination);
      if (isError(result)) return result;
      return { valuers: result.entries.map(([, value]) => Valuer.decode(value)), pagination: result.page };
    }),
    queryRoute(`${SERVICE}/Pledge`, q.QueryPledgeRequest, q.QueryPledgeResponse, (ctx, req) => {
      const pledge = new LendingStore(ctx).getPledge(req.id);
      return pledge ? { pledge } : ErrPledgeNotFound.wrap(`no pledge ${req.id}`);
    }),
    queryRoute(`${SERVICE}/PledgesByOwner`, q.QueryPledgesByOwnerRequest, q.QueryPledgesByOwnerResponse, (ctx, req) => {
      const owner = decodeAddress(req.owner);
      if (isError(owner)) return owner;
      const store = new LendingStore(ctx);
      const result = page(store.ownerPledges(owner), req.pagination, (id) => store.getPledge(id)!);
      return isError(result) ? result : { pledges: result.items, pagination: result.pagination };
    }),
    queryRoute(`${SERVICE}/Appraisal`, q.QueryAppraisalRequest, q.QueryAppraisalResponse, (ctx, req) => {
      const appraisal = new LendingStore(ctx).getAppraisal(req.id);
      return appraisal ? { appraisal } : ErrAppraisalNotFound.wrap(`no appraisal ${req.id}`);
    }),
    queryRoute(`${SERVICE}/Appraisals`, q.QueryAppraisalsRequest, q.QueryAppraisalsResponse, (ctx, req) => {
      const store = new LendingStore(ctx);
      const result = page(store.pledgeAppraisals(req.pledgeId), req.pagination, (id) => store.getAppraisal(id)!);
      return isError(result) ? result : { appraisals: result.items, pagination: result.pagination };
    }),
    queryRoute(`${SERVICE}/Loan`, q.QueryLoanRequest, q.QueryLoanResponse, (ctx, req) => {
      const store = new LendingStore(ctx);
      const loan = store.getLoan(req.id);
      return loan ? { loan: loanView(store, loan, ctx) } : ErrLoanNotFound.wrap(`no loan ${req.id}`);
    }),
    queryRoute(`${SERVICE}/LoansByBorrower`, q.QueryLoansByBorrowerRequest, q.QueryLoansByBorrowerResponse, (ctx, req) => {
      const borrower = decodeAddress(req.borrower);
      if (isError(borrower)) return borrower;
      const store = new LendingStore(ctx);
      const result = page(store.borrowerLoans(borrower), req.pagination, (id) => loanView(store, store.getLoan(id)!, ctx));
      return isError(result) ? result : { loans: result.items, pagination: result.pagination };
    }),
    queryRoute(`${SERVICE}/LoansByLender`, q.QueryLoansByLenderRequest, q.QueryLoansByLenderResponse, (ctx, req) => {
      const lender = decodeAddress(req.lender);
      if (isError(lender)) return lender;
      const store = new LendingStore(ctx);
      const result = page(store.lenderLoans(lender), req.pagination, (id) => loanView(store, store.getLoan(id)!, ctx));
      return isError(result) ? result : { loans: result.items, pagination: result.pagination };
    }),
  ];
}
