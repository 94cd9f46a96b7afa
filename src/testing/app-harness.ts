import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CheckTxType, type Misbehavior, type RequestFinalizeBlock, type ResponseCheckTx, type ResponseFinalizeBlock, type VoteInfo } from "cosmjs-types/tendermint/abci/types";
import { PersistenceApp, type AppOptions } from "../app/app.js";
import { Database } from "../store/database.js";
import { TestSigner } from "./signer.js";

export const TEST_CHAIN_ID = "persistence-test-1";
/** Genesis time; block h of the harness is at GENESIS_SECONDS + h. */
export const GENESIS_SECONDS = 1_700_000_000n;

interface Codec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
  fromPartial(object: object): T;
}

/** A mint genesis that mints nothing: test chains' supply moves only by what a test does. */
export const NO_INFLATION = {
  minter: { inflation: "0", annual_provisions: "0" },
  params: { mint_denom: "uxprt", inflation_rate_change: "0", inflation_max: "0", inflation_min: "0", goal_bonded: "0.67", blocks_per_year: "6311520" },
};

/**
 * A genesis app_state funding each signer with `balance` uxprt (and uusd), in the SDK's JSON,
 * without inflation (tests of minting set a `mint` section of their own).
 */
export function fundedGenesis(signers: readonly TestSigner[], balance = 1_000_000_000n): Record<string, unknown> {
  return {
    mint: NO_INFLATION,
    auth: {
      accounts: signers.map((s, i) => ({ "@type": "/cosmos.auth.v1beta1.BaseAccount", address: s.address, pub_key: null, account_number: String(i), sequence: "0" })),
    },
    bank: {
      balances: signers.map((s) => ({ address: s.address, coins: [{ denom: "uusd", amount: String(balance) }, { denom: "uxprt", amount: String(balance) }] })),
    },
  };
}

/** What consensus reports with a block: the last commit's votes, evidence, the proposer (none by default). */
export interface BlockConsensus {
  votes?: VoteInfo[];
  misbehavior?: Misbehavior[];
  proposerAddress?: Uint8Array;
}

/** An App on a temporary database, driven block by block like a consensus engine would. */
export class AppHarness {
  height = 0n;

  private constructor(
    readonly app: PersistenceApp,
    readonly db: Database,
    readonly dir: string,
    private readonly options: Partial<AppOptions>,
  ) {
    this.height = BigInt(app.lastHeight);
  }

  static async start(options: { genesis?: Record<string, unknown>; dir?: string; app?: Partial<AppOptions> } = {}): Promise<AppHarness> {
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), "app-"));
    const db = Database.open(dir);
    const app = new PersistenceApp({ db, chainId: TEST_CHAIN_ID, ...options.app });
    const harness = new AppHarness(app, db, dir, options.app ?? {});
    if (app.lastHeight === 0) {
      await app.initChain({
        time: { seconds: GENESIS_SECONDS, nanos: 0 },
        chainId: TEST_CHAIN_ID,
        consensusParams: undefined,
        validators: [],
        appStateBytes: new TextEncoder().encode(JSON.stringify(options.genesis ?? {})),
        initialHeight: 1n,
      });
    }
    return harness;
  }

  /** Closes the database and opens a new App on it, as a restarted node would. */
  async restart(): Promise<AppHarness> {
    await this.db.close();
    return AppHarness.start({ dir: this.dir, app: this.options });
  }

  checkTx(tx: Uint8Array, recheck = false): Promise<ResponseCheckTx> {
    return this.app.checkTx({ tx, type: recheck ? CheckTxType.RECHECK : CheckTxType.NEW });
  }

  async block(txs: Uint8Array[], consensus: BlockConsensus = {}): Promise<ResponseFinalizeBlock> {
    const result = await this.app.finalizeBlock(this.nextBlock(txs, consensus));
    await this.app.commit();
    this.height += 1n;
    return result;
  }

  /** The FinalizeBlock request of the next height. */
  nextBlock(txs: Uint8Array[], consensus: BlockConsensus = {}): RequestFinalizeBlock {
    const height = this.height + 1n;
    return {
      txs,
      decidedLastCommit: { round: 0, votes: consensus.votes ?? [] },
      misbehavior: consensus.misbehavior ?? [],
      hash: new Uint8Array(32),
      height,
      time: { seconds: GENESIS_SECONDS + height, nanos: 0 },
      nextValidatorsHash: new Uint8Array(32),
      proposerAddress: consensus.proposerAddress ?? new Uint8Array(20),
    };
  }

  async query<Req, Res>(path: string, request: Codec<Req>, partial: object, response: Codec<Res>, height = 0n): Promise<Res> {
    const result = await this.app.query({ path, data: request.encode(request.fromPartial(partial)).finish(), height, prove: false });
    if (result.code !== 0) throw new Error(`query ${path} failed (${result.codespace}/${result.code}): ${result.log}`);
    return response.decode(result.value);
  }

  async close(): Promise<void> {
    await this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
