import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import { CommitSig } from "cosmjs-types/tendermint/types/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { describe, expect, it } from "vitest";
import { sha256 } from "../../store/hash.js";
import { validatorAddress } from "./block-hashing.js";
import {
  applyValidatorUpdates,
  commitSignatures,
  decodeValidatorSet,
  encodeValidatorSet,
  MAX_TOTAL_VOTING_POWER,
  singleSignerVotes,
  validatorSetFromUpdates,
  ValidatorUpdateError,
} from "./validator-set.js";

const key = (label: string) => sha256(new TextEncoder().encode(label));
const update = (label: string, power: bigint): ValidatorUpdate => ({ pubKey: { ed25519: key(label) }, power });
const powers = (set: { pubKey: Uint8Array; votingPower: bigint }[]) => set.map((v) => [Buffer.from(v.pubKey).toString("hex").slice(0, 8), v.votingPower]);

describe("validator sets", () => {
  it("are kept in CometBFT's order: power descending, then address", () => {
    const set = validatorSetFromUpdates([update("a", 5n), update("b", 10n), update("c", 5n)]);
    expect(set.map((v) => v.votingPower)).toEqual([10n, 5n, 5n]);
    expect(Buffer.compare(set[1]!.address, set[2]!.address)).toBe(-1);
    expect(set[0]!.address).toEqual(validatorAddress(key("b")));
  });

  it("apply updates: add, change power, remove with power 0; the input is untouched", () => {
    const start = validatorSetFromUpdates([update("a", 10n), update("b", 5n)]);
    const next = applyValidatorUpdates(start, [update("a", 0n), update("b", 7n), update("c", 1n)]);
    expect(powers(next)).toEqual(powers([{ pubKey: key("b"), votingPower: 7n }, { pubKey: key("c"), votingPower: 1n }]));
    expect(start.map((v) => v.votingPower)).toEqual([10n, 5n]);
  });

  it("refuse what CometBFT refuses", () => {
    const start = validatorSetFromUpdates([update("a", 10n)]);
    const refused = (updates: ValidatorUpdate[]) => {
      try {
        applyValidatorUpdates(start, updates);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidatorUpdateError);
        return (error as Error).message;
      }
      throw new Error("accepted");
    };
    expect(refused([update("b", 1n), update("b", 2n)])).toMatch(/duplicate/);
    expect(refused([update("b", -1n)])).toMatch(/negative/);
    expect(refused([update("b", 0n)])).toMatch(/not in the set/);
    expect(refused([update("a", 0n)])).toMatch(/empty/);
    expect(refused([{ pubKey: { secp256k1: new Uint8Array(33) }, power: 1n }])).toMatch(/ed25519/);
    expect(refused([update("b", MAX_TOTAL_VOTING_POWER)])).toMatch(/exceed/);
    expect(refused([update("b", MAX_TOTAL_VOTING_POWER + 1n)])).toMatch(/above the maximum/);
    expect(() => validatorSetFromUpdates([update("a", 1n), update("b", 0n)])).toThrow(/zero power/);
  });

  it("round-trip through their stored encoding", () => {
    const set = validatorSetFromUpdates([update("a", 3n), update("b", 9n)]);
    expect(decodeValidatorSet(encodeValidatorSet(set))).toEqual(set);
  });

  it("give one vote per member, only the signer committing, and absent commit slots as CometBFT encodes them", () => {
    const set = validatorSetFromUpdates([update("a", 3n), update("b", 9n)]);
    const signer = set[1]!.address;
    expect(singleSignerVotes(set, signer).map((v) => [v.validator!.power, v.blockIdFlag])).toEqual([
      [9n, BlockIDFlag.BLOCK_ID_FLAG_ABSENT],
      [3n, BlockIDFlag.BLOCK_ID_FLAG_COMMIT],
    ]);
    const own: CommitSig = { blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT, validatorAddress: signer, timestamp: { seconds: 1n, nanos: 0 }, signature: new Uint8Array(64).fill(1) };
    const slots = commitSignatures(set, own);
    expect(slots[1]).toBe(own);
    // CometBFT's NewCommitSigAbsent: flag 1, then Go's zero time (0001-01-01) as field 3.
    expect(Buffer.from(CommitSig.encode(slots[0]!).finish()).toString("hex")).toBe("08011a0b088092b8c398feffffff01");
  });
});
