import { SignedMsgType, type BlockID, type Commit } from "cosmjs-types/tendermint/types/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { describe, expect, it } from "vitest";
import { fromHex, toHex, utf8 } from "../../store/bytes.js";
import { sha256 } from "../../store/hash.js";
import { parseRfc3339Nanos } from "./genesis-doc.js";
import { Ed25519PrivateKey } from "./keys.js";
import { signCommit, verifyCommit, voteSignBytes } from "./votes.js";

const { SIGNED_MSG_TYPE_UNKNOWN: UNKNOWN, SIGNED_MSG_TYPE_PREVOTE: PREVOTE, SIGNED_MSG_TYPE_PRECOMMIT: PRECOMMIT } = SignedMsgType;
const ZERO_BLOCK_ID: BlockID = { hash: new Uint8Array(0), partSetHeader: { total: 0, hash: new Uint8Array(0) } };
/** Go's zero time.Time, 0001-01-01T00:00:00Z, which CometBFT's vectors sign. */
const GO_ZERO_TIME = { seconds: -62_135_596_800n, nanos: 0 };

describe("voteSignBytes", () => {
  it("matches CometBFT's TestVoteSignBytesTestVectors (types/vote_test.go)", () => {
    const zeroTimeTail = "2a0b088092b8c398feffffff01";
    const vote = (type: SignedMsgType, height: bigint, round: number) => ({ type, height, round, blockId: ZERO_BLOCK_ID, timestamp: GO_ZERO_TIME });
    expect(toHex(voteSignBytes("", vote(UNKNOWN, 0n, 0)))).toBe("0d" + zeroTimeTail);
    expect(toHex(voteSignBytes("", vote(PRECOMMIT, 1n, 1)))).toBe("21" + "0802" + "110100000000000000" + "190100000000000000" + zeroTimeTail);
    expect(toHex(voteSignBytes("", vote(PREVOTE, 1n, 1)))).toBe("21" + "0801" + "110100000000000000" + "190100000000000000" + zeroTimeTail);
    expect(toHex(voteSignBytes("", vote(UNKNOWN, 1n, 1)))).toBe("1f" + "110100000000000000" + "190100000000000000" + zeroTimeTail);
    expect(toHex(voteSignBytes("test_chain_id", vote(UNKNOWN, 1n, 1)))).toBe(
      "2e" + "110100000000000000" + "190100000000000000" + zeroTimeTail + "320d" + toHex(utf8("test_chain_id")),
    );
  });

  // tendermint-rs vote/sign_vote.rs, bytes generated with Go's types.VoteSignBytes.
  const prevote = {
    type: PREVOTE,
    height: 12345n,
    round: 2,
    timestamp: parseRfc3339Nanos("2017-12-25T03:00:01.234Z"),
    blockId: { hash: utf8("DEADBEEFDEADBEEFBAFBAFBAFBAFBAFA"), partSetHeader: { total: 1_000_000, hash: utf8("0022446688AACCEE1133557799BBDDFF") } },
  };

  it("matches tendermint-rs's Go-generated vote with a block id", () => {
    expect([...voteSignBytes("test_chain_id", prevote)]).toEqual([
      124, 8, 1, 17, 57, 48, 0, 0, 0, 0, 0, 0, 25, 2, 0, 0, 0, 0, 0, 0, 0, 34, 74, 10, 32, 68, 69, 65, 68, 66, 69, 69, 70, 68, 69, 65,
      68, 66, 69, 69, 70, 66, 65, 70, 66, 65, 70, 66, 65, 70, 66, 65, 70, 66, 65, 70, 65, 18, 38, 8, 192, 132, 61, 18, 32, 48, 48, 50, 50,
      52, 52, 54, 54, 56, 56, 65, 65, 67, 67, 69, 69, 49, 49, 51, 51, 53, 53, 55, 55, 57, 57, 66, 66, 68, 68, 70, 70, 42, 11, 8, 177, 211,
      129, 210, 5, 16, 128, 157, 202, 111, 50, 13, 116, 101, 115, 116, 95, 99, 104, 97, 105, 110, 95, 105, 100,
    ]);
  });

  it("keeps a block id that has parts but no hash, as Go does", () => {
    const vote = { ...prevote, blockId: { ...prevote.blockId, hash: new Uint8Array(0) } };
    expect([...voteSignBytes("test_chain_id", vote)]).toEqual([
      90, 8, 1, 17, 57, 48, 0, 0, 0, 0, 0, 0, 25, 2, 0, 0, 0, 0, 0, 0, 0, 34, 40, 18, 38, 8, 192, 132, 61, 18, 32, 48, 48, 50, 50, 52, 52,
      54, 54, 56, 56, 65, 65, 67, 67, 69, 69, 49, 49, 51, 51, 53, 53, 55, 55, 57, 57, 66, 66, 68, 68, 70, 70, 42, 11, 8, 177, 211, 129,
      210, 5, 16, 128, 157, 202, 111, 50, 13, 116, 101, 115, 116, 95, 99, 104, 97, 105, 110, 95, 105, 100,
    ]);
  });
});

const hexId = (hash: string, partsHash: string): BlockID => ({ hash: fromHex(hash), partSetHeader: { total: 1, hash: fromHex(partsHash) } });

