import { Metadata, Params } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import { bytesToKey, concatBytes, utf8 } from "../../store/bytes.js";
import type { Rebase } from "../../store/cache-kv.js";
import type { KVStore } from "../../store/kv.js";
import { PrefixKV } from "../../store/prefix-kv.js";
import { encodeAddress } from "../../types/address.js";
import { formatCoin, formatCoins, type Coin } from "../../types/coins.js";
import type { Context } from "../../types/context.js";
import { DecodeMemo } from "../../types/decode-memo.js";
import { ErrInsufficientFunds, ErrUnauthorized, type AppError } from "../../types/errors.js";
import type { BankAccountKeeper } from "./expected-keepers.js";
import {
  BALANCES_PREFIX,
  BANK_STORE,
  BURNER,
  DENOM_METADATA_PREFIX,
  MINTER,
  PARAMS_KEY,
  SEND_ENABLED_PREFIX,
  SUPPLY_PREFIX,
  accountBalancesPrefix,
  balanceKey,
} from "./keys.js";
import { encodeProto } from "../../types/proto.js";

export const DEFAULT_BANK_PARAMS: Params = { sendEnabled: [], defaultSendEnabled: true };

/** Amounts are stored as decimal strings, as the Cosmos SDK stores math.Int. */
function encodeAmount(amount: bigint): Uint8Array {
  return utf8(amount.toString());
}

function decodeAmount(bytes: Uint8Array): bigint {
  return BigInt(bytesToKey(bytes));
}

/** Carries a debit of `amount` over to the balance there is now (see `feeDebitRebases`). */
function debitRebase(amount: bigint): Rebase {
  return (current, read, written) => {
    if (!current || !read || !written || decodeAmount(read) - amount !== decodeAmount(written)) return undefined;
    const left = decodeAmount(current) - amount;
    // Nothing left would delete the balance, which costs other gas than a write.
    if (left <= 0n) return undefined;
    const next = encodeAmount(left);
    return current.length === read.length && next.length === written.length ? next : undefined;
  };
}

/** Read-only view of balances and supply: what most modules need. */
export interface BankViewKeeper {
  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint;
  getAllBalances(ctx: Context, address: Uint8Array): Coin[];
  getSupply(ctx: Context, denom: string): bigint;
}

/** Moving coins between accounts and module accounts. */
export interface BankSendKeeper extends BankViewKeeper {
  sendCoins(ctx: Context, from: Uint8Array, to: Uint8Array, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromAccountToModule(ctx: Context, from: Uint8Array, module: string, coins: readonly Coin[]): AppError | undefined;
  chargeForModule(ctx: Context, from: Uint8Array, module: string, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, coins: readonly Coin[]): AppError | undefined;
  sendCoinsFromModuleToModule(ctx: Context, from: string, to: string, coins: readonly Coin[]): AppError | undefined;
}

/** Creating and destroying coins, for modules whose account holds the minter / burner permission. */
/**
 * A rule another module sets on transfers (as the Cosmos SDK's send restrictions): the assets
 * module, for instance, lets fractions of a compliance-gated asset move only between accounts
 * that pass its checks. Runs on every transfer between accounts, module accounts included; mints
 * and burns are not transfers.
 */
export type SendRestriction = (ctx: Context, from: Uint8Array, to: Uint8Array, coins: readonly Coin[]) => AppError | undefined;

export interface BankMintKeeper extends BankSendKeeper {
  mintCoins(ctx: Context, module: string, coins: readonly Coin[]): AppError | undefined;
  burnCoins(ctx: Context, module: string, coins: readonly Coin[]): AppError | undefined;
}

/** Balances, supply, denom metadata and send permissions (x/bank). */
export class BankKeeper implements BankMintKeeper {
  private readonly params = new DecodeMemo(Params);

  private readonly sendRestrictions: SendRestriction[] = [];

  constructor(private readonly accounts: BankAccountKeeper) {}

  /** Adds a rule every later transfer must pass; rules run in the order they were added. */
  appendSendRestriction(restriction: SendRestriction): void {
    this.sendRestrictions.push(restriction);
  }

  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint {
    const bytes = ctx.kv(BANK_STORE).get(concatBytes(BALANCES_PREFIX, balanceKey(address, denom)));
    return bytes ? decodeAmount(bytes) : 0n;
  }

  getAllBalances(ctx: Context, address: Uint8Array): Coin[] {
    return [...this.accountBalances(ctx, address).iterate()].map(([denom, amount]) => ({ denom: bytesToKey(denom), amount: decodeAmount(amount) }));
  }

