import * as tx from "../../generated/persistence/identity/v1/tx.js";
import { protobufPackage } from "../../generated/persistence/identity/v1/tx.js";

/**
 * ts-proto codecs carry no type URL; the App's message router and the REST JSON tables key
 * messages by it. This adds `/persistence.identity.v1.<Name>` to a generated codec.
 */
export function withTypeUrl<C extends object>(codec: C, name: string): C & { readonly typeUrl: string } {
  return { ...codec, typeUrl: `/${protobufPackage}.${name}` };
}

export const MsgAttest = withTypeUrl(tx.MsgAttest, "MsgAttest");
export const MsgAttestResponse = withTypeUrl(tx.MsgAttestResponse, "MsgAttestResponse");
export const MsgRevokeAttestation = withTypeUrl(tx.MsgRevokeAttestation, "MsgRevokeAttestation");
export const MsgRevokeAttestationResponse = withTypeUrl(tx.MsgRevokeAttestationResponse, "MsgRevokeAttestationResponse");
export const MsgRecordDisclosure = withTypeUrl(tx.MsgRecordDisclosure, "MsgRecordDisclosure");
export const MsgRecordDisclosureResponse = withTypeUrl(tx.MsgRecordDisclosureResponse, "MsgRecordDisclosureResponse");
export const MsgFreeze = withTypeUrl(tx.MsgFreeze, "MsgFreeze");
export const MsgFreezeResponse = withTypeUrl(tx.MsgFreezeResponse, "MsgFreezeResponse");
export const MsgUnfreeze = withTypeUrl(tx.MsgUnfreeze, "MsgUnfreeze");
export const MsgUnfreezeResponse = withTypeUrl(tx.MsgUnfreezeResponse, "MsgUnfreezeResponse");
export const MsgAddToDenyList = withTypeUrl(tx.MsgAddToDenyList, "MsgAddToDenyList");
export const MsgAddToDenyListResponse = withTypeUrl(tx.MsgAddToDenyListResponse, "MsgAddToDenyListResponse");
export const MsgRemoveFromDenyList = withTypeUrl(tx.MsgRemoveFromDenyList, "MsgRemoveFromDenyList");
export const MsgRemoveFromDenyListResponse = withTypeUrl(tx.MsgRemoveFromDenyListResponse, "MsgRemoveFromDenyListResponse");


/** Every identity message type, for a CosmJS `Registry` or a router. */
export const IDENTITY_MSG_TYPES = [MsgAttest, MsgRevokeAttestation, MsgRecordDisclosure, MsgFreeze, MsgUnfreeze, MsgAddToDenyList, MsgRemoveFromDenyList] as const;
