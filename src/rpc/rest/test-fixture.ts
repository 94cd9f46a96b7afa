import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { BaseAccount, ModuleAccount, Params as AuthParams } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import * as authQuery from "cosmjs-types/cosmos/auth/v1beta1/query";
import { Metadata, Params as BankParams } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import * as bankQuery from "cosmjs-types/cosmos/bank/v1beta1/query";
import { MsgSend, MsgSendResponse } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import type { PageRequest } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import type { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { SimulateRequest, SimulateResponse } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { AuthInfo, Tx, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import {
  Event,
  ExecTxResult,
  RequestQuery,
  ResponseCheckTx,
  ResponseInfo,
  ResponseQuery,
} from "cosmjs-types/tendermint/abci/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import type { IndexedTx, NodeInfo, StoredBlock, SyncInfo, TxSearchRequest, TxSearchResult } from "../../node/api.js";
import { sha256 } from "../../store/hash.js";
import type { RestNode } from "./route.js";
import { startRestServer, type RestServer } from "./server.js";

/**
 * A RestNode over fixed in-memory chain data, for the REST API tests only. Its `abciQuery`
 * decodes real cosmjs-types requests and answers with protobuf-encoded responses, or fails as
 * the app does: a registered error whose log starts with the gRPC status.
 */

export const CHAIN_ID = "persistence-local-1";

export function testAddress(seed: number): string {
  return toBech32("persistence", new Uint8Array(20).fill(seed));
}

export const ALICE = testAddress(1);
export const BOB = testAddress(2);
export const FEE_COLLECTOR = testAddress(9);
export const ALICE_PUBKEY = new Uint8Array([2, ...new Uint8Array(32).fill(7)]);
export const PROPOSER_ADDRESS = new Uint8Array(20).fill(0xab);

const ALICE_BALANCES: Coin[] = [
  { denom: "uusd", amount: "2500000" },
  { denom: "uxprt", amount: "1000000" },
];

const XPRT_METADATA = Metadata.fromPartial({
  description: "The staking and fee token of Persistence",
  denomUnits: [
    { denom: "uxprt", exponent: 0, aliases: [] },
    { denom: "xprt", exponent: 6, aliases: [] },
  ],
  base: "uxprt",
  display: "xprt",
  name: "Persistence",
  symbol: "XPRT",
});

/** A MsgSend from ALICE to BOB, signed with a placeholder signature (nothing here verifies it). */
export function sendTxBytes(memo: string): Uint8Array {
  const message = MsgSend.fromPartial({ fromAddress: ALICE, toAddress: BOB, amount: [{ denom: "uxprt", amount: "1000" }] });
  const body = TxBody.fromPartial({ messages: [{ typeUrl: MsgSend.typeUrl, value: MsgSend.encode(message).finish() }], memo });
  const authInfo = AuthInfo.fromPartial({
    signerInfos: [
      {
        publicKey: { typeUrl: PubKey.typeUrl, value: PubKey.encode({ key: ALICE_PUBKEY }).finish() },
        modeInfo: { single: { mode: SignMode.SIGN_MODE_DIRECT } },
        sequence: 3n,
      },
    ],
    fee: { amount: [{ denom: "uxprt", amount: "5000" }], gasLimit: 200000n },
  });
  return TxRaw.encode({
    bodyBytes: TxBody.encode(body).finish(),
    authInfoBytes: AuthInfo.encode(authInfo).finish(),
    signatures: [new Uint8Array(64).fill(5)],
  }).finish();
}

export const COMMITTED_TX = sendTxBytes("rent for May");
const COMMITTED_TX_HEIGHT = 2n;
export const MSG_SEND_RESPONSE_DATA = TxMsgData.encode({
  data: [],
  msgResponses: [{ typeUrl: MsgSendResponse.typeUrl, value: new Uint8Array() }],
}).finish();
const TRANSFER_EVENT = Event.fromPartial({
  type: "transfer",
  attributes: [
    { key: "recipient", value: BOB, index: true },
    { key: "sender", value: ALICE, index: true },
    { key: "amount", value: "1000uxprt", index: true },
  ],
});

/** Block times: height h was made at 2024-05-01T12:00:0h.5Z. */
const GENESIS_SECONDS = 1714564800n;

export interface TestNode extends RestNode {
  /** Every ABCI query, with its request decoded. */
  readonly queries: { path: string; height: bigint; request: unknown }[];
  readonly broadcasts: Uint8Array[];
  readonly searches: TxSearchRequest[];
}

export function createTestNode(): TestNode {
  const blocks = [1n, 2n, 3n].map(testBlock);
  const committed: IndexedTx = {
    hash: sha256(COMMITTED_TX),
    height: COMMITTED_TX_HEIGHT,
    index: 0,
    tx: COMMITTED_TX,
    result: ExecTxResult.fromPartial({
      data: MSG_SEND_RESPONSE_DATA,
      gasWanted: 200000n,
      gasUsed: 61234n,
      events: [TRANSFER_EVENT],
    }),
  };
  const queries: TestNode["queries"] = [];
  const broadcasts: Uint8Array[] = [];
  const searches: TxSearchRequest[] = [];
  const latestHeight = BigInt(blocks.length);

  return {
    queries,
    broadcasts,
    searches,
    nodeInfo: (): NodeInfo => ({
      id: "5a1b0c6e8f2d4a7b9c3e1f0a2b4c6d8e0f1a3b5c",
      moniker: "local",
      network: CHAIN_ID,
      version: "0.38.17",
      listenAddress: "tcp://127.0.0.1:26656",
      rpcAddress: "tcp://127.0.0.1:26657",
    }),
    syncInfo: (): SyncInfo => {
      const latest = blocks[blocks.length - 1]!;
      const earliest = blocks[0]!;
      return {
        latestBlockHash: latest.blockId.hash,
        latestAppHash: latest.block.header.appHash,
        latestBlockHeight: latest.block.header.height,
        latestBlockTime: latest.block.header.time,
        earliestBlockHash: earliest.blockId.hash,
        earliestAppHash: earliest.block.header.appHash,
        earliestBlockHeight: earliest.block.header.height,
        earliestBlockTime: earliest.block.header.time,
        catchingUp: false,
      };
    },
    block: (height) => blocks[Number(height) - 1],
    tx: (txHash) => (Buffer.from(txHash).equals(committed.hash) ? committed : undefined),
    txSearch: (request): TxSearchResult => {
      searches.push(request);
      if (request.query.includes("invalid")) throw new Error(`invalid query: ${request.query}`);
      const matches = request.query.includes(ALICE) || request.query === `tx.height=${COMMITTED_TX_HEIGHT}`;
      return { txs: matches ? [committed] : [], totalCount: matches ? 1 : 0 };
    },
    abciInfo: async () =>
      ResponseInfo.fromPartial({ data: "persistence", version: "0.1.0", appVersion: 1n, lastBlockHeight: latestHeight }),
    abciQuery: async (request) => {
      const height = request.height === 0n ? latestHeight : request.height;
      const answer = answerQuery(request, queries);
      return ResponseQuery.fromPartial({ ...answer, height });
    },
    broadcastTx: async (tx) => {
      broadcasts.push(tx);
      if (tx[0] === 0xff) throw new Error("mempool closed");
      return decodes(tx)
        ? ResponseCheckTx.fromPartial({ gasWanted: 200000n, gasUsed: 41000n })
        : ResponseCheckTx.fromPartial({ codespace: "sdk", code: 2, log: "tx parse error" });
    },
  };
}

function testBlock(height: bigint): StoredBlock {
  const blockHash = (seed: bigint): Uint8Array => new Uint8Array(32).fill(Number(seed));
  const blockId = (h: bigint) => ({ hash: blockHash(h), partSetHeader: { total: 1, hash: blockHash(h + 100n) } });
  const time = (h: bigint) => ({ seconds: GENESIS_SECONDS + h, nanos: 500_000_000 });
  return {
    blockId: blockId(height),
    size: 512,
    block: {
      header: {
        version: { block: 11n, app: 1n },
        chainId: CHAIN_ID,
        height,
        time: time(height),
        lastBlockId: height === 1n ? { hash: new Uint8Array(), partSetHeader: { total: 0, hash: new Uint8Array() } } : blockId(height - 1n),
        lastCommitHash: blockHash(200n),
        dataHash: blockHash(201n),
        validatorsHash: blockHash(202n),
        nextValidatorsHash: blockHash(202n),
        consensusHash: blockHash(203n),
        appHash: blockHash(204n),
        lastResultsHash: blockHash(205n),
        evidenceHash: blockHash(206n),
        proposerAddress: PROPOSER_ADDRESS,
      },
      data: { txs: height === COMMITTED_TX_HEIGHT ? [COMMITTED_TX] : [] },
      evidence: { evidence: [] },
      lastCommit: {
        height: height - 1n,
        round: 0,
        blockId: height === 1n ? { hash: new Uint8Array(), partSetHeader: { total: 0, hash: new Uint8Array() } } : blockId(height - 1n),
        signatures:
          height === 1n
            ? []
            : [
                {
                  blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT,
                  validatorAddress: PROPOSER_ADDRESS,
                  timestamp: time(height - 1n),
                  signature: new Uint8Array(64).fill(9),
                },
              ],
      },
    },
  };
}

type QueryAnswer = Pick<ResponseQuery, "code" | "codespace" | "log" | "value">;

/** A failed query, logged as the app logs it: the gRPC status, the message, the error's description. */
function failed(status: string, codespace: string, code: number, message: string): QueryAnswer {
  return { code, codespace, log: `rpc error: code = ${status} desc = ${message}`, value: new Uint8Array() };
}
const notFound = (message: string) => failed("NotFound", "sdk", 22, `${message}: key not found`);
const invalidRequest = (message: string) => failed("InvalidArgument", "sdk", 18, `${message}: invalid request`);
const txParseError = (message: string) => failed("InvalidArgument", "sdk", 2, `${message}: tx parse error`);
const ok = (value: Uint8Array): QueryAnswer => ({ code: 0, codespace: "", log: "", value });

function answerQuery(request: RequestQuery, queries: TestNode["queries"]): QueryAnswer {
  const handler = QUERY_HANDLERS[request.path];
  if (handler === undefined) {
    return { code: 6, codespace: "sdk", log: `unknown query path: ${request.path}`, value: new Uint8Array() };
  }
  const decoded = handler.decode(request.data);
  queries.push({ path: request.path, height: request.height, request: decoded });
  return handler.answer(decoded);
}

interface QueryHandler<Request> {
  decode(data: Uint8Array): Request;
  answer(request: Request): QueryAnswer;
}

function handler<Request>(
  codec: { decode(data: Uint8Array): Request },
  answer: (request: Request) => QueryAnswer,
): QueryHandler<unknown> {
  return { decode: (data) => codec.decode(data), answer: (request) => answer(request as Request) };
}

function accountAny(address: string): Any | undefined {
  if (address === ALICE) {
    const account = BaseAccount.fromPartial({
      address,
      pubKey: { typeUrl: PubKey.typeUrl, value: PubKey.encode({ key: ALICE_PUBKEY }).finish() },
      accountNumber: 7n,
      sequence: 3n,
    });
    return { typeUrl: BaseAccount.typeUrl, value: BaseAccount.encode(account).finish() };
  }
  if (address === BOB) {
    const account = BaseAccount.fromPartial({ address, accountNumber: 0n, sequence: 0n });
    return { typeUrl: BaseAccount.typeUrl, value: BaseAccount.encode(account).finish() };
  }
  if (address === FEE_COLLECTOR) {
    const account = ModuleAccount.fromPartial({
      baseAccount: { address, accountNumber: 1n },
      name: "fee_collector",
      permissions: [],
    });
    return { typeUrl: ModuleAccount.typeUrl, value: ModuleAccount.encode(account).finish() };
  }
  return undefined;
}

function validAddress(address: string): boolean {
  try {
    return fromBech32(address, 90).prefix === "persistence";
  } catch {
    return false;
  }
}

/** Offset/limit pagination as the SDK's: no limit means the default limit and a total count. */
function paginate<T>(items: T[], page: PageRequest | undefined): { items: T[]; pagination: { nextKey: Uint8Array; total: bigint } } {
  const offset = Number(page?.offset ?? 0n);
  const defaultLimit = page === undefined || page.limit === 0n;
  const limit = defaultLimit ? 100 : Number(page.limit);
  const more = offset + limit < items.length;
  return {
    items: items.slice(offset, offset + limit),
    pagination: {
      nextKey: more ? new Uint8Array([offset + limit]) : new Uint8Array(),
      total: defaultLimit || page.countTotal ? BigInt(items.length) : 0n,
    },
  };
}

const SUPPLY: Coin[] = [
  { denom: "uusd", amount: "2500000" },
  { denom: "uxprt", amount: "100000000000000000" },
];

const QUERY_HANDLERS: Record<string, QueryHandler<unknown>> = {
  "/cosmos.auth.v1beta1.Query/Account": handler(authQuery.QueryAccountRequest, ({ address }) => {
    if (!validAddress(address)) return invalidRequest(`invalid address: decoding bech32 failed: ${address}`);
    const account = accountAny(address);
    if (account === undefined) return notFound(`account ${address} not found`);
    return ok(authQuery.QueryAccountResponse.encode({ account }).finish());
  }),
  "/cosmos.auth.v1beta1.Query/Accounts": handler(authQuery.QueryAccountsRequest, ({ pagination }) => {
    const { items, pagination: page } = paginate([FEE_COLLECTOR, ALICE, BOB].map((address) => accountAny(address)!), pagination);
    return ok(authQuery.QueryAccountsResponse.encode({ accounts: items, pagination: page }).finish());
  }),
  "/cosmos.auth.v1beta1.Query/Params": handler(authQuery.QueryParamsRequest, () =>
    ok(
      authQuery.QueryParamsResponse.encode({
        params: AuthParams.fromPartial({
          maxMemoCharacters: 256n,
          txSigLimit: 7n,
          txSizeCostPerByte: 10n,
          sigVerifyCostEd25519: 590n,
          sigVerifyCostSecp256k1: 1000n,
        }),
      }).finish(),
    ),
  ),
  "/cosmos.auth.v1beta1.Query/ModuleAccounts": handler(authQuery.QueryModuleAccountsRequest, () =>
    ok(authQuery.QueryModuleAccountsResponse.encode({ accounts: [accountAny(FEE_COLLECTOR)!] }).finish()),
  ),
  "/cosmos.auth.v1beta1.Query/ModuleAccountByName": handler(authQuery.QueryModuleAccountByNameRequest, ({ name }) =>
    name === "fee_collector"
      ? ok(authQuery.QueryModuleAccountByNameResponse.encode({ account: accountAny(FEE_COLLECTOR) }).finish())
      : notFound(`account ${name} not found`),
  ),
  "/cosmos.bank.v1beta1.Query/Balance": handler(bankQuery.QueryBalanceRequest, ({ address, denom }) => {
    if (!validAddress(address)) return invalidRequest(`invalid address: decoding bech32 failed: ${address}`);
    if (denom === "") return invalidRequest("invalid denom: ");
    const amount = address === ALICE ? (ALICE_BALANCES.find((coin) => coin.denom === denom)?.amount ?? "0") : "0";
    return ok(bankQuery.QueryBalanceResponse.encode({ balance: { denom, amount } }).finish());
  }),
  "/cosmos.bank.v1beta1.Query/AllBalances": handler(bankQuery.QueryAllBalancesRequest, ({ address, pagination }) => {
    if (!validAddress(address)) return invalidRequest(`invalid address: decoding bech32 failed: ${address}`);
    const { items, pagination: page } = paginate(address === ALICE ? ALICE_BALANCES : [], pagination);
    return ok(bankQuery.QueryAllBalancesResponse.encode({ balances: items, pagination: page }).finish());
  }),
  "/cosmos.bank.v1beta1.Query/SpendableBalances": handler(bankQuery.QuerySpendableBalancesRequest, ({ address, pagination }) => {
    if (!validAddress(address)) return invalidRequest(`invalid address: decoding bech32 failed: ${address}`);
    const { items, pagination: page } = paginate(address === ALICE ? ALICE_BALANCES : [], pagination);
    return ok(bankQuery.QuerySpendableBalancesResponse.encode({ balances: items, pagination: page }).finish());
  }),
  "/cosmos.bank.v1beta1.Query/TotalSupply": handler(bankQuery.QueryTotalSupplyRequest, ({ pagination }) => {
    const { items, pagination: page } = paginate(SUPPLY, pagination);
    return ok(bankQuery.QueryTotalSupplyResponse.encode({ supply: items, pagination: page }).finish());
  }),
  "/cosmos.bank.v1beta1.Query/SupplyOf": handler(bankQuery.QuerySupplyOfRequest, ({ denom }) =>
    ok(
      bankQuery.QuerySupplyOfResponse.encode({
        amount: SUPPLY.find((coin) => coin.denom === denom) ?? { denom, amount: "0" },
      }).finish(),
    ),
  ),
  "/cosmos.bank.v1beta1.Query/Params": handler(bankQuery.QueryParamsRequest, () =>
    ok(bankQuery.QueryParamsResponse.encode({ params: BankParams.fromPartial({ defaultSendEnabled: true }) }).finish()),
  ),
  "/cosmos.bank.v1beta1.Query/DenomMetadata": handler(bankQuery.QueryDenomMetadataRequest, ({ denom }) =>
    denom === XPRT_METADATA.base
      ? ok(bankQuery.QueryDenomMetadataResponse.encode({ metadata: XPRT_METADATA }).finish())
      : notFound(`client metadata for denom ${denom}`),
  ),
  "/cosmos.bank.v1beta1.Query/DenomsMetadata": handler(bankQuery.QueryDenomsMetadataRequest, ({ pagination }) => {
    const { items, pagination: page } = paginate([XPRT_METADATA], pagination);
    return ok(bankQuery.QueryDenomsMetadataResponse.encode({ metadatas: items, pagination: page }).finish());
  }),
  "/cosmos.tx.v1beta1.Service/Simulate": handler(SimulateRequest, ({ txBytes }) => {
    if (!decodes(txBytes)) return txParseError("invalid tx");
    const tx = Tx.decode(txBytes);
    if (tx.body?.memo === "overspend") {
      return failed("Unknown", "sdk", 5, "spendable balance 1000uxprt is smaller than 5000uxprt: insufficient funds");
    }
    return ok(
      SimulateResponse.encode({
        gasInfo: { gasWanted: tx.authInfo?.fee?.gasLimit ?? 0n, gasUsed: 61234n },
        result: {
          data: MSG_SEND_RESPONSE_DATA,
          log: "",
          events: [TRANSFER_EVENT],
          msgResponses: [{ typeUrl: MsgSendResponse.typeUrl, value: new Uint8Array() }],
        },
      }).finish(),
    );
  }),
};

function decodes(txBytes: Uint8Array): boolean {
  try {
    return Tx.decode(txBytes).body !== undefined;
  } catch {
    return false;
  }
}

/** A REST server on 127.0.0.1 and a free port over a fresh test node. */
export async function startTestRestServer(): Promise<{ node: TestNode; server: RestServer }> {
  const node = createTestNode();
  const server = await startRestServer({ node, host: "127.0.0.1", port: 0 });
  return { node, server };
}
