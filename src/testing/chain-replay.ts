/** The determinism guard: replays a running chain's blocks into a fresh App and compares hashes. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Comet38Client, HttpClient, type ReadonlyDateWithNanoseconds } from "@cosmjs/tendermint-rpc";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { PersistenceApp } from "../app/app.js";
import { toHex } from "../store/bytes.js";
import { Database } from "../store/database.js";
import { hashTxResults } from "../node/consensus/block-hashing.js";
import { toRequestInitChain, type GenesisDoc } from "../node/consensus/genesis-doc.js";
import { timestampFromMillis } from "../node/time.js";

export interface ReplayMismatch {
  height: number;
  what: "app hash" | "results hash";
  chain: string;
  replayed: string;
}

/**
 * Feeds blocks 1..`throughHeight` of the chain behind `rpcUrl` (CometBFT's RPC or ours) into a
 * new App on a temporary database, exactly as a consensus engine would, and checks each
 * resulting app hash and results hash against the next block's header. Needs block
 * `throughHeight + 1` to exist.
 */
export async function replayChain(rpcUrl: string, genesis: GenesisDoc, throughHeight: number): Promise<ReplayMismatch[]> {
  const client = Comet38Client.create(new HttpClient(rpcUrl));
  const dir = mkdtempSync(join(tmpdir(), "replay-"));
  const db = Database.open(join(dir, "application.db"));
  const app = new PersistenceApp({ db, chainId: genesis.chainId });
  const mismatches: ReplayMismatch[] = [];
  try {
    await app.initChain(toRequestInitChain(genesis));
    let next = await client.block(Number(genesis.initialHeight));
    for (let height = Number(genesis.initialHeight); height <= throughHeight; height++) {
      const { block, blockId } = next;
      // The last commit's signatures follow the order of the previous height's validator set.
      const lastSet = height > Number(genesis.initialHeight) ? (await client.validatorsAll(height - 1)).validators : [];
      const signatures = block.lastCommit?.signatures ?? [];
      const results = await app.finalizeBlock({
        txs: [...block.txs],
        decidedLastCommit: {
          round: block.lastCommit?.round ?? 0,
          votes: lastSet.map((v, i) => ({ validator: { address: v.address, power: v.votingPower }, blockIdFlag: signatures[i]!.blockIdFlag as number as BlockIDFlag })),
        },
        misbehavior: [],
        hash: blockId.hash,
        height: BigInt(height),
        time: toTimestamp(block.header.time),
        nextValidatorsHash: block.header.nextValidatorsHash,
        proposerAddress: block.header.proposerAddress,
      });
      await app.commit();
      next = await client.block(height + 1);
      const expectApp = toHex(next.block.header.appHash);
      if (toHex(results.appHash) !== expectApp) mismatches.push({ height, what: "app hash", chain: expectApp, replayed: toHex(results.appHash) });
      const expectResults = toHex(next.block.header.lastResultsHash);
      const replayedResults = toHex(hashTxResults(results.txResults));
      if (replayedResults !== expectResults) mismatches.push({ height, what: "results hash", chain: expectResults, replayed: replayedResults });
    }
  } finally {
    client.disconnect();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return mismatches;
}

function toTimestamp(time: ReadonlyDateWithNanoseconds): Timestamp {
  const millis = timestampFromMillis(time.getTime());
  return { ...millis, nanos: millis.nanos + (time.nanoseconds ?? 0) };
}
