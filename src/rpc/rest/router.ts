import { GatewayError, GrpcCode } from "./errors.js";
import type { Route } from "./route.js";

type Segment =
  | { readonly literal: string }
  | { readonly variable: string; readonly rest: boolean };

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly Segment[];
}

export type RouteMatch =
  | { readonly kind: "found"; readonly route: Route; readonly pathParams: Record<string, string> }
  | { readonly kind: "method-not-allowed" }
  | { readonly kind: "not-found" };

/** Matches request paths against grpc-gateway path templates, in the order the routes are given. */
export class Router {
  private readonly routes: readonly CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes.map((route) => ({ route, segments: compile(route.path) }));
  }

  /** `pathname` is the raw, still percent-encoded path of the request. */
  match(method: string, pathname: string): RouteMatch {
    const parts = pathname.slice(1).split("/").map(decodeSegment);
    let pathMatched = false;
    for (const { route, segments } of this.routes) {
      const pathParams = matchSegments(segments, parts);
      if (pathParams === undefined) continue;
      if (route.method === method) return { kind: "found", route, pathParams };
      pathMatched = true;
    }
    return { kind: pathMatched ? "method-not-allowed" : "not-found" };
  }
}

function compile(template: string): Segment[] {
  return template
    .slice(1)
    .split("/")
    .map((part) => {
      const variable = /^\{(\w+)(=\*\*)?\}$/.exec(part);
      return variable === null ? { literal: part } : { variable: variable[1]!, rest: variable[2] !== undefined };
    });
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  const pathParams: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index];
    if (part === undefined) return undefined;
    if ("literal" in segment) {
      if (part !== segment.literal) return undefined;
    } else if (segment.rest) {
      const rest = parts.slice(index).join("/");
      if (rest === "") return undefined;
      pathParams[segment.variable] = rest;
      return pathParams;
    } else {
      if (part === "") return undefined;
      pathParams[segment.variable] = part;
    }
  }
  return parts.length === segments.length ? pathParams : undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    const message = `malformed percent-encoding in path segment ${JSON.stringify(segment)}`;
    throw new GatewayError(GrpcCode.InvalidArgument, message);
  }
}