  /** The balances of one account, keyed by denom. */
  accountBalances(ctx: Context, address: Uint8Array): KVStore {
    return new PrefixKV(this.balances(ctx), accountBalancesPrefix(address));
  }

  /** All balances, keyed by length-prefixed address then denom. */
  balances(ctx: Context): KVStore {
    return new PrefixKV(ctx.kv(BANK_STORE), BALANCES_PREFIX);
  }

  getSupply(ctx: Context, denom: string): bigint {
    const bytes = this.supplies(ctx).get(utf8(denom));
    return bytes ? decodeAmount(bytes) : 0n;
  }

  /** Total supply per denom, keyed by denom. */
  supplies(ctx: Context): KVStore {
    return new PrefixKV(ctx.kv(BANK_STORE), SUPPLY_PREFIX);
  }

  setSupply(ctx: Context, denom: string, amount: bigint): void {
    if (amount === 0n) this.supplies(ctx).delete(utf8(denom));
    else this.supplies(ctx).set(utf8(denom), encodeAmount(amount));
  }

  sendCoins(ctx: Context, from: Uint8Array, to: Uint8Array, coins: readonly Coin[]): AppError | undefined {
    return this.transfer(ctx, from, to, coins, true);
  }

  sendCoinsFromAccountToModule(ctx: Context, from: Uint8Array, module: string, coins: readonly Coin[]): AppError | undefined {
    return this.sendCoins(ctx, from, this.moduleAccountAddress(ctx, module), coins);
  }

  /**
   * {@link sendCoinsFromAccountToModule} without crediting the module's balance: the same checks,
   * debit and events. CheckTx charges fees this way. Nothing a check runs can read a module
   * account's balance, and a check that touches no balance every other tx credits depends only on
   * its own sender, so the recheck after a block can reuse it when the block left that alone.
   */
  chargeForModule(ctx: Context, from: Uint8Array, module: string, coins: readonly Coin[]): AppError | undefined {
    return this.transfer(ctx, from, this.moduleAccountAddress(ctx, module), coins, false);
  }

  /**
   * For a recheck that replays a passed check (`CacheKV.replay`): how the fee that check debited
   * carries over to the payer's balances once a block has spent from them, by their keys in the
   * app's state. A debit carries over when the balance still covers the fee with something left
   * and its decimal form keeps the lengths the check paid gas for, so that checking again would
   * end the same way.
   */
  feeDebitRebases(payer: Uint8Array, fee: readonly Coin[]): Map<string, Rebase> {
    return new Map(fee.map((coin) => [bytesToKey(concatBytes(BANK_STORE.prefix, BALANCES_PREFIX, balanceKey(payer, coin.denom))), debitRebase(coin.amount)]));
  }

  private transfer(ctx: Context, from: Uint8Array, to: Uint8Array, coins: readonly Coin[], credit: boolean): AppError | undefined {
    for (const restriction of this.sendRestrictions) {
      const refused = restriction(ctx, from, to, coins);
      if (refused) return refused;
    }
    const error = this.subtractCoins(ctx, from, coins);
    if (error) return error;
    if (credit) this.addCoins(ctx, to, coins);
    else this.emitReceived(ctx, to, coins);
    if (!this.accounts.hasAccount(ctx, to)) this.accounts.createAccount(ctx, to);
    const amount = formatCoins(coins);
    ctx.events.emit("transfer", { recipient: encodeAddress(to), sender: encodeAddress(from), amount });
    ctx.events.emit("message", { sender: encodeAddress(from) });
    return undefined;
  }

  sendCoinsFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, coins: readonly Coin[]): AppError | undefined {
    return this.sendCoins(ctx, this.accounts.moduleAddress(module), to, coins);
  }

  sendCoinsFromModuleToModule(ctx: Context, from: string, to: string, coins: readonly Coin[]): AppError | undefined {
    return this.sendCoins(ctx, this.accounts.moduleAddress(from), this.moduleAccountAddress(ctx, to), coins);
  }

  /** A module account's address, creating the account on first use without decoding it after. */
  private moduleAccountAddress(ctx: Context, module: string): Uint8Array {
    const address = this.accounts.moduleAddress(module);
    if (!this.accounts.hasAccount(ctx, address)) this.accounts.getModuleAccount(ctx, module);
    return address;
  }

