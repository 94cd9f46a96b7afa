import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { MisbehaviorType } from "cosmjs-types/tendermint/abci/types";
import { describe, expect, it } from "vitest";
import { ONE } from "../../types/decimal.js";
import { encodeConsensusAddress } from "./addresses.js";
import { attributes, duplicateVote, SlashingChain, vote } from "./test-fixture.js";

/** Evidence expires past 100 blocks and 1,000 s; blocks are 5 s apart. */
const GENESIS = {
  params: { signed_blocks_window: "10", slash_fraction_double_sign: "0.05" },
  evidence_params: { max_age_num_blocks: "100", max_age_duration: "1000s" },
};
const FOREVER = { seconds: 253_402_300_799n, nanos: 0 };

describe("double signing", () => {
  it("slashes at the evidence height − 1, jails forever and tombstones; later evidence is ignored", () => {
    const chain = new SlashingChain(GENESIS, 5n);
    const validator = chain.bond(1, 20_000_000n);
    const bystander = chain.bond(2);
    for (let h = 0; h < 5; h++) chain.block({ votes: [vote(validator, true), vote(bystander, true)] });
    const address = encodeConsensusAddress(validator.consensusAddress);
    const events = chain.block({ misbehavior: [duplicateVote(validator, 4n)] });
    expect(chain.staking.slashes).toEqual([{ consensus: validator.consensusAddress, infractionHeight: 3n, power: 20n, fraction: ONE / 20n }]);
    expect(attributes(events, "slash")).toEqual([{ address, power: "20", reason: "double_sign", burned_coins: "1000000" }, { jailed: address }]);
    expect(validator.jailed).toBe(true);
    expect(chain.signingInfo(validator)).toMatchObject({ tombstoned: true, jailedUntil: FOREVER, indexOffset: 5n });
    expect(chain.signingInfo(bystander)).toMatchObject({ tombstoned: false, jailedUntil: { seconds: 0n, nanos: 0 } });

    const before = chain.exportGenesis();
    for (const type of [MisbehaviorType.DUPLICATE_VOTE, MisbehaviorType.LIGHT_CLIENT_ATTACK]) {
      expect(chain.block({ misbehavior: [duplicateVote(validator, 5n, 20n, type)] })).toEqual([]);
    }
    expect(chain.staking.slashes).toHaveLength(1);
    expect(chain.exportGenesis()).toEqual(before);
  });

  it("treats a light-client attack as double signing, and does not jail an already jailed validator again", () => {
    const chain = new SlashingChain(GENESIS);
    const validator = chain.bond(1);
    chain.staking.jail(chain.context("block"), validator.consensusAddress);
    const events = chain.block({ misbehavior: [duplicateVote(validator, 1n, 10n, MisbehaviorType.LIGHT_CLIENT_ATTACK)] });
    expect(attributes(events, "slash")).toEqual([{ address: encodeConsensusAddress(validator.consensusAddress), power: "10", reason: "double_sign", burned_coins: "500000" }]);
    expect(chain.signingInfo(validator)).toMatchObject({ tombstoned: true, jailedUntil: FOREVER });
  });

  it("ignores evidence older than both age limits, but not evidence old by one measure only", () => {
    // 5 s blocks: 101 blocks are 505 s (old by blocks only); at 1 s blocks, 1,001 s are 1,001 blocks (both).
    const byBlocks = new SlashingChain(GENESIS, 5n);
    const a = byBlocks.bond(1);
    for (let h = 0; h < 101; h++) byBlocks.block();
    expect(byBlocks.height).toBe(102n);
    byBlocks.block({ misbehavior: [duplicateVote(a, 1n)] });
    expect(byBlocks.staking.slashes).toHaveLength(1);

    const slow = new SlashingChain(GENESIS, 20n);
    const b = slow.bond(1);
    // 20 s blocks: evidence of height 1 at block 52 is 51 blocks and 1,020 s old (old by time only).
    for (let h = 0; h < 50; h++) slow.block();
    slow.block({ misbehavior: [{ ...duplicateVote(b, 1n), time: { seconds: 1_700_000_020n, nanos: 0 } }] });
    expect(slow.staking.slashes).toHaveLength(1);

    const both = new SlashingChain(GENESIS, 20n);
    const c = both.bond(1);
    for (let h = 0; h < 101; h++) both.block();
    const before = both.exportGenesis();
    expect(both.block({ misbehavior: [{ ...duplicateVote(c, 1n), time: { seconds: 1_700_000_020n, nanos: 0 } }] })).toEqual([]);
    expect(both.staking.slashes).toEqual([]);
    expect(both.exportGenesis()).toEqual(before);
  });

  it("ignores evidence against unknown or unbonded validators and of unknown type", () => {
    const chain = new SlashingChain(GENESIS);
    const validator = chain.bond(1);
    const unbonded = chain.bond(2);
    unbonded.status = BondStatus.BOND_STATUS_UNBONDED;
    const stranger = { ...validator, consensusAddress: new Uint8Array(20).fill(0x55) };
    const events = chain.block({ misbehavior: [duplicateVote(stranger, 1n), duplicateVote(unbonded, 1n), duplicateVote(validator, 1n, 10n, MisbehaviorType.UNKNOWN)] });
    expect(events).toEqual([]);
    expect(chain.staking.slashes).toEqual([]);
    expect(chain.signingInfo(unbonded)!.tombstoned).toBe(false);
  });
});
