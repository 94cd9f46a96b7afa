import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import * as q from "cosmjs-types/cosmos/staking/v1beta1/query";
import * as s from "cosmjs-types/cosmos/staking/v1beta1/staking";
import * as tx from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { Header } from "cosmjs-types/tendermint/types/types";
import { enumOf, message, repeated, type MessageSchema } from "../schema.js";

/**
 * cosmos.staking.v1beta1: records, messages and query responses. LegacyDec fields (shares, rates)
 * print with their decimal point; Int fields (tokens, balances, min self delegation) as plain integers.
 */
export const stakingSchemas: readonly MessageSchema[] = [
  message(s.CommissionRates, { rate: "dec", max_rate: "dec", max_change_rate: "dec" }),
  message(s.Commission, { commission_rates: s.CommissionRates, update_time: "timestamp" }),
  message(s.Description, { moniker: "string", identity: "string", website: "string", security_contact: "string", details: "string" }),
  message(s.Validator, {
    operator_address: "string",
    consensus_pubkey: "any",
    jailed: "bool",
    status: enumOf(s.BondStatus),
    tokens: "string",
    delegator_shares: "dec",
    description: s.Description,
    unbonding_height: "int64",
    unbonding_time: "timestamp",
    commission: s.Commission,
    min_self_delegation: "string",
    unbonding_on_hold_ref_count: "int64",
    unbonding_ids: repeated("uint64"),
  }),
  message(s.HistoricalInfo, { header: Header, valset: repeated(s.Validator) }),
  message(s.Delegation, { delegator_address: "string", validator_address: "string", shares: "dec" }),
  message(s.UnbondingDelegationEntry, {
    creation_height: "int64",
    completion_time: "timestamp",
    initial_balance: "string",
    balance: "string",
    unbonding_id: "uint64",
    unbonding_on_hold_ref_count: "int64",
  }),
  message(s.UnbondingDelegation, { delegator_address: "string", validator_address: "string", entries: repeated(s.UnbondingDelegationEntry) }),
  message(s.RedelegationEntry, {
    creation_height: "int64",
    completion_time: "timestamp",
    initial_balance: "string",
    shares_dst: "dec",
    unbonding_id: "uint64",
    unbonding_on_hold_ref_count: "int64",
  }),
  message(s.Redelegation, { delegator_address: "string", validator_src_address: "string", validator_dst_address: "string", entries: repeated(s.RedelegationEntry) }),
  message(s.Params, { unbonding_time: "duration", max_validators: "uint32", max_entries: "uint32", historical_entries: "uint32", bond_denom: "string", min_commission_rate: "dec" }),
  message(s.DelegationResponse, { delegation: s.Delegation, balance: Coin }),
  message(s.RedelegationEntryResponse, { redelegation_entry: s.RedelegationEntry, balance: "string" }),
  message(s.RedelegationResponse, { redelegation: s.Redelegation, entries: repeated(s.RedelegationEntryResponse) }),
  message(s.Pool, { not_bonded_tokens: "string", bonded_tokens: "string" }),

  message(tx.MsgCreateValidator, {
    description: s.Description,
    commission: s.CommissionRates,
    min_self_delegation: "string",
    delegator_address: "string",
    validator_address: "string",
    pubkey: "any",
    value: Coin,
  }),
  message(tx.MsgCreateValidatorResponse, {}),
  message(tx.MsgEditValidator, { description: s.Description, validator_address: "string", commission_rate: "dec", min_self_delegation: "string" }),
  message(tx.MsgEditValidatorResponse, {}),
  message(tx.MsgDelegate, { delegator_address: "string", validator_address: "string", amount: Coin }),
  message(tx.MsgDelegateResponse, {}),
  message(tx.MsgBeginRedelegate, { delegator_address: "string", validator_src_address: "string", validator_dst_address: "string", amount: Coin }),
  message(tx.MsgBeginRedelegateResponse, { completion_time: "timestamp" }),
  message(tx.MsgUndelegate, { delegator_address: "string", validator_address: "string", amount: Coin }),
  message(tx.MsgUndelegateResponse, { completion_time: "timestamp", amount: Coin }),
  message(tx.MsgCancelUnbondingDelegation, { delegator_address: "string", validator_address: "string", amount: Coin, creation_height: "int64" }),
  message(tx.MsgCancelUnbondingDelegationResponse, {}),
  message(tx.MsgUpdateParams, { authority: "string", params: s.Params }),
  message(tx.MsgUpdateParamsResponse, {}),

  message(q.QueryValidatorsResponse, { validators: repeated(s.Validator), pagination: PageResponse }),
  message(q.QueryValidatorResponse, { validator: s.Validator }),
  message(q.QueryValidatorDelegationsResponse, { delegation_responses: repeated(s.DelegationResponse), pagination: PageResponse }),
  message(q.QueryValidatorUnbondingDelegationsResponse, { unbonding_responses: repeated(s.UnbondingDelegation), pagination: PageResponse }),
  message(q.QueryDelegationResponse, { delegation_response: s.DelegationResponse }),
  message(q.QueryUnbondingDelegationResponse, { unbond: s.UnbondingDelegation }),
  message(q.QueryDelegatorDelegationsResponse, { delegation_responses: repeated(s.DelegationResponse), pagination: PageResponse }),
  message(q.QueryDelegatorUnbondingDelegationsResponse, { unbonding_responses: repeated(s.UnbondingDelegation), pagination: PageResponse }),
  message(q.QueryRedelegationsResponse, { redelegation_responses: repeated(s.RedelegationResponse), pagination: PageResponse }),
  message(q.QueryDelegatorValidatorsResponse, { validators: repeated(s.Validator), pagination: PageResponse }),
  message(q.QueryDelegatorValidatorResponse, { validator: s.Validator }),
  message(q.QueryHistoricalInfoResponse, { hist: s.HistoricalInfo }),
  message(q.QueryPoolResponse, { pool: s.Pool }),
  message(q.QueryParamsResponse, { params: s.Params }),
];
