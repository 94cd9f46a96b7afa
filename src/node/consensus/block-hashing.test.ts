import { Block } from "cosmjs-types/tendermint/types/block";
import type { Commit, Header } from "cosmjs-types/tendermint/types/types";
import { describe, expect, it } from "vitest";
import { fromHex, toHex, utf8 } from "../../store/bytes.js";
import { sha256 } from "../../store/hash.js";
import { merkleRoot } from "../../store/simple-merkle.js";
import {
  emptyEvidenceHash,
  hashCommit,
  hashConsensusParams,
  hashHeader,
  hashTxResults,
  hashTxs,
  hashValidatorSet,
  partSetHeader,
  sortValidatorSet,
  validatorAddress,
} from "./block-hashing.js";
import { defaultConsensusParams, parseRfc3339Nanos } from "./genesis-doc.js";
import { Ed25519PrivateKey } from "./keys.js";
import { signCommit } from "./votes.js";

const hex = (text: string) => fromHex(text);

/** A block as CometBFT's RPC writes it in JSON (hex hashes, base64 signatures, RFC 3339 times). */
interface RpcHeader {
  version: { block: string; app: string };
  chain_id: string;
  height: string;
  time: string;
  last_block_id: RpcBlockId;
  last_commit_hash: string;
  data_hash: string;
  validators_hash: string;
  next_validators_hash: string;
  consensus_hash: string;
  app_hash: string;
  last_results_hash: string;
  evidence_hash: string;
  proposer_address: string;
}
interface RpcBlock {
  header: RpcHeader;
  data: { txs: string[] };
  last_commit: {
    height: string;
    round: number;
    block_id: RpcBlockId;
    signatures: { block_id_flag: number; validator_address: string; timestamp: string; signature: string }[];
  };
}
interface RpcBlockId {
  hash: string;
  parts: { total: number; hash: string };
}

const blockIdFromRpc = (id: RpcBlockId) => ({ hash: hex(id.hash), partSetHeader: { total: id.parts.total, hash: hex(id.parts.hash) } });

function headerFromRpc(h: RpcHeader): Header {
  return {
    version: { block: BigInt(h.version.block), app: BigInt(h.version.app) },
    chainId: h.chain_id,
    height: BigInt(h.height),
    time: parseRfc3339Nanos(h.time),
    lastBlockId: blockIdFromRpc(h.last_block_id),
    lastCommitHash: hex(h.last_commit_hash),
    dataHash: hex(h.data_hash),
    validatorsHash: hex(h.validators_hash),
    nextValidatorsHash: hex(h.next_validators_hash),
    consensusHash: hex(h.consensus_hash),
    appHash: hex(h.app_hash),
    lastResultsHash: hex(h.last_results_hash),
    evidenceHash: hex(h.evidence_hash),
    proposerAddress: hex(h.proposer_address),
  };
}

function commitFromRpc(c: RpcBlock["last_commit"]): Commit {
  return {
    height: BigInt(c.height),
    round: c.round,
    blockId: blockIdFromRpc(c.block_id),
    signatures: c.signatures.map((s) => ({
      blockIdFlag: s.block_id_flag,
      validatorAddress: hex(s.validator_address),
      timestamp: parseRfc3339Nanos(s.timestamp),
      signature: new Uint8Array(Buffer.from(s.signature, "base64")),
    })),
  };
}

function blockFromRpc(b: RpcBlock): Block {
  return {
    header: headerFromRpc(b.header),
    data: { txs: b.data.txs.map((tx) => new Uint8Array(Buffer.from(tx, "base64"))) },
    evidence: { evidence: [] },
    lastCommit: commitFromRpc(b.last_commit),
  };
}

