import {
  ResponseApplySnapshotChunk_Result,
  ResponseOfferSnapshot_Result,
  ResponseVerifyVoteExtension_VerifyStatus,
  type Request,
  type Response,
} from "cosmjs-types/tendermint/abci/types";
import type { AbciApplication } from "../app/abci.js";

/** The name of an ABCI method, as the field of `Request` that carries it ("checkTx", "flush", …). */
export type AbciMethod = keyof Request;

/** A request with its method: the one field of the `Request` oneof that is set. */
export type AbciCall = { [M in AbciMethod]: { method: M; request: NonNullable<Request[M]> } }[AbciMethod];

type Handlers = { [M in AbciMethod]: (app: AbciApplication, request: NonNullable<Request[M]>) => Response | Promise<Response> };

/**
 * The ABCI methods the App does not implement yet, answered here so CometBFT can run:
 * vote extensions are empty and always accepted, and state sync is off (no snapshots are
 * offered, and any snapshot a peer offers is rejected).
 */
const notBuiltYet = {
  extendVote: () => ({ extendVote: { voteExtension: new Uint8Array() } }),
  verifyVoteExtension: () => ({ verifyVoteExtension: { status: ResponseVerifyVoteExtension_VerifyStatus.ACCEPT } }),
  listSnapshots: () => ({ listSnapshots: { snapshots: [] } }),
  offerSnapshot: () => ({ offerSnapshot: { result: ResponseOfferSnapshot_Result.REJECT } }),
  loadSnapshotChunk: () => ({ loadSnapshotChunk: { chunk: new Uint8Array() } }),
  applySnapshotChunk: () => ({ applySnapshotChunk: { result: ResponseApplySnapshotChunk_Result.ABORT, refetchChunks: [], rejectSenders: [] } }),
} satisfies Partial<Handlers>;

const handlers: Handlers = {
  echo: (_, request) => ({ echo: { message: request.message } }),
  flush: () => ({ flush: {} }),
  info: async (app, request) => ({ info: await app.info(request) }),
  initChain: async (app, request) => ({ initChain: await app.initChain(request) }),
  query: async (app, request) => ({ query: await app.query(request) }),
  checkTx: async (app, request) => ({ checkTx: await app.checkTx(request) }),
  prepareProposal: async (app, request) => ({ prepareProposal: await app.prepareProposal(request) }),
  processProposal: async (app, request) => ({ processProposal: await app.processProposal(request) }),
  finalizeBlock: async (app, request) => ({ finalizeBlock: await app.finalizeBlock(request) }),
  commit: async (app) => ({ commit: await app.commit() }),
  ...notBuiltYet,
};

const methods = Object.keys(handlers) as AbciMethod[];

/** The call a decoded `Request` carries, or undefined unless exactly one method is set. */
export function abciCall(request: Request): AbciCall | undefined {
  const set = methods.filter((method) => request[method] !== undefined);
  if (set.length !== 1) return undefined;
  const method = set[0]!;
  return { method, request: request[method] } as AbciCall;
}

/** Answers one call through the app; rejects when the app throws. */
export async function dispatch(app: AbciApplication, call: AbciCall): Promise<Response> {
  return answer(app, call.method, call.request);
}

function answer<M extends AbciMethod>(app: AbciApplication, method: M, request: NonNullable<Request[M]>): Response | Promise<Response> {
  return handlers[method](app, request);
}
