import type { StdFee } from "@cosmjs/amino";
import { toHex } from "@cosmjs/encoding";
import type { EncodeObject } from "@cosmjs/proto-signing";
import type { SigningStargateClient } from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { setTimeout as sleep } from "node:timers/promises";
import { sha256 } from "../../store/hash.js";
import { ErrWrongSequence } from "../../types/errors.js";
import { CliError, type ChainFailure } from "../errors.js";

export interface BroadcastParams {
  comet: CometClient;
  signer: SigningStargateClient;
  signerAddress: string;
  messages: EncodeObject[];
  fee: StdFee;
  memo: string;
  chainId: string;
  accountNumber: bigint;
  sequence: number;
  /** How long to wait for a block to include the tx. */
  timeoutMs: number;
  /** Each signed tx's hash, before it is broadcast. */
  onSigned(hash: string): void;
  /** CheckTx accepted the tx; now it waits for a block. */
  onAccepted(hash: string): void;
  /** A sequence mismatch is being retried, and why. */
  onRetry(message: string): void;
}

/** A tx a block included and ran successfully. */
export interface IncludedTx {
  hash: string;
  height: number;
  gasUsed: bigint;
  gasWanted: bigint;
  log: string;
}

const POLL_INTERVAL_MS = 250;

/**
 * Signs (SIGN_MODE_DIRECT), reports the hash, broadcasts and waits for a block. A sequence
 * mismatch at CheckTx is retried once with the sequence the node expects. A refusal, a failed
 * delivery or a timeout throws a CliError that carries the tx hash.
 */
export async function broadcastAndWait(params: BroadcastParams): Promise<IncludedTx> {
  let sequence = params.sequence;
  for (let attempt = 1; ; attempt++) {
    const signed = await params.signer.sign(params.signerAddress, params.messages, params.fee, params.memo, {
      accountNumber: params.accountNumber,
      sequence,
      chainId: params.chainId,
    });
    const bytes = TxRaw.encode(signed).finish();
    const hash = toHex(sha256(bytes)).toUpperCase();
    params.onSigned(hash);
    const check = await params.comet.broadcastTxSync({ tx: bytes });
    if (check.code === 0) {
      params.onAccepted(hash);
      return waitForInclusion(params.comet, hash, params.timeoutMs);
    }
    const failure: ChainFailure = { code: check.code, codespace: check.codespace ?? "", log: check.log ?? "" };
    if (attempt === 1 && isSequenceMismatch(failure)) {
      const expected = expectedSequence(failure.log) ?? (await params.signer.getSequence(params.signerAddress)).sequence;
      params.onRetry(`account sequence mismatch: signed with ${sequence}, the node expects ${expected}; signing again with ${expected} and retrying once`);
      sequence = expected;
      continue;
    }
    throw CliError.fromChain(failure, `the node refused tx ${hash}: ${failure.log}`, { txhash: hash });
  }
}

async function waitForInclusion(comet: CometClient, hash: string, timeoutMs: number): Promise<IncludedTx> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await comet.txSearch({ query: `tx.hash='${hash}'` })).txs[0];
    if (found) {
      const { code, codespace = "", log = "", gasUsed, gasWanted } = found.result;
      if (code !== 0) {
        throw CliError.fromChain({ code, codespace, log }, `tx ${hash} failed in block ${found.height}: ${log}`, {
          txhash: hash,
          height: found.height,
          gas_used: gasUsed,
          gas_wanted: gasWanted,
        });
      }
      return { hash, height: found.height, gasUsed, gasWanted, log };
    }
    if (Date.now() >= deadline) {
      throw new CliError("tx_timeout", `tx ${hash} was not in a block after ${timeoutMs / 1000}s; it may still be included: check with \`persistence query tx ${hash}\``, undefined, {
        txhash: hash,
      });
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

function isSequenceMismatch(failure: ChainFailure): boolean {
  return failure.codespace === ErrWrongSequence.codespace && failure.code === ErrWrongSequence.code;
}

/** "account sequence mismatch, expected 5, got 4": the sequence the node's pending state expects. */
function expectedSequence(log: string): number | undefined {
  const match = /expected (\d+), got \d+/.exec(log);
  return match ? Number(match[1]) : undefined;
}
