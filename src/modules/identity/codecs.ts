import * as tx from "../../generated/persistence/identity/v1/tx.js";
import { protobufPackage } from "../../generated/persistence/identity/v1/tx.js";
import { withTypeUrl } from "../../types/module.js";

/** A generated identity codec with its type URL, `/persistence.identity.v1.<Name>`. */
export function identityCodec<C extends object>(codec: C, name: string): C & { readonly typeUrl: string } {
  return withTypeUrl(codec, protobufPackage, name);
}

export const MsgAttest = identityCodec(tx.MsgAttest, "MsgAttest");
export const MsgAttestResponse = identityCodec(tx.MsgAttestResponse, "MsgAttestResponse");
export const MsgRevokeAttestation = identityCodec(tx.MsgRevokeAttestation, "MsgRevokeAttestation");
export const MsgRevokeAttestationResponse = identityCodec(tx.MsgRevokeAttestationResponse, "MsgRevokeAttestationResponse");
export const MsgRecordDisclosure = identityCodec(tx.MsgRecordDisclosure, "MsgRecordDisclosure");
export const MsgRecordDisclosureResponse = identityCodec(tx.MsgRecordDisclosureResponse, "MsgRecordDisclosureResponse");
export const MsgFreeze = identityCodec(tx.MsgFreeze, "MsgFreeze");
export const MsgFreezeResponse = identityCodec(tx.MsgFreezeResponse, "MsgFreezeResponse");
export const MsgUnfreeze = identityCodec(tx.MsgUnfreeze, "MsgUnfreeze");
export const MsgUnfreezeResponse = identityCodec(tx.MsgUnfreezeResponse, "MsgUnfreezeResponse");
export const MsgAddToDenyList = identityCodec(tx.MsgAddToDenyList, "MsgAddToDenyList");
export const MsgAddToDenyListResponse = identityCodec(tx.MsgAddToDenyListResponse, "MsgAddToDenyListResponse");
export const MsgRemoveFromDenyList = identityCodec(tx.MsgRemoveFromDenyList, "MsgRemoveFromDenyList");
export const MsgRemoveFromDenyListResponse = identityCodec(tx.MsgRemoveFromDenyListResponse, "MsgRemoveFromDenyListResponse");

/** Every identity message type, for a CosmJS `Registry` or a router. */
export const identityMsgTypes = [MsgAttest, MsgRevokeAttestation, MsgRecordDisclosure, MsgFreeze, MsgUnfreeze, MsgAddToDenyList, MsgRemoveFromDenyList] as const;
