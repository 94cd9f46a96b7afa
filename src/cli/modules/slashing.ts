import type { Command } from "commander";
import { registerSlashingQuery } from "./slashing-query.js";
import { registerSlashingTx } from "./slashing-tx.js";

/** Adds `persistence tx slashing …` and `persistence query slashing …` to the `tx` and `query` commands. */
export function registerSlashing(program: Command): void {
  const tx = program.commands.find((command) => command.name() === "tx");
  const query = program.commands.find((command) => command.name() === "query");
  if (!tx || !query) throw new Error("register the tx and query commands before the slashing module's");
  registerSlashingTx(tx);
  registerSlashingQuery(query);
}
