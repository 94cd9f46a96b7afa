import type { Loan } from "../../generated/persistence/lending/v1/types.js";
import { encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import type { AppError } from "../../types/errors.js";
import type { Custody } from "./custody.js";
import { ErrInvalidRequest, ErrLoanNotFound } from "./errors.js";
import { emit, EVENT } from "./events.js";
import type { LendingHooks } from "./hooks.js";
import { decodeStored } from "./loan.js";
import { LendingStore } from "./store.js";

/** Auction proceeds of a loan that lending keeps because paying them was refused, whole uusd. */
export interface Held {
  /** The lender's share, as the debt absorbed it. */
  principal: bigint;
  interest: bigint;
  /** The borrower's excess. */
  excess: bigint;
}

/** A held amount; "" (the proto default: nothing ever held) reads as 0. */
const amount = (text: string): bigint => (text === "" ? 0n : BigInt(text));

export function heldOf(loan: Loan): Held {
  return { principal: amount(loan.heldPrincipal), interest: amount(loan.heldInterest), excess: amount(loan.heldExcess) };
}

export function withHeld(loan: Loan, held: Held): Loan {
  return { ...loan, heldPrincipal: held.principal.toString(), heldInterest: held.interest.toString(), heldExcess: held.excess.toString() };
}

/** All the uusd kept on a loan. */
export function totalHeld(held: Held): bigint {
  return held.principal + held.interest + held.excess;
}

/**
 * Pays `claimant` what lending keeps for it on a loan: the lender's share (then the afterRecovery
 * hooks hear of it, as they would have at the fill) and the borrower's excess. Refused, with
 * nothing changed, when nothing is kept for the claimant or bank still refuses the payment.
 */
export function claimProceeds(ctx: Context, deps: { custody: Custody; hooks: readonly LendingHooks[] }, claimant: Uint8Array, loanId: bigint): bigint | AppError {
  const store = new LendingStore(ctx);
  const loan = store.getLoan(loanId);
  if (!loan) return ErrLoanNotFound.wrap(`no loan ${loanId}`);
  const address = encodeAddress(claimant);
  const held = heldOf(loan);
  const asLender = loan.lender === address ? held.principal + held.interest : 0n;
  const asBorrower = loan.borrower === address ? held.excess : 0n;
  const total = asLender + asBorrower;
  if (total === 0n) return ErrInvalidRequest.wrap(`nothing held for ${address} on loan ${loanId}`);
  const refused = deps.custody.pay(ctx, claimant, total);
  if (refused) return refused;
  const left: Held = asLender > 0n ? { ...held, principal: 0n, interest: 0n } : held;
  store.writeLoan(withHeld(loan, asBorrower > 0n ? { ...left, excess: 0n } : left));
  if (asLender > 0n) {
    emit(ctx, EVENT.proceedsReleased, { loan_id: loanId, owner: address, role: "lender", amount: asLender });
    for (const hooks of deps.hooks) hooks.afterRecovery?.(ctx, { loanId, lender: decodeStored(loan.lender), principal: held.principal, interest: held.interest, collateral: false });
  }
  if (asBorrower > 0n) emit(ctx, EVENT.proceedsReleased, { loan_id: loanId, owner: address, role: "borrower", amount: asBorrower });
  return total;
}
