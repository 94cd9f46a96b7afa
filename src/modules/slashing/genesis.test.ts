import { describe, expect, it } from "vitest";
import { encodeAddress } from "../../types/address.js";
import { ONE } from "../../types/decimal.js";
import { encodeConsensusAddress } from "./addresses.js";
import { DEFAULT_SLASHING_PARAMS, maxMissedBlocks, minSignedBlocks } from "./params.js";
import { duplicateVote, SlashingChain, vote } from "./test-fixture.js";

const PARAMS = { signed_blocks_window: "2000", min_signed_per_window: "0.05", downtime_jail_duration: "600.5s", slash_fraction_double_sign: "0.05", slash_fraction_downtime: "0.0001" };
const cons = (seed: number) => encodeConsensusAddress(new Uint8Array(20).fill(0x80 + seed));
const info = (seed: number, fields: Record<string, unknown> = {}) => ({
  address: cons(seed),
  validator_signing_info: { address: cons(seed), start_height: "3", index_offset: "1500", jailed_until: "1970-01-01T00:00:00Z", tombstoned: false, missed_blocks_counter: "0", ...fields },
});

describe("slashing genesis", () => {
  it("exports params, signing infos and missed blocks in the SDK's shape, and imports them back unchanged", () => {
    const chain = new SlashingChain({ params: PARAMS });
    const [a, b] = [chain.bond(1), chain.bond(2)];
    // Misses at window indexes 0, 1023, 1024 and 1500 cross a bitmap chunk boundary.
    for (let i = 0; i < 1501; i++) chain.block({ votes: [vote(a, ![0, 1023, 1024, 1500].includes(i)), vote(b, true)] });
    chain.block({ misbehavior: [duplicateVote(b, chain.height)] });
    const exported = chain.exportGenesis();
    expect(exported).toEqual({
      params: { ...PARAMS, min_signed_per_window: "0.050000000000000000", downtime_jail_duration: "600.500s", slash_fraction_double_sign: "0.050000000000000000", slash_fraction_downtime: "0.000100000000000000" },
      evidence_params: { max_age_num_blocks: "100000", max_age_duration: "172800s" },
      signing_infos: [
        info(1, { start_height: "1", index_offset: "1501", missed_blocks_counter: "4" }),
        info(2, { start_height: "1", index_offset: "1501", tombstoned: true, jailed_until: "9999-12-31T23:59:59Z" }),
      ],
      missed_blocks: [
        { address: cons(1), missed_blocks: ["0", "1023", "1024", "1500"].map((index) => ({ index, missed: true })) },
        { address: cons(2), missed_blocks: [] },
      ],
    });
    const imported = new SlashingChain(JSON.parse(JSON.stringify(exported)));
    expect(imported.exportGenesis()).toEqual(exported);
    expect(imported.keeper.getSigningInfo(imported.context(), a.consensusAddress)).toEqual(chain.signingInfo(a));
  });

  it("defaults to the SDK's params and CometBFT's evidence limits", () => {
    expect(new SlashingChain().exportGenesis()).toEqual({
      params: { signed_blocks_window: "100", min_signed_per_window: "0.500000000000000000", downtime_jail_duration: "600s", slash_fraction_double_sign: "0.050000000000000000", slash_fraction_downtime: "0.010000000000000000" },
      evidence_params: { max_age_num_blocks: "100000", max_age_duration: "172800s" },
      signing_infos: [],
      missed_blocks: [],
    });
  });

  it.each([
    ["signed_blocks_window must be a positive number of blocks", { params: { signed_blocks_window: "0" } }],
    ["min_signed_per_window must be a decimal from 0 to 1", { params: { min_signed_per_window: "1.5" } }],
    ["slash_fraction_downtime must be a decimal from 0 to 1", { params: { slash_fraction_downtime: "-0.1" } }],
    ['downtime_jail_duration must be a positive duration such as "600s"', { params: { downtime_jail_duration: "10m" } }],
    ["max_age_duration must be a positive duration", { evidence_params: { max_age_duration: "0s" } }],
    ["unknown slashing params: unbonding_time", { params: { unbonding_time: "1s" } }],
    ["signing_infos must be a list of objects", { signing_infos: {} }],
    ["invalid Bech32 prefix; expected persistencevalcons", { signing_infos: [{ ...info(1), address: encodeAddress(new Uint8Array(20).fill(0x81)) }] }],
    ["must be the same address", { signing_infos: [{ ...info(1), validator_signing_info: { ...info(1).validator_signing_info, address: cons(2) } }] }],
    ["appears twice", { signing_infos: [info(1), info(1)] }],
    ["start_height and index_offset must be whole numbers", { signing_infos: [info(1, { start_height: "-1" })] }],
    ["missed_blocks_counter must be from 0 to the window", { signing_infos: [info(1, { missed_blocks_counter: "101" })] }],
    ["jailed_until must be an RFC 3339 time", { signing_infos: [info(1, { jailed_until: "tomorrow" })] }],
    ["counts 2 missed blocks that missed_blocks does not list", { signing_infos: [info(1, { missed_blocks_counter: "2" })] }],
    ["lists 1 missed blocks but its missed_blocks_counter is 2", { signing_infos: [info(1, { missed_blocks_counter: "2" })], missed_blocks: [{ address: cons(1), missed_blocks: [{ index: "4", missed: true }] }] }],
    ["is not within the window", { signing_infos: [info(1)], missed_blocks: [{ address: cons(1), missed_blocks: [{ index: "100", missed: true }] }] }],
    ["which has no signing info", { signing_infos: [info(1)], missed_blocks: [{ address: cons(2), missed_blocks: [] }] }],
    ["index 4 of", { signing_infos: [info(1, { missed_blocks_counter: "2" })], missed_blocks: [{ address: cons(1), missed_blocks: [{ index: "4", missed: true }, { index: "4", missed: true }] }] }],
  ])("refuses a genesis where %s", (message, genesis) => {
    const chain = new SlashingChain();
    const error = chain.module.initGenesis(chain.context("genesis"), genesis);
    expect(error?.log).toContain(message);
  });
});

