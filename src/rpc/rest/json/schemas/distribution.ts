import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { Coin, DecCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import {
  DelegationDelegatorReward,
  Params,
  ValidatorAccumulatedCommission,
  ValidatorOutstandingRewards,
  ValidatorSlashEvent,
} from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import {
  QueryCommunityPoolResponse,
  QueryDelegationRewardsResponse,
  QueryDelegationTotalRewardsResponse,
  QueryDelegatorValidatorsResponse,
  QueryDelegatorWithdrawAddressResponse,
  QueryParamsResponse,
  QueryValidatorCommissionResponse,
  QueryValidatorDistributionInfoResponse,
  QueryValidatorOutstandingRewardsResponse,
  QueryValidatorSlashesResponse,
} from "cosmjs-types/cosmos/distribution/v1beta1/query";
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
import { message, repeated, type MessageSchema } from "../schema.js";

/** cosmos.distribution.v1beta1: messages, records and query responses; DecCoin amounts print with a point. */
export const distributionSchemas: readonly MessageSchema[] = [
  message(DecCoin, { denom: "string", amount: "dec" }),
  message(Params, { community_tax: "dec", base_proposer_reward: "dec", bonus_proposer_reward: "dec", withdraw_addr_enabled: "bool" }),
  message(ValidatorOutstandingRewards, { rewards: repeated(DecCoin) }),
  message(ValidatorAccumulatedCommission, { commission: repeated(DecCoin) }),
  message(ValidatorSlashEvent, { validator_period: "uint64", fraction: "dec" }),
  message(DelegationDelegatorReward, { validator_address: "string", reward: repeated(DecCoin) }),
  message(MsgSetWithdrawAddress, { delegator_address: "string", withdraw_address: "string" }),
  message(MsgSetWithdrawAddressResponse, {}),
  message(MsgWithdrawDelegatorReward, { delegator_address: "string", validator_address: "string" }),
  message(MsgWithdrawDelegatorRewardResponse, { amount: repeated(Coin) }),
  message(MsgWithdrawValidatorCommission, { validator_address: "string" }),
  message(MsgWithdrawValidatorCommissionResponse, { amount: repeated(Coin) }),
  message(MsgFundCommunityPool, { amount: repeated(Coin), depositor: "string" }),
  message(MsgFundCommunityPoolResponse, {}),
  message(QueryParamsResponse, { params: Params }),
  message(QueryValidatorDistributionInfoResponse, { operator_address: "string", self_bond_rewards: repeated(DecCoin), commission: repeated(DecCoin) }),
  message(QueryValidatorOutstandingRewardsResponse, { rewards: ValidatorOutstandingRewards }),
  message(QueryValidatorCommissionResponse, { commission: ValidatorAccumulatedCommission }),
  message(QueryValidatorSlashesResponse, { slashes: repeated(ValidatorSlashEvent), pagination: PageResponse }),
  message(QueryDelegationRewardsResponse, { rewards: repeated(DecCoin) }),
  message(QueryDelegationTotalRewardsResponse, { rewards: repeated(DelegationDelegatorReward), total: repeated(DecCoin) }),
  message(QueryDelegatorValidatorsResponse, { validators: repeated("string") }),
  message(QueryDelegatorWithdrawAddressResponse, { withdraw_address: "string" }),
  message(QueryCommunityPoolResponse, { pool: repeated(DecCoin) }),
];
