import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryDirectories } from "../testing/temp-dirs.js";
import { XPRT_GENESIS_SUPPLY } from "../app/genesis-state.js";
import { TestSigner } from "../testing/signer.js";
import { ConfigError, DEFAULT_NODE_CONFIG, readNodeConfig, writeNodeConfig } from "./config.js";
import { initHome } from "./home.js";
import { EmbeddedNode } from "./node.js";

const CHAIN_ID = "persistence-index-events-1";
const tempDir = temporaryDirectories("index-events-");

describe("index-events", () => {
  it("keeps only the listed attributes searchable, and marks the rest unindexed in the block's results", async () => {
    const home = tempDir();
    const alice = await TestSigner.fromSeed(1);
    const bob = await TestSigner.fromSeed(2);
    initHome({
      home,
      chainId: CHAIN_ID,
      allocations: [{ address: alice.address, coins: [{ denom: "uxprt", amount: XPRT_GENESIS_SUPPLY }] }],
      config: { indexEvents: ["message.sender"] },
    });
    const node = await EmbeddedNode.open({ home, signatureWorkers: 0 });
    try {
      await node.produceBlock();
      const tx = await alice.sign({
        messages: [{ typeUrl: MsgSend.typeUrl, value: MsgSend.fromPartial({ fromAddress: alice.address, toAddress: bob.address, amount: [{ denom: "uxprt", amount: "5" }] }) }],
        chainId: CHAIN_ID,
        accountNumber: 0n,
        sequence: 0n,
      });
      expect((await node.broadcastTx(tx)).code).toBe(0);
      const { stored } = await node.produceBlock();
      const height = stored.block.header!.height;

      const search = (query: string) => node.txSearch({ query, page: 1, perPage: 10, orderBy: "asc" }).totalCount;
      expect(search(`message.sender='${alice.address}'`)).toBe(1);
      expect(search(`tx.height=${height}`)).toBe(1);
      expect(search(`transfer.recipient='${bob.address}'`)).toBe(0);

      const [result] = node.blockResults(height)!.txResults;
      const flags = result!.events.flatMap((e) => e.attributes.map((a) => [`${e.type}.${a.key}`, a.index] as const));
      expect(flags).toContainEqual(["message.sender", true]);
      expect(flags).toContainEqual(["transfer.recipient", false]);
      expect(flags.filter(([tag, index]) => index && tag !== "message.sender")).toEqual([]);
    } finally {
      await node.stop();
    }
  });

  it("is read from app.toml as the Cosmos SDK writes it, and refuses entries that name no attribute", () => {
    const dir = tempDir();
    const paths = { configToml: join(dir, "config.toml"), appToml: join(dir, "app.toml") };
    writeNodeConfig(paths.configToml, paths.appToml, DEFAULT_NODE_CONFIG);
    expect(readFileSync(paths.appToml, "utf8")).toContain("index-events = []");
    expect(readNodeConfig(paths.configToml, paths.appToml).indexEvents).toEqual([]);

    writeFileSync(paths.appToml, `index-events = ["message.sender", "cosmos.bank.v1beta1.EventSend.amount"]\n`);
    expect(readNodeConfig(paths.configToml, paths.appToml).indexEvents).toEqual(["message.sender", "cosmos.bank.v1beta1.EventSend.amount"]);

    for (const bad of [`index-events = ["sender"]`, `index-events = ["message."]`, `index-events = [".sender"]`, `index-events = "message.sender"`, `index-events = [1]`]) {
      writeFileSync(paths.appToml, `${bad}\n`);
      expect(() => readNodeConfig(paths.configToml, paths.appToml), bad).toThrow(ConfigError);
    }
  });
});
