import type { Params as AuthParams } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { FEE_COLLECTOR } from "../modules/auth/keys.js";
import type { BankSendKeeper } from "../modules/bank/keeper.js";
import { bytesEqual } from "../store/bytes.js";
import { formatCoins, type Coin } from "../types/coins.js";
import { STAKING_DENOM } from "../types/denoms.js";
import type { Context } from "../types/context.js";
import {
  ErrInsufficientFee,
  ErrInsufficientFunds,
  ErrInvalidPubKey,
  ErrMemoTooLarge,
  ErrTooManySignatures,
  ErrTxTimeoutHeight,
  ErrUnauthorized,
  ErrUnknownAddress,
  ErrWrongSequence,
  type AppError,
} from "../types/errors.js";
import type { DecodedTx, TxSigner } from "./decoded-tx.js";
import type { AnteAccountKeeper } from "./expected-keepers.js";
import { describeFees, feeMeetsMinimum, requiredFees, type GasPrice } from "./fees.js";
import { signerSignature } from "./signature-checks.js";
import type { VerifiedSignatures } from "./signatures.js";

export interface AnteDependencies {
  accounts: AnteAccountKeeper;
  bank: Pick<BankSendKeeper, "sendCoinsFromAccountToModule" | "chargeForModule" | "getBalance">;
  /** The node-local minimum gas prices, enforced in CheckTx only (as in the Cosmos SDK). */
  minGasPrices: readonly GasPrice[];
  signatures: VerifiedSignatures;
}

/** Simulation has no signatures yet; this many bytes per signer stand in for one in the size gas. */
const SIMULATED_SIGNATURE_BYTES = 100;

/**
 * The checks and charges every transaction passes before its messages run, in the Cosmos SDK's
 * order: timeout height, memo size, size gas, fee (minimum gas price in CheckTx, deduction to the
 * fee collector), then per signer: public key, signature count and gas, sequence, signature,
 * and the sequence increment. All writes happen in the caller's branch.
 */
export function runAnte(ctx: Context, tx: DecodedTx, deps: AnteDependencies): AppError | undefined {
  const params = deps.accounts.getParams(ctx);
  const simulate = ctx.mode === "simulate";
  const timeout = tx.body.timeoutHeight;
  if (timeout > 0n && ctx.block.height > timeout) {
    return ErrTxTimeoutHeight.wrap(`block height: ${ctx.block.height}, timeout height: ${timeout}`);
  }
  const memoBytes = Buffer.byteLength(tx.body.memo, "utf8");
  if (memoBytes > Number(params.maxMemoCharacters)) {
    return ErrMemoTooLarge.wrap(`maximum number of characters is ${params.maxMemoCharacters} but received ${memoBytes} characters`);
  }
  const simulatedBytes = simulate ? tx.signers.filter((s) => s.signature.length === 0).length * SIMULATED_SIGNATURE_BYTES : 0;
  ctx.gasMeter.consume(Number(params.txSizeCostPerByte) * (tx.raw.length + simulatedBytes), "txSize");

  const feeError = deductFee(ctx, tx, deps);
  if (feeError) return feeError;

  if (tx.signers.length > Number(params.txSigLimit)) {
    return ErrTooManySignatures.wrap(`signatures: ${tx.signers.length}, limit: ${params.txSigLimit}`);
  }
  for (const [index, signer] of tx.signers.entries()) {
    const error = checkSigner(ctx, tx, signer, index, params, deps, simulate);
    if (error) return error;
  }
  return undefined;
}

function deductFee(ctx: Context, tx: DecodedTx, deps: AnteDependencies): AppError | undefined {
  const payer = tx.feePayer;
  if (!deps.accounts.hasAccount(ctx, payer.address)) return ErrUnknownAddress.wrap(`fee payer address: ${payer.bech32} does not exist`);
  const checking = ctx.mode === "check" || ctx.mode === "recheck";
  if (checking) {
    const required = requiredFees(deps.minGasPrices, tx.gasLimit);
    if (!feeMeetsMinimum(tx.fee, required)) {
      return ErrInsufficientFee.wrap(`insufficient fees; got: ${describeFees(tx.fee)} required: ${describeFees(required)}`);
    }
  }
  const fee = ctx.mode === "simulate" && tx.fee.length === 0 ? simulatedFee(ctx, payer.address, deps) : tx.fee;
  if (fee.length > 0) {
    // CheckTx leaves the fee collector's balance alone, so checks of different senders stay independent.
    const error = checking
      ? deps.bank.chargeForModule(ctx, payer.address, FEE_COLLECTOR, fee)
      : deps.bank.sendCoinsFromAccountToModule(ctx, payer.address, FEE_COLLECTOR, fee);
    // Other refusals (a send restriction such as an AML hold) keep their own error.
    if (error) return ErrInsufficientFunds.is(error) ? ErrInsufficientFunds.wrap(`insufficient funds to pay for fees; ${error.message}`) : error;
  }
  ctx.events.emit("tx", { fee: formatCoins(tx.fee), fee_payer: payer.bech32 });
  return undefined;
}

/**
 * Clients simulate before they know the fee, so the simulated tx carries none. Paying a token fee
 * in simulation makes the estimate include the fee transfer's gas, which the real tx will use.
 */
function simulatedFee(ctx: Context, payer: Uint8Array, deps: AnteDependencies): Coin[] {
  const denom = deps.minGasPrices[0]?.denom ?? STAKING_DENOM;
  return deps.bank.getBalance(ctx, payer, denom) > 0n ? [{ denom, amount: 1n }] : [];
}

function checkSigner(
  ctx: Context,
  tx: DecodedTx,
  signer: TxSigner,
  index: number,
  params: AuthParams,
  deps: AnteDependencies,
  simulate: boolean,
): AppError | undefined {
  const account = deps.accounts.getAccount(ctx, signer.address);
  if (!account) return ErrUnknownAddress.wrap(`account ${signer.bech32} does not exist`);
  if (signer.publicKeyAddress && !bytesEqual(signer.publicKeyAddress, signer.address)) {
    return ErrInvalidPubKey.wrap(`pubKey does not match signer address ${signer.bech32} with signer index: ${index}`);
  }
  const publicKey = signer.publicKey ?? account.publicKey;
  if (!publicKey) return ErrInvalidPubKey.wrap(`pubkey on account ${signer.bech32} is not set`);
  ctx.gasMeter.consume(Number(params.sigVerifyCostSecp256k1), "ante verify: secp256k1");
  if (signer.sequence !== account.sequence) {
    return ErrWrongSequence.wrap(`account sequence mismatch, expected ${account.sequence}, got ${signer.sequence}`);
  }
  if (!simulate) {
    if (!deps.signatures.verify(signerSignature(ctx, tx, signer, index, account.accountNumber, publicKey))) {
      return ErrUnauthorized.wrap(
        `signature verification failed; please verify account number (${account.accountNumber}), sequence (${account.sequence}) and chain-id (${ctx.block.chainId})`,
      );
    }
  }
  ctx.events.emit("tx", { acc_seq: `${signer.bech32}/${account.sequence}` });
  ctx.events.emit("tx", { signature: Buffer.from(signer.signature.buffer, signer.signature.byteOffset, signer.signature.byteLength).toString("base64") });
  deps.accounts.setAccount(ctx, { ...account, publicKey, sequence: account.sequence + 1n });
  return undefined;
}
