import { serializeSignDoc } from "@cosmjs/amino";
import { describe, expect, it } from "vitest";
import { adr036SignDoc, claimMessage, verifyAdr036 } from "./adr036.js";
import { makeStakers, signArbitrary } from "./test-fixture.js";

describe("ADR-036 claim signatures", () => {
  it("signs exactly Keplr's signArbitrary document: sorted-key amino JSON with empty chain id, zero numbers and fee", () => {
    const doc = adr036SignDoc("cosmos1signer", "hi & <bye>");
    expect(new TextDecoder().decode(serializeSignDoc(doc))).toBe(
      '{"account_number":"0","chain_id":"","fee":{"amount":[],"gas":"0"},"memo":"","msgs":[{"type":"sign/MsgSignData","value":{"data":"aGkgJiA8YnllPg==","signer":"cosmos1signer"}}],"sequence":"0"}',
    );
    expect(claimMessage("core-1", "persistence1receiver")).toBe("Claim Persistence StakeDrop on core-1 to persistence1receiver");
  });

  it("verifies what a CosmJS amino wallet signs, and nothing else", async () => {
    const [staker, other] = await makeStakers(2);
    const message = claimMessage("core-1", "persistence1receiver");
    const { pubkey, signature } = await signArbitrary(staker!, message);
    expect(pubkey).toEqual(staker!.pubkey);
    expect(verifyAdr036({ signer: staker!.address, pubkey, signature, message })).toBe(true);
    expect(verifyAdr036({ signer: staker!.address, pubkey, signature, message: `${message} ` })).toBe(false);
    // The signer is inside the signed document: the same key signing as another address does not verify.
    expect(verifyAdr036({ signer: other!.address, pubkey, signature, message })).toBe(false);
    expect(verifyAdr036({ signer: staker!.address, pubkey: other!.pubkey, signature, message })).toBe(false);
    expect(verifyAdr036({ signer: staker!.address, pubkey, signature: signature.subarray(1), message })).toBe(false);
  });
});
