/**
 * Slashing driven block by block without the App, over a small in-test staking keeper (the
 * staking contract's slash/jail/unjail/lookup semantics, no delegations but the self-delegation).
 * A message runs in a branch of the state that is written only when it succeeds, as the App does.
 * Test-only.
 */
import { MsgUnjail } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { MisbehaviorType, type Event, type Misbehavior, type VoteInfo } from "cosmjs-types/tendermint/abci/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { bytesToKey } from "../../store/bytes.js";
import { CacheKV } from "../../store/cache-kv.js";
import type { KVReader } from "../../store/kv.js";
import { encodeAddress } from "../../types/address.js";
import { Context, unmeteredGas } from "../../types/context.js";
import { ONE } from "../../types/decimal.js";
import { isError, type AppError } from "../../types/errors.js";
import type { AppModule } from "../../types/module.js";
import type { StakingHooks } from "../staking/hooks.js";
import type { StakingKeeper, ValidatorView } from "./expected-keepers.js";
import { SlashingKeeper } from "./keeper.js";
import { VALOPER_PREFIX } from "./keys.js";
import { slashingModule } from "./module.js";

export const GENESIS_SECONDS = 1_700_000_000n;
const EMPTY: KVReader = { get: () => undefined, has: () => false, iterate: () => [] };

export interface SlashCall {
  consensus: Uint8Array;
  infractionHeight: bigint;
  power: bigint;
  fraction: bigint;
}

/** A staking keeper over plain objects: slash burns `fraction` of the tokens (floor) and records the call. */
export class FakeStaking implements StakingKeeper {
  readonly validators: ValidatorView[] = [];
  readonly slashes: SlashCall[] = [];
  readonly selfShares = new Map<string, bigint>();
  private readonly hooks: StakingHooks[] = [];

  addHooks(hooks: StakingHooks): void {
    this.hooks.push(hooks);
  }

  /** Adds a bonded validator whose operator's self-delegation holds all its shares, and runs afterValidatorBonded. */
  bond(ctx: Context, seed: number, tokens = 10_000_000n, minSelfDelegation?: bigint): ValidatorView {
    const validator: ValidatorView = {
      operator: new Uint8Array(20).fill(seed),
      consensusAddress: new Uint8Array(20).fill(0x80 + seed),
      status: BondStatus.BOND_STATUS_BONDED,
      jailed: false,
      tokens,
      delegatorShares: tokens * ONE,
      ...(minSelfDelegation === undefined ? {} : { minSelfDelegation }),
    };
    this.validators.push(validator);
    this.selfShares.set(bytesToKey(validator.operator), tokens * ONE);
    for (const hooks of this.hooks) hooks.afterValidatorBonded?.(ctx, validator.consensusAddress, validator.operator);
    return validator;
  }

  getValidator(_ctx: Context, operator: Uint8Array): ValidatorView | undefined {
    return this.validators.find((v) => bytesToKey(v.operator) === bytesToKey(operator));
  }

  getValidatorByConsensusAddress(_ctx: Context, consensus: Uint8Array): ValidatorView | undefined {
    return this.validators.find((v) => bytesToKey(v.consensusAddress) === bytesToKey(consensus));
  }

  getDelegation(_ctx: Context, delegator: Uint8Array, operator: Uint8Array): { shares: bigint } | undefined {
    const shares = bytesToKey(delegator) === bytesToKey(operator) ? this.selfShares.get(bytesToKey(operator)) : undefined;
    return shares === undefined ? undefined : { shares };
  }

  tokensFromShares(validator: ValidatorView, shares: bigint): bigint {
    return validator.delegatorShares === 0n ? 0n : (shares * validator.tokens) / validator.delegatorShares;
  }

  slash(ctx: Context, consensus: Uint8Array, infractionHeight: bigint, power: bigint, fraction: bigint): bigint {
    this.slashes.push({ consensus, infractionHeight, power, fraction });
    const validator = this.getValidatorByConsensusAddress(ctx, consensus)!;
    const burned = (validator.tokens * fraction) / ONE;
    validator.tokens -= burned;
    return burned;
  }

  jail(ctx: Context, consensus: Uint8Array): void {
    this.getValidatorByConsensusAddress(ctx, consensus)!.jailed = true;
  }

  unjail(ctx: Context, consensus: Uint8Array): void {
    this.getValidatorByConsensusAddress(ctx, consensus)!.jailed = false;
  }

