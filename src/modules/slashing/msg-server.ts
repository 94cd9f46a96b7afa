import { MsgUnjail, MsgUnjailResponse } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import { encodeAddress } from "../../types/address.js";
import { isError, type AppError } from "../../types/errors.js";
import { msgHandler, type MsgHandler } from "../../types/module.js";
import { decodeOperatorAddress } from "./addresses.js";
import type { SlashingKeeper } from "./keeper.js";

/** MsgUnjail names the validator by its operator address; its account (the same bytes) signs. */
function operatorOf(msg: MsgUnjail): Uint8Array | AppError {
  return decodeOperatorAddress(msg.validatorAddr);
}

export function slashingMessages(keeper: SlashingKeeper): MsgHandler[] {
  return [
    msgHandler<MsgUnjail>({
      type: MsgUnjail,
      signers: (msg) => {
        const operator = operatorOf(msg);
        return isError(operator) ? [msg.validatorAddr] : [encodeAddress(operator)];
      },
      validate: (msg) => {
        const operator = operatorOf(msg);
        return isError(operator) ? operator : undefined;
      },
      execute: (ctx, msg) => {
        const operator = operatorOf(msg);
        if (isError(operator)) return operator;
        const refused = keeper.unjail(ctx, operator, msg.validatorAddr);
        return refused ?? { typeUrl: MsgUnjailResponse.typeUrl, value: MsgUnjailResponse.encode({}).finish() };
      },
    }),
  ];
}
