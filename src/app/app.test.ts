import { QueryCheckComplianceRequest, QueryCheckComplianceResponse } from "../generated/persistence/identity/v1/query.js";
import { ResponseProcessProposal_ProposalStatus } from "cosmjs-types/tendermint/abci/types";
import { QueryAccountRequest, QueryAccountResponse } from "cosmjs-types/cosmos/auth/v1beta1/query";
import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { QueryBalanceRequest, QueryBalanceResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { MsgMultiSend, MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { SimulateRequest, SimulateResponse } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CacheKV } from "../store/cache-kv.js";
import { moduleAddress, encodeAddress } from "../types/address.js";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../testing/app-harness.js";
import { TestSigner } from "../testing/signer.js";
import { parseGasPrices } from "../tx/fees.js";

const FEE_COLLECTOR = encodeAddress(moduleAddress("fee_collector"));

function send(from: TestSigner, to: string, amount: string, denom = "uxprt") {
  return { typeUrl: MsgSend.typeUrl, value: MsgSend.fromPartial({ fromAddress: from.address, toAddress: to, amount: [{ denom, amount }] }) };
}

describe("PersistenceApp", () => {
  let alice: TestSigner;
  let bob: TestSigner;
  let chain: AppHarness;

  beforeEach(async () => {
    alice = await TestSigner.fromSeed(1);
    bob = await TestSigner.fromSeed(2);
    chain = await AppHarness.start({ genesis: fundedGenesis([alice, bob]), app: { minGasPrices: parseGasPrices("0.01uxprt") } });
  });
  afterEach(() => chain.close());

  const balance = async (address: string, denom = "uxprt", height = 0n) =>
    BigInt((await chain.query("/cosmos.bank.v1beta1.Query/Balance", QueryBalanceRequest, { address, denom }, QueryBalanceResponse, height)).balance!.amount);
  const account = async (address: string) =>
    BaseAccount.decode((await chain.query("/cosmos.auth.v1beta1.Query/Account", QueryAccountRequest, { address }, QueryAccountResponse)).account!.value);
  const signed = (signer: TestSigner, messages: ReturnType<typeof send>[], extra: Partial<Parameters<TestSigner["sign"]>[0]> = {}) =>
    signer.sign({ messages, chainId: TEST_CHAIN_ID, accountNumber: 0n, sequence: 0n, ...extra });

  it("runs a CheckTx that arrives during a commit against the state the commit makes", async () => {
    await chain.block([]);
    // The block includes alice's tx at sequence 0 without CheckTx having seen it, so the old check
    // state still expects 0: only the state after the commit accepts sequence 1.
    await chain.app.finalizeBlock(chain.nextBlock([await signed(alice, [send(alice, bob.address, "1")])]));
    const next = await signed(alice, [send(alice, bob.address, "1")], { sequence: 1n });
    const committing = chain.app.commit();
    const check = chain.checkTx(next);
    await committing;
    const response = await check;
    expect(response.code, response.log).toBe(0);
  });

  it("rechecks by replaying a check whose reads the block left alone, and runs again one whose reads it changed", async () => {
    await chain.block([]);
    // CheckTx charges only fees, so after `spend` the check state still has bob's 999,994,000;
    // the block leaves him 1,000, short of the next tx's 5,000 fee.
    const carol = (await TestSigner.fromSeed(3)).address;
    const spend = await signed(bob, [send(bob, carol, "999994000")], { accountNumber: 1n });
    const next = await signed(bob, [send(bob, carol, "1")], { accountNumber: 1n, sequence: 1n });
    const unrelated = await signed(alice, [send(alice, bob.address, "1")]);
    for (const tx of [spend, next, unrelated]) expect((await chain.checkTx(tx)).code).toBe(0);
    await chain.block([spend]);
    const replay = vi.spyOn(CacheKV.prototype, "replay");
    const rechecks = [await chain.checkTx(next, true), await chain.checkTx(unrelated, true)];
    expect(rechecks.map((r) => r.code)).toEqual([5, 0]);
    expect(replay.mock.results.map((r) => r.value)).toEqual([false, true]);
    replay.mockRestore();
    // The replayed check still counts: alice's sequence 1 is next.
    expect((await chain.checkTx(await signed(alice, [send(alice, bob.address, "1")], { sequence: 1n }))).code).toBe(0);
  });

  it("rechecks by carrying the fee over to a balance the block spent from, when it still covers it", async () => {
    await chain.block([]);
    const carol = (await TestSigner.fromSeed(3)).address;
    const first = await signed(bob, [send(bob, carol, "1000")], { accountNumber: 1n });
    const second = await signed(bob, [send(bob, carol, "1")], { accountNumber: 1n, sequence: 1n });
    for (const tx of [first, second]) expect((await chain.checkTx(tx)).code).toBe(0);
    // The check state saw only `first`'s fee; the block also spends its 1,000.
    await chain.block([first]);
    expect(await balance(bob.address)).toBe(1_000_000_000n - 5_000n - 1_000n);
    const replay = vi.spyOn(CacheKV.prototype, "replay");
    const recheck = await chain.checkTx(second, true);
    expect(recheck.code, recheck.log).toBe(0);
    expect(replay.mock.results.map((r) => r.value)).toEqual([true]);
    replay.mockRestore();
    // The check state holds what checking `second` again would leave: 999,989,000, not 1,000 more.
    const left = 1_000_000_000n - 5_000n - 1_000n - 5_000n;
    const feeOf = (amount: bigint) => ({ fee: { amount: [{ denom: "uxprt", amount: String(amount) }], gas: 200_000n } });
    const over = await signed(bob, [send(bob, carol, "1")], { accountNumber: 1n, sequence: 2n, ...feeOf(left + 1n) });
    expect((await chain.checkTx(over)).code).toBe(5);
    const exact = await signed(bob, [send(bob, carol, "1")], { accountNumber: 1n, sequence: 2n, ...feeOf(left) });
    expect((await chain.checkTx(exact)).code).toBe(0);
  });

  it("runs the recheck of a tx with a timeout height again, as the next block's height decides it", async () => {
    await chain.block([]);
    const expiring = await signed(alice, [send(alice, bob.address, "1")], { timeoutHeight: 2n });
    expect((await chain.checkTx(expiring)).code).toBe(0);
    await chain.block([]);
    const recheck = await chain.checkTx(expiring, true);
    expect([recheck.code, recheck.log]).toEqual([30, "block height: 3, timeout height: 2: tx timeout height"]);
  });

  it("executes a MsgSend: balances, fee, sequence, public key and events", async () => {
    await chain.block([]);
    const tx = await signed(alice, [send(alice, bob.address, "1000")]);
    const check = await chain.checkTx(tx);
    expect(check.code, check.log).toBe(0);
    const block = await chain.block([tx]);
    const result = block.txResults[0]!;
    expect(result.code, result.log).toBe(0);
    expect(result.gasUsed).toBeGreaterThan(0n);
    expect(result.gasUsed).toBeLessThanOrEqual(result.gasWanted);
    expect(await balance(alice.address)).toBe(1_000_000_000n - 1000n - 5000n);
    expect(await balance(bob.address)).toBe(1_000_000_000n + 1000n);
    expect(await balance(FEE_COLLECTOR)).toBe(5000n);
    const stored = await account(alice.address);
    expect(stored.sequence).toBe(1n);
    expect(stored.pubKey?.typeUrl).toBe("/cosmos.crypto.secp256k1.PubKey");
    const types = result.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["tx", "message", "coin_spent", "coin_received", "transfer"]));
    const transfer = result.events.find((e) => e.type === "transfer" && e.attributes.some((a) => a.key === "msg_index"))!;
    expect(Object.fromEntries(transfer.attributes.map((a) => [a.key, a.value]))).toEqual({ recipient: bob.address, sender: alice.address, amount: "1000uxprt", msg_index: "0" });
    expect(block.appHash).toHaveLength(32);
  });

  it("counts the state keys a block changed", async () => {
    await chain.block([]);
    await chain.block([]);
    const everyBlock = chain.app.lastChangedKeys;
    const carol = (await TestSigner.fromSeed(3)).address;
    await chain.block([await signed(alice, [send(alice, carol, "1000")])]);
    // The balances of alice, carol and the fee collector; alice's account (its sequence); carol's
    // new account, its account-number entry and the next account number.
    expect(chain.app.lastChangedKeys).toBe(everyBlock + 7);
  });

  it("keeps the fee and sequence but reverts the messages of a failing tx", async () => {
    const overspend = await signed(alice, [send(alice, bob.address, "2000000000")]);
    const block = await chain.block([overspend]);
    const result = block.txResults[0]!;
    expect(result.code).toBe(5);
    expect(result.codespace).toBe("sdk");
    expect(result.log).toBe("spendable balance 999995000uxprt is smaller than 2000000000uxprt: insufficient funds");
    expect(await balance(alice.address)).toBe(1_000_000_000n - 5000n);
    expect(await balance(bob.address)).toBe(1_000_000_000n);
    expect((await account(alice.address)).sequence).toBe(1n);
  });

  it("executes a MsgMultiSend to several recipients", async () => {
    const carol = await TestSigner.fromSeed(3);
    const msg = {
      typeUrl: MsgMultiSend.typeUrl,
      value: MsgMultiSend.fromPartial({
        inputs: [{ address: alice.address, coins: [{ denom: "uxprt", amount: "300" }] }],
        outputs: [
          { address: bob.address, coins: [{ denom: "uxprt", amount: "100" }] },
          { address: carol.address, coins: [{ denom: "uxprt", amount: "200" }] },
        ],
      }),
    };
    const result = (await chain.block([await signed(alice, [msg as never])])).txResults[0]!;
    expect(result.code, result.log).toBe(0);
    expect(await balance(carol.address)).toBe(200n);
    expect(await balance(bob.address)).toBe(1_000_000_100n);
  });

  it("rejects bad input with the Cosmos SDK codes and changes nothing", async () => {
    await chain.block([]);
    const before = chain.app.exportGenesis();
    const cases: [string, Promise<Uint8Array> | Uint8Array, number][] = [
      ["malformed bytes", Uint8Array.of(1, 2, 3), 2],
      ["unknown type URL", signed(alice, [{ typeUrl: "/cosmos.bank.v1beta1.MsgNope", value: Uint8Array.of(10, 1, 65) } as never]), 2],
      ["wrong chain id", alice.sign({ messages: [send(alice, bob.address, "1")], chainId: "other-chain", accountNumber: 0n, sequence: 0n }), 4],
      ["wrong account number", alice.sign({ messages: [send(alice, bob.address, "1")], chainId: TEST_CHAIN_ID, accountNumber: 7n, sequence: 0n }), 4],
      ["signature by another key", bob.sign({ messages: [send(alice, bob.address, "1")], chainId: TEST_CHAIN_ID, accountNumber: 0n, sequence: 0n }), 8],
      ["skipped sequence", signed(alice, [send(alice, bob.address, "1")], { sequence: 5n }), 32],
      ["oversize memo", signed(alice, [send(alice, bob.address, "1")], { memo: "x".repeat(257) }), 12],
      // cosmjs-types writes a lone surrogate as bytes that are not UTF-8, which Go's protobuf decoder refuses too.
      ["memo not in UTF-8", signed(alice, [send(alice, bob.address, "1")], { memo: "\uD800" }), 2],
      ["zero amount", signed(alice, [send(alice, bob.address, "0")]), 10],
      ["negative amount", signed(alice, [{ typeUrl: MsgSend.typeUrl, value: { fromAddress: alice.address, toAddress: bob.address, amount: [{ denom: "uxprt", amount: "-5" }] } } as never]), 10],
      ["invalid recipient", signed(alice, [send(alice, "persistence1notanaddress", "1")]), 7],
      ["wrong prefix", signed(alice, [send(alice, "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", "1")]), 7],
      ["out of gas", signed(alice, [send(alice, bob.address, "1")], { fee: { amount: [{ denom: "uxprt", amount: "100" }], gas: 10_000n } }), 11],
      ["timeout height passed", signed(alice, [send(alice, bob.address, "1")], { timeoutHeight: 1n }), 30],
    ];
    for (const [name, txPromise, code] of cases) {
      const check = await chain.checkTx(await txPromise);
      expect(check.code, `${name}: ${check.log}`).toBe(code);
      expect(check.log.length, name).toBeGreaterThan(0);
      const executed = (await chain.block([await txPromise])).txResults[0]!;
      expect(executed.code, `${name} in a block: ${executed.log}`).toBe(code);
    }
    // Blocks were committed, but none of the rejected txs changed any state.
    expect(chain.app.exportGenesis()).toEqual(before);
  });

  it("enforces the node's minimum gas price in CheckTx only, as a node-local setting", async () => {
    const cheap = await signed(alice, [send(alice, bob.address, "1")], { fee: { amount: [{ denom: "uxprt", amount: "1" }], gas: 200_000n } });
    const check = await chain.checkTx(cheap);
    expect(check.code).toBe(13);
    expect(check.log).toBe("insufficient fees; got: 1uxprt required: 2000uxprt: insufficient fee");
    expect((await chain.block([cheap])).txResults[0]!.code).toBe(0);
  });

  it("fails messages that pass CheckTx but not execution, charging only the fee", async () => {
    const unknownDenom = await signed(alice, [send(alice, bob.address, "1", "unobody")]);
    const toModule = await signed(alice, [send(alice, FEE_COLLECTOR, "1")], { sequence: 1n });
    expect((await chain.checkTx(unknownDenom)).code).toBe(0);
    expect((await chain.checkTx(toModule)).code).toBe(0);
    const results = (await chain.block([unknownDenom, toModule])).txResults;
    expect(results.map((r) => r.code)).toEqual([5, 4]);
    expect(results[1]!.log).toBe(`${FEE_COLLECTOR} is not allowed to receive funds: unauthorized`);
    expect(await balance(alice.address)).toBe(1_000_000_000n - 2n * 5000n);
    expect(await balance(FEE_COLLECTOR)).toBe(2n * 5000n);
    expect(await balance(bob.address, "unobody")).toBe(0n);
  });

  it("rejects malformed multi-sends before any fee is charged", async () => {
    const multi = (inputs: { address: string; amount: string }[], outputs: { address: string; amount: string }[]) => ({
      typeUrl: MsgMultiSend.typeUrl,
      value: MsgMultiSend.fromPartial({
        inputs: inputs.map((i) => ({ address: i.address, coins: [{ denom: "uxprt", amount: i.amount }] })),
        outputs: outputs.map((o) => ({ address: o.address, coins: [{ denom: "uxprt", amount: o.amount }] })),
      }),
    });
    const cases: [string, ReturnType<typeof multi>, string, number][] = [
      ["no outputs", multi([{ address: alice.address, amount: "5" }], []), "bank", 3],
      ["two senders", multi([{ address: alice.address, amount: "5" }, { address: bob.address, amount: "5" }], [{ address: bob.address, amount: "10" }]), "bank", 9],
      ["outputs differ from the input", multi([{ address: alice.address, amount: "5" }], [{ address: bob.address, amount: "6" }]), "bank", 4],
      ["zero output", multi([{ address: alice.address, amount: "5" }], [{ address: bob.address, amount: "0" }]), "sdk", 10],
      ["invalid output address", multi([{ address: alice.address, amount: "5" }], [{ address: "persistence1xyz", amount: "5" }]), "sdk", 7],
    ];
    const before = chain.app.exportGenesis();
    for (const [name, message, codespace, code] of cases) {
      const check = await chain.checkTx(await signed(alice, [message as never]));
      expect([check.codespace, check.code], `${name}: ${check.log}`).toEqual([codespace, code]);
    }
    expect(chain.app.exportGenesis()).toEqual(before);
  });

  it("rejects a replayed tx", async () => {
    const tx = await signed(alice, [send(alice, bob.address, "1")]);
    expect((await chain.block([tx])).txResults[0]!.code).toBe(0);
    const replay = await chain.checkTx(tx);
    expect(replay.code).toBe(32);
    expect(replay.log).toBe("account sequence mismatch, expected 1, got 0: incorrect account sequence");
    expect((await chain.block([tx])).txResults[0]!.code).toBe(32);
    expect(await balance(bob.address)).toBe(1_000_000_001n);
  });

  it("simulates as CosmJS does (no signature, no fee) within 10% of the gas the tx then uses", async () => {
    const tx = await signed(alice, [send(alice, bob.address, "1")]);
    const { TxRaw, AuthInfo, TxBody } = await import("cosmjs-types/cosmos/tx/v1beta1/tx");
    const raw = TxRaw.decode(tx);
    const authInfo = AuthInfo.decode(raw.authInfoBytes);
    const unsigned = TxRaw.encode({
      bodyBytes: TxBody.encode(TxBody.decode(raw.bodyBytes)).finish(),
      authInfoBytes: AuthInfo.encode({ ...authInfo, fee: { amount: [], gasLimit: 0n, payer: "", granter: "" } }).finish(),
      signatures: [new Uint8Array(0)],
    }).finish();
    const simulated = await chain.app.query({ path: "/cosmos.tx.v1beta1.Service/Simulate", data: SimulateRequest.encode({ txBytes: unsigned }).finish(), height: 0n, prove: false });
    expect(simulated.code, simulated.log).toBe(0);
    const estimate = Number(SimulateResponse.decode(simulated.value).gasInfo!.gasUsed);
    const used = Number((await chain.block([tx])).txResults[0]!.gasUsed);
    expect(estimate).toBeGreaterThan(used * 0.9);
    expect(estimate).toBeLessThan(used * 1.1);
  });

  it("simulates a signed tx and reports the gas it then uses", async () => {
    const tx = await signed(alice, [send(alice, bob.address, "1")]);
    const simulated = await chain.app.query({ path: "/cosmos.tx.v1beta1.Service/Simulate", data: SimulateRequest.encode({ txBytes: tx }).finish(), height: 0n, prove: false });
    expect(simulated.code, simulated.log).toBe(0);
    const gas = SimulateResponse.decode(simulated.value).gasInfo!.gasUsed;
    const executed = (await chain.block([tx])).txResults[0]!;
    expect(Number(gas)).toBeGreaterThanOrEqual(Number(executed.gasUsed));
    expect(Number(gas)).toBeLessThan(Number(executed.gasUsed) * 1.1);
  });

  it("serves past heights and reports unknown accounts as NotFound", async () => {
    await chain.block([await signed(alice, [send(alice, bob.address, "7")])]);
    await chain.block([]);
    expect(await balance(bob.address, "uxprt", 1n)).toBe(1_000_000_007n);
    const stranger = await TestSigner.fromSeed(99);
    const missing = await chain.app.query({ path: "/cosmos.auth.v1beta1.Query/Account", data: QueryAccountRequest.encode({ address: stranger.address }).finish(), height: 0n, prove: false });
    expect(missing.code).toBe(22);
    expect(missing.log).toMatch(/^rpc error: code = NotFound desc = account persistence1\w+ not found: key not found$/);
  });

  it("restarts at the same height and app hash", async () => {
    const block = await chain.block([await signed(alice, [send(alice, bob.address, "3")])]);
    chain = await chain.restart();
    const info = await chain.app.info({ version: "", blockVersion: 0n, p2pVersion: 0n, abciVersion: "" });
    expect(info.lastBlockHeight).toBe(1n);
    expect(info.lastBlockAppHash).toEqual(block.appHash);
    expect(await balance(bob.address)).toBe(1_000_000_003n);
    // Queries read state as of the block's time (expiries depend on it), also after a restart.
    const compliance = await chain.query("/persistence.identity.v1.Query/CheckCompliance", QueryCheckComplianceRequest, { address: bob.address }, QueryCheckComplianceResponse);
    const lastBlockTime = { seconds: chain.nextBlock([]).time!.seconds - 1n, nanos: 0 };
    expect(compliance.time).toEqual(lastBlockTime);
  });

  it("finalizes a height again when the consensus engine restarted before the commit, genesis block included", async () => {
    const tx = await signed(alice, [send(alice, bob.address, "5")]);
    const first = await chain.app.finalizeBlock(chain.nextBlock([tx]));
    const again = await chain.app.finalizeBlock(chain.nextBlock([tx]));
    expect(again.txResults[0]!.code, again.txResults[0]!.log).toBe(0);
    expect(again.appHash).toEqual(first.appHash);
    await chain.app.commit();
    chain.height += 1n;
    expect(await balance(bob.address)).toBe(1_000_000_005n);
    const next = await chain.block([]);
    expect(next.appHash).toHaveLength(32);
  });

  it("proposes only txs that decode, within the byte limit, and rejects proposals with others", async () => {
    const [a, b] = [await signed(alice, [send(alice, bob.address, "1")]), await signed(bob, [send(bob, alice.address, "1")], { accountNumber: 1n })];
    const garbage = new Uint8Array([1, 2, 3]);
    const proposal = { height: 1n, time: { seconds: 1n, nanos: 0 }, nextValidatorsHash: new Uint8Array(32), proposerAddress: new Uint8Array(20), misbehavior: [] };
    const prepared = await chain.app.prepareProposal({ ...proposal, txs: [a, garbage, b], maxTxBytes: BigInt(a.length + b.length), localLastCommit: { round: 0, votes: [] } });
    expect(prepared.txs).toEqual([a, b]);
    const limited = await chain.app.prepareProposal({ ...proposal, txs: [a, b], maxTxBytes: BigInt(a.length + b.length - 1), localLastCommit: { round: 0, votes: [] } });
    expect(limited.txs).toEqual([a]);
    const verdict = (txs: Uint8Array[]) => chain.app.processProposal({ ...proposal, txs, hash: new Uint8Array(32), proposedLastCommit: { round: 0, votes: [] } });
    expect((await verdict([a, b])).status).toBe(ResponseProcessProposal_ProposalStatus.ACCEPT);
    expect((await verdict([a, garbage])).status).toBe(ResponseProcessProposal_ProposalStatus.REJECT);
  });
});