  remove(ctx: Context, validator: ValidatorView): void {
    this.validators.splice(this.validators.indexOf(validator), 1);
    for (const hooks of this.hooks) hooks.afterValidatorRemoved?.(ctx, validator.consensusAddress, validator.operator);
  }
}

/** A vote of the last commit: signed (COMMIT) or absent. */
export function vote(validator: ValidatorView, signed: boolean, power = validator.tokens / 1_000_000n): VoteInfo {
  return { validator: { address: validator.consensusAddress, power }, blockIdFlag: signed ? BlockIDFlag.BLOCK_ID_FLAG_COMMIT : BlockIDFlag.BLOCK_ID_FLAG_ABSENT };
}

/** Double-sign evidence against `validator` at `height`, `time` seconds after genesis. */
export function duplicateVote(validator: ValidatorView, height: bigint, power = validator.tokens / 1_000_000n, type = MisbehaviorType.DUPLICATE_VOTE): Misbehavior {
  return { type, validator: { address: validator.consensusAddress, power }, height, time: { seconds: GENESIS_SECONDS + height, nanos: 0 }, totalVotingPower: power };
}

export function operatorAddress(validator: ValidatorView): string {
  return encodeAddress(validator.operator, VALOPER_PREFIX);
}

export function attributes(events: readonly Event[], type: string): Record<string, string>[] {
  return events.filter((e) => e.type === type).map((e) => Object.fromEntries(e.attributes.filter((a) => a.key !== "mode").map((a) => [a.key, a.value])));
}

/** Slashing over FakeStaking; block h is at GENESIS_SECONDS + h × `blockSeconds`. */
export class SlashingChain {
  readonly staking = new FakeStaking();
  readonly keeper = new SlashingKeeper(this.staking);
  readonly module: AppModule = slashingModule(this.keeper);
  readonly state = new CacheKV(EMPTY);
  height = 1n;

  constructor(
    genesis: unknown = undefined,
    readonly blockSeconds = 1n,
  ) {
    this.staking.addHooks(this.keeper.hooks());
    const error = this.module.initGenesis(this.context("genesis"), genesis ?? this.module.defaultGenesis());
    if (error) throw new Error(error.log);
  }

  /** A context of the current height (the genesis block or the last finalized one). */
  context(mode: "genesis" | "block" | "finalize" | "query" = "query", consensus?: { votes?: VoteInfo[]; misbehavior?: Misbehavior[] }): Context {
    return new Context(
      {
        height: this.height,
        time: { seconds: GENESIS_SECONDS + this.height * this.blockSeconds, nanos: 0 },
        chainId: "persistence-test-1",
        consensus: consensus ? { proposerAddress: new Uint8Array(20), lastCommitVotes: consensus.votes ?? [], misbehavior: consensus.misbehavior ?? [] } : undefined,
      },
      mode,
      this.state,
      unmeteredGas(),
    );
  }

  bond(seed: number, tokens?: bigint, minSelfDelegation?: bigint): ValidatorView {
    return this.staking.bond(this.context("finalize"), seed, tokens, minSelfDelegation);
  }

  /** Finalizes the next height with these votes and evidence; returns the block's events. */
  block(consensus: { votes?: VoteInfo[]; misbehavior?: Misbehavior[] } = {}): Event[] {
    this.height += 1n;
    const ctx = this.context("block", consensus);
    this.module.beginBlock!(ctx);
    return ctx.events.events;
  }

  /** Runs a MsgUnjail in the next block as the App would: validated, then executed in a branch kept only on success. */
  unjail(validatorAddr: string): AppError | undefined {
    this.height += 1n;
    const handler = this.module.messages.find((m) => m.type.typeUrl === MsgUnjail.typeUrl)!;
    const msg = MsgUnjail.fromPartial({ validatorAddr });
    const invalid = handler.validate(msg);
    if (invalid) return invalid;
    const { ctx, cache } = this.context("finalize").branch();
    const result = handler.execute(ctx, msg);
    if (isError(result)) return result;
    cache.writeTo(this.state);
    return undefined;
  }

  exportGenesis(): unknown {
    return this.module.exportGenesis(this.context());
  }

  signingInfo(validator: ValidatorView) {
    return this.keeper.getSigningInfo(this.context(), validator.consensusAddress);
  }
}
