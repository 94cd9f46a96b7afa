import type { Command } from "commander";
import { registerPoolsQuery } from "./pools-query.js";
import { registerPoolsTx } from "./pools-tx.js";

/** Adds `persistence tx pools …` and `persistence query pools …` to the `tx` and `query` commands. */
export function registerPools(program: Command): void {
  const tx = program.commands.find((command) => command.name() === "tx");
  const query = program.commands.find((command) => command.name() === "query");
  if (!tx || !query) throw new Error("register the tx and query commands before the pools module's");
  registerPoolsTx(tx);
  registerPoolsQuery(query);
}
