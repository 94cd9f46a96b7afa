import { RequestInitChain } from "cosmjs-types/tendermint/abci/types";
import { describe, expect, it } from "vitest";
import { toHex, utf8 } from "../../store/bytes.js";
import { hashValidatorSet, validatorAddress } from "./block-hashing.js";
import {
  defaultConsensusParams,
  formatGenesisDoc,
  formatRfc3339Nanos,
  GenesisDocError,
  parseGenesisDoc,
  parseRfc3339Nanos,
  toRequestInitChain,
  type GenesisDoc,
} from "./genesis-doc.js";
import { Ed25519PrivateKey } from "./keys.js";

// Written by CometBFT v0.38.17's GenesisDoc.SaveAs; GO_GENESIS_2 lists its validators out of
// set order and has HTML-sensitive strings and an oddly laid out app_state.
const GO_GENESIS = `{
  "genesis_time": "2024-01-02T03:04:05.123456789Z",
  "chain_id": "persistence-local-1",
  "initial_height": "1",
  "consensus_params": {
    "block": {
      "max_bytes": "22020096",
      "max_gas": "-1"
    },
    "evidence": {
      "max_age_num_blocks": "100000",
      "max_age_duration": "172800000000000",
      "max_bytes": "1048576"
    },
    "validator": {
      "pub_key_types": [
        "ed25519"
      ]
    },
    "version": {
      "app": "0"
    },
    "abci": {
      "vote_extensions_enable_height": "0"
    }
  },
  "validators": [
    {
      "address": "1D902F1C840508CE20134D0C1FCE0DC9EEA60A03",
      "pub_key": {
        "type": "tendermint/PubKeyEd25519",
        "value": "q1R+NhnOok1W4zfrTlF8vdx1bLBYAYz2edKyqLbLQcA="
      },
      "power": "10",
      "name": "validator"
    }
  ],
  "app_hash": "",
  "app_state": {
    "bank": {
      "balances": [
        {
          "address": "persistence1x",
          "coins": [
            {
              "denom": "uxprt",
              "amount": "100"
            }
          ]
        }
      ]
    },
    "auth": {}
  }
}`;
const GO_GENESIS_2 = String.raw`{
  "genesis_time": "2030-12-31T23:59:59Z",
  "chain_id": "persistence-\u003c\u0026\u003e-2",
  "initial_height": "7",
  "consensus_params": {
    "block": {
      "max_bytes": "22020096",
      "max_gas": "50000000"
    },
    "evidence": {
      "max_age_num_blocks": "100000",
      "max_age_duration": "1500000000",
      "max_bytes": "1048576"
    },
    "validator": {
      "pub_key_types": [
        "ed25519"
      ]
    },
    "version": {
      "app": "3"
    },
    "abci": {
      "vote_extensions_enable_height": "100"
    }
  },
  "validators": [
    {
      "address": "68D3BA428048B56068F9FAD6D3F060C08EBC32E4",
      "pub_key": {
        "type": "tendermint/PubKeyEd25519",
        "value": "D9+Hb4MzdzE0abvd7jMANy/TmkCxnivdc5B1e9o7GyM="
      },
      "power": "5",
      "name": "a \u003cone\u003e \u0026 é"
    },
    {
      "address": "0E0D049342CF7FF3EFF7D4455D581DAD22C45323",
      "pub_key": {
        "type": "tendermint/PubKeyEd25519",
        "value": "qIwqYnaAheJWiqmCbeVcCgvG6Zf94zO58bSbuPu9ViA="
      },
      "power": "9",
      "name": "b"
    }
  ],
  "app_hash": "DEADBEEF",
  "app_state": {
    "z": [],
    "a": {},
    "n": 123456789012345678901234567890,
    "s": "\u003cb\u003e\u00e9 \u0026 \u2028\"q",
    "l": [
      1,
      [
        2,
        {
          "x": null
        }
      ],
      true
    ]
  }
}`;
// RequestInitChain as CometBFT v0.38.17's Handshaker builds it from those files, protobuf-encoded.
const GO_REQUEST_INIT_CHAIN =
  "0a0b08a5facdac0610959aef3a121370657273697374656e63652d6c6f63616c2d311a310a10088080c00a10ffffffffffffffffff01120e08a08d0612040880c60a188080401a090a076564323535313922002a0022260a220a20ab547e3619cea24d56e337eb4e517cbddc756cb058018cf679d2b2a8b6cb41c0100a2afa017b0a202020202262616e6b223a207b0a2020202020202262616c616e636573223a205b0a20202020202020207b0a202020202020202020202261646472657373223a202270657273697374656e63653178222c0a2020202020202020202022636f696e73223a205b0a2020202020202020202020207b0a20202020202020202020202020202264656e6f6d223a20227578707274222c0a202020202020202020202020202022616d6f756e74223a2022313030220a2020202020202020202020207d0a202020202020202020205d0a20202020202020207d0a2020202020205d0a202020207d2c0a202020202261757468223a207b7d0a20207d3001";
