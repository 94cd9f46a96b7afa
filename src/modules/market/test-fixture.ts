/**
 * A chain for market tests: funded, KYC-attested accounts, invoices held whole and split into
 * fractions, all in the genesis of the real App (identity and assets modules included). Test-only
 * (excluded from the build); it knows nothing of the test harness, so signers are structural.
 */
import { QueryBalanceRequest, QueryBalanceResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import type { Event, RequestQuery, ResponseQuery } from "cosmjs-types/tendermint/abci/types";
import { InvestorClass } from "../../generated/persistence/identity/v1/requirement.js";
import {
  QueryOrderBookRequest,
  QueryOrderBookResponse,
  QueryOrderRequest,
  QueryOrderResponse,
  QueryRecentTradesRequest,
  QueryRecentTradesResponse,
} from "../../generated/persistence/market/v1/query.js";
import { MsgPlaceOrderResponse } from "../../generated/persistence/market/v1/tx.js";
import { Side, type Order, type Trade } from "../../generated/persistence/market/v1/types.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import { defaultAssetsGenesis } from "../assets/genesis.js";
import { MsgAttest, MsgFreeze, MsgUnfreeze } from "../identity/codecs.js";
import { MsgCancelOrderCodec, MsgPlaceOrderCodec } from "./codecs.js";

import { GENESIS_SECONDS, TEST_CHAIN_ID as CHAIN_ID } from "../../testing/app-harness.js";

export { CHAIN_ID, GENESIS_SECONDS };
export const MARKET_ADDRESS = encodeAddress(moduleAddress("market"));
export const FEE_COLLECTOR_ADDRESS = encodeAddress(moduleAddress("fee_collector"));
/** Where each block's begin-block moves the fees collected (distribution's account). */
export const DISTRIBUTION_ADDRESS = encodeAddress(moduleAddress("distribution"));
const ASSETS_ADDRESS = encodeAddress(moduleAddress("assets"));

/** The fraction denom assets gives invoice `id`. */
export const fractionDenom = (id: string) => `asset/invoice/${id}`;
export const nftBase = (id: string) => `nft:invoice/${id}`;

/** An account of the genesis: only its address matters there. */
export interface Account {
  readonly address: string;
}

export interface Signer extends Account {
  sign(options: {
    messages: readonly { typeUrl: string; value: Uint8Array }[];
    chainId: string;
    accountNumber: bigint;
    sequence: bigint;
    fee?: { amount: { denom: string; amount: string }[]; gas: bigint };
  }): Promise<Uint8Array>;
}

export interface WorldOptions {
  /** Every signer gets an account (numbered in this order) and `balance` uxprt and uusd. */
  signers: readonly Account[];
  balance?: bigint;
  /** Registered as KYC provider and compliance authority; never attested itself. */
  official: Account;
  /** Attested at KYC level 1 in DE, retail, as traders (invoices' holder requirement asks level 1); others are not. */
  verified: readonly Account[];
  /** Of the verified, those attested as not traders. */
  nonTraders?: readonly Account[];
  /** Whole invoices and their owners. */
  nfts?: readonly { id: string; owner: Account }[];
  /** Invoices split into fractions, and who holds how many units. */
  fractions?: readonly { id: string; holders: readonly (readonly [Account, bigint])[] }[];
}

const bytes32 = (seed: number) => Buffer.alloc(32, seed).toString("base64");

function invoice(id: string, owner: string, issuer: string, seed: number) {
  return {
    class_id: "invoice",
    id,
    owner,
    issuer,
    maintainer: issuer,
    status: "ASSET_STATUS_ISSUED",
    document_hash: bytes32(seed),
    properties: [
      { name: "face_value", amount_value: { denom: "uusd", amount: "1000000000" } },
      { name: "issue_date", timestamp_value: "2023-01-01T00:00:00Z" },
      { name: "due_date", timestamp_value: "2030-01-01T00:00:00Z" },
      { name: "obligor_commitment", hash32_value: bytes32(200 + seed) },
    ],
    issued_height: "1",
  };
}

/** The app_state of such a chain. */
export function marketWorld(options: WorldOptions): Record<string, unknown> {
  const balance = String(options.balance ?? 1_000_000_000n);
  const all = [...options.signers, options.official];
  const balances = new Map<string, { denom: string; amount: string }[]>(
    all.map((s) => [s.address, [{ denom: "uusd", amount: balance }, { denom: "uxprt", amount: balance }]]),
  );
  const assets = defaultAssetsGenesis() as Record<string, unknown>;
  const nfts = (options.nfts ?? []).map((n, i) => invoice(n.id, n.owner.address, options.official.address, i + 1));
  const split = (options.fractions ?? []).map((f, i) => invoice(f.id, ASSETS_ADDRESS, options.official.address, 100 + i));
  for (const fraction of options.fractions ?? []) {
    for (const [holder, units] of fraction.holders) balances.get(holder.address)!.unshift({ denom: fractionDenom(fraction.id), amount: String(units) });
  }
  return {
    auth: {
      accounts: all.map((s, i) => ({ "@type": "/cosmos.auth.v1beta1.BaseAccount", address: s.address, pub_key: null, account_number: String(i), sequence: "0" })),
    },
    bank: { balances: [...balances].map(([address, coins]) => ({ address, coins })) },
    identity: {
      providers: [{ address: options.official.address, name: "Test KYC" }],
      authorities: [{ address: options.official.address, name: "Test FIU" }],
      attestations: options.verified.map((s) => ({
        subject: s.address,
        provider: options.official.address,
        kyc_level: 1,
        jurisdiction: "DE",
        investor_class: "INVESTOR_CLASS_RETAIL",
        trader: !(options.nonTraders ?? []).some((n) => n.address === s.address),
        expiry: "2100-01-01T00:00:00Z",
        commitment: bytes32(7),
        issued_at: "2023-01-01T00:00:00Z",
        issued_height: "1",
      })),
    },
    assets: {
      ...assets,
      assets: [...nfts, ...split],
      fractions: (options.fractions ?? []).map((f) => ({
        denom: fractionDenom(f.id),
        class_id: "invoice",
        id: f.id,
        units: String(f.holders.reduce((sum, [, units]) => sum + units, 0n)),
      })),
    },
  };
}

export interface OrderOptions {
  base: string;
  side: "buy" | "sell";
  price: bigint;
  quantity: bigint;
  expiresAt?: bigint;
}

export const placeOrder = (owner: Account, o: OrderOptions) => ({
  typeUrl: MsgPlaceOrderCodec.typeUrl,
  value: MsgPlaceOrderCodec.encode({
    owner: owner.address,
    base: o.base,
    side: o.side === "buy" ? Side.SIDE_BUY : Side.SIDE_SELL,
    price: o.price.toString(),
    quantity: o.quantity.toString(),
    expiresAt: o.expiresAt === undefined ? undefined : { seconds: o.expiresAt, nanos: 0 },
  }).finish(),
});

export const cancelOrder = (owner: Account, orderId: bigint) => ({
  typeUrl: MsgCancelOrderCodec.typeUrl,
  value: MsgCancelOrderCodec.encode({ owner: owner.address, orderId }).finish(),
});

export const freeze = (authority: Account, account: Account) => ({
  typeUrl: MsgFreeze.typeUrl,
  value: MsgFreeze.encode({ authority: authority.address, address: account.address, reason: "AML hold" }).finish(),
});

/** Re-attests `subject` as the fixture's genesis does (KYC level 1, DE, retail), as a trader or not. */
export const attest = (provider: Account, subject: Account, trader: boolean) => ({
  typeUrl: MsgAttest.typeUrl,
  value: MsgAttest.encode({
    provider: provider.address,
    subject: subject.address,
    kycLevel: 1,
    jurisdiction: "DE",
    investorClass: InvestorClass.INVESTOR_CLASS_RETAIL,
    trader,
    expiry: { seconds: 4_102_444_800n, nanos: 0 },
    commitment: Buffer.alloc(32, 7),
  }).finish(),
});

export const unfreeze = (authority: Account, account: Account) => ({
  typeUrl: MsgUnfreeze.typeUrl,
  value: MsgUnfreeze.encode({ authority: authority.address, address: account.address }).finish(),
});

/** Signs txs for one account, counting its sequence. */
export class Wallet {
  private sequence = 0n;

  constructor(
    readonly signer: Signer,
    readonly accountNumber: bigint,
  ) {}

  get address(): string {
    return this.signer.address;
  }

  /** Forgets the last tx's sequence, for a tx refused before or in the ante step (its sequence does not advance). */
  rollback(): void {
    this.sequence--;
  }

  tx(...messages: { typeUrl: string; value: Uint8Array }[]): Promise<Uint8Array> {
    const sequence = this.sequence++;
    return this.signer.sign({ messages, chainId: CHAIN_ID, accountNumber: this.accountNumber, sequence, fee: { amount: [{ denom: "uxprt", amount: "10000" }], gas: 4_000_000n } });
  }
}

/** What the market tests read through the App's gRPC queries. */
export interface QueryApp {
  query(request: RequestQuery): Promise<ResponseQuery>;
}

interface Codec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
  fromPartial(object: never): T;
}

