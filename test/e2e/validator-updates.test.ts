/**
 * Validator-set changes that the app returns in FinalizeBlock reach CometBFT through the ABCI
 * server: a real CometBFT process drives an app that changes its one validator's power.
 */
import type { RequestFinalizeBlock, ResponseFinalizeBlock } from "cosmjs-types/tendermint/abci/types";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAbciServer, type AbciServer } from "../../src/abci/server.js";
import { PersistenceApp } from "../../src/app/app.js";
import { devnetAllocations, devnetWallet } from "../../src/cli/devnet-accounts.js";
import { loadPrivValidatorKey } from "../../src/node/consensus/keys.js";
import { openHomeApp, type HomeApp } from "../../src/node/home-app.js";
import { silentLogger } from "../../src/node/logger.js";
import { TestnetNetwork, waitUntil } from "../../src/testing/testnet-network.js";

const CHANGE_AT = 3n;
const NEW_POWER = 25n;

/** The real app, whose block at CHANGE_AT also sets the validator's power, as staking will. */
class PowerChangingApp extends PersistenceApp {
  validatorKey: Uint8Array = new Uint8Array(0);

  override async finalizeBlock(request: RequestFinalizeBlock): Promise<ResponseFinalizeBlock> {
    const response = await super.finalizeBlock(request);
    if (request.height !== CHANGE_AT) return response;
    return { ...response, validatorUpdates: [{ pubKey: { ed25519: this.validatorKey }, power: NEW_POWER }] };
  }
}

describe("validator updates under CometBFT", () => {
  let network: TestnetNetwork;
  let home: HomeApp;
  let abci: AbciServer;

  beforeAll(async () => {
    const wallet = await devnetWallet(2);
    network = await TestnetNetwork.create({ validators: 1, allocations: devnetAllocations((await wallet.getAccounts()).map((a) => a.address)), blockTimeMs: 100 });
    const node = network.nodes[0]!;
    home = openHomeApp({ home: node.home, signatureWorkers: 0, logger: silentLogger });
    const app = new PowerChangingApp({ db: home.db, chainId: home.genesis.chainId });
    app.validatorKey = loadPrivValidatorKey(join(node.home, "config", "priv_validator_key.json")).publicKey;
    abci = await startAbciServer({ app, address: node.abciAddress });
    network.startCometBft(0);
  }, 60_000);

  afterAll(async () => {
    await network?.close();
    await abci?.close();
    await home?.close();
  });

  it("takes effect two heights after the block that returned it", async () => {
    await network.waitForHeight(0, Number(CHANGE_AT) + 3);
    const powerAt = async (height: bigint) => {
      const response = await fetch(`${network.nodes[0]!.rpcUrl}/validators?height=${height}`);
      const body = (await response.json()) as { result: { validators: { voting_power: string }[] } };
      return body.result.validators.map((v) => v.voting_power);
    };
    await waitUntil(async () => (await powerAt(CHANGE_AT + 2n)).length > 0, 10_000, "the validators at the changed height");
    expect(await powerAt(CHANGE_AT + 1n)).toEqual(["10"]);
    expect(await powerAt(CHANGE_AT + 2n)).toEqual([String(NEW_POWER)]);
  }, 60_000);
});
