import type { ResponseQuery } from "cosmjs-types/tendermint/abci/types";

/** gRPC status codes, which the gateway reports in the `code` field of an error body. */
export const GrpcCode = {
  Canceled: 1,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  OutOfRange: 11,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  DataLoss: 15,
  Unauthenticated: 16,
} as const;
export type GrpcCode = (typeof GrpcCode)[keyof typeof GrpcCode];

/** grpc-gateway's HTTPStatusFromCode. */
const HTTP_STATUS: Record<GrpcCode, number> = {
  [GrpcCode.Canceled]: 408,
  [GrpcCode.Unknown]: 500,
  [GrpcCode.InvalidArgument]: 400,
  [GrpcCode.DeadlineExceeded]: 504,
  [GrpcCode.NotFound]: 404,
  [GrpcCode.AlreadyExists]: 409,
  [GrpcCode.PermissionDenied]: 403,
  [GrpcCode.ResourceExhausted]: 429,
  [GrpcCode.FailedPrecondition]: 400,
  [GrpcCode.Aborted]: 409,
  [GrpcCode.OutOfRange]: 400,
  [GrpcCode.Unimplemented]: 501,
  [GrpcCode.Internal]: 500,
  [GrpcCode.Unavailable]: 503,
  [GrpcCode.DataLoss]: 500,
  [GrpcCode.Unauthenticated]: 401,
};

/** A request that failed with a gRPC status; the server writes it as the gateway's error body. */
export class GatewayError extends Error {
  constructor(
    readonly code: GrpcCode,
    message: string,
  ) {
    super(message);
    this.name = "GatewayError";
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

/**
 * The error of a failed ABCI query. The app states the gRPC status in the log, as
 * `rpc error: code = NotFound desc = account … not found: key not found`; the gateway reports
 * that status and its description. A log without it falls back on the root-codespace code
 * that BaseApp gives each status (NotFound → key not found, InvalidArgument → invalid request).
 */
export function abciQueryError(response: Pick<ResponseQuery, "code" | "codespace" | "log">): GatewayError {
  const status = /^rpc error: code = (\w+) desc = ([\s\S]*)$/.exec(response.log);
  if (status !== null && Object.hasOwn(GrpcCode, status[1]!)) {
    return new GatewayError(GrpcCode[status[1] as keyof typeof GrpcCode], status[2]!);
  }
  return new GatewayError(rootCodespaceStatus(response.codespace, response.code), response.log);
}

function rootCodespaceStatus(codespace: string, code: number): GrpcCode {
  if (codespace !== "sdk") return GrpcCode.Unknown;
  switch (code) {
    case 2: // tx parse error
    case 7: // invalid address
    case 18: // invalid request
      return GrpcCode.InvalidArgument;
    case 4: // unauthorized
      return GrpcCode.Unauthenticated;
    case 22: // key not found
    case 38: // not found
      return GrpcCode.NotFound;
    default:
      return GrpcCode.Unknown;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
