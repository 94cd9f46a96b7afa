import { bech32 } from "@scure/base";
import { sha256 } from "../../store/hash.js";
import { COSMOS_PREFIX } from "./keys.js";
import type { SnapshotFile } from "./snapshot-file.js";

/**
 * A deterministic stream of random numbers: the bytes of sha256("persistence stakedrop sample
 * <seed> <counter>") for counter 0, 1, …, read 32 bits at a time. Integer arithmetic only, so
 * every machine generates the same snapshot from the same seed.
 */
class SeededRandom {
  private block: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private counter = 0;

  constructor(private readonly seed: number) {}

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      if (this.offset === this.block.length) {
        this.block = sha256(new TextEncoder().encode(`persistence stakedrop sample ${this.seed} ${this.counter++}`));
        this.offset = 0;
      }
      out[i] = this.block[this.offset++]!;
    }
    return out;
  }

  /** A whole number in [0, 2^32). */
  uint32(): number {
    const b = this.bytes(4);
    return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  }

  /** A whole number in [0, n) (n ≤ 2^32; the tiny modulo bias does not matter for samples). */
  below(n: number): number {
    return this.uint32() % n;
  }
}

export interface SampleSnapshotOptions {
  stakers: number;
  seed?: number;
  /** Monthly checkpoints from January 2024 (the end is a month after the last); 4 by default. */
  checkpoints?: number;
}

const UATOM_PER_ATOM = 1_000_000n;
/** The smallest stake drawn, in ATOM. */
const MIN_STAKE_ATOM = 5n;

/**
 * A sample snapshot of Cosmos Hub stakers for tests and the devnet, the same for the same options:
 * distinct valid cosmos1 addresses (random 20-byte key hashes), and stakes drawn from a Pareto
 * distribution with α = 1 from 5 ATOM up (P(stake > x) = 5 ATOM / x, so a few whales hold a large
 * share, and the cap binds for them), which then change from checkpoint to checkpoint: most stay,
 * some add or withdraw up to half, a few unbond fully, and one in ten starts staking only at a
 * later checkpoint.
 *
 * @example
 * writeFileSync("snapshot.json", JSON.stringify(sampleSnapshot({ stakers: 10_000 })));
 */
export function sampleSnapshot(options: SampleSnapshotOptions): SnapshotFile {
  const random = new SeededRandom(options.seed ?? 1);
  const count = options.checkpoints ?? 4;
  const months = Array.from({ length: count + 1 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01T00:00:00Z`);
  const seen = new Set<string>();
  const stakers: SnapshotFile["stakers"] = [];
  while (stakers.length < options.stakers) {
    const address = bech32.encode(COSMOS_PREFIX, bech32.toWords(random.bytes(20)));
    if (seen.has(address)) continue;
    seen.add(address);
    stakers.push({ address, stakes: stakeHistory(random, count).map(String) });
  }
  return { checkpoints: months.slice(0, count), end: months[count]!, stakers };
}

/** One staker's uatom at each checkpoint. */
function stakeHistory(random: SeededRandom, checkpoints: number): bigint[] {
  // Pareto, α = 1: MIN × 2^32 / u for u uniform in [1, 2^32].
  let stake = (MIN_STAKE_ATOM * UATOM_PER_ATOM * 2n ** 32n) / BigInt(random.uint32() + 1);
  const joinsAt = checkpoints > 1 && random.below(10) === 0 ? 1 + random.below(checkpoints - 1) : 0;
  const history: bigint[] = [];
  for (let i = 0; i < checkpoints; i++) {
    if (i > 0) stake = nextStake(random, stake);
    history.push(i < joinsAt ? 0n : stake);
  }
  return history;
}

/** 80%: unchanged; 10%: adds up to half; 7%: withdraws up to half; 3%: unbonds all (and stays out). */
function nextStake(random: SeededRandom, stake: bigint): bigint {
  const roll = random.below(100);
  const change = (stake * BigInt(random.below(51))) / 100n;
  if (roll < 80) return stake;
  if (roll < 90) return stake + change;
  if (roll < 97) return stake - change;
  return 0n;
}
