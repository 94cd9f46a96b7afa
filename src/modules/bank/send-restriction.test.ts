import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { QueryBalanceRequest, QueryBalanceResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { decodeAddress } from "../../types/address.js";
import { bytesEqual } from "../../store/bytes.js";
import { ErrUnauthorized, isError } from "../../types/errors.js";

describe("bank send restrictions", () => {
  let alice: TestSigner;
  let bob: TestSigner;
  let chain: AppHarness;

  beforeEach(async () => {
    alice = await TestSigner.fromSeed(1);
    bob = await TestSigner.fromSeed(2);
    chain = await AppHarness.start({ genesis: fundedGenesis([alice, bob]) });
    const bobBytes = decodeAddress(bob.address);
    if (isError(bobBytes)) throw new Error(bobBytes.log);
    chain.app.keepers.bank.appendSendRestriction((_ctx, _from, to, coins) =>
      bytesEqual(to, bobBytes) && coins.some((c) => c.denom === "uusd") ? ErrUnauthorized.wrap("bob may not receive uusd") : undefined,
    );
  });
  afterEach(() => chain.close());

  const send = (denom: string, sequence: bigint) =>
    alice.sign({
      messages: [{ typeUrl: MsgSend.typeUrl, value: MsgSend.fromPartial({ fromAddress: alice.address, toAddress: bob.address, amount: [{ denom, amount: "10" }] }) }],
      chainId: TEST_CHAIN_ID,
      accountNumber: 0n,
      sequence,
      fee: { amount: [{ denom: "uxprt", amount: "5000" }], gas: 200_000n },
    });
  const balance = async (denom: string) =>
    (await chain.query("/cosmos.bank.v1beta1.Query/Balance", QueryBalanceRequest, { address: bob.address, denom }, QueryBalanceResponse)).balance!.amount;

  it("refuses a transfer the rule refuses, with the rule's error, and lets others through", async () => {
    const block = await chain.block([await send("uusd", 0n), await send("uxprt", 1n)]);
    expect(block.txResults.map((r) => [r.code, r.codespace])).toEqual([[4, "sdk"], [0, ""]]);
    expect(block.txResults[0]!.log).toContain("bob may not receive uusd");
    expect(await balance("uusd")).toBe("1000000000");
    expect(await balance("uxprt")).toBe("1000000010");
  });
});
