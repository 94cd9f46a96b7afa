import type { Command } from "commander";
import { registerStakedropGenesis } from "./stakedrop-genesis.js";
import { registerStakedropQuery } from "./stakedrop-query.js";
import { registerStakedropSigning } from "./stakedrop-sign.js";
import { registerStakedropTx } from "./stakedrop-tx.js";

/**
 * Adds `persistence tx stakedrop …` and `persistence query stakedrop …` to the `tx` and `query`
 * commands, and `persistence stakedrop …`: snapshot files, a campaign in a genesis, claim signatures.
 */
export function registerStakedrop(program: Command): void {
  const tx = program.commands.find((command) => command.name() === "tx");
  const query = program.commands.find((command) => command.name() === "query");
  if (!tx || !query) throw new Error("register the tx and query commands before the stakedrop module's");
  registerStakedropTx(tx);
  registerStakedropQuery(query);
  const stakedrop = program.command("stakedrop").description("the XPRT airdrop to Cosmos Hub stakers: snapshot files, a campaign in a genesis, claim messages and signatures");
  registerStakedropGenesis(stakedrop);
  registerStakedropSigning(stakedrop);
}
