import * as q from "../../../generated/persistence/assets/v1/query.js";
import * as codecs from "../../../modules/assets/codecs.js";
import { pageRequest, parseBase64, queryValue } from "../request-values.js";
import type { Route } from "../route.js";
import { grpcQueryRoute } from "./grpc-query.js";

const BASE = "/persistence/assets/v1";
const ids = ({ pathParams }: { pathParams: Readonly<Record<string, string>> }) => ({ classId: pathParams.class_id, id: pathParams.id });

/** persistence.assets.v1.Query over REST, laid out as the Cosmos SDK's x/nft routes. */
export const assetsRoutes: readonly Route[] = [
  grpcQueryRoute({ path: `${BASE}/params`, grpcMethod: codecs.queryPath("Params"), request: q.QueryParamsRequest, response: codecs.QueryParamsResponse }),
  grpcQueryRoute({
    path: `${BASE}/classes`,
    grpcMethod: codecs.queryPath("Classes"),
    request: q.QueryClassesRequest,
    response: codecs.QueryClassesResponse,
    fields: ({ query }) => ({ pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({
    path: `${BASE}/classes/{class_id}`,
    grpcMethod: codecs.queryPath("Class"),
    request: q.QueryClassRequest,
    response: codecs.QueryClassResponse,
    fields: ({ pathParams }) => ({ classId: pathParams.class_id }),
  }),
  grpcQueryRoute({
    path: `${BASE}/nfts`,
    grpcMethod: codecs.queryPath("NFTs"),
    request: q.QueryNFTsRequest,
    response: codecs.QueryNFTsResponse,
    fields: ({ query }) => ({ classId: queryValue(query, "class_id") ?? "", owner: queryValue(query, "owner") ?? "", pagination: pageRequest(query) }),
  }),
  grpcQueryRoute({ path: `${BASE}/nfts/{class_id}/{id}`, grpcMethod: codecs.queryPath("NFT"), request: q.QueryNFTRequest, response: codecs.QueryNFTResponse, fields: ids }),
  grpcQueryRoute({ path: `${BASE}/owner/{class_id}/{id}`, grpcMethod: codecs.queryPath("Owner"), request: q.QueryOwnerRequest, response: codecs.QueryOwnerResponse, fields: ids }),
  grpcQueryRoute({
    path: `${BASE}/supply/{class_id}`,
    grpcMethod: codecs.queryPath("Supply"),
    request: q.QuerySupplyRequest,
    response: codecs.QuerySupplyResponse,
    fields: ({ pathParams }) => ({ classId: pathParams.class_id }),
  }),
  grpcQueryRoute({
    path: `${BASE}/balance/{owner}/{class_id}`,
    grpcMethod: codecs.queryPath("Balance"),
    request: q.QueryBalanceRequest,
    response: codecs.QueryBalanceResponse,
    fields: ({ pathParams }) => ({ owner: pathParams.owner, classId: pathParams.class_id }),
  }),
  grpcQueryRoute({
    // `**`: fraction denoms contain slashes (asset/<class>/<id>).
    path: `${BASE}/fractions/{denom=**}`,
    grpcMethod: codecs.queryPath("Fraction"),
    request: q.QueryFractionRequest,
    response: codecs.QueryFractionResponse,
    fields: ({ pathParams }) => ({ denom: pathParams.denom }),
  }),
  grpcQueryRoute({
    path: `${BASE}/nft_by_document/{document_hash}`,
    grpcMethod: codecs.queryPath("NftByDocument"),
    request: q.QueryNftByDocumentRequest,
    response: codecs.QueryNftByDocumentResponse,
    fields: ({ pathParams }) => ({ documentHash: parseBase64(pathParams.document_hash!, "document_hash") }),
  }),
];