const GO_REQUEST_INIT_CHAIN_2 =
  "0a0608ff97f49507121170657273697374656e63652d3c263e2d321a330a0a088080c00a1080e1eb17121208a08d06120808011080cab5ee01188080401a090a0765643235353139220208032a02086422260a220a20a88c2a62768085e2568aa9826de55c0a0bc6e997fde333b9f1b49bb8fbbd5620100922260a220a200fdf876f833377313469bbddee3300372fd39a40b19e2bdd7390757bda3b1b2310052ae2017b0a20202020227a223a205b5d2c0a202020202261223a207b7d2c0a20202020226e223a203132333435363738393031323334353637383930313233343536373839302c0a202020202273223a20225c7530303363625c75303033655c7530306539205c7530303236205c75323032385c2271222c0a20202020226c223a205b0a202020202020312c0a2020202020205b0a2020202020202020322c0a20202020202020207b0a202020202020202020202278223a206e756c6c0a20202020202020207d0a2020202020205d2c0a202020202020747275650a202020205d0a20207d3007";

// A CometBFT 0.38 node's own genesis (tendermint-rs rpc/tests/kvstore_fixtures/v0_38/incoming/genesis.json).
const DOCKERCHAIN_GENESIS = `{
  "app_hash": "",
  "chain_id": "dockerchain",
  "consensus_params": {
    "abci": { "vote_extensions_enable_height": "0" },
    "block": { "max_bytes": "22020096", "max_gas": "-1" },
    "evidence": { "max_age_duration": "172800000000000", "max_age_num_blocks": "100000", "max_bytes": "1048576" },
    "validator": { "pub_key_types": ["ed25519"] },
    "version": { "app": "0" }
  },
  "genesis_time": "2023-05-17T14:12:48.347696215Z",
  "initial_height": "1",
  "validators": [
    {
      "address": "2DD9F44FD9067555C322243C3C913BA7B51D2BE0",
      "name": "",
      "power": "10",
      "pub_key": { "type": "tendermint/PubKeyEd25519", "value": "bNNlGls5R25wC3Sd8720F/3+7IZBhXcD22MNFtPk/v0=" }
    }
  ]
}`;

