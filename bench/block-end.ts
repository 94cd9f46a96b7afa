import type { VoteInfo } from "cosmjs-types/tendermint/abci/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PersistenceApp } from "../src/app/app.js";
import { buildAppState, XPRT_GENESIS_SUPPLY } from "../src/app/genesis-state.js";
import { MAX_MATURED_PER_BLOCK } from "../src/modules/staking/keeper.js";
import { NOT_BONDED_POOL_ADDRESS, withGenesisValidators } from "../src/modules/staking/genesis-builder.js";
import { validatorAddress } from "../src/node/consensus/block-hashing.js";
import { defaultConsensusParams } from "../src/node/consensus/genesis-doc.js";
import { timestampFromMillis } from "../src/node/time.js";
import { Database } from "../src/store/database.js";
import { sha256 } from "../src/store/hash.js";
import { encodeAddress } from "../src/types/address.js";
import { formatDecimal, ONE } from "../src/types/decimal.js";
import { isError } from "../src/types/errors.js";

export interface BlockEndCase {
  validators: number;
  delegators: number;
  /** Unbonding and redelegation entries maturing in each measured block (each queue). */
  maturingPerBlock: number;
  /** finalizeBlock + commit of an empty block, median and extremes over the measured blocks. */
  blockMs: { median: number; min: number; max: number };
  blocks: number;
}

const CHAIN_ID = "persistence-bench-1";
const VALIDATORS = 100;
const DELEGATORS = 10_000;
const MEASURED_BLOCKS = 7;
/** Blocks before the measured ones: the first has no last commit, the second warms the caches. */
const WARMUP_BLOCKS = 2;
const BLOCK_SECONDS = 5;
const GENESIS_MS = Date.UTC(2025, 0, 1);
const XPRT = 1_000_000n;
const ENTRY_BALANCE = 1_000n;

const seeded = (label: string) => sha256(new TextEncoder().encode(label));
const address = (label: string) => encodeAddress(seeded(label).subarray(0, 20));
const blockTime = (height: number) => timestampFromMillis(GENESIS_MS + height * BLOCK_SECONDS * 1000);
const rfc3339 = (height: number) => new Date(GENESIS_MS + height * BLOCK_SECONDS * 1000).toISOString().replace(".000Z", "Z");

interface Json {
  [key: string]: any;
}

/**
 * The genesis: 100 validators self-delegated from their operators; 10,000 delegators spread over
 * them; and, for each measured block, MAX_MATURED_PER_BLOCK unbonding entries and as many
 * redelegation entries completing at that block's time, so both queues are full every block.
 */
function benchGenesis(): Uint8Array {
  const faucet = address("bench faucet");
  const operators = Array.from({ length: VALIDATORS }, (_, i) => address(`bench operator ${i}`));
  const selfDelegation = (i: number) => (1_000n + BigInt(i)) * XPRT;
  const operatorTotal = operators.reduce((sum, _, i) => sum + selfDelegation(i), 0n);
  const appState = buildAppState([
    { address: faucet, coins: [{ denom: "uxprt", amount: XPRT_GENESIS_SUPPLY - operatorTotal }] },
    ...operators.map((a, i) => ({ address: a, coins: [{ denom: "uxprt", amount: selfDelegation(i) }] })),
  ]);
  const specs = operators.map((account, i) => ({ account, consensusPubkey: seeded(`bench consensus ${i}`), selfDelegation: selfDelegation(i), moniker: `validator ${i}` }));
  const staked = withGenesisValidators(appState, specs);
  if (isError(staked)) throw new Error(`bench genesis: ${staked.log}`);
  const staking = staked.staking as Json;
  const balances = (staked.bank as Json).balances as Json[];
  const validators = staking.validators as Json[];
  const tokens = validators.map((v) => BigInt(v.tokens as string));
  const valoper = (i: number) => validators[i]!.operator_address as string;

  let moved = 0n;
  for (let d = 0; d < DELEGATORS; d++) {
    const amount = XPRT + BigInt(d);
    const v = d % VALIDATORS;
    tokens[v] = tokens[v]! + amount;
    moved += amount;
    staking.delegations.push({ delegator_address: address(`bench delegator ${d}`), validator_address: valoper(v), shares: formatDecimal(amount * ONE) });
  }
  for (let b = 0; b < MEASURED_BLOCKS; b++) {
    const completion = rfc3339(WARMUP_BLOCKS + 1 + b);
    for (let k = 0; k < MAX_MATURED_PER_BLOCK; k++) {
      const d = (b * MAX_MATURED_PER_BLOCK + k) % DELEGATORS;
      const v = d % VALIDATORS;
      const delegator = address(`bench delegator ${d}`);
      const entry = { creation_height: "0", completion_time: completion, initial_balance: ENTRY_BALANCE.toString() };
      staking.unbonding_delegations.push({ delegator_address: delegator, validator_address: valoper(v), entries: [{ ...entry, balance: ENTRY_BALANCE.toString() }] });
      staking.redelegations.push({ delegator_address: delegator, validator_src_address: valoper((v + 1) % VALIDATORS), validator_dst_address: valoper(v), entries: [{ ...entry, shares_dst: formatDecimal(ENTRY_BALANCE * ONE) }] });
      moved += ENTRY_BALANCE;
    }
  }
  validators.forEach((v, i) => {
    v.tokens = tokens[i]!.toString();
    v.delegator_shares = formatDecimal(tokens[i]! * ONE);
  });
  const faucetBalance = balances.find((b) => b.address === faucet)!;
  faucetBalance.coins = [{ denom: "uxprt", amount: (BigInt(faucetBalance.coins[0].amount) - moved).toString() }];
  const pool = balances.find((b) => b.address === NOT_BONDED_POOL_ADDRESS)!;
  pool.coins = [{ denom: "uxprt", amount: (BigInt(pool.coins[0].amount) + moved).toString() }];
  return new TextEncoder().encode(JSON.stringify(staked));
}

