/**
 * Test helpers: a real bank over an in-memory state, a tiny in-test staking that calls the
 * staking hooks as the contract says, and blocks with last-commit votes. Test-only.
 */
import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { VoteInfo } from "cosmjs-types/tendermint/abci/types";
import { CacheKV } from "../../store/cache-kv.js";
import { bytesToKey } from "../../store/bytes.js";
import type { KVReader } from "../../store/kv.js";
import { moduleAddress } from "../../types/address.js";
import { Context, unmeteredGas } from "../../types/context.js";
import { ONE } from "../../types/decimal.js";
import { AccountKeeper } from "../auth/keeper.js";
import { FEE_COLLECTOR } from "../auth/keys.js";
import { BankKeeper } from "../bank/keeper.js";
import { BURNER, MINTER } from "../bank/keys.js";
import type { StakingHooks } from "../staking/hooks.js";
import type { StakingKeeper, StakingValidatorView } from "./expected-keepers.js";
import { distributionHooks } from "./hooks.js";
import { DistributionKeeper } from "./keeper.js";
import { DISTRIBUTION_ACCOUNT } from "./keys.js";

const EMPTY: KVReader = { get: () => undefined, has: () => false, iterate: () => [] };

export const FEE_COLLECTOR_ADDRESS = moduleAddress(FEE_COLLECTOR);
export const DISTRIBUTION_ADDRESS = moduleAddress(DISTRIBUTION_ACCOUNT);
/** A module account with the minter permission, standing in for fee payers and mint. */
const FUNDER = "test_funder";

/** An address made of one repeated byte. */
export const addr = (byte: number) => new Uint8Array(20).fill(byte);

/** Staking reduced to what distribution reads: validators, delegations, slashes, and the hooks at the contract's moments. */
export class TinyStaking implements StakingKeeper {
  private readonly validators = new Map<string, StakingValidatorView>();
  private readonly delegations = new Map<string, bigint>();
  private hooks: StakingHooks = {};

  setHooks(hooks: StakingHooks): void {
    this.hooks = hooks;
  }

  bondDenom(): string {
    return "uxprt";
  }

  getValidator(_ctx: Context, operator: Uint8Array): StakingValidatorView | undefined {
    return this.validators.get(bytesToKey(operator));
  }

  getValidatorByConsensusAddress(_ctx: Context, consensus: Uint8Array): StakingValidatorView | undefined {
    return [...this.validators.values()].find((v) => bytesToKey(v.consensusAddress) === bytesToKey(consensus));
  }

  getDelegation(_ctx: Context, delegator: Uint8Array, operator: Uint8Array): { shares: bigint } | undefined {
    const shares = this.delegations.get(bytesToKey(delegator) + bytesToKey(operator));
    return shares === undefined ? undefined : { shares };
  }

  delegatorDelegations(_ctx: Context, delegator: Uint8Array): { operator: Uint8Array; shares: bigint }[] {
    return [...this.validators.values()].flatMap((v) => {
      const shares = this.delegations.get(bytesToKey(delegator) + bytesToKey(v.operator));
      return shares === undefined ? [] : [{ operator: v.operator, shares }];
    });
  }

  createValidator(ctx: Context, operator: Uint8Array, commissionRate: bigint): void {
    const validator = { operator, consensusAddress: operator.map((b) => b ^ 0xff), consensusPubkey: new Uint8Array(32), status: BondStatus.BOND_STATUS_BONDED, jailed: false, tokens: 0n, delegatorShares: 0n, commissionRate };
    this.validators.set(bytesToKey(operator), validator);
    this.hooks.afterValidatorCreated?.(ctx, operator);
  }

