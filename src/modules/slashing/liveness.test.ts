import { describe, expect, it } from "vitest";
import { ONE } from "../../types/decimal.js";
import { encodeConsensusAddress } from "./addresses.js";
import { attributes, SlashingChain, vote } from "./test-fixture.js";

/** Window 10, at least half signed: more than 5 misses jail; 600 s in jail, 1% slashed. */
const GENESIS = { params: { signed_blocks_window: "10", min_signed_per_window: "0.5", downtime_jail_duration: "600s", slash_fraction_downtime: "0.01" } };

describe("downtime: the missed-block window", () => {
  it("slashes, jails and resets a validator that misses more than window − min signed blocks, exactly once", () => {
    const chain = new SlashingChain(GENESIS);
    const validator = chain.bond(1, 10_000_000n);
    const address = encodeConsensusAddress(validator.consensusAddress);
    const events = [];
    // Bonded at height 1: misses from height 2; past height 11 with 6+ misses it is punished.
    for (let h = 2n; h <= 11n; h++) events.push(...chain.block({ votes: [vote(validator, false)] }));
    expect(chain.staking.slashes).toEqual([]);
    expect(chain.signingInfo(validator)).toMatchObject({ startHeight: 1n, indexOffset: 10n, missedBlocksCounter: 10n });
    expect(attributes(events, "liveness").map((e) => e.missed_blocks)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);

    const jailing = chain.block({ votes: [vote(validator, false)] });
    expect(chain.height).toBe(12n);
    expect(chain.staking.slashes).toEqual([{ consensus: validator.consensusAddress, infractionHeight: 10n, power: 10n, fraction: ONE / 100n }]);
    expect(attributes(jailing, "liveness")).toEqual([{ address, missed_blocks: "10", height: "12" }]);
    expect(attributes(jailing, "slash")).toEqual([{ address, power: "10", reason: "missing_signature", jailed: address, burned_coins: "100000" }]);
    expect(validator.jailed).toBe(true);
    expect(chain.signingInfo(validator)).toEqual({
      address,
      startHeight: 1n,
      indexOffset: 0n,
      missedBlocksCounter: 0n,
      jailedUntil: { seconds: 1_700_000_000n + 12n + 600n, nanos: 0 },
      tombstoned: false,
    });
    expect((chain.exportGenesis() as { missed_blocks: unknown[] }).missed_blocks).toEqual([{ address, missed_blocks: [] }]);

    // Jailed: its votes (or absences) change nothing, and it is never slashed twice.
    for (let h = 0; h < 30; h++) expect(chain.block({ votes: [vote(validator, false)] })).toEqual([]);
    expect(chain.staking.slashes).toHaveLength(1);
    expect(chain.signingInfo(validator)).toMatchObject({ indexOffset: 0n, missedBlocksCounter: 0n });
  });

  it("keeps a validator missing exactly window − min signed blocks per window, as misses slide out of it", () => {
    const chain = new SlashingChain(GENESIS);
    const validator = chain.bond(1);
    // 5 misses then 5 signatures, over and over: every window of 10 holds exactly 5 misses.
    for (let h = 0; h < 100; h++) chain.block({ votes: [vote(validator, h % 10 >= 5)] });
    expect(chain.staking.slashes).toEqual([]);
    expect(chain.signingInfo(validator)).toMatchObject({ indexOffset: 100n, missedBlocksCounter: 5n });
    // Misses that replace misses keep the count at 5; the first that replaces a signature makes 6.
    for (let h = 0; h < 5; h++) chain.block({ votes: [vote(validator, false)] });
    expect(chain.staking.slashes).toHaveLength(0);
    expect(chain.signingInfo(validator)!.missedBlocksCounter).toBe(5n);
    chain.block({ votes: [vote(validator, false)] });
    expect(chain.staking.slashes).toHaveLength(1);
  });

  it("gives a newly bonded validator a whole window before judging it", () => {
    const chain = new SlashingChain(GENESIS);
    for (let h = 0; h < 20; h++) chain.block();
    const validator = chain.bond(2);
    expect(chain.signingInfo(validator)!.startHeight).toBe(21n);
    for (let h = 22n; h <= 31n; h++) chain.block({ votes: [vote(validator, false)] });
    expect(chain.staking.slashes).toEqual([]);
    chain.block({ votes: [vote(validator, false)] });
    expect(chain.staking.slashes).toHaveLength(1);
  });

  it("counts a nil vote as signed, ignores votes of unknown validators and of validators without signing info", () => {
    const chain = new SlashingChain(GENESIS);
    const validator = chain.bond(1);
    const stranger = { ...validator, consensusAddress: new Uint8Array(20).fill(0x77) };
    const nil = { ...vote(validator, true), blockIdFlag: 3 };
    for (let h = 0; h < 20; h++) expect(chain.block({ votes: [nil, vote(stranger, false)] })).toEqual([]);
    expect(chain.signingInfo(validator)).toMatchObject({ indexOffset: 20n, missedBlocksCounter: 0n });
    expect(chain.keeper.getSigningInfo(chain.context(), stranger.consensusAddress)).toBeUndefined();
  });

  it("restarts the window of every validator when governance changes its length", () => {
    const chain = new SlashingChain(GENESIS);
    const validator = chain.bond(1);
    for (let h = 0; h < 4; h++) chain.block({ votes: [vote(validator, false)] });
    expect(chain.module.params!.set(chain.context("block"), "signed_blocks_window", "4")).toBeUndefined();
    chain.block({ votes: [vote(validator, false)] });
    expect(chain.signingInfo(validator)).toMatchObject({ startHeight: chain.height, indexOffset: 1n, missedBlocksCounter: 1n });
    const address = encodeConsensusAddress(validator.consensusAddress);
    expect((chain.exportGenesis() as { missed_blocks: unknown[] }).missed_blocks).toEqual([{ address, missed_blocks: [{ index: "0", missed: true }] }]);
  });

  it("drops the records of a removed validator", () => {
    const chain = new SlashingChain(GENESIS);
    const validator = chain.bond(1);
    chain.block({ votes: [vote(validator, false)] });
    chain.staking.remove(chain.context("block"), validator);
    expect(chain.signingInfo(validator)).toBeUndefined();
    expect(chain.exportGenesis()).toMatchObject({ signing_infos: [], missed_blocks: [] });
  });
});
