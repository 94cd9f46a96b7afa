/**
 * A node process driven through CosmJS for end-to-end tests: the home, the process, the signing
 * client over the devnet mnemonic's accounts and the Comet client, opened and closed as one.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import type { EncodeObject, Registry } from "@cosmjs/proto-signing";
import { GasPrice, QueryClient, SigningStargateClient, type DeliverTxResponse, type Event, type StdFee } from "@cosmjs/stargate";
import { connectComet, type CometClient } from "@cosmjs/tendermint-rpc";
import { expect } from "vitest";
import { devnetWallet } from "../cli/devnet-accounts.js";
import { persistenceRegistry } from "../client/registry.js";
import { InvestorClass } from "../generated/persistence/identity/v1/requirement.js";
import { MsgAttest } from "../modules/identity/codecs.js";
import { fromHex } from "../store/bytes.js";
import { ensureCliBuilt, startNodeProcess, stopNodeProcess } from "./cli-process.js";

export interface DevnetSessionOptions {
  /** How many of the devnet mnemonic's accounts (HD indexes 0, 1, …) the wallet signs for. */
  accounts: number;
  /** The prefix of the temporary home directory's name. */
  homePrefix: string;
  /**
   * Without it the node runs `persistence devnet`; with it, `prepare` writes the home (init,
   * genesis edits) for the wallet's addresses and the node runs `persistence start` with `env`.
   */
  home?: { prepare(home: string, addresses: readonly string[]): Promise<void>; env?: Record<string, string> };
  /** The signing client's registry; persistenceRegistry() unless given. */
  registry?: Registry;
}

/** The protobuf codecs of an ABCI query's request and response, as ts-proto generates them. */
interface RequestCodec<Req> {
  encode(message: Req): { finish(): Uint8Array };
  fromPartial(object: object): Req;
}
interface ResponseCodec<Res> {
  decode(bytes: Uint8Array): Res;
}

export interface DevnetSession {
  /** The wallet's addresses, in HD index order. */
  addresses: string[];
  rpc: string;
  client: SigningStargateClient;
  /** The Comet client, for blocks, txs and query clients with CosmJS's extensions. */
  comet: CometClient;
  /** Signs and broadcasts with simulated gas, expecting the tx to succeed. */
  submit(signer: string, messages: EncodeObject[]): Promise<DeliverTxResponse>;
  /** Broadcasts with a fixed fee (simulation would fail) and returns the committed result's code, codespace and log. */
  refuse(signer: string, messages: EncodeObject[], fee: StdFee): Promise<{ code: number; codespace: string; log: string }>;
  balance(address: string, denom: string): Promise<bigint>;
  /** The header time of a block in whole seconds: the clock interest and epochs run on. */
  blockSeconds(height: number): Promise<bigint>;
  /** The latest block's header time in whole seconds. */
  latestBlockSeconds(): Promise<bigint>;
  /** Runs a gRPC query over abci_query, encoding `fields` with `request` and decoding the answer with `response`. */
  query<Req, Res>(path: string, request: RequestCodec<Req>, fields: object, response: ResponseCodec<Res>): Promise<Res>;
  /** Disconnects the clients, stops the node and removes its home. */
  close(): Promise<void>;
}

const GAS_PRICE = GasPrice.fromString("0.0025uxprt");

/** Builds the CLI if needed, starts a node on a fresh home and connects CosmJS to it; on failure, leaves nothing behind. */
export async function openDevnetSession(options: DevnetSessionOptions): Promise<DevnetSession> {
  await ensureCliBuilt();
  const home = mkdtempSync(join(tmpdir(), options.homePrefix));
  let node: ChildProcessWithoutNullStreams | undefined;
  let client: SigningStargateClient | undefined;
  let comet: CometClient | undefined;
  const close = async () => {
    client?.disconnect();
    comet?.disconnect();
    await stopNodeProcess(node);
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const wallet = await devnetWallet(options.accounts);
    const addresses = (await wallet.getAccounts()).map((a) => a.address);
    if (options.home) await options.home.prepare(home, addresses);
    const started = options.home ? await startNodeProcess("start", home, { env: options.home.env ?? {} }) : await startNodeProcess("devnet", home);
    node = started.child;
    const { rpc } = started;
    const signing = await SigningStargateClient.connectWithSigner(rpc, wallet, { registry: options.registry ?? persistenceRegistry(), gasPrice: GAS_PRICE, broadcastPollIntervalMs: 100 });
    client = signing;
    const cometClient = await connectComet(rpc);
    comet = cometClient;
    const queries = new QueryClient(cometClient);
    return {
      addresses,
      rpc,
      client: signing,
      comet: cometClient,
      submit: async (signer, messages) => expectSuccess(await signing.signAndBroadcast(signer, messages, "auto")),
      refuse: async (signer, messages, fee) => {
        const result = await signing.signAndBroadcast(signer, messages, fee);
        const { code, codespace, log } = (await cometClient.tx({ hash: fromHex(result.transactionHash) })).result;
        return { code, codespace: codespace ?? "", log: log ?? "" };
      },
      balance: async (address, denom) => BigInt((await signing.getBalance(address, denom)).amount),
      blockSeconds: async (height) => BigInt(Math.floor((await cometClient.block(height)).block.header.time.getTime() / 1000)),
      latestBlockSeconds: async () => BigInt(Math.floor(Date.parse((await signing.getBlock()).header.time) / 1000)),
      query: async (path, request, fields, response) => response.decode((await queries.queryAbci(path, request.encode(request.fromPartial(fields)).finish())).value),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Expects a delivered tx to have succeeded, showing its log otherwise; returns it. */
export function expectSuccess(result: DeliverTxResponse): DeliverTxResponse {
  expect(result.code, result.rawLog).toBe(0);
  return result;
}

/** The tx's first message response, decoded with the message's response codec. */
export function firstResponse<T>(result: DeliverTxResponse, codec: ResponseCodec<T>): T {
  return codec.decode(result.msgResponses[0]!.value);
}

/** The attributes of every event of `type`, each as a key → value record, in emission order. */
export function eventAttributes(events: readonly Event[], type: string): Record<string, string>[] {
  return events.filter((e) => e.type === type).map((e) => Object.fromEntries(e.attributes.map((a) => [a.key, a.value])));
}

/**
 * A KYC provider's MsgAttest: `subject` a professional trader in Germany at KYC level 2 until
 * `expirySeconds`; on chain only a commitment to the record, by default the hash of its name.
 */
export function professionalAttestation(provider: string, subject: string, expirySeconds: bigint, commitment = createHash("sha256").update(`kyc record of ${subject}`).digest()): EncodeObject {
  return {
    typeUrl: MsgAttest.typeUrl,
    value: MsgAttest.fromPartial({
      provider,
      subject,
      kycLevel: 2,
      jurisdiction: "DE",
      investorClass: InvestorClass.INVESTOR_CLASS_PROFESSIONAL,
      trader: true,
      expiry: { seconds: expirySeconds, nanos: 0 },
      commitment,
    }),
  };
}
