import { PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { BondStatus, Validator, type Description } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { sha256 } from "../../store/hash.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { POWER_REDUCTION, VALOPER_PREFIX } from "./keys.js";

export { BondStatus };

export const ED25519_PUBKEY_TYPE = "/cosmos.crypto.ed25519.PubKey";

/** What other modules read of a validator (the staking keeper contract). */
export interface StakingValidatorView {
  operator: Uint8Array;
  consensusAddress: Uint8Array;
  /** 32-byte ed25519 key. */
  consensusPubkey: Uint8Array;
  status: BondStatus;
  jailed: boolean;
  tokens: bigint;
  /** 18-decimal fixed point. */
  delegatorShares: bigint;
  /** 18-decimal fixed point. */
  commissionRate: bigint;
}

/** A validator as staking keeps it; stored as the SDK's Validator protobuf. */
export interface ValidatorRecord extends StakingValidatorView {
  description: Description;
  maxCommissionRate: bigint;
  maxCommissionChangeRate: bigint;
  commissionUpdateTime: Timestamp;
  minSelfDelegation: bigint;
  unbondingHeight: bigint;
  unbondingTime: Timestamp;
}

export const EPOCH: Timestamp = { seconds: 0n, nanos: 0 };

export function consensusAddressOf(pubkey: Uint8Array): Uint8Array {
  return sha256(pubkey).subarray(0, 20);
}

export function ed25519Any(pubkey: Uint8Array): Any {
  return { typeUrl: ED25519_PUBKEY_TYPE, value: PubKey.encode({ key: pubkey }).finish() };
}

export function consensusPower(tokens: bigint): bigint {
  return tokens / POWER_REDUCTION;
}

export function toProtoValidator(v: ValidatorRecord): Validator {
  return {
    operatorAddress: encodeAddress(v.operator, VALOPER_PREFIX),
    consensusPubkey: ed25519Any(v.consensusPubkey),
    jailed: v.jailed,
    status: v.status,
    tokens: v.tokens.toString(),
    delegatorShares: v.delegatorShares.toString(),
    description: v.description,
    unbondingHeight: v.unbondingHeight,
    unbondingTime: v.unbondingTime,
    commission: {
      commissionRates: { rate: v.commissionRate.toString(), maxRate: v.maxCommissionRate.toString(), maxChangeRate: v.maxCommissionChangeRate.toString() },
      updateTime: v.commissionUpdateTime,
    },
    minSelfDelegation: v.minSelfDelegation.toString(),
    unbondingOnHoldRefCount: 0n,
    unbondingIds: [],
  };
}

/** Reads a stored validator (written by toProtoValidator, so its fields are known to be well formed). */
export function fromProtoValidator(p: Validator): ValidatorRecord {
  const operator = decodeAddress(p.operatorAddress, VALOPER_PREFIX);
  if (isError(operator)) throw new Error(`stored validator has a bad operator address: ${operator.message}`);
  const consensusPubkey = PubKey.decode(p.consensusPubkey!.value).key;
  const rates = p.commission.commissionRates;
  return {
    operator,
    consensusAddress: consensusAddressOf(consensusPubkey),
    consensusPubkey,
    status: p.status,
    jailed: p.jailed,
    tokens: BigInt(p.tokens),
    delegatorShares: BigInt(p.delegatorShares),
    commissionRate: BigInt(rates.rate),
    maxCommissionRate: BigInt(rates.maxRate),
    maxCommissionChangeRate: BigInt(rates.maxChangeRate),
    commissionUpdateTime: p.commission.updateTime,
    description: p.description,
    minSelfDelegation: BigInt(p.minSelfDelegation),
    unbondingHeight: p.unbondingHeight,
    unbondingTime: p.unbondingTime,
  };
}

/** floor(shares × tokens / delegatorShares): what shares are worth, rounded in the pool's favour. */
export function tokensFromShares(v: Pick<StakingValidatorView, "tokens" | "delegatorShares">, shares: bigint): bigint {
  return v.delegatorShares === 0n ? 0n : (shares * v.tokens) / v.delegatorShares;
}

/** Shares issued for `amount` new tokens: 1 share per token (18-dec) into an empty validator, else floor(amount × shares / tokens). */
export function sharesForNewTokens(v: Pick<StakingValidatorView, "tokens" | "delegatorShares">, amount: bigint): bigint {
  return v.tokens === 0n ? amount * 10n ** 18n : (amount * v.delegatorShares) / v.tokens;
}

/** A validator that has shares but no tokens (slashed to zero) accepts no delegations. */
export function hasInvalidExchangeRate(v: StakingValidatorView): boolean {
  return v.tokens === 0n && v.delegatorShares > 0n;
}
