import type { Command } from "commander";
import { QueryParamsRequest, QueryParamsResponse, QuerySigningInfoRequest, QuerySigningInfoResponse, QuerySigningInfosRequest, QuerySigningInfosResponse } from "cosmjs-types/cosmos/slashing/v1beta1/query";
import type { ValidatorSigningInfo } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import { decodeConsensusAddress } from "../../modules/slashing/addresses.js";
import { DOUBLE_SIGN_JAIL_END, formatDuration, durationToNanos, timeToNanos } from "../../modules/slashing/time.js";
import { toGatewayJson } from "../../rpc/rest/json/gateway-json.js";
import { formatDecimal } from "../../types/decimal.js";
import { isError } from "../../types/errors.js";
import { defineAction, type NodeUrlOptions } from "../command-context.js";
import { queryCommand, withNode } from "../commands/query.js";
import { CliError } from "../errors.js";
import { grpcQuery } from "../grpc-query.js";
import { pageLines, pageRequest, withPageOptions, type PageOptions } from "../pagination.js";
import { formatTime } from "../../types/time.js";

const SERVICE = "/cosmos.slashing.v1beta1.Query";
const decimal = (bytes: Uint8Array) => formatDecimal(BigInt(new TextDecoder().decode(bytes) || "0"));

/** `persistence query slashing …`: params and validators' signing infos. */
export function registerSlashingQuery(query: Command): void {
  const slashing = query.command("slashing").description("slashing module queries: liveness windows, jail and tombstone records");

  defineAction<NodeUrlOptions>(queryCommand(slashing, "params", "the liveness window, jail duration and slash fractions"), (context) =>
    withNode(context, async (node) => {
      const answer = await grpcQuery(node, `${SERVICE}/Params`, QueryParamsRequest, {}, QueryParamsResponse);
      const { params } = answer;
      context.output.result(toGatewayJson(QueryParamsResponse, answer), [
        `signed blocks window:        ${params.signedBlocksWindow} blocks, at least ${decimal(params.minSignedPerWindow)} of them signed`,
        `downtime jail duration:      ${formatDuration(durationToNanos(params.downtimeJailDuration))}`,
        `slash fraction double sign:  ${decimal(params.slashFractionDoubleSign)}`,
        `slash fraction downtime:     ${decimal(params.slashFractionDowntime)}`,
      ]);
    }),
  );

  defineAction<NodeUrlOptions>(queryCommand(slashing, "signing-info <cons-address>", "a validator's signing info, by its persistencevalcons1 address"), (context, address) =>
    withNode(context, async (node) => {
      if (isError(decodeConsensusAddress(address!))) throw new CliError("invalid_address", `invalid consensus address "${address}": expected persistencevalcons1…`);
      const answer = await grpcQuery(node, `${SERVICE}/SigningInfo`, QuerySigningInfoRequest, { consAddress: address }, QuerySigningInfoResponse);
      context.output.result(toGatewayJson(QuerySigningInfoResponse, answer), describe(answer.valSigningInfo));
    }),
  );

  const list = withPageOptions(queryCommand(slashing, "signing-infos", "every validator's signing info, by consensus address"));
  defineAction<PageOptions>(list, (context) =>
    withNode(context, async (node) => {
      const answer = await grpcQuery(node, `${SERVICE}/SigningInfos`, QuerySigningInfosRequest, { pagination: pageRequest(context.options) }, QuerySigningInfosResponse);
      const total = answer.pagination && answer.pagination.total > 0n ? [`total: ${answer.pagination.total}`] : [];
      context.output.result(toGatewayJson(QuerySigningInfosResponse, answer), [
        ...(answer.info.length ? answer.info.flatMap(describe) : ["none"]),
        ...total,
        ...pageLines(answer.pagination),
      ]);
    }),
  );
}

function describe(info: ValidatorSigningInfo): string[] {
  const jailed = info.tombstoned
    ? "tombstoned for double signing: jailed forever"
    : timeToNanos(info.jailedUntil) > 0n && timeToNanos(info.jailedUntil) < timeToNanos(DOUBLE_SIGN_JAIL_END)
      ? `jailed for downtime until ${formatTime(info.jailedUntil)} (may unjail from then)`
      : "never jailed for downtime";
  return [`${info.address}:`, `  since height ${info.startHeight}, ${info.missedBlocksCounter} missed in the window (${info.indexOffset} blocks counted)`, `  ${jailed}`];
}
