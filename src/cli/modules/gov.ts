import type { Command } from "commander";
import { registerGovQuery } from "./gov-query.js";
import { registerGovTx } from "./gov-tx.js";

/** Adds `persistence tx gov …` and `persistence query gov …` to the `tx` and `query` commands. */
export function registerGov(program: Command): void {
  const tx = program.commands.find((command) => command.name() === "tx");
  const query = program.commands.find((command) => command.name() === "query");
  if (!tx || !query) throw new Error("register the tx and query commands before the gov module's");
  registerGovTx(tx);
  registerGovQuery(query);
}
