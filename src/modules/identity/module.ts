import type { AppModule } from "../../types/module.js";
import { identityParams } from "./gov-params.js";
import { exportIdentityGenesis, identityGenesis, initIdentityGenesis } from "./genesis.js";
import type { IdentityKeeper } from "./keeper.js";
import { IDENTITY_STORE, MODULE_NAME } from "./keys.js";
import { identityMessages } from "./msg-server.js";
import { identityQueries } from "./query.js";

/** identity: KYC providers, attestations as commitments, revocation, freezes, the deny list and disclosures to auditors. */
export function identityModule(keeper: IdentityKeeper): AppModule {
  return {
    name: MODULE_NAME,
    storeKeys: [IDENTITY_STORE],
    messages: identityMessages(keeper),
    queries: identityQueries(keeper),
    defaultGenesis: () => identityGenesis(),
    initGenesis: (ctx, genesis) => initIdentityGenesis(keeper, ctx, genesis),
    exportGenesis: (ctx) => exportIdentityGenesis(keeper, ctx),
    params: identityParams(keeper),
  };
}
