import {
  MsgFundCommunityPool,
  MsgFundCommunityPoolResponse,
  MsgSetWithdrawAddress,
  MsgSetWithdrawAddressResponse,
  MsgWithdrawDelegatorReward,
  MsgWithdrawDelegatorRewardResponse,
  MsgWithdrawValidatorCommission,
  MsgWithdrawValidatorCommissionResponse,
} from "cosmjs-types/cosmos/distribution/v1beta1/tx";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { parseCoins, toProtoCoins, type Coin } from "../../types/coins.js";
import { ErrInvalidCoins, isError, type AppError } from "../../types/errors.js";
import { msgHandler, type MsgHandler } from "../../types/module.js";
import { encodeProto } from "../../types/proto.js";
import { ErrEmptyDelegatorAddr, ErrEmptyValidatorAddr, ErrEmptyWithdrawAddr } from "./errors.js";
import { VALOPER_PREFIX } from "./events.js";
import type { DistributionKeeper } from "./keeper.js";

/** A bech32 address, with the SDK's "empty" error when missing. */
function address(text: string, empty: typeof ErrEmptyDelegatorAddr, role: string, prefix?: string): Uint8Array | AppError {
  if (text === "") return empty.wrap("");
  const bytes = decodeAddress(text, prefix);
  return isError(bytes) ? bytes.kind.wrap(`invalid ${role} address: ${bytes.message}`) : bytes;
}

const delegatorOf = (text: string) => address(text, ErrEmptyDelegatorAddr, "delegator");
const withdrawOf = (text: string) => address(text, ErrEmptyWithdrawAddr, "withdraw");
const validatorOf = (text: string) => address(text, ErrEmptyValidatorAddr, "validator", VALOPER_PREFIX);

function firstError(...values: unknown[]): AppError | undefined {
  return values.find(isError);
}

function positiveCoins(coins: MsgFundCommunityPool["amount"]): Coin[] | AppError {
  const parsed = parseCoins(coins);
  if (isError(parsed)) return parsed;
  return parsed.length === 0 ? ErrInvalidCoins.wrap("no coins to fund the community pool with") : parsed;
}

/** cosmos.distribution.v1beta1.Msg, with the SDK's type URLs (what CosmJS's withdrawRewards sends). */
export function distributionMessages(keeper: DistributionKeeper): MsgHandler[] {
  return [
    msgHandler<MsgSetWithdrawAddress>({
      type: MsgSetWithdrawAddress,
      signers: (msg) => [msg.delegatorAddress],
      validate: (msg) => firstError(delegatorOf(msg.delegatorAddress), withdrawOf(msg.withdrawAddress)),
      execute: (ctx, msg) => {
        const error = keeper.setWithdrawAddress(ctx, delegatorOf(msg.delegatorAddress) as Uint8Array, withdrawOf(msg.withdrawAddress) as Uint8Array);
        return error ?? { typeUrl: MsgSetWithdrawAddressResponse.typeUrl, value: encodeProto(MsgSetWithdrawAddressResponse, {}) };
      },
    }),
    msgHandler<MsgWithdrawDelegatorReward>({
      type: MsgWithdrawDelegatorReward,
      signers: (msg) => [msg.delegatorAddress],
      validate: (msg) => firstError(delegatorOf(msg.delegatorAddress), validatorOf(msg.validatorAddress)),
      execute: (ctx, msg) => {
        const amount = keeper.withdrawDelegationRewards(ctx, delegatorOf(msg.delegatorAddress) as Uint8Array, validatorOf(msg.validatorAddress) as Uint8Array);
        if (isError(amount)) return amount;
        return { typeUrl: MsgWithdrawDelegatorRewardResponse.typeUrl, value: encodeProto(MsgWithdrawDelegatorRewardResponse, { amount: toProtoCoins(amount) }) };
      },
    }),
    msgHandler<MsgWithdrawValidatorCommission>({
      type: MsgWithdrawValidatorCommission,
      // The operator's account signs: its bytes are the valoper address's.
      signers: (msg) => {
        const operator = validatorOf(msg.validatorAddress);
        return isError(operator) ? [] : [encodeAddress(operator)];
      },
      validate: (msg) => firstError(validatorOf(msg.validatorAddress)),
      execute: (ctx, msg) => {
        const amount = keeper.withdrawValidatorCommission(ctx, validatorOf(msg.validatorAddress) as Uint8Array);
        if (isError(amount)) return amount;
        return { typeUrl: MsgWithdrawValidatorCommissionResponse.typeUrl, value: encodeProto(MsgWithdrawValidatorCommissionResponse, { amount: toProtoCoins(amount) }) };
      },
    }),
    msgHandler<MsgFundCommunityPool>({
      type: MsgFundCommunityPool,
      signers: (msg) => [msg.depositor],
      validate: (msg) => firstError(address(msg.depositor, ErrEmptyDelegatorAddr, "depositor"), positiveCoins(msg.amount)),
      execute: (ctx, msg) => {
        const error = keeper.fundCommunityPoolFromAccount(ctx, decodeAddress(msg.depositor) as Uint8Array, positiveCoins(msg.amount) as Coin[]);
        return error ?? { typeUrl: MsgFundCommunityPoolResponse.typeUrl, value: encodeProto(MsgFundCommunityPoolResponse, {}) };
      },
    }),
  ];
}
