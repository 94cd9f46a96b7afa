import { MsgClaim, MsgClaimResponse, protobufPackage } from "../../generated/persistence/stakedrop/v1/tx.js";
import { withTypeUrl } from "../../types/module.js";

/** A generated stakedrop codec with its type URL, `/persistence.stakedrop.v1.<Name>`. */
export function stakedropCodec<T extends object>(codec: T, name: string): T & { readonly typeUrl: string } {
  return withTypeUrl(codec, protobufPackage, name);
}

export const MsgClaimCodec = stakedropCodec(MsgClaim, "MsgClaim");
export const MsgClaimResponseCodec = stakedropCodec(MsgClaimResponse, "MsgClaimResponse");

/** Every stakedrop message type, for a CosmJS `Registry` or a router. */
export const stakedropMsgTypes = [MsgClaimCodec] as const;
