import type { Command } from "commander";
import * as q from "../../generated/persistence/assets/v1/query.js";
import * as codecs from "../../modules/assets/codecs.js";
import { statusName } from "../../modules/assets/status.js";
import { toGatewayJson } from "../../rpc/rest/json/gateway-json.js";
import type { MessageCodec } from "../../rpc/rest/json/schema.js";
import { defineAction, type ActionContext, type NodeUrlOptions } from "../command-context.js";
import { queryCommand, withNode } from "../commands/query.js";
import { grpcQuery, type RequestCodec } from "../grpc-query.js";
import type { NodeClient } from "../node-client.js";
import { pageLines, pageRequest, withPageOptions, type PageOptions } from "../pagination.js";
import { describeAsset, describeClass, documentHash } from "./assets-values.js";



interface NftsOptions extends PageOptions {
  classId?: string;
  owner?: string;
}

/** Runs one assets query on the node; a refusal becomes a CliError named after the chain's error. */
export function askAssets<Req, Res>(node: NodeClient, method: string, request: RequestCodec<Req>, fields: object, response: MessageCodec<Res>): Promise<Res> {
  return grpcQuery(node, codecs.queryPath(method), request, fields, response);
}

/** Defines a query command that asks one method and prints its answer: the REST API's JSON with --output json, `text` otherwise. */
function define<O extends NodeUrlOptions, Req, Res>(
  command: Command,
  method: string,
  request: RequestCodec<Req>,
  response: MessageCodec<Res>,
  fields: (options: O, args: string[]) => object,
  text: (answer: Res, args: string[]) => string[],
): void {
  defineAction<O>(command, (context: ActionContext<O>, ...args) =>
    withNode(context, async (node) => {
      const answer = await askAssets(node, method, request, fields(context.options, args), response);
      context.output.result(toGatewayJson(response, answer), text(answer, args));
    }),
  );
}

/** `persistence query assets …`: classes, assets, owners, counts, fractions, documents. */
export function registerAssetsQuery(query: Command): void {
  const assets = query.command("assets").description("assets module queries");

  define(queryCommand(assets, "params", "the module's parameters"), "Params", q.QueryParamsRequest, codecs.QueryParamsResponse, () => ({}), (a) => [
    `max fraction units: ${a.params?.maxFractionUnits ?? 0n}`,
  ]);
  define(queryCommand(assets, "class <class-id>", "a class: its property schema and who may issue and hold its assets"), "Class", q.QueryClassRequest, codecs.QueryClassResponse, (_o, [classId]) => ({ classId }), (a) =>
    describeClass(a.class!),
  );
  define<PageOptions, q.QueryClassesRequest, q.QueryClassesResponse>(
    withPageOptions(queryCommand(assets, "classes", "every class, by id")),
    "Classes",
    q.QueryClassesRequest,
    codecs.QueryClassesResponse,
    (options) => ({ pagination: pageRequest(options) }),
    (a) => [...a.classes.map((c) => `${c.id}  ${c.name} (${c.properties.length} properties)`), ...pageLines(a.pagination)],
  );
  define(queryCommand(assets, "nft <class-id> <id>", "an asset: owner, maintainer, status, document and properties"), "NFT", q.QueryNFTRequest, codecs.QueryNFTResponse, (_o, [classId, id]) => ({ classId, id }), (a) =>
    describeAsset(a.nft!),
  );
  define<NftsOptions, q.QueryNFTsRequest, q.QueryNFTsResponse>(
    withPageOptions(queryCommand(assets, "nfts", "assets of a class and/or an owner (all when neither is given)"))
      .option("--class-id <id>", "only assets of this class")
      .option("--owner <address>", "only assets this account holds"),
    "NFTs",
    q.QueryNFTsRequest,
    codecs.QueryNFTsResponse,
    (options) => ({ classId: options.classId ?? "", owner: options.owner ?? "", pagination: pageRequest(options) }),
    (a) => [...(a.nfts.length ? a.nfts.map((n) => `${n.classId}/${n.id}  ${statusName(n.status)}  owner ${n.owner}`) : ["none"]), ...pageLines(a.pagination)],
  );
  define(queryCommand(assets, "owner <class-id> <id>", "who holds an asset"), "Owner", q.QueryOwnerRequest, codecs.QueryOwnerResponse, (_o, [classId, id]) => ({ classId, id }), (a) => [a.owner]);
  define(queryCommand(assets, "supply <class-id>", "how many assets of a class exist"), "Supply", q.QuerySupplyRequest, codecs.QuerySupplyResponse, (_o, [classId]) => ({ classId }), (a, [classId]) => [
    `${a.amount} ${classId} assets`,
  ]);
  define(queryCommand(assets, "balance <owner> <class-id>", "how many assets of a class an account holds"), "Balance", q.QueryBalanceRequest, codecs.QueryBalanceResponse, (_o, [owner, classId]) => ({ owner, classId }), (a, [owner, classId]) => [
    `${owner} holds ${a.amount} ${classId} assets`,
  ]);
  define(queryCommand(assets, "fraction <denom>", "the asset behind a fraction denom and how many units it was split into"), "Fraction", q.QueryFractionRequest, codecs.QueryFractionResponse, (_o, [denom]) => ({ denom }), (a) => [
    `${a.fraction!.denom}: ${a.fraction!.units} units of ${a.fraction!.classId}/${a.fraction!.id}`,
    ...(a.nft ? describeAsset(a.nft).map((line) => `  ${line}`) : []),
  ]);
  define<NodeUrlOptions & { documentHash?: string; documentFile?: string }, q.QueryNftByDocumentRequest, q.QueryNftByDocumentResponse>(
    queryCommand(assets, "by-document", "the asset that tokenized a document, burned or not")
      .option("--document-hash <hex>", "the document's fingerprint, 64 hex digits")
      .option("--document-file <path>", "the document itself: its SHA-256 is computed here"),
    "NftByDocument",
    q.QueryNftByDocumentRequest,
    codecs.QueryNftByDocumentResponse,
    (options) => ({ documentHash: documentHash(options) }),
    (a) => (a.nft ? describeAsset(a.nft) : [`${a.classId}/${a.id} (burned)`]),
  );
}
