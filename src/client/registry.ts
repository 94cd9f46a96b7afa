import { Registry, type GeneratedType } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";
import { assetsMsgTypes } from "../modules/assets/codecs.js";
import { identityMsgTypes } from "../modules/identity/codecs.js";
import { lendingMsgTypes } from "../modules/lending/codecs.js";
import { poolsMsgTypes } from "../modules/pools/codecs.js";
import { marketMsgTypes } from "../modules/market/codecs.js";
import { slashingMsgTypes } from "../modules/slashing/codecs.js";
import { stakedropMsgTypes } from "../modules/stakedrop/codecs.js";

/**
 * CosmJS registry entries for the messages the chain handles that CosmJS's default registry
 * lacks: Persistence's own, and the SDK's MsgUnjail. ts-proto 2 codecs are what CosmJS
 * calls a TsProto2GeneratedType; the cast only bridges the two copies of @bufbuild/protobuf's
 * BinaryWriter declarations (CosmJS resolves the CommonJS one, we the ESM one).
 */
export const persistenceRegistryTypes: readonly [string, GeneratedType][] = [...identityMsgTypes, ...assetsMsgTypes, ...marketMsgTypes, ...lendingMsgTypes, ...poolsMsgTypes, ...stakedropMsgTypes, ...slashingMsgTypes].map((codec) => [
  codec.typeUrl,
  codec as unknown as GeneratedType,
]);

/**
 * A registry for SigningStargateClient that knows the Cosmos SDK's messages and ours.
 *
 * @example
 * const client = await SigningStargateClient.connectWithSigner(rpc, wallet, { registry: persistenceRegistry() });
 */
export function persistenceRegistry(): Registry {
  return new Registry([...defaultRegistryTypes, ...persistenceRegistryTypes]);
}
