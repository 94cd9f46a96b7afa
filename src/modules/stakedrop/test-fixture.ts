/**
 * Helpers for stakedrop tests: Cosmos Hub stakers as CosmJS amino wallets (what Keplr signs
 * with), ADR-036 claim signatures, a funded campaign genesis, and readers of the App's queries.
 * Test-only; it knows nothing of the test harness, so signers are structural.
 */
import { makeCosmoshubPath, Secp256k1HdWallet } from "@cosmjs/amino";
import { fromBase64 } from "@cosmjs/encoding";
import { QueryBalanceRequest, QueryBalanceResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { QueryCommunityPoolRequest, QueryCommunityPoolResponse } from "cosmjs-types/cosmos/distribution/v1beta1/query";
import type { Event, RequestQuery, ResponseQuery } from "cosmjs-types/tendermint/abci/types";
import {
  QueryAllocationRequest,
  QueryAllocationResponse,
  QueryAllocationsRequest,
  QueryAllocationsResponse,
  QueryCampaignRequest,
  QueryCampaignResponse,
} from "../../generated/persistence/stakedrop/v1/query.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { adr036SignDoc, claimMessage } from "./adr036.js";
import { MsgClaimCodec } from "./codecs.js";
import { withCampaign, type CampaignOptions } from "./genesis-builder.js";
import type { StakedropParams } from "./params.js";
import type { SnapshotFile } from "./snapshot-file.js";

import { GENESIS_SECONDS, TEST_CHAIN_ID as CHAIN_ID } from "../../testing/app-harness.js";

export { CHAIN_ID, GENESIS_SECONDS };
/** The community pool lives in the distribution module account. */
export const COMMUNITY_POOL_ADDRESS = encodeAddress(moduleAddress("distribution"));
export const FEE_COLLECTOR_ADDRESS = encodeAddress(moduleAddress("fee_collector"));

export { STAKEDROP_ADDRESS } from "./genesis-builder.js";

/** The public mnemonic the stakers' keys derive from (m/44'/118'/0'/0/i). */
const STAKER_MNEMONIC = "dose area afford buzz carry estate problem month edit radio usual vapor please park wire parrot vault traffic palm one uphold mercy head timber";

/** A Cosmos Hub staker's key, in a CosmJS amino wallet, as Keplr holds it. */
export interface Staker {
  readonly address: string;
  readonly pubkey: Uint8Array;
  readonly wallet: Secp256k1HdWallet;
}

/** `count` stakers with distinct keys: cosmos1… addresses. */
export async function makeStakers(count: number): Promise<Staker[]> {
  const wallet = await Secp256k1HdWallet.fromMnemonic(STAKER_MNEMONIC, { prefix: "cosmos", hdPaths: Array.from({ length: count }, (_, i) => makeCosmoshubPath(i)) });
  return (await wallet.getAccounts()).map((account) => ({ address: account.address, pubkey: account.pubkey, wallet }));
}

/** What Keplr's signArbitrary(chainId, staker, message) returns, decoded: the staker's key and its ADR-036 signature. */
export async function signArbitrary(staker: Staker, message: string): Promise<{ pubkey: Uint8Array; signature: Uint8Array }> {
  const { signature } = await staker.wallet.signAmino(staker.address, adr036SignDoc(staker.address, message));
  return { pubkey: fromBase64(signature.pub_key.value as string), signature: fromBase64(signature.signature) };
}

export interface ClaimFields {
  sender: string;
  cosmosAddress: string;
  pubkey: Uint8Array;
  signature: Uint8Array;
  receiver: string;
}

export const claimMsg = (fields: ClaimFields) => ({ typeUrl: MsgClaimCodec.typeUrl, value: MsgClaimCodec.encode(fields).finish() });

/** A claim as a staker makes it: signing the claim message that names `receiver` on CHAIN_ID. */
export async function claimBy(staker: Staker, sender: string, receiver: string): Promise<ClaimFields> {
  const { pubkey, signature } = await signArbitrary(staker, claimMessage(CHAIN_ID, receiver));
  return { sender, cosmosAddress: staker.address, pubkey, signature, receiver };
}

/** A snapshot with checkpoints at the given offsets (seconds) from 2024-01-01 and the end after them. */
export function snapshotOf(rows: readonly (readonly [string, readonly bigint[]])[], offsets: readonly number[], end: number): SnapshotFile {
  const time = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * 1000).toISOString().replace(".000Z", "Z");
  return { checkpoints: offsets.map(time), end: time(end), stakers: rows.map(([address, stakes]) => ({ address, stakes: stakes.map(String) })) };
}

