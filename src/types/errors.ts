/**
 * Registered errors, as the Cosmos SDK's errors.Register: a codespace, a code that never changes
 * once released, and a description. Clients recognise failures by (codespace, code).
 */
/** The gRPC status a query failure maps to (clients such as CosmJS test for "code = NotFound"). */
export type GrpcStatus = "Unknown" | "InvalidArgument" | "NotFound" | "AlreadyExists" | "PermissionDenied" | "FailedPrecondition" | "Unimplemented";

export class ErrorCode {
  constructor(
    readonly codespace: string,
    readonly code: number,
    readonly description: string,
    readonly grpcStatus: GrpcStatus = "Unknown",
  ) {}

  /** An error of this kind with a message saying what happened. */
  wrap(message: string): AppError {
    return new AppError(this, message);
  }

  is(error: unknown): error is AppError {
    return error instanceof AppError && error.kind === this;
  }
}

const registry = new Map<string, ErrorCode>();

/**
 * Registers an error, with the gRPC status queries report it as (the Cosmos SDK's
 * RegisterWithGRPCCode). A duplicate (codespace, code) is a wiring bug, reported at start-up.
 */
export function registerError(codespace: string, code: number, description: string, grpcStatus: GrpcStatus = "Unknown"): ErrorCode {
  const id = `${codespace}/${code}`;
  if (registry.has(id)) throw new Error(`error ${id} is registered twice`);
  if (code < 2) throw new Error(`error codes start at 2 (1 means internal error), got ${id}`);
  const error = new ErrorCode(codespace, code, description, grpcStatus);
  registry.set(id, error);
  return error;
}

/** The registered error with this codespace and code, among the modules loaded in this process. */
export function registeredError(codespace: string, code: number): ErrorCode | undefined {
  return registry.get(`${codespace}/${code}`);
}

/**
 * An expected failure, returned as a value by handlers and keepers. Its log reads like the
 * Cosmos SDK's: "<message>: <description>".
 */
export class AppError {
  constructor(
    readonly kind: ErrorCode,
    readonly message: string,
  ) {}

  get code(): number {
    return this.kind.code;
  }

  get codespace(): string {
    return this.kind.codespace;
  }

  get log(): string {
    return this.message ? `${this.message}: ${this.kind.description}` : this.kind.description;
  }
}

export function isError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** The Cosmos SDK's root errors (codespace "sdk"), with their fixed codes. */
const SDK = "sdk";
export const ErrTxDecode = registerError(SDK, 2, "tx parse error", "InvalidArgument");
export const ErrInvalidSequence = registerError(SDK, 3, "invalid sequence");
export const ErrUnauthorized = registerError(SDK, 4, "unauthorized", "PermissionDenied");
export const ErrInsufficientFunds = registerError(SDK, 5, "insufficient funds");
export const ErrUnknownRequest = registerError(SDK, 6, "unknown request", "Unimplemented");
export const ErrInvalidAddress = registerError(SDK, 7, "invalid address", "InvalidArgument");
export const ErrInvalidPubKey = registerError(SDK, 8, "invalid pubkey", "InvalidArgument");
export const ErrUnknownAddress = registerError(SDK, 9, "unknown address", "NotFound");
export const ErrInvalidCoins = registerError(SDK, 10, "invalid coins", "InvalidArgument");
export const ErrOutOfGas = registerError(SDK, 11, "out of gas");
export const ErrMemoTooLarge = registerError(SDK, 12, "memo too large");
export const ErrInsufficientFee = registerError(SDK, 13, "insufficient fee");
export const ErrTooManySignatures = registerError(SDK, 14, "maximum number of signatures exceeded");
export const ErrNoSignatures = registerError(SDK, 15, "no signatures supplied");
export const ErrJSONMarshal = registerError(SDK, 16, "failed to marshal JSON bytes");
export const ErrJSONUnmarshal = registerError(SDK, 17, "failed to unmarshal JSON bytes");
export const ErrInvalidRequest = registerError(SDK, 18, "invalid request", "InvalidArgument");
export const ErrTxInMempoolCache = registerError(SDK, 19, "tx already in mempool");
export const ErrMempoolIsFull = registerError(SDK, 20, "mempool is full");
export const ErrTxTooLarge = registerError(SDK, 21, "tx too large");
export const ErrKeyNotFound = registerError(SDK, 22, "key not found", "NotFound");
export const ErrWrongPassword = registerError(SDK, 23, "invalid account password");
export const ErrInvalidSigner = registerError(SDK, 24, "tx intended signer does not match the given signer");
export const ErrInvalidGasAdjustment = registerError(SDK, 25, "invalid gas adjustment");
export const ErrInvalidHeight = registerError(SDK, 26, "invalid height", "InvalidArgument");
export const ErrInvalidVersion = registerError(SDK, 27, "invalid version");
export const ErrInvalidChainID = registerError(SDK, 28, "invalid chain-id", "InvalidArgument");
export const ErrInvalidType = registerError(SDK, 29, "invalid type", "InvalidArgument");
export const ErrTxTimeoutHeight = registerError(SDK, 30, "tx timeout height");
export const ErrUnknownExtensionOptions = registerError(SDK, 31, "unknown extension options");
export const ErrWrongSequence = registerError(SDK, 32, "incorrect account sequence");
export const ErrPackAny = registerError(SDK, 33, "failed packing protobuf message to Any");
export const ErrUnpackAny = registerError(SDK, 34, "failed unpacking protobuf message from Any");
export const ErrLogic = registerError(SDK, 35, "internal logic error");
export const ErrConflict = registerError(SDK, 36, "conflict", "AlreadyExists");
export const ErrNotSupported = registerError(SDK, 37, "feature not supported", "Unimplemented");
export const ErrNotFound = registerError(SDK, 38, "not found", "NotFound");
export const ErrIO = registerError(SDK, 39, "Internal IO error");
export const ErrAppConfig = registerError(SDK, 40, "error in app.toml");
export const ErrInvalidGasLimit = registerError(SDK, 41, "invalid gas limit", "InvalidArgument");

/** Code 1 in codespace "undefined": an unexpected failure, as the Cosmos SDK reports panics. */
export const ErrInternal = new ErrorCode("undefined", 1, "internal error");
