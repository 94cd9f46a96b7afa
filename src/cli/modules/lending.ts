import type { Command } from "commander";
import { registerLendingQuery } from "./lending-query.js";
import { registerLendingTx } from "./lending-tx.js";

/** Adds `persistence tx lending …` and `persistence query lending …` to the `tx` and `query` commands. */
export function registerLending(program: Command): void {
  const tx = program.commands.find((command) => command.name() === "tx");
  const query = program.commands.find((command) => command.name() === "query");
  if (!tx || !query) throw new Error("register the tx and query commands before the lending module's");
  registerLendingTx(tx);
  registerLendingQuery(query);
}
