/** `persistence testnet` and `persistence testnet start` as a user runs them, stopped with Ctrl-C. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acceptsConnections } from "../../src/cli/testnet-supervisor.js";
import { parseListenAddress } from "../../src/node/config.js";
import { ensureCliBuilt, exited, OutputWatcher, runCli, spawnCli } from "../../src/testing/cli-process.js";
import { freePortBlock, waitUntil } from "../../src/testing/testnet-network.js";

interface LayoutJson {
  chain_id: string;
  nodes: { name: string; rpc: string; rest: string; abci: string }[];
}

describe("persistence testnet", () => {
  const dir = mkdtempSync(join(tmpdir(), "testnet-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes two validator homes, runs them until Ctrl-C, and leaves nothing running", async () => {
    await ensureCliBuilt();
    const [base, rest] = [await freePortBlock(20), await freePortBlock(2)];
    const init = await runCli(["testnet", "--validators", "2", "--home", dir, "--base-port", String(base), "--rest-base-port", String(rest), "--block-time", "200ms", "--output", "json"]);
    expect(init.code, init.stderr).toBe(0);
    const layout = JSON.parse(init.stdout) as LayoutJson;
    expect(layout.nodes.map((n) => n.name)).toEqual(["node0", "node1"]);

    const running = spawnCli(["testnet", "start", "--home", dir]);
    try {
      await new OutputWatcher(running.stdout).waitFor(/RPC/);
      const heightOf = async (rpc: string) => {
        const body = (await (await fetch(`${rpc}/status`)).json()) as { result: { sync_info: { latest_block_height: string } } };
        return Number(body.result.sync_info.latest_block_height);
      };
      for (const node of layout.nodes) await waitUntil(() => heightOf(node.rpc).then((h) => h >= 3, () => false), 60_000, `${node.name} at height 3`);
      const latest = (await (await fetch(`${layout.nodes[1]!.rest}/cosmos/base/tendermint/v1beta1/blocks/latest`)).json()) as { block: { header: { chain_id: string } } };
      expect(latest.block.header.chain_id).toBe(layout.chain_id);
    } finally {
      running.kill("SIGINT");
    }
    expect(await exited(running)).toBe(0);
    for (const node of layout.nodes) {
      expect(await acceptsConnections(parseListenAddress(node.abci))).toBe(false);
      expect(await acceptsConnections(parseListenAddress(node.rpc.replace("http://", "tcp://")))).toBe(false);
    }
  }, 120_000);
});
