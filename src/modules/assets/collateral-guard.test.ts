import { afterEach, describe, expect, it } from "vitest";
import { AssetStatus } from "../../generated/persistence/assets/v1/types.js";
import { TestSigner } from "../../testing/signer.js";
import { startLendingChain, LENDING_ADDRESS, msg, type LendingChain, type Wallet } from "../lending/test-fixture.js";
import { marketWorld } from "../market/test-fixture.js";
import { MsgSetAssetStatus } from "./codecs.js";

const NFT = "nft:invoice/n1";
const YEAR = 31_536_000n;
const { ASSET_STATUS_ISSUED: ISSUED, ASSET_STATUS_FINANCED: FINANCED, ASSET_STATUS_PAID: PAID, ASSET_STATUS_DEFAULTED: DEFAULTED, ASSET_STATUS_SETTLED: SETTLED } = AssetStatus;

/**
 * The maintainer guard of `setStatusAsMaintainer` in the assembled App: while a module account
 * (lending) holds an asset that is pledged, financed or defaulted, the maintainer's
 * MsgSetAssetStatus is refused with assets code 20 and changes nothing; lending moves the status.
 */
describe("assets: the maintainer cannot change the status of collateral a module holds", () => {
  let t: LendingChain;
  afterEach(() => t.chain.close());

  const setStatus = (maintainer: Wallet, id: string, status: AssetStatus) =>
    maintainer.tx({ typeUrl: MsgSetAssetStatus.typeUrl, value: MsgSetAssetStatus.encode(MsgSetAssetStatus.fromPartial({ maintainer: maintainer.address, classId: "invoice", id, status })).finish() });
  const ok = async (tx: Promise<Uint8Array>) => {
    const result = (await t.chain.block([await tx])).txResults[0]!;
    expect(result.code, result.log).toBe(0);
    return result;
  };
  const snapshot = () => {
    const genesis = t.chain.app.exportGenesis();
    return { assets: genesis.assets, lending: genesis.lending };
  };
  const refusedAsCollateral = async (id: string, status: AssetStatus) => {
    const before = snapshot();
    const result = (await t.chain.block([await setStatus(t.official, id, status)])).txResults[0]!;
    expect([result.codespace, result.code], result.log).toEqual(["assets", 20]);
    expect(result.log).toContain(`held by ${LENDING_ADDRESS}; only that module changes its status`);
    expect(snapshot()).toEqual(before);
  };

  it("refuses while the asset is pledged or financed in lending's hands, and allows it once lending released it", async () => {
    t = await startLendingChain();
    await ok(t.alice.tx(msg.pledge(t.alice, NFT)));
    expect(t.chain.asset("n1")).toMatchObject({ owner: LENDING_ADDRESS, status: "ASSET_STATUS_PLEDGED" });
    // pledged → issued and pledged → financed are transitions the status table allows; the guard refuses them.
    await refusedAsCollateral("n1", ISSUED);
    await refusedAsCollateral("n1", FINANCED);

    await ok(t.valuer.tx(msg.appraise(t.valuer, 1n, 1_000_000_000n)));
    await ok(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 500_000_000n, maturity: t.chain.now + YEAR })));
    await ok(t.bob.tx(msg.fund(t.bob, 1n)));
    expect(t.chain.asset("n1").status).toBe("ASSET_STATUS_FINANCED");
    await refusedAsCollateral("n1", PAID);
    await refusedAsCollateral("n1", DEFAULTED);

    // Lending marks it paid and hands it back; now it is the maintainer's again.
    await ok(t.alice.tx(msg.repay(t.alice, 1n, 1_000_000_000n)));
    expect(t.chain.asset("n1")).toMatchObject({ owner: t.alice.address, status: "ASSET_STATUS_PAID" });
    await ok(setStatus(t.official, "n1", SETTLED));
    expect(t.chain.asset("n1").status).toBe("ASSET_STATUS_SETTLED");
  });

  it("allows the maintainer to move an asset that is pledged but held by an ordinary account", async () => {
    // The fixture's accounts (seeds 11–15), with invoice n2 pledged on carol's own account.
    const [a, b, v, c, o] = (await Promise.all([11, 12, 13, 14, 15].map((i) => TestSigner.fromSeed(i)))) as [TestSigner, TestSigner, TestSigner, TestSigner, TestSigner];
    const world = marketWorld({ signers: [a, b, v, c], official: o, verified: [a, b, v, c], nfts: [{ id: "n1", owner: a }, { id: "n2", owner: c }] });
    const assets = world.assets as { assets: { id: string; status: string }[] };
    assets.assets.find((asset) => asset.id === "n2")!.status = "ASSET_STATUS_PLEDGED";
    t = await startLendingChain({ extraGenesis: { assets } });
    await t.chain.block([]); // genesis state is committed with the first block
    expect(t.chain.asset("n2")).toMatchObject({ owner: c.address, status: "ASSET_STATUS_PLEDGED" });
    await ok(setStatus(t.official, "n2", ISSUED));
    expect(t.chain.asset("n2").status).toBe("ASSET_STATUS_ISSUED");
  });
});
