import { afterEach, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { isError } from "../../types/errors.js";
import { withGenesisValidators } from "./genesis-builder.js";
import { consensusKey, delegateMsg, stakingChain, undelegateMsg, XPRT, type StakingChain } from "./test-fixture.js";

describe("staking genesis", () => {
  let s: StakingChain | undefined;
  afterEach(() => s?.chain.close());

  it("bonds the genesis validators at InitChain and returns them as the initial set", async () => {
    const signers = await Promise.all([1, 2].map((i) => TestSigner.fromSeed(i)));
    const genesis = withGenesisValidators(fundedGenesis(signers), [
      { account: signers[0]!.address, consensusPubkey: consensusKey(1), selfDelegation: 7n * XPRT, moniker: "a" },
      { account: signers[1]!.address, consensusPubkey: consensusKey(2), selfDelegation: 9n * XPRT, moniker: "b" },
    ]);
    if (isError(genesis)) throw new Error(genesis.log);
    const chain = await AppHarness.start({ genesis });
    try {
      await chain.block([]);
      const staking = chain.app.exportGenesis().staking as { last_validator_powers: { power: string }[]; validators: { status: string }[] };
      expect(staking.last_validator_powers.map((p) => p.power).sort()).toEqual(["7", "9"]);
      expect(staking.validators.map((v) => v.status)).toEqual(["BOND_STATUS_BONDED", "BOND_STATUS_BONDED"]);
      const init = chain.app.modules.find((m) => m.name === "staking")!;
      expect(init.genesisValidators).toBeDefined();
    } finally {
      await chain.close();
    }
  });

  it("exports a genesis that imports to the same state and validator set", async () => {
    s = await stakingChain({ accounts: 3, validators: [{ account: 0, tokens: 10n * XPRT }, { account: 1, tokens: 5n * XPRT }], params: { max_validators: 1 } });
    const [v0, v1, carol] = s.wallets as [StakingChain["wallets"][number], StakingChain["wallets"][number], StakingChain["wallets"][number]];
    await s.chain.block([await carol.tx(delegateMsg(carol.address, v1.operator, 2n * XPRT))]);
    await s.chain.block([await carol.tx(undelegateMsg(carol.address, v1.operator, XPRT))]);
    await s.chain.block([await carol.tx(delegateMsg(carol.address, v0.operator, 3n * XPRT))]);
    const exported = s.chain.app.exportGenesis();
    const copy = await AppHarness.start({ genesis: exported });
    try {
      await copy.block([]);
      expect(copy.app.exportGenesis().staking).toEqual(exported.staking);
      expect((exported.staking as { exported: boolean }).exported).toBe(true);
    } finally {
      await copy.close();
    }
  });

  it("refuses a genesis whose pools do not match the ledger, or whose shares do not add up", async () => {
    const signers = await Promise.all([1].map((i) => TestSigner.fromSeed(i)));
    const good = withGenesisValidators(fundedGenesis(signers), [{ account: signers[0]!.address, consensusPubkey: consensusKey(1), selfDelegation: 7n * XPRT, moniker: "a" }]) as Record<string, unknown>;
    const bank = good.bank as { balances: { address: string; coins: { denom: string; amount: string }[] }[] };
    const short = { ...good, bank: { ...bank, balances: bank.balances.slice(0, 1) } };
    await expect(AppHarness.start({ genesis: short })).rejects.toThrow(/not_bonded_tokens_pool holds 0uxprt/);
    const staking = good.staking as { delegations: { shares: string }[] };
    const badShares = { ...good, staking: { ...staking, delegations: [{ ...staking.delegations[0]!, shares: "1.0" }] } };
    await expect(AppHarness.start({ genesis: badShares })).rejects.toThrow(/differ from its delegations' sum/);
    const badParams = { ...good, staking: { ...staking, params: { unbonding_time: "soon" } } };
    await expect(AppHarness.start({ genesis: badParams })).rejects.toThrow(/unbonding_time/);
  });
});