/** Runs a query; a failure comes back as its code and log instead of a response. */
export async function ask<Req, Res>(app: QueryApp, method: string, request: Codec<Req>, fields: object, response: Codec<Res>): Promise<Res | { code: number; log: string }> {
  const result = await app.query({ path: `/persistence.market.v1.Query/${method}`, data: request.encode(request.fromPartial(fields as never)).finish(), height: 0n, prove: false });
  return result.code === 0 ? response.decode(result.value) : { code: result.code, log: result.log };
}

export class MarketReader {
  constructor(private readonly app: QueryApp) {}

  async balance(address: string, denom: string): Promise<bigint> {
    const result = await this.app.query({
      path: "/cosmos.bank.v1beta1.Query/Balance",
      data: QueryBalanceRequest.encode({ address, denom }).finish(),
      height: 0n,
      prove: false,
    });
    return BigInt(QueryBalanceResponse.decode(result.value).balance!.amount);
  }

  async order(id: bigint): Promise<Order | undefined> {
    const result = await ask(this.app, "Order", QueryOrderRequest, { id }, QueryOrderResponse);
    return "order" in result ? result.order : undefined;
  }

  async book(base: string, side: "buy" | "sell", limit = 0): Promise<{ price: string; quantity: string; orders: number }[]> {
    const result = await ask(this.app, "OrderBook", QueryOrderBookRequest, { base, side: side === "buy" ? Side.SIDE_BUY : Side.SIDE_SELL, limit }, QueryOrderBookResponse);
    if (!("levels" in result)) throw new Error(result.log);
    return result.levels.map((l) => ({ price: l.price, quantity: l.quantity, orders: Number(l.orderCount) }));
  }

  async trades(base: string): Promise<Trade[]> {
    const result = await ask(this.app, "RecentTrades", QueryRecentTradesRequest, { base }, QueryRecentTradesResponse);
    if (!("trades" in result)) throw new Error(result.log);
    return result.trades;
  }
}

/** The attributes of each event of `type` (msg_index and mode left out). */
export function attributes(result: { events: Event[] }, type: string): Record<string, string>[] {
  return result.events
    .filter((e) => e.type === type)
    .map((e) => Object.fromEntries(e.attributes.filter((a) => a.key !== "msg_index" && a.key !== "mode").map((a) => [a.key, a.value])));
}

export function placeOrderResponse(result: { data: Uint8Array }): MsgPlaceOrderResponse {
  return MsgPlaceOrderResponse.decode(TxMsgData.decode(result.data).msgResponses[0]!.value);
}