  mintCoins(ctx: Context, module: string, coins: readonly Coin[]): AppError | undefined {
    const account = this.accounts.getModuleAccount(ctx, module);
    if (!account.module?.permissions.includes(MINTER)) return ErrUnauthorized.wrap(`module account ${module} does not have permissions to mint tokens`);
    this.addCoins(ctx, account.address, coins);
    for (const coin of coins) this.setSupply(ctx, coin.denom, this.getSupply(ctx, coin.denom) + coin.amount);
    ctx.events.emit("coinbase", { minter: encodeAddress(account.address), amount: formatCoins(coins) });
    return undefined;
  }

  burnCoins(ctx: Context, module: string, coins: readonly Coin[]): AppError | undefined {
    const account = this.accounts.getModuleAccount(ctx, module);
    if (!account.module?.permissions.includes(BURNER)) return ErrUnauthorized.wrap(`module account ${module} does not have permissions to burn tokens`);
    const error = this.subtractCoins(ctx, account.address, coins);
    if (error) return error;
    for (const coin of coins) this.setSupply(ctx, coin.denom, this.getSupply(ctx, coin.denom) - coin.amount);
    ctx.events.emit("burn", { burner: encodeAddress(account.address), amount: formatCoins(coins) });
    return undefined;
  }

  /** Whether users may send coins to `address` (module accounts are blocked, as in the Cosmos SDK). */
  isBlockedRecipient(address: Uint8Array): boolean {
    return this.accounts.isModuleAddress(address);
  }

  isSendEnabled(ctx: Context, denom: string): boolean {
    const flag = ctx.kv(BANK_STORE).get(concatBytes(SEND_ENABLED_PREFIX, utf8(denom)));
    return flag ? flag[0] === 1 : this.getParams(ctx).defaultSendEnabled;
  }

  setSendEnabled(ctx: Context, denom: string, enabled: boolean): void {
    ctx.kv(BANK_STORE).set(concatBytes(SEND_ENABLED_PREFIX, utf8(denom)), Uint8Array.of(enabled ? 1 : 0));
  }

  getParams(ctx: Context): Params {
    const bytes = ctx.kv(BANK_STORE).get(PARAMS_KEY);
    return bytes ? this.params.decode(bytes) : DEFAULT_BANK_PARAMS;
  }

  setParams(ctx: Context, params: Params): void {
    ctx.kv(BANK_STORE).set(PARAMS_KEY, encodeProto(Params, params));
  }

  getDenomMetadata(ctx: Context, denom: string): Metadata | undefined {
    const bytes = this.denomMetadata(ctx).get(utf8(denom));
    return bytes ? Metadata.decode(bytes) : undefined;
  }

  setDenomMetadata(ctx: Context, metadata: Metadata): void {
    this.denomMetadata(ctx).set(utf8(metadata.base), encodeProto(Metadata, metadata));
  }

  /** Denom metadata, keyed by base denom. */
  denomMetadata(ctx: Context): KVStore {
    return new PrefixKV(ctx.kv(BANK_STORE), DENOM_METADATA_PREFIX);
  }

  /** Sets a balance directly (genesis import); zero balances are not stored. */
  setBalance(ctx: Context, address: Uint8Array, coin: Coin): void {
    const balances = this.accountBalances(ctx, address);
    if (coin.amount === 0n) balances.delete(utf8(coin.denom));
    else balances.set(utf8(coin.denom), encodeAmount(coin.amount));
  }

  private subtractCoins(ctx: Context, address: Uint8Array, coins: readonly Coin[]): AppError | undefined {
    for (const coin of coins) {
      const balance = this.getBalance(ctx, address, coin.denom);
      if (balance < coin.amount) {
        return ErrInsufficientFunds.wrap(`spendable balance ${formatCoin({ denom: coin.denom, amount: balance })} is smaller than ${formatCoin(coin)}`);
      }
      this.setBalance(ctx, address, { denom: coin.denom, amount: balance - coin.amount });
    }
    ctx.events.emit("coin_spent", { spender: encodeAddress(address), amount: formatCoins(coins) });
    return undefined;
  }

  private addCoins(ctx: Context, address: Uint8Array, coins: readonly Coin[]): void {
    for (const coin of coins) this.setBalance(ctx, address, { denom: coin.denom, amount: this.getBalance(ctx, address, coin.denom) + coin.amount });
    this.emitReceived(ctx, address, coins);
  }

  private emitReceived(ctx: Context, address: Uint8Array, coins: readonly Coin[]): void {
    ctx.events.emit("coin_received", { receiver: encodeAddress(address), amount: formatCoins(coins) });
  }
}
