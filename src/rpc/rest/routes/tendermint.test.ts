import { toBech32 } from "@cosmjs/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RestServer } from "../server.js";
import { CHAIN_ID, COMMITTED_TX, PROPOSER_ADDRESS, startTestRestServer } from "../test-fixture.js";

let server: RestServer;

beforeAll(async () => ({ server } = await startTestRestServer()));
afterAll(() => server.close());

async function get(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.address}${path}`);
  return { status: response.status, text: await response.text() };
}

const filled = (length: number, value: number): string => Buffer.from(new Uint8Array(length).fill(value)).toString("base64");

const blockId = (height: number) => ({ hash: filled(32, height), part_set_header: { total: 1, hash: filled(32, height + 100) } });

function expectedBlock(proposer: string) {
  return {
    header: {
      version: { block: "11", app: "1" },
      chain_id: CHAIN_ID,
      height: "2",
      time: "2024-05-01T12:00:02.500Z",
      last_block_id: blockId(1),
      last_commit_hash: filled(32, 200),
      data_hash: filled(32, 201),
      validators_hash: filled(32, 202),
      next_validators_hash: filled(32, 202),
      consensus_hash: filled(32, 203),
      app_hash: filled(32, 204),
      last_results_hash: filled(32, 205),
      evidence_hash: filled(32, 206),
      proposer_address: proposer,
    },
    data: { txs: [Buffer.from(COMMITTED_TX).toString("base64")] },
    evidence: { evidence: [] },
    last_commit: {
      height: "1",
      round: 0,
      block_id: blockId(1),
      signatures: [
        {
          block_id_flag: "BLOCK_ID_FLAG_COMMIT",
          validator_address: filled(20, 0xab),
          timestamp: "2024-05-01T12:00:01.500Z",
          signature: filled(64, 9),
        },
      ],
    },
  };
}

describe("blocks", () => {
  it("returns a block by height with the SDK block, whose proposer is a consensus address", async () => {
    expect(await get("/cosmos/base/tendermint/v1beta1/blocks/2")).toEqual({
      status: 200,
      text: JSON.stringify({
        block_id: blockId(2),
        block: expectedBlock(filled(20, 0xab)),
        sdk_block: expectedBlock(toBech32("persistencevalcons", PROPOSER_ADDRESS)),
      }),
    });
  });

  it("returns the latest block, with null hashes where the first block has none", async () => {
    const latest = JSON.parse((await get("/cosmos/base/tendermint/v1beta1/blocks/latest")).text);
    expect(latest.block.header.height).toBe("3");
    const first = JSON.parse((await get("/cosmos/base/tendermint/v1beta1/blocks/1")).text);
    expect(first.block.header.last_block_id).toEqual({ hash: null, part_set_header: { total: 0, hash: null } });
    expect(first.block.last_commit.signatures).toEqual([]);
  });

  it("rejects heights beyond the chain, below 1 or not numbers", async () => {
    expect(await get("/cosmos/base/tendermint/v1beta1/blocks/4")).toEqual({
      status: 400,
      text: '{"code":3,"message":"requested block height is bigger then the chain length","details":[]}',
    });
    expect((await get("/cosmos/base/tendermint/v1beta1/blocks/0")).status).toBe(400);
    expect((await get("/cosmos/base/tendermint/v1beta1/blocks/abc")).status).toBe(400);
  });
});

describe("node", () => {
  it("returns node info and the application version", async () => {
    expect((await get("/cosmos/base/tendermint/v1beta1/node_info")).text).toBe(
      JSON.stringify({
        default_node_info: {
          protocol_version: { p2p: "8", block: "11", app: "1" },
          default_node_id: "5a1b0c6e8f2d4a7b9c3e1f0a2b4c6d8e0f1a3b5c",
          listen_addr: "tcp://127.0.0.1:26656",
          network: CHAIN_ID,
          version: "0.38.17",
          channels: null,
          moniker: "local",
          other: { tx_index: "on", rpc_address: "tcp://127.0.0.1:26657" },
        },
        application_version: {
          name: "persistence",
          app_name: "persistence",
          version: "0.1.0",
          git_commit: "",
          build_tags: "",
          go_version: "",
          build_deps: [],
          cosmos_sdk_version: "",
        },
      }),
    );
  });

  it("reports whether it is catching up", async () => {
    expect((await get("/cosmos/base/tendermint/v1beta1/syncing")).text).toBe('{"syncing":false}');
  });
});
