import type { Command } from "commander";
import { registerIdentityQuery } from "./identity-query.js";
import { registerIdentityTx } from "./identity-tx.js";

/** Adds `persistence tx identity …` and `persistence query identity …` to the `tx` and `query` commands. */
export function registerIdentity(program: Command): void {
  const tx = program.commands.find((command) => command.name() === "tx");
  const query = program.commands.find((command) => command.name() === "query");
  if (!tx || !query) throw new Error("register the tx and query commands before the identity module's");
  registerIdentityTx(tx);
  registerIdentityQuery(query);
}
