import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import type { Context, StoreKey } from "./context.js";
import { isError, type AppError } from "./errors.js";

/** A protobuf codec, as cosmjs-types and our ts-proto output generate them. */
export interface ProtoCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
}

export interface MsgCodec<T> extends ProtoCodec<T> {
  readonly typeUrl: string;
}

/**
 * A ts-proto codec with its type URL (`/<package>.<Message>`), as cosmjs-types' codecs carry
 * one: what message routing, CosmJS registries and the REST JSON converter key messages by.
 */
export function withTypeUrl<C extends object>(codec: C, packageName: string, name: string): C & { readonly typeUrl: string } {
  return { ...codec, typeUrl: `/${packageName}.${name}` };
}

/** How a module handles one transaction message type. */
export interface MsgHandler<T = unknown> {
  readonly type: MsgCodec<T>;
  /** The bech32 addresses that must sign a tx carrying this message, in order. */
  signers(msg: T): string[];
  /** Stateless checks, run before any fee is charged. */
  validate(msg: T): AppError | undefined;
  /**
   * Executes the message; returns the encoded response message. `msg` may be shared with later
   * executions of the same tx bytes (decoded txs are cached), so it must not be modified.
   */
  execute(ctx: Context, msg: T): { typeUrl: string; value: Uint8Array } | AppError;
}

/** Declares a message handler, keeping its message type checked. */
export function msgHandler<T>(handler: MsgHandler<T>): MsgHandler {
  return handler as unknown as MsgHandler;
}

/** A gRPC query method served over ABCI query, e.g. "/cosmos.bank.v1beta1.Query/Balance". */
export interface QueryRoute {
  readonly path: string;
  run(ctx: Context, request: Uint8Array): Uint8Array | AppError;
}

export function queryRoute<Req, Res>(
  path: string,
  request: ProtoCodec<Req>,
  response: ProtoCodec<Res>,
  handle: (ctx: Context, request: Req) => Res | AppError,
): QueryRoute {
  return {
    path,
    run(ctx, bytes) {
      const result = handle(ctx, request.decode(bytes));
      return isError(result) ? result : response.encode(result).finish();
    },
  };
}

/**
 * A module's governance-changeable parameters and registries, addressed by the Cosmos SDK's
 * ParameterChangeProposal as subspace (the module name) / key, with JSON values in the form the
 * module's genesis uses.
 */
export interface ModuleParams {
  /** The current value of every key, as genesis JSON (snake_case keys). */
  get(ctx: Context): Record<string, unknown>;
  /** Replaces one key's value after validating it as genesis would; an error changes nothing. */
  set(ctx: Context, key: string, value: unknown): AppError | undefined;
}

/**
 * A module: its stores, messages, queries, genesis and block hooks, declared in one place and
 * added to the App with one line.
 */
export interface AppModule {
  readonly name: string;
  readonly storeKeys: readonly StoreKey[];
  readonly messages: readonly MsgHandler[];
  readonly queries: readonly QueryRoute[];
  /** The module's genesis state as JSON (the Cosmos SDK's snake_case form). */
  defaultGenesis(): unknown;
  initGenesis(ctx: Context, genesis: unknown): AppError | undefined;
  exportGenesis(ctx: Context): unknown;
  /** What governance may change in this module, if anything. */
  readonly params?: ModuleParams;
  beginBlock?(ctx: Context): void;
  /** The consensus validator set the chain starts with, read after every module's genesis (staking's job). */
  genesisValidators?(ctx: Context): readonly ValidatorUpdate[];
  /** Returns the changes to the consensus validator set that this block makes (staking's job). */
  endBlock?(ctx: Context): readonly ValidatorUpdate[] | void;
}
