import { SimulateRequest, SimulateResponse } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { Tx } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { RequestQuery, ResponseQuery } from "cosmjs-types/tendermint/abci/types";
import { concatBytes, utf8 } from "../store/bytes.js";
import { CacheKV } from "../store/cache-kv.js";
import { GasMeter, OutOfGasError } from "../store/gas.js";
import type { KVReader } from "../store/kv.js";
import type { CommitMultiStore } from "../store/multistore.js";
import { storePrefix } from "../store/multistore.js";
import { Context, type BlockInfo } from "../types/context.js";
import { ErrInvalidHeight, ErrInvalidRequest, ErrOutOfGas, ErrTxDecode, ErrUnknownRequest, isError, type AppError } from "../types/errors.js";
import type { QueryRoute } from "../types/module.js";
import type { TxOutcome } from "./tx-runner.js";
import { encodeProto } from "../types/proto.js";

export const SIMULATE_PATH = "/cosmos.tx.v1beta1.Service/Simulate";
/** Bounds the work of one query. */
const QUERY_GAS_LIMIT = 100_000_000;

export interface QueryRouterOptions {
  routes: readonly QueryRoute[];
  stores: CommitMultiStore;
  chainId: string;
  /** Runs a tx in simulation over the pending (CheckTx) state. */
  simulate(txBytes: Uint8Array): TxOutcome;
}

/** Serves ABCI queries: gRPC query methods, raw store reads with ICS-23 proofs, and simulation. */
export class QueryRouter {
  private readonly routes = new Map<string, QueryRoute>();

  constructor(private readonly options: QueryRouterOptions) {
    for (const route of options.routes) {
      if (this.routes.has(route.path)) throw new Error(`query path ${route.path} is registered twice`);
      this.routes.set(route.path, route);
    }
  }

  query(request: RequestQuery): ResponseQuery {
    const latest = this.options.stores.lastVersion;
    const height = request.height === 0n ? latest : Number(request.height);
    const answer = this.answer(request, height, latest);
    if (isError(answer)) {
      const log = request.path.startsWith("/store/") ? answer.log : `rpc error: code = ${answer.kind.grpcStatus} desc = ${answer.log}`;
      return response({ code: answer.code, codespace: answer.codespace, log, height: BigInt(height) });
    }
    return response({ ...answer, height: BigInt(height) });
  }

  private answer(request: RequestQuery, height: number, latest: number): Partial<ResponseQuery> | AppError {
    if (height > latest) return ErrInvalidHeight.wrap(`cannot query with height in the future; please provide a valid height`);
    if (request.path === SIMULATE_PATH) return this.simulate(request.data);
    if (request.path === "/app/version") return { value: utf8("persistence") };
    if (request.path.startsWith("/store/")) return this.storeQuery(request, height);
    const route = this.routes.get(request.path);
    if (!route) return ErrUnknownRequest.wrap(`unknown query path ${request.path}`);
    const state = this.stateAt(height);
    if (isError(state)) return state;
    // State at a height is read as of that block's time, which expiries depend on.
    const time = (height > 0 ? this.options.stores.blockTimeAt(height) : undefined) ?? { seconds: 0n, nanos: 0 };
    const block: BlockInfo = { height: BigInt(height), time, chainId: this.options.chainId };
    const ctx = new Context(block, "query", new CacheKV(state), new GasMeter(QUERY_GAS_LIMIT));
    try {
      const value = route.run(ctx, request.data);
      return isError(value) ? value : { value };
    } catch (error) {
      if (error instanceof OutOfGasError) return ErrOutOfGas.wrap(`query exceeded its gas limit of ${QUERY_GAS_LIMIT}`);
      return ErrInvalidRequest.wrap(`malformed query: ${(error as Error).message}`);
    }
  }

  /** "/store/<name>/key": a raw read of one store key, with a proof when asked. */
  private storeQuery(request: RequestQuery, height: number): Partial<ResponseQuery> | AppError {
    const match = /^\/store\/([^/]+)\/key$/.exec(request.path);
    if (!match) return ErrUnknownRequest.wrap(`unknown store query ${request.path}; use /store/<name>/key`);
    const name = match[1]!;
    try {
      if (request.prove) {
        const { value, proofOps } = this.options.stores.proveAt(height, name, request.data);
        return { key: request.data, value: value ?? new Uint8Array(0), proofOps };
      }
      const state = this.stateAt(height);
      if (isError(state)) return state;
      return { key: request.data, value: state.get(concatBytes(storePrefix(name), request.data)) ?? new Uint8Array(0) };
    } catch (error) {
      return ErrInvalidRequest.wrap((error as Error).message);
    }
  }

  private stateAt(height: number): KVReader | AppError {
    try {
      return this.options.stores.stateAt(height);
    } catch (error) {
      return ErrInvalidHeight.wrap((error as Error).message);
    }
  }

  private simulate(data: Uint8Array): Partial<ResponseQuery> | AppError {
    let request: SimulateRequest;
    try {
      request = SimulateRequest.decode(data);
    } catch (error) {
      return ErrTxDecode.wrap(`invalid simulate request: ${(error as Error).message}`);
    }
    const txBytes = request.txBytes.length > 0 ? request.txBytes : request.tx ? encodeProto(Tx, request.tx) : undefined;
    if (!txBytes) return ErrInvalidRequest.wrap("empty tx bytes");
    const outcome = this.options.simulate(txBytes);
    if (outcome.error) return outcome.error;
    const value = encodeProto(SimulateResponse, {
      gasInfo: { gasWanted: BigInt(outcome.gasWanted), gasUsed: BigInt(outcome.gasUsed) },
      result: { data: outcome.data, log: outcome.log, events: outcome.events, msgResponses: outcome.msgResponses },
    });
    return { value };
  }
}

function response(fields: Partial<ResponseQuery>): ResponseQuery {
  return { code: 0, log: "", info: "", index: 0n, key: new Uint8Array(0), value: new Uint8Array(0), height: 0n, codespace: "", ...fields };
}