describe("slashing params", () => {
  it("rounds the blocks a validator must sign half to even, as the SDK's LegacyDec.RoundInt64", () => {
    const at = (window: bigint, minSigned: bigint) => ({ ...DEFAULT_SLASHING_PARAMS, signedBlocksWindow: window, minSignedPerWindow: minSigned });
    expect(minSignedBlocks(at(5n, ONE / 2n))).toBe(2n);
    expect(minSignedBlocks(at(7n, ONE / 2n))).toBe(4n);
    expect(minSignedBlocks(at(3n, ONE / 3n))).toBe(1n);
    expect(minSignedBlocks(at(3n, (ONE * 2n) / 3n))).toBe(2n);
    expect(maxMissedBlocks(at(10_000n, ONE / 20n))).toBe(9_500n);
  });

  it("lets governance read every param and change one, validated as genesis; a refused change changes nothing", () => {
    const chain = new SlashingChain();
    const params = chain.module.params!;
    const ctx = chain.context("block");
    const before = params.get(ctx);
    expect(Object.keys(before)).toEqual(["signed_blocks_window", "min_signed_per_window", "downtime_jail_duration", "slash_fraction_double_sign", "slash_fraction_downtime", "max_age_num_blocks", "max_age_duration"]);
    expect(params.set(ctx, "slash_fraction_downtime", "1.01")?.log).toContain("slash_fraction_downtime must be a decimal from 0 to 1");
    expect(params.set(ctx, "signed_blocks_window", 0)?.log).toContain("must be a positive number of blocks");
    expect(params.set(ctx, "nope", "1")?.log).toContain('unknown slashing param "nope"');
    expect(params.get(ctx)).toEqual(before);
    expect(params.set(ctx, "signed_blocks_window", 10_000)).toBeUndefined();
    expect(params.set(ctx, "max_age_duration", "3600s")).toBeUndefined();
    expect(params.get(ctx)).toEqual({ ...before, signed_blocks_window: "10000", max_age_duration: "3600s" });
  });
});
