import { decodeCosmosSdkDecFromProto } from "@cosmjs/stargate";
import { QueryParamsRequest, QueryParamsResponse, QuerySigningInfoRequest, QuerySigningInfoResponse, QuerySigningInfosRequest, QuerySigningInfosResponse } from "cosmjs-types/cosmos/slashing/v1beta1/query";
import { describe, expect, it } from "vitest";
import { encodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { encodeConsensusAddress } from "./addresses.js";
import { SlashingChain, vote } from "./test-fixture.js";

interface Codec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
  fromPartial(object: object): T;
}

describe("cosmos.slashing.v1beta1.Query", () => {
  const chain = new SlashingChain({ params: { signed_blocks_window: "50", min_signed_per_window: "0.25" } });
  const validators = [3, 1, 2].map((seed) => chain.bond(seed));
  chain.block({ votes: validators.map((v, i) => vote(v, i !== 1)) });

  function ask<Req, Res>(method: string, request: Codec<Req>, fields: object, response: Codec<Res>) {
    const route = chain.module.queries.find((q) => q.path === `/cosmos.slashing.v1beta1.Query/${method}`)!;
    const result = route.run(chain.context(), request.encode(request.fromPartial(fields)).finish());
    return isError(result) ? result : response.decode(result);
  }

  it("Params: LegacyDec fields as the 18-decimal integer's digits, which CosmJS reads back", () => {
    const { params } = ask("Params", QueryParamsRequest, {}, QueryParamsResponse) as QueryParamsResponse;
    expect(params.signedBlocksWindow).toBe(50n);
    expect(new TextDecoder().decode(params.minSignedPerWindow)).toBe("250000000000000000");
    expect(decodeCosmosSdkDecFromProto(params.minSignedPerWindow).toString()).toBe("0.25");
    expect(decodeCosmosSdkDecFromProto(params.slashFractionDoubleSign).toString()).toBe("0.05");
    expect(params.downtimeJailDuration).toEqual({ seconds: 600n, nanos: 0 });
  });

  it("SigningInfo: one validator's by persistencevalcons address; unknown, empty and malformed addresses refused", () => {
    const missed = validators[1]!;
    const address = encodeConsensusAddress(missed.consensusAddress);
    const answer = ask("SigningInfo", QuerySigningInfoRequest, { consAddress: address }, QuerySigningInfoResponse) as QuerySigningInfoResponse;
    expect(answer.valSigningInfo).toMatchObject({ address, startHeight: 1n, indexOffset: 1n, missedBlocksCounter: 1n, tombstoned: false });
    const unknown = encodeConsensusAddress(new Uint8Array(20).fill(7));
    expect(ask("SigningInfo", QuerySigningInfoRequest, { consAddress: unknown }, QuerySigningInfoResponse)).toMatchObject({ codespace: "slashing", code: 8, log: `${unknown}: no validator signing info found` });
    expect(ask("SigningInfo", QuerySigningInfoRequest, { consAddress: "" }, QuerySigningInfoResponse)).toMatchObject({ codespace: "sdk", code: 18 });
    expect(ask("SigningInfo", QuerySigningInfoRequest, { consAddress: encodeAddress(missed.consensusAddress) }, QuerySigningInfoResponse)).toMatchObject({ codespace: "sdk", code: 7 });
  });

  it("SigningInfos: pages in consensus-address order", () => {
    const first = ask("SigningInfos", QuerySigningInfosRequest, { pagination: { limit: 2n, countTotal: true } }, QuerySigningInfosResponse) as QuerySigningInfosResponse;
    expect(first.info.map((i) => i.address)).toEqual([1, 2].map((seed) => encodeConsensusAddress(new Uint8Array(20).fill(0x80 + seed))));
    expect(first.pagination!.total).toBe(3n);
    const rest = ask("SigningInfos", QuerySigningInfosRequest, { pagination: { key: first.pagination!.nextKey } }, QuerySigningInfosResponse) as QuerySigningInfosResponse;
    expect(rest.info.map((i) => i.address)).toEqual([encodeConsensusAddress(validators[0]!.consensusAddress)]);
    expect(rest.pagination!.nextKey).toEqual(new Uint8Array(0));
  });
});
