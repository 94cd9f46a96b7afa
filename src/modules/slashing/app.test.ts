import { MsgUnjail } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import { QuerySigningInfoRequest, QuerySigningInfoResponse } from "cosmjs-types/cosmos/slashing/v1beta1/query";
import { MisbehaviorType, type Misbehavior, type VoteInfo } from "cosmjs-types/tendermint/abci/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis, GENESIS_SECONDS } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { isError } from "../../types/errors.js";
import { withGenesisValidators } from "../staking/genesis-builder.js";
import { attributes, consensusKey, delegateMsg, StakingReader, undelegateMsg, Wallet, XPRT } from "../staking/test-fixture.js";
import { consensusAddressOf } from "../staking/validator.js";
import { encodeConsensusAddress } from "./addresses.js";

/** Window 10 (at least 5 signed), 60 s of jail, 1% for downtime, 5% for double signing. */
const SLASHING = { params: { signed_blocks_window: "10", min_signed_per_window: "0.5", downtime_jail_duration: "60s", slash_fraction_downtime: "0.01", slash_fraction_double_sign: "0.05" } };

/** Slashing on the real assembled App and staking: validators 0 and 1 (10 and 20 XPRT) from genesis, account 2 a delegator. */
describe("slashing in the App, with staking", () => {
  let chain: AppHarness;
  let wallets: Wallet[];
  let read: StakingReader;
  const cons = [0, 1].map((i) => consensusAddressOf(consensusKey(i)));
  const votes = (absent: number[] = []): VoteInfo[] =>
    cons.map((address, i) => ({ validator: { address, power: BigInt(10 * (i + 1)) }, blockIdFlag: absent.includes(i) ? BlockIDFlag.BLOCK_ID_FLAG_ABSENT : BlockIDFlag.BLOCK_ID_FLAG_COMMIT }));
  const signingInfo = async (i: number) =>
    (await chain.query("/cosmos.slashing.v1beta1.Query/SigningInfo", QuerySigningInfoRequest, { consAddress: encodeConsensusAddress(cons[i]!) }, QuerySigningInfoResponse)).valSigningInfo;
  const unjail = (i: number) => wallets[i]!.tx({ typeUrl: MsgUnjail.typeUrl, value: MsgUnjail.encode({ validatorAddr: wallets[i]!.operator }).finish() });

  beforeEach(async () => {
    const signers = await Promise.all([0, 1, 2].map((i) => TestSigner.fromSeed(100 + i)));
    const specs = [0, 1].map((i) => ({ account: signers[i]!.address, consensusPubkey: consensusKey(i), selfDelegation: BigInt(10 * (i + 1)) * XPRT, moniker: `validator ${i}` }));
    const genesis = withGenesisValidators(fundedGenesis(signers), specs);
    if (isError(genesis)) throw new Error(genesis.log);
    chain = await AppHarness.start({ genesis: { ...genesis, slashing: SLASHING } });
    wallets = signers.map((s, i) => new Wallet(s, BigInt(i)));
    read = new StakingReader(chain);
  });
  afterEach(() => chain.close());

  it("gives genesis validators signing infos through staking's hooks", async () => {
    await chain.block([]);
    expect(await signingInfo(0)).toMatchObject({ address: encodeConsensusAddress(cons[0]!), startHeight: 1n, indexOffset: 0n, tombstoned: false });
    expect(await signingInfo(1)).toMatchObject({ startHeight: 1n });
  });

  it("jails a validator down too long, refuses its unjail until the jail time has passed, then accepts it", async () => {
    await chain.block([], { votes: votes() });
    let jailing;
    for (let h = 2; h <= 12; h++) jailing = await chain.block([], { votes: votes([0]) });
    expect(chain.height).toBe(12n);
    const address = encodeConsensusAddress(cons[0]!);
    expect(attributes(jailing!, "slash")).toEqual([{ address, power: "10", reason: "missing_signature", jailed: address, burned_coins: "100000" }]);
    expect((await read.validator(wallets[0]!.operator)).jailed).toBe(true);
    expect((await read.validator(wallets[0]!.operator)).tokens).toBe("9900000");
    expect(jailing!.validatorUpdates).toEqual([expect.objectContaining({ power: 0n })]);
    expect((await signingInfo(0)).jailedUntil).toEqual({ seconds: GENESIS_SECONDS + 12n + 60n, nanos: 0 });

    const before = { slashing: chain.app.exportGenesis().slashing, staking: read.snapshot() };
    const early = await chain.block([await unjail(0)]);
    expect(early.txResults[0]).toMatchObject({ code: 4, codespace: "slashing" });
    expect(early.txResults[0]!.log).toContain("is jailed until");
    expect({ slashing: chain.app.exportGenesis().slashing, staking: read.snapshot() }).toEqual(before);
    expect((await read.validator(wallets[0]!.operator)).jailed).toBe(true);
    const notJailed = await chain.block([await unjail(1)]);
    expect(notJailed.txResults[0]).toMatchObject({ code: 5, codespace: "slashing" });

    while (chain.height < 71n) await chain.block([]);
    const accepted = await chain.block([await unjail(0)]);
    expect(accepted.txResults[0]!.code, accepted.txResults[0]!.log).toBe(0);
    expect((await read.validator(wallets[0]!.operator)).jailed).toBe(false);
    expect(accepted.validatorUpdates).toEqual([expect.objectContaining({ power: 9n })]);
  });

  it("slashes double signing at the evidence height − 1, reaching an unbonding begun since; tombstones and ignores repeats", async () => {
    for (let h = 0; h < 3; h++) await chain.block([], { votes: votes() });
    // Evidence of height 3; the delegation to validator 1 unbonds at height 4, after the infraction.
    const delegator = wallets[2]!;
    await chain.block([await delegator.tx(delegateMsg(delegator.address, wallets[1]!.operator, 4n * XPRT))], { votes: votes() });
    const undelegated = await chain.block([await delegator.tx(undelegateMsg(delegator.address, wallets[1]!.operator, 2n * XPRT))], { votes: votes() });
    expect(undelegated.txResults[0]!.code, undelegated.txResults[0]!.log).toBe(0);
    const evidence: Misbehavior = { type: MisbehaviorType.DUPLICATE_VOTE, validator: { address: cons[1]!, power: 24n }, height: 3n, time: { seconds: GENESIS_SECONDS + 3n, nanos: 0 }, totalVotingPower: 34n };
    const result = await chain.block([], { votes: votes(), misbehavior: [evidence] });
    const address = encodeConsensusAddress(cons[1]!);
    expect(attributes(result, "slash")).toEqual([{ address, power: "24", reason: "double_sign", burned_coins: "1200000" }, { jailed: address }]);
    // 5% of 24 XPRT at the infraction: 0.1 XPRT from the unbonding entry, 1.1 XPRT from the bonded stake.
    expect((await read.unbonding(delegator.address, wallets[1]!.operator))!.entries[0]!.balance).toBe("1900000");
    expect((await read.validator(wallets[1]!.operator)).tokens).toBe(String(22n * XPRT - 1_100_000n));
    expect(await signingInfo(1)).toMatchObject({ tombstoned: true, jailedUntil: { seconds: 253_402_300_799n, nanos: 0 } });

    const before = chain.app.exportGenesis();
    const again = await chain.block([], { misbehavior: [{ ...evidence, height: 5n }] });
    expect(attributes(again, "slash")).toEqual([]);
    const after = chain.app.exportGenesis();
    expect({ slashing: after.slashing, staking: after.staking }).toEqual({ slashing: before.slashing, staking: before.staking });

    while (chain.height < 100n) await chain.block([]);
    const refused = await chain.block([await unjail(1)]);
    expect(refused.txResults[0]).toMatchObject({ code: 4, codespace: "slashing" });
    expect(refused.txResults[0]!.log).toContain("tombstoned");
  });

  it("round-trips its genesis export through a new App", async () => {
    for (let h = 0; h < 4; h++) await chain.block([], { votes: votes([0]) });
    const exported = chain.app.exportGenesis().slashing as { missed_blocks: { missed_blocks: unknown[] }[] };
    expect(exported.missed_blocks.map((m) => m.missed_blocks.length)).toEqual([4, 0]);
    const copy = await AppHarness.start({ genesis: { ...chain.app.exportGenesis() } });
    try {
      await copy.block([]);
      expect(copy.app.exportGenesis().slashing).toEqual(exported);
    } finally {
      await copy.close();
    }
  });
});
