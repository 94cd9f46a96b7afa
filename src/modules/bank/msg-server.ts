import { MsgMultiSend, MsgMultiSendResponse, MsgSend, MsgSendResponse } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { addCoins, coinsEqual, formatCoins, parseCoins, type Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import { ErrInvalidCoins, ErrUnauthorized, isError, type AppError } from "../../types/errors.js";
import { msgHandler, type MsgHandler } from "../../types/module.js";
import { ErrInputOutputMismatch, ErrMultipleSenders, ErrNoInputs, ErrNoOutputs, ErrSendDisabled } from "./errors.js";
import type { BankKeeper } from "./keeper.js";
import { encodeProto } from "../../types/proto.js";

/** Coins a message moves: valid, positive, sorted, and not empty. */
function positiveCoins(coins: MsgSend["amount"]): Coin[] | AppError {
  const parsed = parseCoins(coins);
  if (isError(parsed)) return parsed;
  if (parsed.length === 0) return ErrInvalidCoins.wrap("no coins to send");
  return parsed;
}

function checkAddress(address: string, role: string): AppError | undefined {
  const decoded = decodeAddress(address);
  return isError(decoded) ? decoded.kind.wrap(`invalid ${role} address: ${decoded.message}`) : undefined;
}

function checkSendable(keeper: BankKeeper, ctx: Context, coins: readonly Coin[], recipients: readonly Uint8Array[]): AppError | undefined {
  for (const coin of coins) {
    if (!keeper.isSendEnabled(ctx, coin.denom)) return ErrSendDisabled.wrap(`${coin.denom} transfers are currently disabled`);
  }
  for (const to of recipients) {
    if (keeper.isBlockedRecipient(to)) return ErrUnauthorized.wrap(`${encodeAddress(to)} is not allowed to receive funds`);
  }
  return undefined;
}

export function bankMessages(keeper: BankKeeper): MsgHandler[] {
  return [
    msgHandler<MsgSend>({
      type: MsgSend,
      signers: (msg) => [msg.fromAddress],
      validate: (msg) => {
        const coins = positiveCoins(msg.amount);
        return checkAddress(msg.fromAddress, "from") ?? checkAddress(msg.toAddress, "to") ?? (isError(coins) ? coins : undefined);
      },
      execute: (ctx, msg) => {
        const from = decodeAddress(msg.fromAddress) as Uint8Array;
        const to = decodeAddress(msg.toAddress) as Uint8Array;
        const coins = positiveCoins(msg.amount) as Coin[];
        const error = checkSendable(keeper, ctx, coins, [to]) ?? keeper.sendCoins(ctx, from, to, coins);
        return error ?? { typeUrl: MsgSendResponse.typeUrl, value: encodeProto(MsgSendResponse, {}) };
      },
    }),
    msgHandler<MsgMultiSend>({
      type: MsgMultiSend,
      signers: (msg) => (msg.inputs[0] ? [msg.inputs[0].address] : []),
      validate: (msg) => {
        if (msg.inputs.length === 0) return ErrNoInputs.wrap("");
        if (msg.inputs.length !== 1) return ErrMultipleSenders.wrap("");
        if (msg.outputs.length === 0) return ErrNoOutputs.wrap("");
        const input = msg.inputs[0]!;
        const inputCoins = positiveCoins(input.coins);
        const inputError = checkAddress(input.address, "input") ?? (isError(inputCoins) ? inputCoins : undefined);
        if (inputError) return inputError;
        const outputs: Coin[][] = [];
        for (const output of msg.outputs) {
          const coins = positiveCoins(output.coins);
          const error = checkAddress(output.address, "output") ?? (isError(coins) ? coins : undefined);
          if (error) return error;
          outputs.push(coins as Coin[]);
        }
        const total = addCoins(...outputs);
        if (!coinsEqual(total, inputCoins as Coin[])) {
          return ErrInputOutputMismatch.wrap(`inputs ${formatCoins(inputCoins as Coin[])} != outputs ${formatCoins(total)}`);
        }
        return undefined;
      },
      execute: (ctx, msg) => {
        const input = msg.inputs[0]!;
        const from = decodeAddress(input.address) as Uint8Array;
        const inputCoins = positiveCoins(input.coins) as Coin[];
        const outputs = msg.outputs.map((o) => ({ to: decodeAddress(o.address) as Uint8Array, coins: positiveCoins(o.coins) as Coin[] }));
        const blocked = checkSendable(keeper, ctx, inputCoins, outputs.map((o) => o.to));
        if (blocked) return blocked;
        // Each output is one transfer from the input, so events and balances read like separate sends.
        for (const output of outputs) {
          const error = keeper.sendCoins(ctx, from, output.to, output.coins);
          if (error) return error;
        }
        return { typeUrl: MsgMultiSendResponse.typeUrl, value: encodeProto(MsgMultiSendResponse, {}) };
      },
    }),
  ];
}
