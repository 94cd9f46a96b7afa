/**
 * Helpers for staking tests: a chain of funded signers (optionally with genesis validators),
 * wallets that count sequences, the SDK's staking messages and readers of the App's queries.
 */
import { QueryBalanceRequest, QueryBalanceResponse, QuerySupplyOfRequest, QuerySupplyOfResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import {
  QueryDelegationRequest,
  QueryDelegationResponse,
  QueryPoolRequest,
  QueryPoolResponse,
  QueryRedelegationsRequest,
  QueryRedelegationsResponse,
  QueryUnbondingDelegationRequest,
  QueryUnbondingDelegationResponse,
  QueryValidatorRequest,
  QueryValidatorResponse,
} from "cosmjs-types/cosmos/staking/v1beta1/query";
import type { Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import {
  MsgBeginRedelegate,
  MsgCancelUnbondingDelegation,
  MsgCreateValidator,
  MsgDelegate,
  MsgEditValidator,
  MsgUndelegate,
} from "cosmjs-types/cosmos/staking/v1beta1/tx";
import type { Event } from "cosmjs-types/tendermint/abci/types";
import { sha256 } from "../../store/hash.js";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { decodeAddress, encodeAddress, moduleAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { withGenesisValidators, type GenesisValidatorSpec } from "./genesis-builder.js";
import { BONDED_POOL, VALOPER_PREFIX } from "./keys.js";
import { ed25519Any } from "./validator.js";

export const BONDED_POOL_ADDRESS = encodeAddress(moduleAddress(BONDED_POOL));
export { NOT_BONDED_POOL_ADDRESS } from "./genesis-builder.js";
export const XPRT = 1_000_000n;
export const DAY = 86_400n;

/** A deterministic 32-byte ed25519 public key (never used to sign: staking only stores it). */
export function consensusKey(seed: number): Uint8Array {
  return sha256(new TextEncoder().encode(`staking test consensus key ${seed}`));
}

export function valoper(address: string): string {
  return encodeAddress(decodeAddress(address) as Uint8Array, VALOPER_PREFIX);
}

/** Signs txs for one account, counting its sequence. */
export class Wallet {
  private sequence = 0n;

  constructor(
    readonly signer: TestSigner,
    readonly accountNumber: bigint,
  ) {}

  get address(): string {
    return this.signer.address;
  }

  get operator(): string {
    return valoper(this.signer.address);
  }

  tx(...messages: { typeUrl: string; value: Uint8Array }[]): Promise<Uint8Array> {
    return this.signer.sign({ messages, chainId: TEST_CHAIN_ID, accountNumber: this.accountNumber, sequence: this.sequence++ });
  }
}

export interface ChainOptions {
  /** How many funded accounts (1,000,000,000 uxprt each unless `balance`). */
  accounts: number;
  balance?: bigint;
  /** Genesis validators: account index and self-delegation. */
  validators?: { account: number; tokens: bigint }[];
  /** Staking params as genesis JSON, e.g. { unbonding_time: "100s" }. */
  params?: Record<string, unknown>;
}

export interface StakingChain {
  chain: AppHarness;
  wallets: Wallet[];
  read: StakingReader;
}

/** A chain whose genesis is committed (block 1 is empty). */
export async function stakingChain(options: ChainOptions): Promise<StakingChain> {
  const signers = await Promise.all(Array.from({ length: options.accounts }, (_, i) => TestSigner.fromSeed(100 + i)));
  const specs: GenesisValidatorSpec[] = (options.validators ?? []).map((v) => ({ account: signers[v.account]!.address, consensusPubkey: consensusKey(v.account), selfDelegation: v.tokens, moniker: `validator ${v.account}` }));
  const genesis = withGenesisValidators(fundedGenesis(signers, options.balance), specs, options.params);
  if (isError(genesis)) throw new Error(genesis.log);
  const chain = await AppHarness.start({ genesis });
  await chain.block([]); // queries read committed state: commit the genesis
  return { chain, wallets: signers.map((s, i) => new Wallet(s, BigInt(i))), read: new StakingReader(chain) };
}

const coin = (amount: bigint) => ({ denom: "uxprt", amount: amount.toString() });

export function createValidatorMsg(wallet: Wallet, options: { key: Uint8Array; amount: bigint; rate?: string; maxRate?: string; maxChangeRate?: string; minSelfDelegation?: string; moniker?: string }) {
  const value = MsgCreateValidator.fromPartial({
    description: { moniker: options.moniker ?? "val", identity: "", website: "", securityContact: "", details: "" },
    commission: { rate: options.rate ?? "100000000000000000", maxRate: options.maxRate ?? "200000000000000000", maxChangeRate: options.maxChangeRate ?? "10000000000000000" },
    minSelfDelegation: options.minSelfDelegation ?? "1",
    delegatorAddress: "",
    validatorAddress: wallet.operator,
    pubkey: ed25519Any(options.key),
    value: coin(options.amount),
  });
  return { typeUrl: MsgCreateValidator.typeUrl, value: MsgCreateValidator.encode(value).finish() };
}

export function editValidatorMsg(wallet: Wallet, fields: { rate?: string; minSelfDelegation?: string; moniker?: string }) {
  const value = MsgEditValidator.fromPartial({
    description: { moniker: fields.moniker ?? "[do-not-modify]", identity: "[do-not-modify]", website: "[do-not-modify]", securityContact: "[do-not-modify]", details: "[do-not-modify]" },
    validatorAddress: wallet.operator,
    commissionRate: fields.rate ?? "",
    minSelfDelegation: fields.minSelfDelegation ?? "",
  });
  return { typeUrl: MsgEditValidator.typeUrl, value: MsgEditValidator.encode(value).finish() };
}

export function delegateMsg(delegator: string, operator: string, amount: bigint, denom = "uxprt") {
  return { typeUrl: MsgDelegate.typeUrl, value: MsgDelegate.encode({ delegatorAddress: delegator, validatorAddress: operator, amount: { denom, amount: amount.toString() } }).finish() };
}

export function undelegateMsg(delegator: string, operator: string, amount: bigint) {
  return { typeUrl: MsgUndelegate.typeUrl, value: MsgUndelegate.encode({ delegatorAddress: delegator, validatorAddress: operator, amount: coin(amount) }).finish() };
}

export function redelegateMsg(delegator: string, src: string, dst: string, amount: bigint) {
  return { typeUrl: MsgBeginRedelegate.typeUrl, value: MsgBeginRedelegate.encode({ delegatorAddress: delegator, validatorSrcAddress: src, validatorDstAddress: dst, amount: coin(amount) }).finish() };
}

export function cancelUnbondingMsg(delegator: string, operator: string, amount: bigint, creationHeight: bigint) {
  return { typeUrl: MsgCancelUnbondingDelegation.typeUrl, value: MsgCancelUnbondingDelegation.encode({ delegatorAddress: delegator, validatorAddress: operator, amount: coin(amount), creationHeight }).finish() };
}

export function attributes(result: { events: Event[] }, type: string): Record<string, string>[] {
  return result.events
    .filter((e) => e.type === type)
    .map((e) => Object.fromEntries(e.attributes.filter((a) => a.key !== "msg_index" && a.key !== "mode").map((a) => [a.key, a.value])));
}

/** What the tests read through the App's gRPC queries. */
export class StakingReader {
  constructor(private readonly chain: AppHarness) {}

  async balance(address: string, denom = "uxprt"): Promise<bigint> {
    const res = await this.chain.query("/cosmos.bank.v1beta1.Query/Balance", QueryBalanceRequest, { address, denom }, QueryBalanceResponse);
    return BigInt(res.balance?.amount ?? "0");
  }

  async supply(denom = "uxprt"): Promise<bigint> {
    const res = await this.chain.query("/cosmos.bank.v1beta1.Query/SupplyOf", QuerySupplyOfRequest, { denom }, QuerySupplyOfResponse);
    return BigInt(res.amount.amount);
  }

  async pool(): Promise<{ bonded: bigint; notBonded: bigint }> {
    const { pool } = await this.chain.query("/cosmos.staking.v1beta1.Query/Pool", QueryPoolRequest, {}, QueryPoolResponse);
    return { bonded: BigInt(pool.bondedTokens), notBonded: BigInt(pool.notBondedTokens) };
  }

  async validator(operator: string): Promise<Validator> {
    return (await this.chain.query("/cosmos.staking.v1beta1.Query/Validator", QueryValidatorRequest, { validatorAddr: operator }, QueryValidatorResponse)).validator;
  }

  async delegation(delegator: string, operator: string): Promise<{ shares: string; balance: bigint } | undefined> {
    const result = await this.chain.app.query({
      path: "/cosmos.staking.v1beta1.Query/Delegation",
      data: QueryDelegationRequest.encode({ delegatorAddr: delegator, validatorAddr: operator }).finish(),
      height: 0n,
      prove: false,
    });
    if (result.code !== 0) return undefined;
    const response = QueryDelegationResponse.decode(result.value).delegationResponse!;
    return { shares: response.delegation.shares, balance: BigInt(response.balance.amount) };
  }

  async unbonding(delegator: string, operator: string): Promise<QueryUnbondingDelegationResponse["unbond"] | undefined> {
    const result = await this.chain.app.query({
      path: "/cosmos.staking.v1beta1.Query/UnbondingDelegation",
      data: QueryUnbondingDelegationRequest.encode({ delegatorAddr: delegator, validatorAddr: operator }).finish(),
      height: 0n,
      prove: false,
    });
    return result.code === 0 ? QueryUnbondingDelegationResponse.decode(result.value).unbond : undefined;
  }

  async redelegations(delegator: string): Promise<QueryRedelegationsResponse["redelegationResponses"]> {
    return (await this.chain.query("/cosmos.staking.v1beta1.Query/Redelegations", QueryRedelegationsRequest, { delegatorAddr: delegator }, QueryRedelegationsResponse)).redelegationResponses;
  }

  /** The whole staking state as exported genesis JSON: compared to prove a failed tx changed nothing. */
  snapshot(): unknown {
    return this.chain.app.exportGenesis().staking;
  }
}