/**
 * The per-block work of proof of stake at scale: a real App with 100 bonded validators and 10,000
 * delegators executes empty blocks whose begin and end blocks do everything a block can have to
 * do: mint, distribution's allocation over 100 votes, slashing's liveness over 100 votes,
 * staking's active-set diff and full unbonding, redelegation queues (1,000 due entries each).
 * Measures finalizeBlock + commit of each block.
 */
export async function runBlockEndCase(): Promise<BlockEndCase> {
  const dir = mkdtempSync(join(tmpdir(), "bench-block-end-"));
  const db = Database.open(join(dir, "data"));
  try {
    const app = new PersistenceApp({ db, chainId: CHAIN_ID });
    const init = await app.initChain({ time: blockTime(0), chainId: CHAIN_ID, consensusParams: defaultConsensusParams(), validators: [], appStateBytes: benchGenesis(), initialHeight: 1n });
    if (init.validators.length !== VALIDATORS) throw new Error(`InitChain bonded ${init.validators.length} validators, expected ${VALIDATORS}`);
    const votes: VoteInfo[] = init.validators.map((v) => ({ validator: { address: validatorAddress(v.pubKey!.ed25519!), power: v.power }, blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT }));
    const durations: number[] = [];
    for (let height = 1; height <= WARMUP_BLOCKS + MEASURED_BLOCKS; height++) {
      const started = performance.now();
      const results = await app.finalizeBlock({
        txs: [],
        decidedLastCommit: { round: 0, votes: height === 1 ? [] : votes },
        misbehavior: [],
        hash: seeded(`block ${height}`),
        height: BigInt(height),
        time: blockTime(height),
        nextValidatorsHash: new Uint8Array(32),
        proposerAddress: votes[height % VALIDATORS]!.validator!.address,
      });
      await app.commit();
      if (height > WARMUP_BLOCKS) {
        durations.push(performance.now() - started);
        const completed = results.events.filter((e) => e.type === "complete_unbonding" || e.type === "complete_redelegation").length;
        if (completed !== 2 * MAX_MATURED_PER_BLOCK) throw new Error(`block ${height} completed ${completed} entries, expected ${2 * MAX_MATURED_PER_BLOCK}`);
      }
    }
    durations.sort((a, b) => a - b);
    return {
      validators: VALIDATORS,
      delegators: DELEGATORS,
      maturingPerBlock: MAX_MATURED_PER_BLOCK,
      blockMs: { median: durations[Math.floor(durations.length / 2)]!, min: durations[0]!, max: durations[durations.length - 1]! },
      blocks: durations.length,
    };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The line `npm run bench` prints for this case. */
export function formatBlockEndCase(result: BlockEndCase): string {
  return (
    `block end: ${result.delegators} delegators, ${result.validators} validators: ${result.blockMs.median.toFixed(0)} ms ` +
    `(median finalizeBlock + commit of ${result.blocks} empty blocks, each maturing ${result.maturingPerBlock} unbondings and ${result.maturingPerBlock} redelegations; ` +
    `min ${result.blockMs.min.toFixed(0)} ms, max ${result.blockMs.max.toFixed(0)} ms)`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await runBlockEndCase()));
}