// A CometBFT 0.38 single-validator chain ("dockerchain"), recorded by tendermint-rs:
// rpc/tests/kvstore_fixtures/v0_38/incoming/block_at_height_{1,10}.json and genesis.json.
const DOCKERCHAIN_VALIDATOR = { pubKey: new Uint8Array(Buffer.from("bNNlGls5R25wC3Sd8720F/3+7IZBhXcD22MNFtPk/v0=", "base64")), votingPower: 10n };
const DOCKERCHAIN_HEADER = {
  version: { block: "11", app: "1" },
  chain_id: "dockerchain",
  app_hash: "0000000000000000",
  consensus_hash: "048091BC7DDC283F77BFBF91D73C44DA58C3DF8A9CBC867405D8B7F3DAADA22F",
  data_hash: "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
  evidence_hash: "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
  last_results_hash: "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
  validators_hash: "33415EFFCEDA5BD0A3A443A727457D9F7B9E38389BF27A936FEDF749A7B7566E",
  next_validators_hash: "33415EFFCEDA5BD0A3A443A727457D9F7B9E38389BF27A936FEDF749A7B7566E",
  proposer_address: "2DD9F44FD9067555C322243C3C913BA7B51D2BE0",
};
const EMPTY_BLOCK_ID: RpcBlockId = { hash: "", parts: { total: 0, hash: "" } };
const DOCKERCHAIN_BLOCK_1: { block: RpcBlock; blockId: RpcBlockId } = {
  block: {
    header: {
      ...DOCKERCHAIN_HEADER,
      height: "1",
      time: "2023-05-17T14:12:48.347696215Z",
      last_block_id: EMPTY_BLOCK_ID,
      last_commit_hash: "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
    },
    data: { txs: [] },
    last_commit: { height: "0", round: 0, block_id: EMPTY_BLOCK_ID, signatures: [] },
  },
  blockId: { hash: "6CD5CF4E23A49D9BC073D6F305D29D1B8B5193B534C237696D42FEA5AFBCD520", parts: { total: 1, hash: "F021777213F7EF77494C9B5C11D246A6F532DA146D205422D1FB85600F6B479C" } },
};
const DOCKERCHAIN_BLOCK_9_ID: RpcBlockId = {
  hash: "678A83FB0422D053A3792154703122861DD68ABB8247A4FF2945DF832DB18FC8",
  parts: { total: 1, hash: "29FE32F6B57D8439C9E9F6240B436DD560646FDA8C8C105E2C261B6F4746E89C" },
};
const DOCKERCHAIN_BLOCK_10: { block: RpcBlock; blockId: RpcBlockId } = {
  block: {
    header: {
      ...DOCKERCHAIN_HEADER,
      height: "10",
      time: "2023-05-17T14:12:53.088875124Z",
      last_block_id: DOCKERCHAIN_BLOCK_9_ID,
      last_commit_hash: "A3AD467820428D99FD53BFCF38CDC1EB141DD27E3B5F0F3931BBE91FBA8B097D",
    },
    data: { txs: [] },
    last_commit: {
      height: "9",
      round: 0,
      block_id: DOCKERCHAIN_BLOCK_9_ID,
      signatures: [
        {
          block_id_flag: 2,
          validator_address: "2DD9F44FD9067555C322243C3C913BA7B51D2BE0",
          timestamp: "2023-05-17T14:12:53.088875124Z",
          signature: "BMy5pB3a9xeEnuBkja/a6GUvP1guZ2lMQtZYvdrl8s0ri1/LaF0JuI9rOsy1biVTv+TDKzlBXTZ5gdgiq0uCAg==",
        },
      ],
    },
  },
  blockId: { hash: "00ECDAC463C201ECD4BDBBAAE4A53A4C80291D4051FD69ED97F6420CE1388BFE", parts: { total: 1, hash: "FF0A320E696FD233DD4D3CC7CD82FF90F54B8FDBC9C700D9375C95A02782B062" } },
};

