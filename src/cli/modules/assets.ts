import type { Command } from "commander";
import { registerAssetsQuery } from "./assets-query.js";
import { registerAssetsTx } from "./assets-tx.js";

/** Adds `persistence tx assets …` and `persistence query assets …` to the `tx` and `query` commands. */
export function registerAssets(program: Command): void {
  const tx = program.commands.find((command) => command.name() === "tx");
  const query = program.commands.find((command) => command.name() === "query");
  if (!tx || !query) throw new Error("register the tx and query commands before the assets module's");
  registerAssetsTx(tx);
  registerAssetsQuery(query);
}
