import { afterEach, describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { encodeAddress } from "../../types/address.js";
import { ONE } from "../../types/decimal.js";
import { ErrInvalidGenesis, ErrInvalidParams } from "./errors.js";
import { createValidatorMsg, delegateMsg, valoperOf, voteOf, Wallet } from "./app-test-fixture.js";
import { defaultDistributionGenesis, exportDistributionGenesis, initDistributionGenesis } from "./genesis.js";
import { addr, DISTRIBUTION_ADDRESS, distributionWorld } from "./test-fixture.js";

describe("distribution genesis", () => {
  const chains: AppHarness[] = [];
  afterEach(async () => {
    for (const chain of chains.splice(0)) await chain.close();
  });

  it("exports the books of a running chain and imports them unchanged", async () => {
    const signers = await Promise.all([1, 2].map((seed) => TestSigner.fromSeed(seed)));
    const chain = await AppHarness.start({ genesis: fundedGenesis(signers) });
    chains.push(chain);
    const [validator, alice] = signers.map((s, i) => new Wallet(s, BigInt(i))) as [Wallet, Wallet];
    await chain.block([await validator.tx(createValidatorMsg(validator, 1, 3_000_000n, ONE / 3n))]);
    await chain.block([await alice.tx(delegateMsg(alice, valoperOf(validator), 7_000_000n))]);
    await chain.block([], { votes: [voteOf(1, 10n)] }); // allocates the delegation's fee
    await chain.block([], { votes: [voteOf(1, 10n)] }); // the fee collector is empty now
    const exported = chain.app.exportGenesis();
    const books = exported.distribution as Record<string, unknown[]>;
    expect(books.outstanding_rewards).toEqual([{ validator_address: valoperOf(validator), outstanding_rewards: [{ denom: "uxprt", amount: "4900.000000000000000000" }] }]);
    expect(books.delegator_starting_infos).toHaveLength(2);
    expect(books.fee_pool).toEqual({ community_pool: [{ denom: "uxprt", amount: "5100.000000000000000000" }] });

    const copy = await AppHarness.start({ genesis: exported });
    chains.push(copy);
    await copy.block([]);
    expect(copy.app.exportGenesis().distribution).toEqual(exported.distribution);
  });

  it("round-trips slash events and withdraw addresses, and refuses books the module account does not hold", () => {
    const w = distributionWorld();
    w.staking.createValidator(w.ctx, addr(0xa1), ONE / 10n);
    w.staking.delegate(w.ctx, addr(1), addr(0xa1), 100n);
    w.keeper.setWithdrawAddress(w.ctx, addr(1), addr(2));
    const ctx = w.nextBlock([w.staking.vote(w.ctx, addr(0xa1), 1n)]);
    w.collect(1001n);
    w.keeper.allocateTokens(ctx);
    w.staking.slash(ctx, addr(0xa1), ONE / 20n);
    const exported = exportDistributionGenesis(ctx) as Record<string, unknown>;
    expect(exported.validator_slash_events).toEqual([
      { validator_address: encodeAddress(addr(0xa1), "persistencevaloper"), height: "2", period: "2", validator_slash_event: { validator_period: "2", fraction: "0.050000000000000000" } },
    ]);
    expect(exported.delegator_withdraw_infos).toEqual([{ delegator_address: encodeAddress(addr(1)), withdraw_address: encodeAddress(addr(2)) }]);

    const other = distributionWorld();
    const refused = initDistributionGenesis(other.bank, other.ctx, exported);
    expect(ErrInvalidGenesis.is(refused) && refused.log).toContain("the distribution module account holds nothing, but outstanding rewards plus the community pool are 1001uxprt");
    other.fund(DISTRIBUTION_ADDRESS, 1001n);
    expect(initDistributionGenesis(other.bank, other.ctx, exported)).toBeUndefined();
    expect(exportDistributionGenesis(other.ctx)).toEqual(exported);
  });

  it("refuses invalid params and amounts", () => {
    const w = distributionWorld();
    const base = defaultDistributionGenesis() as Record<string, unknown>;
    const params = base.params as Record<string, unknown>;
    expect(ErrInvalidParams.is(initDistributionGenesis(w.bank, w.ctx, { ...base, params: { ...params, community_tax: "1.5" } }))).toBe(true);
    expect(ErrInvalidParams.is(initDistributionGenesis(w.bank, w.ctx, { ...base, params: { ...params, withdraw_addr_enabled: "yes" } }))).toBe(true);
    const badPool = initDistributionGenesis(w.bank, w.ctx, { ...base, fee_pool: { community_pool: [{ denom: "uxprt", amount: "-1" }] } });
    expect(ErrInvalidGenesis.is(badPool) && badPool.log).toContain("fee_pool.community_pool");
    expect(initDistributionGenesis(w.bank, w.ctx, base)).toBeUndefined();
  });
});
