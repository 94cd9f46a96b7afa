import type { Command } from "commander";
import { registerMarketQuery } from "./market-query.js";
import { registerMarketTx } from "./market-tx.js";

/** Adds `persistence tx market …` and `persistence query market …` to the `tx` and `query` commands. */
export function registerMarket(program: Command): void {
  const tx = program.commands.find((command) => command.name() === "tx");
  const query = program.commands.find((command) => command.name() === "query");
  if (!tx || !query) throw new Error("register the tx and query commands before the market module's");
  registerMarketTx(tx);
  registerMarketQuery(query);
}