describe("hashHeader", () => {
  it("matches CometBFT's TestHeaderHash vector (types/block_test.go)", () => {
    const header: Header = {
      version: { block: 1n, app: 2n },
      chainId: "chainId",
      height: 3n,
      time: parseRfc3339Nanos("2019-10-13T16:14:44Z"),
      lastBlockId: { hash: new Uint8Array(32), partSetHeader: { total: 6, hash: new Uint8Array(32) } },
      lastCommitHash: sha256(utf8("last_commit_hash")),
      dataHash: sha256(utf8("data_hash")),
      validatorsHash: sha256(utf8("validators_hash")),
      nextValidatorsHash: sha256(utf8("next_validators_hash")),
      consensusHash: sha256(utf8("consensus_hash")),
      appHash: sha256(utf8("app_hash")),
      lastResultsHash: sha256(utf8("last_results_hash")),
      evidenceHash: sha256(utf8("evidence_hash")),
      proposerAddress: sha256(utf8("proposer_address")).subarray(0, 20),
    };
    expect(toHex(hashHeader(header)).toUpperCase()).toBe("F740121F553B5418C3EFBD343C2DBFE9E007BB67B0D020A0741374BAB65242A4");
  });

  it("refuses a header without validators hash, which CometBFT does not hash", () => {
    const header = headerFromRpc({ ...DOCKERCHAIN_BLOCK_10.block.header, validators_hash: "" });
    expect(() => hashHeader(header)).toThrow(RangeError);
  });

  it("matches tendermint-rs header_with_known_hash.json", () => {
    const header = headerFromRpc({
      version: { block: "11", app: "1" },
      chain_id: "dockerchain",
      height: "1608",
      time: "2020-09-14T16:33:54.21191421Z",
      last_block_id: { hash: "D3B2CC7EDAFF87433A5DBCDCDF4077A56AACDE3606034262B0CDB120F62EB40B", parts: { total: 1, hash: "3AB411EAFE9A3B7AC013B0214990E5653112A39909289E3EA9211F07B8CD6EED" } },
      last_commit_hash: "47071B86EFC28BEC17543967975F35191BA9BEC9C2AD77E86F63B149528D71A1",
      data_hash: "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
      validators_hash: "5E20520EC80B84044B64BA0C55B1C06D543BBD57955C27B8A9999EC526BF703C",
      next_validators_hash: "5E20520EC80B84044B64BA0C55B1C06D543BBD57955C27B8A9999EC526BF703C",
      consensus_hash: "048091BC7DDC283F77BFBF91D73C44DA58C3DF8A9CBC867405D8B7F3DAADA22F",
      app_hash: "0000000000000000",
      last_results_hash: "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
      evidence_hash: "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
      proposer_address: "C8657A30D20C3BAD414624A1A963373DD500CCD3",
    });
    expect(toHex(hashHeader(header)).toUpperCase()).toBe("F30A71F2409FB15AACAEDB6CC122DFA2525BEE9CAE521721B06BFDCA291B8D56");
  });
});

describe("a real CometBFT 0.38 chain (tendermint-rs kvstore fixtures)", () => {
  for (const { block: rpcBlock, blockId } of [DOCKERCHAIN_BLOCK_1, DOCKERCHAIN_BLOCK_10]) {
    it(`reproduces block ${rpcBlock.header.height}'s block id and header hashes`, () => {
      const block = blockFromRpc(rpcBlock);
      expect(toHex(hashHeader(block.header)).toUpperCase()).toBe(blockId.hash);
      const parts = partSetHeader(Block.encode(block).finish());
      expect({ total: parts.total, hash: toHex(parts.hash).toUpperCase() }).toEqual(blockId.parts);
      expect(hashCommit(block.lastCommit!)).toEqual(block.header.lastCommitHash);
      expect(hashTxs(block.data.txs)).toEqual(block.header.dataHash);
      expect(emptyEvidenceHash()).toEqual(block.header.evidenceHash);
      expect(hashTxResults([])).toEqual(block.header.lastResultsHash);
      expect(hashValidatorSet([DOCKERCHAIN_VALIDATOR])).toEqual(block.header.validatorsHash);
      expect(hashConsensusParams(defaultConsensusParams())).toEqual(block.header.consensusHash);
      expect(validatorAddress(DOCKERCHAIN_VALIDATOR.pubKey)).toEqual(block.header.proposerAddress);
    });
  }
});