/** An RFC 3339 time `offset` seconds after genesis: the harness's block h is at offset h. */
export const afterGenesis = (offset: number) => new Date(Number(GENESIS_SECONDS + BigInt(offset)) * 1000).toISOString().replace(".000Z", "Z");

/** An app_state whose first account funds the campaign from its genesis balance. */
export function campaignWorld(appState: Record<string, unknown>, options: CampaignOptions & { params: StakedropParams }): Record<string, unknown> {
  const world = withCampaign(appState, options);
  if (isError(world)) throw new Error(world.log);
  return world;
}

/** Signs txs for one account, counting its sequence. */
export class Wallet {
  private sequence = 0n;

  constructor(
    readonly signer: {
      address: string;
      sign(options: { messages: readonly { typeUrl: string; value: Uint8Array }[]; chainId: string; accountNumber: bigint; sequence: bigint }): Promise<Uint8Array>;
    },
    readonly accountNumber: bigint,
  ) {}

  get address(): string {
    return this.signer.address;
  }

  /** Forgets the last tx's sequence, for a tx refused before the ante step (statelessly invalid). */
  rollback(): void {
    this.sequence--;
  }

  tx(...messages: { typeUrl: string; value: Uint8Array }[]): Promise<Uint8Array> {
    return this.signer.sign({ messages, chainId: CHAIN_ID, accountNumber: this.accountNumber, sequence: this.sequence++ });
  }
}

/** What the tests read through the App's gRPC queries. */
export interface QueryApp {
  query(request: RequestQuery): Promise<ResponseQuery>;
}

interface Codec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
  fromPartial(object: never): T;
}

async function ask<Req, Res>(app: QueryApp, path: string, request: Codec<Req>, fields: object, response: Codec<Res>): Promise<Res | { code: number; log: string }> {
  const result = await app.query({ path, data: request.encode(request.fromPartial(fields as never)).finish(), height: 0n, prove: false });
  return result.code === 0 ? response.decode(result.value) : { code: result.code, log: result.log };
}

const SERVICE = "/persistence.stakedrop.v1.Query";

export class StakedropReader {
  constructor(private readonly app: QueryApp) {}

  async balance(address: string, denom = "uxprt"): Promise<bigint> {
    const result = await ask(this.app, "/cosmos.bank.v1beta1.Query/Balance", QueryBalanceRequest, { address, denom }, QueryBalanceResponse);
    if ("code" in result) throw new Error(result.log);
    return BigInt(result.balance!.amount);
  }

  /** The community pool's whole uxprt (distribution's CommunityPool query). */
  async communityPool(): Promise<bigint> {
    const result = await ask(this.app, "/cosmos.distribution.v1beta1.Query/CommunityPool", QueryCommunityPoolRequest, {}, QueryCommunityPoolResponse);
    if ("code" in result) throw new Error(result.log);
    return BigInt(result.pool.find((c) => c.denom === "uxprt")?.amount ?? "0") / 10n ** 18n;
  }

  campaign() {
    return ask(this.app, `${SERVICE}/Campaign`, QueryCampaignRequest, {}, QueryCampaignResponse);
  }

  allocation(cosmosAddress: string) {
    return ask(this.app, `${SERVICE}/Allocation`, QueryAllocationRequest, { cosmosAddress }, QueryAllocationResponse);
  }

  allocations(pagination: object = {}) {
    return ask(this.app, `${SERVICE}/Allocations`, QueryAllocationsRequest, { pagination }, QueryAllocationsResponse);
  }
}

/** The attributes of each event of `type` (msg_index and mode left out). */
export function attributes(result: { events: Event[] }, type: string): Record<string, string>[] {
  return result.events
    .filter((e) => e.type === type)
    .map((e) => Object.fromEntries(e.attributes.filter((a) => a.key !== "msg_index" && a.key !== "mode").map((a) => [a.key, a.value])));
}