describe("verifyCommit on a real CometBFT 0.38 chain (tendermint-rs kvstore fixtures)", () => {
  const validators = [{ pubKey: new Uint8Array(Buffer.from("bNNlGls5R25wC3Sd8720F/3+7IZBhXcD22MNFtPk/v0=", "base64")), votingPower: 10n }];
  const blockId = hexId(
    "00ECDAC463C201ECD4BDBBAAE4A53A4C80291D4051FD69ED97F6420CE1388BFE",
    "FF0A320E696FD233DD4D3CC7CD82FF90F54B8FDBC9C700D9375C95A02782B062",
  );
  // commit_at_height_10.json
  const commit: Commit = {
    height: 10n,
    round: 0,
    blockId,
    signatures: [
      {
        blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT,
        validatorAddress: fromHex("2DD9F44FD9067555C322243C3C913BA7B51D2BE0"),
        timestamp: parseRfc3339Nanos("2023-05-17T14:12:53.605374524Z"),
        signature: new Uint8Array(
          Buffer.from("5y0Kas3bSrgVYG/QKwWovMpTBfavZfy/A8DXkQHzFHVMjOcVk2TK6xhYQasfiodordg1bjDf7NDwNi/YdilaAw==", "base64"),
        ),
      },
    ],
  };
  const params = { chainId: "dockerchain", validators, blockId, height: 10n, commit };

  it("accepts the validator's real precommit signature", () => {
    expect(verifyCommit(params)).toEqual({ valid: true });
  });

  it("rejects it for another chain, height, block or a changed signature", () => {
    expect(verifyCommit({ ...params, chainId: "otherchain" })).toEqual({ valid: false, reason: "signature 0 is wrong" });
    expect(verifyCommit({ ...params, height: 11n }).valid).toBe(false);
    expect(verifyCommit({ ...params, blockId: { ...blockId, hash: sha256(utf8("other")) } }).valid).toBe(false);
    const signature = Uint8Array.from(commit.signatures[0]!.signature);
    signature[5]! ^= 1;
    const tampered = { ...commit, signatures: [{ ...commit.signatures[0]!, signature }] };
    expect(verifyCommit({ ...params, commit: tampered }).valid).toBe(false);
  });
});

describe("signCommit", () => {
  const chainId = "persistence-local-1";
  const key = Ed25519PrivateKey.fromSeed(fromHex("47c6987bcd944d32c4a1cc519822006db1ce70dc9d1a772bc5ad0273bd3ef6e5"));
  const blockId = hexId(
    "068432750d19b615b73bfd97c145176f2c5e26aa2ee5c028cf342e8babeed6d6",
    "01cb0ebdfba27c4ee8cf0dfa577ee98c9b4394713cca3f4049fe5ca2aa627ce8",
  );
  const timestamp = parseRfc3339Nanos("2024-01-02T03:04:06.5Z");
  const commit = signCommit({ chainId, height: 1n, round: 0, blockId, timestamp, key });

  it("signs the precommit exactly as CometBFT v0.38.17 does (Go-generated vector)", () => {
    const signBytes = voteSignBytes(chainId, { type: PRECOMMIT, height: 1n, round: 0, blockId, timestamp });
    expect(toHex(signBytes)).toBe(
      "78080211010000000000000022480a20068432750d19b615b73bfd97c145176f2c5e26aa2ee5c028cf342e8babeed6d612240801122001cb0ebdfba27c4ee8cf0dfa577ee98c9b4394713cca3f4049fe5ca2aa627ce82a0c08a6facdac061080cab5ee01321370657273697374656e63652d6c6f63616c2d31",
    );
    expect(commit).toEqual({
      height: 1n,
      round: 0,
      blockId,
      signatures: [
        {
          blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT,
          validatorAddress: key.address,
          timestamp,
          signature: fromHex(
            "21044a8151ed1e7a48366eab9cba7afa7da9893a1717261ea58762e20dd11d8af3bf853ed0bbd18d36242f75c54bdd04ca4c97e93c8816b43d15888ca92b4d0e",
          ),
        },
      ],
    });
  });

  it("verifies with the validator's public key", () => {
    const validators = [{ pubKey: key.publicKey, votingPower: 10n }];
    expect(verifyCommit({ chainId, validators, blockId, height: 1n, commit })).toEqual({ valid: true });
  });

  it("needs more than 2/3 of the voting power and one slot per validator", () => {
    const other = Ed25519PrivateKey.fromSeed(sha256(utf8("other validator")));
    const validators = [
      { pubKey: key.publicKey, votingPower: 10n },
      { pubKey: other.publicKey, votingPower: 5n },
    ];
    const absent = { blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_ABSENT, validatorAddress: new Uint8Array(0), timestamp: GO_ZERO_TIME, signature: new Uint8Array(0) };
    const twoSlots = { ...commit, signatures: [commit.signatures[0]!, absent] };
    expect(verifyCommit({ chainId, validators, blockId, height: 1n, commit: twoSlots })).toEqual({
      valid: false,
      reason: "commit has voting power 10, needs more than 10",
    });
    expect(verifyCommit({ chainId, validators, blockId, height: 1n, commit }).valid).toBe(false);

    const nilVote = signCommit({ chainId, height: 1n, round: 0, blockId: ZERO_BLOCK_ID, timestamp, key: other }).signatures[0]!;
    const withNil = { ...commit, signatures: [commit.signatures[0]!, { ...nilVote, blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_NIL }] };
    const heavier = [validators[0]!, { ...validators[1]!, votingPower: 4n }];
    expect(verifyCommit({ chainId, validators: heavier, blockId, height: 1n, commit: withNil })).toEqual({ valid: true });
  });
});
