import type { MessageSchema } from "./schema.js";
import { assetsSchemas } from "./schemas/assets.js";
import { authSchemas } from "./schemas/auth.js";
import { bankSchemas } from "./schemas/bank.js";
import { baseSchemas } from "./schemas/base.js";
import { cryptoSchemas } from "./schemas/crypto.js";
import { distributionSchemas } from "./schemas/distribution.js";
import { govSchemas } from "./schemas/gov.js";
import { identitySchemas } from "./schemas/identity.js";
import { lendingSchemas } from "./schemas/lending.js";
import { poolsSchemas } from "./schemas/pools.js";
import { marketSchemas } from "./schemas/market.js";
import { mintSchemas } from "./schemas/mint.js";
import { slashingSchemas } from "./schemas/slashing.js";
import { stakedropSchemas } from "./schemas/stakedrop.js";
import { stakingSchemas } from "./schemas/staking.js";
import { tendermintSchemas } from "./schemas/tendermint.js";
import { txSchemas } from "./schemas/tx.js";

/**
 * Every message the REST API can emit, by type URL. An `Any` whose type URL is listed here is
 * expanded into its fields; add a module's messages here to expand them too.
 */
export const gatewaySchemas: ReadonlyMap<string, MessageSchema> = new Map(
  [...baseSchemas, ...cryptoSchemas, ...authSchemas, ...bankSchemas, ...txSchemas, ...tendermintSchemas, ...identitySchemas, ...assetsSchemas, ...marketSchemas, ...lendingSchemas, ...poolsSchemas, ...stakedropSchemas, ...mintSchemas, ...distributionSchemas, ...govSchemas, ...slashingSchemas, ...stakingSchemas].map(
    (schema) => [schema.codec.typeUrl, schema],
  ),
);