describe("parseGenesisDoc", () => {
  it("reads a real CometBFT 0.38 genesis whose validator set hash the chain's headers carry", () => {
    const doc = parseGenesisDoc(DOCKERCHAIN_GENESIS);
    expect(doc.chainId).toBe("dockerchain");
    expect(doc.initialHeight).toBe(1n);
    expect(formatRfc3339Nanos(doc.genesisTime)).toBe("2023-05-17T14:12:48.347696215Z");
    expect(doc.consensusParams).toEqual(defaultConsensusParams());
    expect(doc.appState).toBeUndefined();
    expect(toHex(hashValidatorSet(doc.validators)).toUpperCase()).toBe("33415EFFCEDA5BD0A3A443A727457D9F7B9E38389BF27A936FEDF749A7B7566E");
    expect(toRequestInitChain(doc).appStateBytes).toEqual(new Uint8Array(0));
  });

  for (const [name, text, request, validatorsHash] of [
    ["single validator", GO_GENESIS, GO_REQUEST_INIT_CHAIN, "ffaabefe3f358e2f15b5464d26f0502a5c1e1414130ff9f5176f87fc3b0cbc09"],
    ["two validators", GO_GENESIS_2, GO_REQUEST_INIT_CHAIN_2, "12b327ca51f666313a18c7779711154ddfa9a640f265dde33b941d565e13ec25"],
  ] as const) {
    it(`gives CometBFT v0.38.17's RequestInitChain bytes and writes its genesis.json back (${name})`, () => {
      const doc = parseGenesisDoc(utf8(text));
      expect(toHex(RequestInitChain.encode(toRequestInitChain(doc)).finish())).toBe(request);
      expect(toHex(hashValidatorSet(doc.validators))).toBe(validatorsHash);
      expect(formatGenesisDoc(doc)).toBe(text);
    });
  }

  it("keeps app_state's bytes as written, big numbers included", () => {
    const appState = '{ "n" : 123456789012345678901234567890,\n  "s": "\\u00e9<" }';
    const text = `{"genesis_time":"2024-01-01T00:00:00Z","chain_id":"c","app_state":${appState},"app_state_x":{}}`;
    expect(new TextDecoder().decode(parseGenesisDoc(text).appState)).toBe(appState);
    expect(new TextDecoder().decode(parseGenesisDoc(`{"app_state":1,"app_state":[ 2 ],"genesis_time":"2024-01-01T00:00:00Z","chain_id":"c"}`).appState)).toBe("[ 2 ]");
  });

  it("applies CometBFT's defaults and fills in a missing validator address", () => {
    const key = Ed25519PrivateKey.fromSeed(new Uint8Array(32).fill(3));
    const value = Buffer.from(key.publicKey).toString("base64");
    const doc = parseGenesisDoc(
      `{"genesis_time":"2024-01-01T00:00:00Z","chain_id":"c","validators":[{"pub_key":{"type":"tendermint/PubKeyEd25519","value":"${value}"},"power":"1"}]}`,
    );
    expect(doc.initialHeight).toBe(1n);
    expect(doc.consensusParams).toEqual(defaultConsensusParams());
    expect(doc.validators).toEqual([{ address: key.address, pubKey: key.publicKey, votingPower: 1n, name: "" }]);
    expect(doc.appHash).toEqual(new Uint8Array(0));
  });

  it("says clearly what is wrong", () => {
    const base = JSON.parse(GO_GENESIS);
    const cases: [string, (doc: any) => void, string][] = [
      ["not JSON", () => undefined, "genesis (document): not valid JSON"],
      ["chain id", (d) => (d.chain_id = "x".repeat(51)), "genesis chain_id: is 51 bytes long, at most 50 allowed"],
      ["empty chain id", (d) => delete d.chain_id, "genesis chain_id: must not be empty"],
      ["height", (d) => (d.initial_height = "-1"), "genesis initial_height: must be at least 1, got -1"],
      ["height number", (d) => (d.initial_height = 1), 'genesis initial_height: must be an integer in a string, such as "10"'],
      ["time", (d) => (d.genesis_time = "2024-02-30T00:00:00Z"), 'genesis genesis_time: "2024-02-30T00:00:00Z" is not a valid date and time'],
      ["no time", (d) => delete d.genesis_time, "genesis genesis_time: is required"],
      ["power", (d) => (d.validators[0].power = "0"), "genesis validators[0].power: must be positive, got 0"],
      ["address", (d) => (d.validators[0].address = "00".repeat(20)), "genesis validators[0].address: is not the address of its pub_key, which is 1D902F1C"],
      ["duplicate", (d) => d.validators.push(d.validators[0]), "genesis validators[1]: duplicates an earlier validator"],
      ["key type", (d) => (d.validators[0].pub_key.type = "tendermint/PubKeySecp256k1"), 'genesis validators[0].pub_key.type: must be "tendermint/PubKeyEd25519"'],
      ["total power", (d) => (d.validators[0].power = String(2n ** 62n)), "genesis validators: total power 4611686018427387904 exceeds the maximum"],
      ["max bytes", (d) => (d.consensus_params.block.max_bytes = "0"), "genesis consensus_params.block.max_bytes: cannot be 0"],
      ["missing section", (d) => delete d.consensus_params.validator, "genesis consensus_params.validator.pub_key_types: must not be empty"],
      ["evidence", (d) => (d.consensus_params.evidence.max_bytes = "30000000"), "genesis consensus_params.evidence.max_bytes: is greater than the block's max bytes"],
      ["app hash", (d) => (d.app_hash = "xyz"), "genesis app_hash: must be hex"],
    ];
    for (const [name, change, message] of cases) {
      const doc = structuredClone(base);
      change(doc);
      const text = name === "not JSON" ? "{" : JSON.stringify(doc);
      let error: unknown;
      try {
        parseGenesisDoc(text);
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(GenesisDocError);
      expect((error as GenesisDocError).message, name).toContain(message);
    }
  });
});

describe("formatGenesisDoc", () => {
  it("refuses to write an invalid document", () => {
    const doc: GenesisDoc = { ...parseGenesisDoc(GO_GENESIS), chainId: "" };
    expect(() => formatGenesisDoc(doc)).toThrow(GenesisDocError);
  });

  it("writes a new single-validator genesis that reads back the same", () => {
    const key = Ed25519PrivateKey.generate();
    const doc: GenesisDoc = {
      genesisTime: parseRfc3339Nanos("2025-06-01T12:00:00.000001Z"),
      chainId: "persistence-local-1",
      initialHeight: 1n,
      consensusParams: defaultConsensusParams(),
      validators: [{ address: validatorAddress(key.publicKey), pubKey: key.publicKey, votingPower: 100n, name: "local" }],
      appHash: new Uint8Array(0),
      appState: utf8(JSON.stringify({ bank: { supply: [] } })),
    };
    const text = formatGenesisDoc(doc);
    expect(text).toContain('"genesis_time": "2025-06-01T12:00:00.000001Z"');
    expect(parseGenesisDoc(text)).toEqual({ ...doc, appState: utf8('{\n    "bank": {\n      "supply": []\n    }\n  }') });
  });
});

describe("RFC 3339 times", () => {
  it("parse and format like Go's time.RFC3339Nano", () => {
    const cases: [string, bigint, number, string][] = [
      ["1970-01-01T00:00:00Z", 0n, 0, "1970-01-01T00:00:00Z"],
      ["2023-05-17T14:12:48.347696215Z", 1_684_332_768n, 347_696_215, "2023-05-17T14:12:48.347696215Z"],
      ["2020-06-23T15:34:12.3232688Z", 1_592_926_452n, 323_268_800, "2020-06-23T15:34:12.3232688Z"],
      ["2024-02-29T23:59:59.100+02:00", 1_709_243_999n, 100_000_000, "2024-02-29T21:59:59.1Z"],
      ["1969-12-31T23:59:59.999999999Z", -1n, 999_999_999, "1969-12-31T23:59:59.999999999Z"],
      ["2001-01-01T00:00:00.1234567891Z", 978_307_200n, 123_456_789, "2001-01-01T00:00:00.123456789Z"],
      ["0001-01-01T00:00:00Z", -62_135_596_800n, 0, "0001-01-01T00:00:00Z"],
      ["9999-12-31T23:59:59Z", 253_402_300_799n, 0, "9999-12-31T23:59:59Z"],
      ["2000-03-01T00:00:00-00:30", 951_870_600n, 0, "2000-03-01T00:30:00Z"],
    ];
    for (const [text, seconds, nanos, formatted] of cases) {
      expect(parseRfc3339Nanos(text), text).toEqual({ seconds, nanos });
      expect(formatRfc3339Nanos({ seconds, nanos }), text).toBe(formatted);
    }
  });

  it("refuse what Go refuses", () => {
    for (const text of ["2023-05-17 14:12:48Z", "2023-05-17T14:12:48", "2023-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2023-01-01T24:00:00Z", "2023-01-01T00:00:60Z", "0000-12-31T23:59:59Z"]) {
      expect(() => parseRfc3339Nanos(text), text).toThrow(RangeError);
    }
    expect(() => formatRfc3339Nanos({ seconds: 253_402_300_800n, nanos: 0 })).toThrow(RangeError);
    expect(() => formatRfc3339Nanos({ seconds: 0n, nanos: 1_000_000_000 })).toThrow(RangeError);
  });

  it("agree with Date across four centuries", () => {
    for (let seconds = -2_208_988_800; seconds < 10_413_792_000; seconds += 86_400 * 37 + 3_601) {
      const text = formatRfc3339Nanos({ seconds: BigInt(seconds), nanos: 0 });
      expect(text).toBe(new Date(seconds * 1000).toISOString().replace(".000", ""));
      expect(parseRfc3339Nanos(text).seconds).toBe(BigInt(seconds));
    }
  });
});