describe("hashValidatorSet", () => {
  // tendermint-rs validator.rs test_validator_set, generated with Go's types.NewValidatorSet.
  const v1 = { pubKey: Uint8Array.from([48, 163, 55, 132, 231, 147, 230, 163, 56, 158, 127, 218, 179, 139, 212, 103, 218, 89, 122, 126, 229, 88, 84, 48, 32, 0, 185, 174, 63, 72, 203, 52]), votingPower: 148_151_478_422_287_875n };
  const v2 = { pubKey: Uint8Array.from([54, 253, 174, 153, 121, 74, 145, 180, 111, 16, 214, 48, 193, 109, 104, 134, 55, 162, 151, 16, 182, 114, 125, 135, 32, 195, 236, 248, 64, 112, 74, 101]), votingPower: 158_095_448_483_785_107n };
  const v3 = { pubKey: Uint8Array.from([182, 205, 13, 86, 147, 27, 65, 49, 160, 118, 11, 180, 117, 35, 206, 35, 68, 19, 27, 173, 69, 92, 204, 224, 200, 51, 249, 81, 105, 128, 112, 244]), votingPower: 770_561_664_770_006_272n };
  const expected = Uint8Array.from([11, 64, 107, 4, 234, 81, 232, 75, 204, 199, 160, 114, 229, 97, 243, 95, 118, 213, 17, 22, 57, 84, 71, 122, 200, 169, 192, 252, 41, 148, 223, 180]);

  it("matches the Go-generated vector in any input order", () => {
    expect(hashValidatorSet([v1, v2, v3])).toEqual(expected);
    expect(hashValidatorSet([v3, v1, v2])).toEqual(expected);
  });

  it("orders by power descending, then address ascending", () => {
    const low = { pubKey: v3.pubKey, votingPower: 1n };
    const [x, y] = [v1, v2].map((v) => ({ pubKey: v.pubKey, votingPower: 5n })) as [typeof low, typeof low];
    const byAddress = Buffer.compare(validatorAddress(x.pubKey), validatorAddress(y.pubKey)) < 0 ? [x, y] : [y, x];
    expect(sortValidatorSet([low, y, x])).toEqual([...byAddress, low]);
    expect(sortValidatorSet([low, x, y])).toEqual([...byAddress, low]);
  });
});

