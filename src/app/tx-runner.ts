import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Event } from "cosmjs-types/tendermint/abci/types";
import { bytesToKey } from "../store/bytes.js";
import { CacheKV, type Footprint } from "../store/cache-kv.js";
import { GasMeter, OutOfGasError } from "../store/gas.js";
import type { KVStore } from "../store/kv.js";
import { runAnte, type AnteDependencies } from "../tx/ante.js";
import { RecentCache } from "../store/recent-cache.js";
import { decodeTx, type DecodedTx } from "../tx/decoded-tx.js";
import { txHash } from "../tx/tx-hash.js";
import { Context, type BlockInfo, type ExecMode } from "../types/context.js";
import { withAttribute } from "../types/events.js";
import { ErrInternal, ErrOutOfGas, isError, type AppError } from "../types/errors.js";
import type { MsgHandler } from "../types/module.js";
import { encodeProto } from "../types/proto.js";

/** The outcome of running one tx, shaped like ABCI's ExecTxResult. */
export interface TxOutcome {
  code: number;
  codespace: string;
  log: string;
  gasWanted: number;
  gasUsed: number;
  events: Event[];
  /** TxMsgData with the messages' responses (empty unless messages ran and succeeded). */
  data: Uint8Array;
  msgResponses: Any[];
  /** Why the tx failed, when it did. */
  error?: AppError;
  /**
   * For a CheckTx that passed: what it read from the check state and wrote there, all its outcome
   * depends on; absent when it also read a range or the block's height or time (a timeout height),
   * which a footprint does not capture.
   */
  footprint?: Footprint;
}

export interface TxRunnerOptions {
  handlers: ReadonlyMap<string, MsgHandler>;
  ante: AnteDependencies;
  maxTxBytes: number;
  onInternalError(error: unknown): void;
}

/**
 * Runs transactions as the Cosmos SDK's baseapp: the ante step in its own branch (a failure
 * there leaves no trace), then the messages in another (a failure there discards the messages'
 * writes while the fee and sequence increment stay). CheckTx runs the ante step only.
 */
export class TxRunner {
  /** Decoded txs by hash: CheckTx, recheck and execution of the same bytes decode them once. */
  private readonly decoded = new RecentCache<string, DecodedTx>(25_000);

  constructor(private readonly options: TxRunnerOptions) {}

  decode(raw: Uint8Array): DecodedTx | AppError {
    const hash = txHash(raw);
    const key = bytesToKey(hash);
    const cached = this.decoded.get(key);
    if (cached) return cached;
    const tx = decodeTx(raw, { maxTxBytes: this.options.maxTxBytes, handlers: this.options.handlers }, hash);
    if (!isError(tx)) this.decoded.set(key, tx);
    return tx;
  }

  run(mode: ExecMode, block: BlockInfo, state: KVStore, raw: Uint8Array, decoded?: DecodedTx | AppError): TxOutcome {
    const tx = decoded ?? this.decode(raw);
    if (isError(tx)) return failure(tx, 0, 0, []);
    const gasWanted = tx.gasLimit;
    const meter = new GasMeter(mode === "simulate" ? Number.POSITIVE_INFINITY : gasWanted);
    const checking = mode === "check" || mode === "recheck";
    const txBranch = new CacheKV(state, { recordReads: checking });
    const anteBranch = new CacheKV(txBranch);
    const watched = checking ? watchBlock(block) : undefined;
    const anteCtx = new Context(watched?.block ?? block, mode, anteBranch, meter);
    const anteError = this.guard(() => runAnte(anteCtx, tx, this.options.ante));
    if (anteError) return failure(anteError, gasWanted, meter.consumed, []);
    anteBranch.writeTo(txBranch);
    const events = [...anteCtx.events.events];
    if (watched) {
      const footprint = watched.changing() ? undefined : txBranch.footprint();
      txBranch.writeTo(state);
      return { ...success(gasWanted, meter.consumed, events, []), footprint };
    }

    const msgBranch = new CacheKV(txBranch);
    const responses: Any[] = [];
    const msgError = this.guard(() => {
      for (const [index, { handler, msg }] of tx.messages.entries()) {
        const ctx = new Context(block, mode, msgBranch, meter);
        const result = handler.execute(ctx, msg);
        if (isError(result)) return result;
        const typeUrl = handler.type.typeUrl;
        const messageEvent: Event = {
          type: "message",
          attributes: [
            { key: "action", value: typeUrl, index: true },
            { key: "sender", value: handler.signers(msg)[0] ?? "", index: true },
            { key: "module", value: moduleOfTypeUrl(typeUrl), index: true },
          ],
        };
        for (const event of withAttribute([messageEvent, ...ctx.events.events], "msg_index", String(index))) events.push(event);
        responses.push(result);
      }
      return undefined;
    });
    if (!msgError) msgBranch.writeTo(txBranch);
    txBranch.writeTo(state);
    if (msgError) return failure(msgError, gasWanted, meter.consumed, anteCtx.events.events);
    return success(gasWanted, meter.consumed, events, responses);
  }

  /** Runs state code, turning gas exhaustion and unexpected exceptions into error values. */
  private guard(action: () => AppError | undefined): AppError | undefined {
    try {
      return action();
    } catch (error) {
      if (error instanceof OutOfGasError) return ErrOutOfGas.wrap(error.message);
      this.options.onInternalError(error);
      return ErrInternal.wrap((error as Error)?.message ?? String(error));
    }
  }
}

/** `block` as a check sees it, noting whether the check read what the next block changes. */
function watchBlock(block: BlockInfo): { block: BlockInfo; changing(): boolean } {
  let read = false;
  return {
    block: {
      get height() {
        read = true;
        return block.height;
      },
      get time() {
        read = true;
        return block.time;
      },
      chainId: block.chainId,
      consensus: block.consensus,
    },
    changing: () => read,
  };
}

/** "bank" from "/cosmos.bank.v1beta1.MsgSend", as the Cosmos SDK names a message's module. */
function moduleOfTypeUrl(typeUrl: string): string {
  return typeUrl.replace(/^\//, "").split(".")[1] ?? "";
}

function success(gasWanted: number, gasUsed: number, events: Event[], msgResponses: Any[]): TxOutcome {
  const data = msgResponses.length > 0 ? encodeProto(TxMsgData, { data: [], msgResponses }) : new Uint8Array(0);
  return { code: 0, codespace: "", log: "", gasWanted, gasUsed, events, data, msgResponses };
}

function failure(error: AppError, gasWanted: number, gasUsed: number, events: Event[]): TxOutcome {
  return { code: error.code, codespace: error.codespace, log: error.log, gasWanted, gasUsed, events, data: new Uint8Array(0), msgResponses: [], error };
}
