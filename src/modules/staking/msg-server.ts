import { PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import type { Description } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import {
  MsgBeginRedelegate,
  MsgBeginRedelegateResponse,
  MsgCancelUnbondingDelegation,
  MsgCancelUnbondingDelegationResponse,
  MsgCreateValidator,
  MsgCreateValidatorResponse,
  MsgDelegate,
  MsgDelegateResponse,
  MsgEditValidator,
  MsgEditValidatorResponse,
  MsgUndelegate,
  MsgUndelegateResponse,
} from "cosmjs-types/cosmos/staking/v1beta1/tx";
import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { bytesEqual } from "../../store/bytes.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { parseCoin, type Coin } from "../../types/coins.js";
import { ONE, parseDecimal } from "../../types/decimal.js";
import { ErrInvalidRequest, isError, type AppError } from "../../types/errors.js";
import { msgHandler, type MsgHandler } from "../../types/module.js";
import { encodeProto } from "../../types/proto.js";
import {
  ErrCommissionChangeRateGTMaxRate,
  ErrCommissionChangeRateNegative,
  ErrCommissionGTMaxRate,
  ErrCommissionHuge,
  ErrCommissionNegative,
  ErrEmptyDelegatorAddr,
  ErrEmptyValidatorAddr,
  ErrEmptyValidatorPubKey,
  ErrSelfDelegationBelowMinimum,
  ErrValidatorPubKeyTypeNotSupported,
} from "./errors.js";
import type { CreateValidatorRequest, EditValidatorRequest, StakingKeeper } from "./keeper.js";
import { VALOPER_PREFIX } from "./keys.js";
import { ED25519_PUBKEY_TYPE } from "./validator.js";

/** The SDK's description limits. */
const DESCRIPTION_LIMITS: [keyof Description, string, number][] = [
  ["moniker", "moniker", 70],
  ["identity", "identity", 3000],
  ["website", "website", 140],
  ["securityContact", "security contact", 140],
  ["details", "details", 280],
];

function validatorAddress(address: string): Uint8Array | AppError {
  if (address === "") return ErrEmptyValidatorAddr.wrap("");
  const bytes = decodeAddress(address, VALOPER_PREFIX);
  return isError(bytes) ? bytes.kind.wrap(`invalid validator address: ${bytes.message}`) : bytes;
}

function delegatorAddress(address: string): Uint8Array | AppError {
  if (address === "") return ErrEmptyDelegatorAddr.wrap("");
  const bytes = decodeAddress(address);
  return isError(bytes) ? bytes.kind.wrap(`invalid delegator address: ${bytes.message}`) : bytes;
}

/** The account that signs for an operator: the same bytes with the account prefix. */
function operatorAccount(address: string): string {
  const bytes = decodeAddress(address, VALOPER_PREFIX);
  return isError(bytes) ? address : encodeAddress(bytes);
}

function positiveAmount(coin: ProtoCoin | undefined, what: string): Coin | AppError {
  const parsed = coin ? parseCoin(coin) : ErrInvalidRequest.wrap(`invalid ${what}`);
  if (isError(parsed)) return parsed;
  return parsed.amount > 0n ? parsed : ErrInvalidRequest.wrap(`invalid ${what}`);
}

/** A LegacyDec as protobuf carries it (the 18-decimal integer), or with its decimal point as amino JSON does. */
export function parseProtoDec(text: string): bigint | undefined {
  if (/^\d{1,60}$/.test(text)) return BigInt(text);
  return parseDecimal(text);
}

function positiveInt(text: string): bigint | undefined {
  return /^[1-9]\d{0,76}$/.test(text) ? BigInt(text) : undefined;
}

function checkDescription(d: Description): AppError | undefined {
  for (const [field, name, max] of DESCRIPTION_LIMITS) {
    if (d[field].length > max) return ErrInvalidRequest.wrap(`invalid ${name} length; got: ${d[field].length}, max: ${max}`);
  }
  return undefined;
}

/** The SDK's CommissionRates.Validate. */
function readRates(rates: MsgCreateValidator["commission"]): { rate: bigint; maxRate: bigint; maxChangeRate: bigint } | AppError {
  const [rate, maxRate, maxChangeRate] = [rates.rate, rates.maxRate, rates.maxChangeRate].map(parseProtoDec);
  if (maxRate === undefined) return ErrCommissionNegative.wrap(`invalid max rate "${rates.maxRate}"`);
  if (maxRate > ONE) return ErrCommissionHuge.wrap("");
  if (rate === undefined) return ErrCommissionNegative.wrap(`invalid rate "${rates.rate}"`);
  if (rate > maxRate) return ErrCommissionGTMaxRate.wrap("");
  if (maxChangeRate === undefined) return ErrCommissionChangeRateNegative.wrap(`invalid max change rate "${rates.maxChangeRate}"`);
  if (maxChangeRate > maxRate) return ErrCommissionChangeRateGTMaxRate.wrap("");
  return { rate, maxRate, maxChangeRate };
}

/** The checks of a MsgCreateValidator that need no state. */
export function readCreateValidator(msg: MsgCreateValidator): CreateValidatorRequest | AppError {
  const operator = validatorAddress(msg.validatorAddress);
  if (isError(operator)) return operator;
  if (msg.delegatorAddress !== "") {
    const delegator = delegatorAddress(msg.delegatorAddress);
    if (isError(delegator)) return delegator;
    if (!bytesEqual(delegator, operator)) return ErrInvalidRequest.wrap("delegator address and validator address must be the same account");
  }
  if (!msg.pubkey) return ErrEmptyValidatorPubKey.wrap("");
  if (msg.pubkey.typeUrl !== ED25519_PUBKEY_TYPE) return ErrValidatorPubKeyTypeNotSupported.wrap(`got: ${msg.pubkey.typeUrl}, expected: [ed25519]`);
  let key: Uint8Array;
  try {
    key = PubKey.decode(msg.pubkey.value).key;
  } catch {
    return ErrValidatorPubKeyTypeNotSupported.wrap("undecodable ed25519 key");
  }
  if (key.length !== 32) return ErrValidatorPubKeyTypeNotSupported.wrap(`ed25519 keys are 32 bytes, got ${key.length}`);
  const value = positiveAmount(msg.value, "delegation amount");
  if (isError(value)) return value;
  if (msg.description.moniker === "") return ErrInvalidRequest.wrap("empty description: moniker is required");
  const description = checkDescription(msg.description);
  if (description) return description;
  const rates = readRates(msg.commission);
  if (isError(rates)) return rates;
  const minSelfDelegation = positiveInt(msg.minSelfDelegation);
  if (minSelfDelegation === undefined) return ErrInvalidRequest.wrap("minimum self delegation must be a positive integer");
  if (value.amount < minSelfDelegation) return ErrSelfDelegationBelowMinimum.wrap("");
  return { operator, consensusPubkey: key, description: msg.description, ...rates, minSelfDelegation, value };
}

export function readEditValidator(msg: MsgEditValidator): EditValidatorRequest | AppError {
  const operator = validatorAddress(msg.validatorAddress);
  if (isError(operator)) return operator;
  const d = msg.description;
  if (d.moniker === "" && d.identity === "" && d.website === "" && d.securityContact === "" && d.details === "") return ErrInvalidRequest.wrap("empty description");
  const description = checkDescription(d);
  if (description) return description;
  const request: EditValidatorRequest = { operator, description: d };
  if (msg.commissionRate !== "") {
    const rate = parseProtoDec(msg.commissionRate);
    if (rate === undefined) return ErrCommissionNegative.wrap(`invalid commission rate "${msg.commissionRate}"`);
    if (rate > ONE) return ErrCommissionHuge.wrap("");
    request.commissionRate = rate;
  }
  if (msg.minSelfDelegation !== "") {
    const min = positiveInt(msg.minSelfDelegation);
    if (min === undefined) return ErrInvalidRequest.wrap("minimum self delegation must be a positive integer");
    request.minSelfDelegation = min;
  }
  return request;
}

interface DelegationMsg {
  delegator: Uint8Array;
  operator: Uint8Array;
  amount: Coin;
}

function readDelegation(msg: { delegatorAddress: string; validatorAddress: string; amount: ProtoCoin }, what: string): DelegationMsg | AppError {
  const delegator = delegatorAddress(msg.delegatorAddress);
  if (isError(delegator)) return delegator;
  const operator = validatorAddress(msg.validatorAddress);
  if (isError(operator)) return operator;
  const amount = positiveAmount(msg.amount, what);
  return isError(amount) ? amount : { delegator, operator, amount };
}

function readRedelegation(msg: MsgBeginRedelegate): { delegator: Uint8Array; src: Uint8Array; dst: Uint8Array; amount: Coin } | AppError {
  const delegator = delegatorAddress(msg.delegatorAddress);
  if (isError(delegator)) return delegator;
  const src = validatorAddress(msg.validatorSrcAddress);
  if (isError(src)) return src;
  const dst = validatorAddress(msg.validatorDstAddress);
  if (isError(dst)) return dst;
  const amount = positiveAmount(msg.amount, "shares amount");
  return isError(amount) ? amount : { delegator, src, dst, amount };
}

function readCancel(msg: MsgCancelUnbondingDelegation): (DelegationMsg & { creationHeight: bigint }) | AppError {
  const read = readDelegation(msg, "amount");
  if (isError(read)) return read;
  if (msg.creationHeight <= 0n) return ErrInvalidRequest.wrap("invalid height");
  return { ...read, creationHeight: msg.creationHeight };
}

const errorOf = (value: unknown): AppError | undefined => (isError(value) ? value : undefined);

/** cosmos.staking.v1beta1.Msg: thin handlers over the keeper. */
export function stakingMessages(keeper: StakingKeeper): MsgHandler[] {
  return [
    msgHandler<MsgCreateValidator>({
      type: MsgCreateValidator,
      signers: (msg) => [operatorAccount(msg.validatorAddress)],
      validate: (msg) => errorOf(readCreateValidator(msg)),
      execute: (ctx, msg) => {
        const request = readCreateValidator(msg);
        if (isError(request)) return request;
        return keeper.createValidator(ctx, request) ?? { typeUrl: MsgCreateValidatorResponse.typeUrl, value: encodeProto(MsgCreateValidatorResponse, {}) };
      },
    }),
    msgHandler<MsgEditValidator>({
      type: MsgEditValidator,
      signers: (msg) => [operatorAccount(msg.validatorAddress)],
      validate: (msg) => errorOf(readEditValidator(msg)),
      execute: (ctx, msg) => {
        const request = readEditValidator(msg);
        if (isError(request)) return request;
        return keeper.editValidator(ctx, request) ?? { typeUrl: MsgEditValidatorResponse.typeUrl, value: encodeProto(MsgEditValidatorResponse, {}) };
      },
    }),
    msgHandler<MsgDelegate>({
      type: MsgDelegate,
      signers: (msg) => [msg.delegatorAddress],
      validate: (msg) => errorOf(readDelegation(msg, "delegation amount")),
      execute: (ctx, msg) => {
        const m = readDelegation(msg, "delegation amount");
        if (isError(m)) return m;
        const shares = keeper.delegate(ctx, m.delegator, m.operator, m.amount);
        return isError(shares) ? shares : { typeUrl: MsgDelegateResponse.typeUrl, value: encodeProto(MsgDelegateResponse, {}) };
      },
    }),
    msgHandler<MsgUndelegate>({
      type: MsgUndelegate,
      signers: (msg) => [msg.delegatorAddress],
      validate: (msg) => errorOf(readDelegation(msg, "shares amount")),
      execute: (ctx, msg) => {
        const m = readDelegation(msg, "shares amount");
        if (isError(m)) return m;
        const result = keeper.undelegate(ctx, m.delegator, m.operator, m.amount);
        if (isError(result)) return result;
        const response: MsgUndelegateResponse = { completionTime: result.completionTime, amount: { denom: m.amount.denom, amount: result.amount.toString() } };
        return { typeUrl: MsgUndelegateResponse.typeUrl, value: encodeProto(MsgUndelegateResponse, response) };
      },
    }),
    msgHandler<MsgBeginRedelegate>({
      type: MsgBeginRedelegate,
      signers: (msg) => [msg.delegatorAddress],
      validate: (msg) => errorOf(readRedelegation(msg)),
      execute: (ctx, msg) => {
        const m = readRedelegation(msg);
        if (isError(m)) return m;
        const completionTime = keeper.beginRedelegation(ctx, m.delegator, m.src, m.dst, m.amount);
        if (isError(completionTime)) return completionTime;
        return { typeUrl: MsgBeginRedelegateResponse.typeUrl, value: encodeProto(MsgBeginRedelegateResponse, { completionTime }) };
      },
    }),
    msgHandler<MsgCancelUnbondingDelegation>({
      type: MsgCancelUnbondingDelegation,
      signers: (msg) => [msg.delegatorAddress],
      validate: (msg) => errorOf(readCancel(msg)),
      execute: (ctx, msg) => {
        const m = readCancel(msg);
        if (isError(m)) return m;
        const error = keeper.cancelUnbonding(ctx, m.delegator, m.operator, m.amount, m.creationHeight);
        return error ?? { typeUrl: MsgCancelUnbondingDelegationResponse.typeUrl, value: encodeProto(MsgCancelUnbondingDelegationResponse, {}) };
      },
    }),
  ];
}
