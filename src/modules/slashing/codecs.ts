import { MsgUnjail } from "cosmjs-types/cosmos/slashing/v1beta1/tx";

/** The SDK's slashing messages, for CosmJS registries (its defaultRegistryTypes lack MsgUnjail). */
export const slashingMsgTypes = [MsgUnjail] as const;