  delegate(ctx: Context, delegator: Uint8Array, operator: Uint8Array, amount: bigint): void {
    const validator = this.getValidator(ctx, operator)!;
    if (this.getDelegation(ctx, delegator, operator)) this.hooks.beforeDelegationSharesModified?.(ctx, delegator, operator);
    else this.hooks.beforeDelegationCreated?.(ctx, delegator, operator);
    const shares = validator.delegatorShares === 0n ? amount * ONE : (amount * validator.delegatorShares) / validator.tokens;
    validator.tokens += amount;
    validator.delegatorShares += shares;
    const key = bytesToKey(delegator) + bytesToKey(operator);
    this.delegations.set(key, (this.delegations.get(key) ?? 0n) + shares);
    this.hooks.afterDelegationModified?.(ctx, delegator, operator);
  }

  /** Undelegates everything (the delegation is removed). */
  undelegateAll(ctx: Context, delegator: Uint8Array, operator: Uint8Array): void {
    const validator = this.getValidator(ctx, operator)!;
    const key = bytesToKey(delegator) + bytesToKey(operator);
    const shares = this.delegations.get(key)!;
    this.hooks.beforeDelegationSharesModified?.(ctx, delegator, operator);
    validator.tokens -= (shares * validator.tokens) / validator.delegatorShares;
    validator.delegatorShares -= shares;
    this.delegations.delete(key);
    this.hooks.beforeDelegationRemoved?.(ctx, delegator, operator);
  }

  slash(ctx: Context, operator: Uint8Array, fraction: bigint): void {
    const validator = this.getValidator(ctx, operator)!;
    this.hooks.beforeValidatorSlashed?.(ctx, operator, fraction);
    validator.tokens -= (validator.tokens * fraction) / ONE;
  }

  /** Removes a validator without delegations (staking does so once it has unbonded). */
  remove(ctx: Context, operator: Uint8Array): void {
    const validator = this.getValidator(ctx, operator)!;
    this.validators.delete(bytesToKey(operator));
    this.hooks.afterValidatorRemoved?.(ctx, validator.consensusAddress, operator);
  }

  vote(ctx: Context, operator: Uint8Array, power: bigint): VoteInfo {
    return { validator: { address: this.getValidator(ctx, operator)!.consensusAddress, power }, blockIdFlag: 2 };
  }
}

/** Real auth and bank over an in-memory state, distribution on top of a tiny staking. */
export function distributionWorld() {
  const accounts = new AccountKeeper({ [FEE_COLLECTOR]: [], [DISTRIBUTION_ACCOUNT]: [], [FUNDER]: [MINTER, BURNER] });
  const bank = new BankKeeper(accounts);
  const staking = new TinyStaking();
  const keeper = new DistributionKeeper(bank, staking);
  staking.setHooks(distributionHooks(keeper, staking, bank));
  const state = new CacheKV(EMPTY);
  let ctx = new Context({ height: 1n, time: { seconds: 1_700_000_001n, nanos: 0 }, chainId: "test" }, "block", state, unmeteredGas());
  return {
    bank,
    staking,
    keeper,
    get ctx() {
      return ctx;
    },
    /** Moves to the next block, whose last commit carries `votes`. */
    nextBlock(votes: readonly VoteInfo[] = []): Context {
      const height = ctx.block.height + 1n;
      const consensus = { proposerAddress: new Uint8Array(20), lastCommitVotes: votes, misbehavior: [] };
      ctx = new Context({ height, time: { seconds: 1_700_000_000n + height, nanos: 0 }, chainId: "test", consensus }, "block", state, unmeteredGas());
      return ctx;
    },
    /** Coins that appear in the fee collector (fees, or the mint's provision). */
    collect(amount: bigint, denom = "uxprt"): void {
      bank.mintCoins(ctx, FUNDER, [{ denom, amount }]);
      bank.sendCoinsFromModuleToModule(ctx, FUNDER, FEE_COLLECTOR, [{ denom, amount }]);
    },
    /** Funds an account (for MsgFundCommunityPool-like calls). */
    fund(address: Uint8Array, amount: bigint, denom = "uxprt"): void {
      bank.mintCoins(ctx, FUNDER, [{ denom, amount }]);
      bank.sendCoinsFromModuleToAccount(ctx, FUNDER, address, [{ denom, amount }]);
    },
    balance: (address: Uint8Array, denom = "uxprt") => bank.getBalance(ctx, address, denom),
  };
}
