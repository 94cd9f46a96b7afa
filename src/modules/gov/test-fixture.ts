/**
 * Test helpers: the chain's real auth, bank, identity, assets and market modules over an
 * in-memory state, a tiny in-test staking (validators and delegations the test sets) and a tiny
 * community pool, with gov on top. Messages run like a tx's: validated, then executed in a
 * branch that a failure discards. Test-only.
 */
import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { CacheKV } from "../../store/cache-kv.js";
import { bytesToKey } from "../../store/bytes.js";
import type { KVReader } from "../../store/kv.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import { formatCoins, type Coin } from "../../types/coins.js";
import { Context, unmeteredGas } from "../../types/context.js";
import { ErrInsufficientFunds, type AppError } from "../../types/errors.js";
import type { AppModule, MsgHandler } from "../../types/module.js";
import { AssetsKeeper } from "../assets/keeper.js";
import { MODULE_NAME as ASSETS } from "../assets/keys.js";
import { assetsModule } from "../assets/module.js";
import { AccountKeeper } from "../auth/keeper.js";
import { FEE_COLLECTOR } from "../auth/keys.js";
import { authModule } from "../auth/module.js";
import { BankKeeper } from "../bank/keeper.js";
import { BURNER, MINTER } from "../bank/keys.js";
import { bankModule } from "../bank/module.js";
import { IdentityKeeper } from "../identity/keeper.js";
import { identityModule } from "../identity/module.js";
import { MarketKeeper } from "../market/keeper.js";
import { MARKET_ACCOUNT } from "../market/keys.js";
import { marketModule } from "../market/module.js";
import { runInBranch } from "./branch.js";
import type { GovDistributionKeeper, GovStakingKeeper, GovValidatorView } from "./expected-keepers.js";
import { GovKeeper } from "./keeper.js";
import { GOV_ACCOUNT } from "./keys.js";
import { govModule } from "./module.js";

const EMPTY: KVReader = { get: () => undefined, has: () => false, iterate: () => [] };
export const GENESIS_SECONDS = 1_700_000_000n;
const POOL = "test_community_pool";

/** An address made of one repeated byte. */
export const addr = (byte: number) => new Uint8Array(20).fill(byte);
export const bech = (byte: number) => encodeAddress(addr(byte));
export const GOV_ADDRESS = moduleAddress(GOV_ACCOUNT);

/** Staking reduced to what the tally reads; validators are bonded unless the test says otherwise. */
export class TinyStaking implements GovStakingKeeper {
  readonly validators: GovValidatorView[] = [];
  private readonly delegations = new Map<string, { operator: Uint8Array; shares: bigint }[]>();

  /** A validator whose shares equal its tokens until `tokens` says otherwise (a slash). */
  addValidator(operator: Uint8Array, tokens: bigint, delegatorShares = tokens, status = BondStatus.BOND_STATUS_BONDED): void {
    this.validators.push({ operator, tokens, delegatorShares, status });
  }

  delegate(delegator: Uint8Array, operator: Uint8Array, shares: bigint): void {
    const list = this.delegations.get(bytesToKey(delegator)) ?? [];
    list.push({ operator, shares });
    this.delegations.set(bytesToKey(delegator), list);
  }

  bondDenom(): string {
    return "uxprt";
  }

  bondedValidatorsByPower(): GovValidatorView[] {
    return this.validators.filter((v) => v.status === BondStatus.BOND_STATUS_BONDED);
  }

  delegatorDelegations(_ctx: Context, delegator: Uint8Array): { operator: Uint8Array; shares: bigint }[] {
    return this.delegations.get(bytesToKey(delegator)) ?? [];
  }

  totalBondedTokens(): bigint {
    return this.bondedValidatorsByPower().reduce((sum, v) => sum + v.tokens, 0n);
  }

  tokensFromShares(validator: GovValidatorView, shares: bigint): bigint {
    return validator.delegatorShares === 0n ? 0n : (shares * validator.tokens) / validator.delegatorShares;
  }
}

/** The chain's modules with gov, one in-memory state, and blocks one second apart. */
export class GovWorld {
  readonly state = new CacheKV(EMPTY);
  readonly staking = new TinyStaking();
  readonly bank: BankKeeper;
  readonly market: MarketKeeper;
  readonly gov: GovKeeper;
  readonly modules: AppModule[];
  seconds = GENESIS_SECONDS;
  private readonly handlers: Map<string, MsgHandler>;