// Produced by running CometBFT v0.38.17 itself (types.MakeBlock, Header.Populate, MakePartSet,
// state.TxResultsHash, ConsensusParams.Hash) on the inputs below.
describe("CometBFT v0.38.17 generated vectors", () => {
  const chainId = "persistence-local-1";
  const key = Ed25519PrivateKey.fromSeed(hex("47c6987bcd944d32c4a1cc519822006db1ce70dc9d1a772bc5ad0273bd3ef6e5"));
  const validatorsHash = hashValidatorSet([{ pubKey: key.publicKey, votingPower: 10n }]);
  const results = [
    { code: 0, data: utf8("ok"), log: "nondeterministic", info: "info", gasWanted: 200_000n, gasUsed: 51_234n, events: [{ type: "transfer", attributes: [] }], codespace: "" },
    { code: 5, data: new Uint8Array(0), log: "insufficient funds", info: "", gasWanted: 10n, gasUsed: 10n, events: [], codespace: "bank" },
    { code: 0, data: new Uint8Array(0), log: "", info: "", gasWanted: 0n, gasUsed: 0n, events: [], codespace: "" },
  ];

  it("hashes txs, results and consensus params", () => {
    expect(toHex(hashTxs([utf8("foo"), utf8("bar"), utf8("baz")]))).toBe("c9148115f7280f200540da16817e48993037810e4592366390aa81258546107d");
    expect(hashTxs([])).toEqual(sha256(new Uint8Array(0)));
    expect(toHex(hashTxResults(results))).toBe("579f56401747e4b79d8adb3f60d103ee4cf7a8d520a647b15721ab73c77ccef0");
    expect(toHex(hashConsensusParams({ block: { maxBytes: 1_048_576n, maxGas: 100_000_000n } }))).toBe(
      "733aa1e31667798a5fe820cba8f8a5be6c2591cac7e9a867b7f40c4cc2928d88",
    );
    expect(toHex(validatorsHash)).toBe("ffaabefe3f358e2f15b5464d26f0502a5c1e1414130ff9f5176f87fc3b0cbc09");
  });

  function makeHeader(height: bigint, time: string, fields: Partial<Header>): Header {
    return {
      version: { block: 11n, app: 0n },
      chainId,
      height,
      time: parseRfc3339Nanos(time),
      lastBlockId: { hash: new Uint8Array(0), partSetHeader: { total: 0, hash: new Uint8Array(0) } },
      lastCommitHash: new Uint8Array(0),
      dataHash: new Uint8Array(0),
      validatorsHash,
      nextValidatorsHash: validatorsHash,
      consensusHash: hashConsensusParams(defaultConsensusParams()),
      appHash: new Uint8Array(0),
      lastResultsHash: hashTxResults([]),
      evidenceHash: emptyEvidenceHash(),
      proposerAddress: key.address,
      ...fields,
    };
  }

  it("builds a two-block chain with the same bytes, block ids and commit", () => {
    const txs1 = [utf8("tx-one"), utf8("tx-two")];
    const emptyCommit: Commit = { height: 0n, round: 0, blockId: makeHeader(0n, "2024-01-02T03:04:05Z", {}).lastBlockId, signatures: [] };
    const block1: Block = {
      header: makeHeader(1n, "2024-01-02T03:04:05.123456789Z", { dataHash: hashTxs(txs1), lastCommitHash: hashCommit(emptyCommit) }),
      data: { txs: txs1 },
      evidence: { evidence: [] },
      lastCommit: emptyCommit,
    };
    const bytes1 = Block.encode(block1).finish();
    expect(toHex(bytes1)).toBe(
      "0ab0020a02080b121370657273697374656e63652d6c6f63616c2d311801220b08a5facdac0610959aef3a2a0212003220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8553a20303e3d08c4b8e61e7640853a93c47255a8b592e193af9588081f6d800e856b114220ffaabefe3f358e2f15b5464d26f0502a5c1e1414130ff9f5176f87fc3b0cbc094a20ffaabefe3f358e2f15b5464d26f0502a5c1e1414130ff9f5176f87fc3b0cbc095220048091bc7ddc283f77bfbf91d73c44da58c3df8a9cbc867405d8b7f3daada22f6220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8556a20e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85572141d902f1c840508ce20134d0c1fce0dc9eea60a0312100a0674782d6f6e650a0674782d74776f1a0022041a021200",
    );
    const blockId1 = { hash: hashHeader(block1.header), partSetHeader: partSetHeader(bytes1) };
    expect(toHex(blockId1.hash)).toBe("068432750d19b615b73bfd97c145176f2c5e26aa2ee5c028cf342e8babeed6d6");
    expect(blockId1.partSetHeader).toEqual({ total: 1, hash: hex("01cb0ebdfba27c4ee8cf0dfa577ee98c9b4394713cca3f4049fe5ca2aa627ce8") });

    const commit1 = signCommit({ chainId, height: 1n, round: 0, blockId: blockId1, timestamp: parseRfc3339Nanos("2024-01-02T03:04:06.5Z"), key });
    expect(toHex(hashCommit(commit1))).toBe("2d64390833d8da8900d34992169ecd367dfb3064eb79af646e6c015e10250c2a");

    const txs2 = [new Uint8Array(150_000).fill(0x61)];
    const lastResultsHash = hashTxResults(results.slice(0, 2));
    expect(toHex(lastResultsHash)).toBe("70ff90c0e475492c755409bbbdc859feba908acb4c99783414bf04eee6cf8b81");
    const block2: Block = {
      header: makeHeader(2n, "2024-01-02T03:04:06.5Z", {
        lastBlockId: blockId1,
        lastCommitHash: hashCommit(commit1),
        dataHash: hashTxs(txs2),
        appHash: sha256(utf8("app-hash-2")),
        lastResultsHash,
      }),
      data: { txs: txs2 },
      evidence: { evidence: [] },
      lastCommit: commit1,
    };
    expect(toHex(hashHeader(block2.header))).toBe("89780ac951ab9053f26bf803ede80ba8bedea2e19416e8b5788c4e011c246d6f");
    expect(partSetHeader(Block.encode(block2).finish())).toEqual({
      total: 3,
      hash: hex("5c136ae801c9e6ad5256e822d8863ce960bbec2c8cade2b9e09c03f4eee111f6"),
    });
  });
});

describe("partSetHeader", () => {
  it("splits at 65536 bytes and roots the raw parts", () => {
    const bytes = new Uint8Array(65_536 * 2 + 1).map((_, i) => i % 251);
    expect(partSetHeader(bytes)).toEqual({
      total: 3,
      hash: merkleRoot([bytes.subarray(0, 65_536), bytes.subarray(65_536, 131_072), bytes.subarray(131_072)]),
    });
    expect(partSetHeader(bytes.subarray(0, 65_536)).total).toBe(1);
  });
});
