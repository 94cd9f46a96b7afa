import type { Command } from "commander";
import { registerStakingQuery } from "./staking-query.js";
import { registerStakingTx } from "./staking-tx.js";

/** Adds `persistence tx staking …` and `persistence query staking …` to the `tx` and `query` commands. */
export function registerStaking(program: Command): void {
  const tx = program.commands.find((command) => command.name() === "tx");
  const query = program.commands.find((command) => command.name() === "query");
  if (!tx || !query) throw new Error("register the tx and query commands before the staking module's");
  registerStakingTx(tx);
  registerStakingQuery(query);
}