  constructor(options: { withDistribution?: boolean } = {}) {
    const accounts = new AccountKeeper({ [FEE_COLLECTOR]: [], [ASSETS]: [MINTER, BURNER], [MARKET_ACCOUNT]: [], [GOV_ACCOUNT]: [BURNER], [POOL]: [] });
    const bank = new BankKeeper(accounts);
    const identity = new IdentityKeeper();
    const assets = new AssetsKeeper(bank, identity);
    this.bank = bank;
    this.market = new MarketKeeper(bank, identity, assets);
    const distribution: GovDistributionKeeper = {
      distributeFromCommunityPool: (ctx, coins, recipient) =>
        coins.every((c) => bank.getBalance(ctx, moduleAddress(POOL), c.denom) >= c.amount)
          ? bank.sendCoinsFromModuleToAccount(ctx, POOL, recipient, coins)
          : ErrInsufficientFunds.wrap(`community pool does not have ${formatCoins(coins)}`),
    };
    const modules: AppModule[] = [];
    this.gov = new GovKeeper({
      bank,
      staking: this.staking,
      distribution: options.withDistribution === false ? undefined : distribution,
      params: (subspace) => modules.find((m) => m.name === subspace)?.params,
    });
    modules.push(authModule(accounts), bankModule(bank), identityModule(identity), assetsModule(assets), marketModule(this.market), govModule(this.gov, bank));
    this.modules = modules;
    this.handlers = new Map(modules.flatMap((m) => m.messages).map((h) => [h.type.typeUrl, h]));
  }

  /** Genesis for these modules; `balances` funds accounts (the community pool too, by module name). */
  init(genesis: Record<string, unknown> = {}, balances: { address: Uint8Array; coins: Coin[] }[] = []): AppError | undefined {
    const ctx = new Context(this.block(), "genesis", this.state, unmeteredGas());
    for (const { address, coins } of balances) {
      for (const coin of coins) {
        this.bank.setBalance(ctx, address, coin);
        this.bank.setSupply(ctx, coin.denom, this.bank.getSupply(ctx, coin.denom) + coin.amount);
      }
    }
    for (const module of this.modules) {
      if (module.name === "bank") continue;
      const error = module.initGenesis(ctx, genesis[module.name] ?? module.defaultGenesis());
      if (error) return error;
    }
    return undefined;
  }

  private block() {
    return { height: this.seconds - GENESIS_SECONDS + 1n, time: { seconds: this.seconds, nanos: 0 }, chainId: "gov-test" };
  }

  ctx(): Context {
    return new Context(this.block(), "finalize", this.state, unmeteredGas());
  }

  /** Runs one message as a tx would: stateless checks, then execution whose writes a failure discards. Returns its events or the error. */
  tx(message: { typeUrl: string; value: unknown }): AppError | Context["events"]["events"] {
    const handler = this.handlers.get(message.typeUrl);
    if (!handler) throw new Error(`no handler for ${message.typeUrl}`);
    const invalid = handler.validate(message.value);
    if (invalid) return invalid;
    const ctx = this.ctx();
    const error = runInBranch(ctx, (branch) => {
      const result = handler.execute(branch, message.value);
      return "kind" in result ? result : undefined;
    });
    return error ?? ctx.events.events;
  }

  /** Moves time forward and runs gov's EndBlock; returns its events. */
  advance(seconds: bigint): Context["events"]["events"] {
    this.seconds += seconds;
    const ctx = new Context(this.block(), "block", this.state, unmeteredGas());
    this.gov.endBlock(ctx);
    return ctx.events.events;
  }

  balance(address: Uint8Array, denom = "uxprt"): bigint {
    return this.bank.getBalance(this.ctx(), address, denom);
  }

  supply(denom = "uxprt"): bigint {
    return this.bank.getSupply(this.ctx(), denom);
  }

  /** Every key and value of the state, to check that a rejected message changed nothing. */
  snapshot(): string {
    return JSON.stringify([...this.state.iterate()].map(([k, v]) => [bytesToKey(k), bytesToKey(v)]));
  }
}

export const POOL_ADDRESS = moduleAddress(POOL);
