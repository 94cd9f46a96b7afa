import type { Command } from "commander";
import { registerDistributionQuery } from "./distribution-query.js";
import { registerDistributionTx } from "./distribution-tx.js";
import { registerMintQuery } from "./mint-query.js";

/** Adds `persistence tx distribution …`, `persistence query distribution …` and `persistence query mint …`. */
export function registerDistribution(program: Command): void {
  const tx = program.commands.find((command) => command.name() === "tx");
  const query = program.commands.find((command) => command.name() === "query");
  if (!tx || !query) throw new Error("register the tx and query commands before the distribution module's");
  registerDistributionTx(tx);
  registerDistributionQuery(query);
  registerMintQuery(query);
}
