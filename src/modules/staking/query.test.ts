import * as q from "cosmjs-types/cosmos/staking/v1beta1/query";
import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { ErrNoRedelegation } from "./errors.js";
import { consensusKey, createValidatorMsg, delegateMsg, redelegateMsg, stakingChain, XPRT, type StakingChain, type Wallet } from "./test-fixture.js";

const SERVICE = "/cosmos.staking.v1beta1.Query";

/**
 * Genesis validators V0 (300 XPRT), V1 (200) and V2 (100) with max_validators 2, so V2 stays
 * unbonded; V3 is created by tx (50, unbonded). DAN delegates 10 XPRT to each of V0, V1 and V2,
 * then redelegates 2 from V0 to V1 and 3 from V0 to V2; V3's operator redelegates 1 from its
 * unbonded validator to V0 (no entry: the source is not bonded).
 */
describe("staking queries through the App", () => {
  let staking: StakingChain;
  let v: Wallet[];
  let dan: Wallet;

  const ask = async <Req, Res>(method: string, request: { encode(m: Req): { finish(): Uint8Array }; fromPartial(o: object): Req }, fields: object, response: { decode(b: Uint8Array): Res }) => {
    const result = await staking.chain.app.query({ path: `${SERVICE}/${method}`, data: request.encode(request.fromPartial(fields)).finish(), height: 0n, prove: false });
    return result.code === 0 ? { ok: response.decode(result.value) } : { code: result.code, codespace: result.codespace, log: result.log };
  };
  const validators = async (fields: object) => (await ask("Validators", q.QueryValidatorsRequest, fields, q.QueryValidatorsResponse)).ok!;
  const operators = (list: { operatorAddress: string }[]) => list.map((x) => x.operatorAddress);
  const sorted = (addresses: string[]) => [...addresses].sort();

  beforeAll(async () => {
    staking = await stakingChain({
      accounts: 5,
      validators: [
        { account: 0, tokens: 300n * XPRT },
        { account: 1, tokens: 200n * XPRT },
        { account: 2, tokens: 100n * XPRT },
      ],
      params: { max_validators: 2 },
    });
    v = staking.wallets.slice(0, 4);
    dan = staking.wallets[4]!;
    // Redelegations with their hooks need more than the default 200,000 gas.
    const sequences = new Map<Wallet, bigint>();
    const tx = (wallet: Wallet, message: { typeUrl: string; value: Uint8Array }) => {
      const sequence = sequences.get(wallet) ?? 0n;
      sequences.set(wallet, sequence + 1n);
      return wallet.signer.sign({ messages: [message], chainId: TEST_CHAIN_ID, accountNumber: wallet.accountNumber, sequence, fee: { amount: [{ denom: "uxprt", amount: "10000" }], gas: 600_000n } });
    };
    const blocks = [
      [await tx(v[3]!, createValidatorMsg(v[3]!, { key: consensusKey(3), amount: 50n * XPRT }))],
      await Promise.all([0, 1, 2].map((i) => tx(dan, delegateMsg(dan.address, v[i]!.operator, 10n * XPRT)))),
      [await tx(dan, redelegateMsg(dan.address, v[0]!.operator, v[1]!.operator, 2n * XPRT)), await tx(dan, redelegateMsg(dan.address, v[0]!.operator, v[2]!.operator, 3n * XPRT))],
      [await tx(v[3]!, redelegateMsg(v[3]!.address, v[3]!.operator, v[0]!.operator, XPRT))],
    ];
    for (const txs of blocks) {
      const { txResults } = await staking.chain.block(txs);
      expect(txResults.map((r) => r.code), txResults.map((r) => r.log).join("; ")).toEqual(txs.map(() => 0));
    }
  });
  afterAll(async () => {
    await staking?.chain.close();
  });

  it("filters validators by status", async () => {
    const all = await validators({});
    expect(sorted(operators(all.validators))).toEqual(sorted(v.map((w) => w.operator)));
    expect(all.pagination?.total).toBe(4n);
    const bonded = await validators({ status: "BOND_STATUS_BONDED" });
    expect(sorted(operators(bonded.validators))).toEqual(sorted([v[0]!.operator, v[1]!.operator]));
    expect(bonded.validators.every((x) => x.status === BondStatus.BOND_STATUS_BONDED)).toBe(true);
    const unbonded = await validators({ status: "BOND_STATUS_UNBONDED" });
    expect(sorted(operators(unbonded.validators))).toEqual(sorted([v[2]!.operator, v[3]!.operator]));
    expect(unbonded.pagination?.total).toBe(2n);
    expect((await validators({ status: "BOND_STATUS_UNBONDING" })).validators).toEqual([]);
    for (const status of ["BOND_STATUS_UNSPECIFIED", "bonded"]) {
      expect(await ask("Validators", q.QueryValidatorsRequest, { status }, q.QueryValidatorsResponse)).toMatchObject({ codespace: "sdk", log: expect.stringContaining("invalid validator status") });
    }
  });

  it("pages a status-filtered list by key, offset and in reverse, counting the filtered total", async () => {
    const order = operators((await validators({ status: "BOND_STATUS_UNBONDED" })).validators);
    const first = await validators({ status: "BOND_STATUS_UNBONDED", pagination: { limit: 1n, countTotal: true } });
    expect(operators(first.validators)).toEqual([order[0]]);
    expect(first.pagination?.total).toBe(2n);
    const second = await validators({ status: "BOND_STATUS_UNBONDED", pagination: { limit: 1n, key: first.pagination!.nextKey } });
    expect(operators(second.validators)).toEqual([order[1]]);
    expect(second.pagination?.nextKey).toEqual(new Uint8Array(0));
    expect(operators((await validators({ status: "BOND_STATUS_UNBONDED", pagination: { limit: 5n, offset: 1n } })).validators)).toEqual([order[1]]);
    expect(operators((await validators({ status: "BOND_STATUS_UNBONDED", pagination: { limit: 5n, reverse: true } })).validators)).toEqual([...order].reverse());
    const both = await ask("Validators", q.QueryValidatorsRequest, { pagination: { limit: 1n, offset: 1n, key: first.pagination!.nextKey } }, q.QueryValidatorsResponse);
    expect(both).toMatchObject({ log: expect.stringContaining("either offset or key") });
  });

  it("lists a validator's delegations with balances, paged", async () => {
    const response = (await ask("ValidatorDelegations", q.QueryValidatorDelegationsRequest, { validatorAddr: v[1]!.operator }, q.QueryValidatorDelegationsResponse)).ok!;
    expect(sorted(response.delegationResponses.map((d) => d.delegation.delegatorAddress))).toEqual(sorted([v[1]!.address, dan.address]));
    expect(response.delegationResponses.find((d) => d.delegation.delegatorAddress === dan.address)).toEqual({
      delegation: { delegatorAddress: dan.address, validatorAddress: v[1]!.operator, shares: (12n * XPRT * 10n ** 18n).toString() },
      balance: { denom: "uxprt", amount: (12n * XPRT).toString() },
    });
    const page = (await ask("ValidatorDelegations", q.QueryValidatorDelegationsRequest, { validatorAddr: v[1]!.operator, pagination: { limit: 1n, countTotal: true } }, q.QueryValidatorDelegationsResponse)).ok!;
    expect([page.delegationResponses.length, page.pagination?.total, page.pagination?.nextKey.length]).toEqual([1, 2n, expect.any(Number)]);
    expect(page.pagination!.nextKey.length).toBeGreaterThan(0);
    expect((await ask("ValidatorDelegations", q.QueryValidatorDelegationsRequest, { validatorAddr: dan.operator }, q.QueryValidatorDelegationsResponse)).ok!.delegationResponses).toEqual([]);
    expect(await ask("ValidatorDelegations", q.QueryValidatorDelegationsRequest, { validatorAddr: dan.address }, q.QueryValidatorDelegationsResponse)).toMatchObject({ log: expect.stringContaining("invalid validator address") });
  });

  it("lists a delegator's validators, paged", async () => {
    const response = (await ask("DelegatorValidators", q.QueryDelegatorValidatorsRequest, { delegatorAddr: dan.address }, q.QueryDelegatorValidatorsResponse)).ok!;
    expect(sorted(operators(response.validators))).toEqual(sorted([0, 1, 2].map((i) => v[i]!.operator)));
    expect(response.validators.find((x) => x.operatorAddress === v[0]!.operator)!.tokens).toBe((306n * XPRT).toString()); // 300 + 10 - 5 redelegated out + 1 redelegated in
    const page = (await ask("DelegatorValidators", q.QueryDelegatorValidatorsRequest, { delegatorAddr: dan.address, pagination: { limit: 2n, countTotal: true } }, q.QueryDelegatorValidatorsResponse)).ok!;
    expect([page.validators.length, page.pagination?.total]).toEqual([2, 3n]);
    const rest = (await ask("DelegatorValidators", q.QueryDelegatorValidatorsRequest, { delegatorAddr: dan.address, pagination: { key: page.pagination!.nextKey } }, q.QueryDelegatorValidatorsResponse)).ok!;
    expect(sorted(operators([...page.validators, ...rest.validators]))).toEqual(sorted(operators(response.validators)));
    const operatorOfV3 = (await ask("DelegatorValidators", q.QueryDelegatorValidatorsRequest, { delegatorAddr: v[3]!.address }, q.QueryDelegatorValidatorsResponse)).ok!;
    expect(sorted(operators(operatorOfV3.validators))).toEqual(sorted([v[0]!.operator, v[3]!.operator]));
  });

  it("lists redelegations by delegator, by source validator and by triple", async () => {
    const ask_ = (fields: object) => ask("Redelegations", q.QueryRedelegationsRequest, fields, q.QueryRedelegationsResponse);
    const destinations = (response: q.QueryRedelegationsResponse) => response.redelegationResponses.map((r) => r.redelegation.validatorDstAddress);
    const byDelegator = (await ask_({ delegatorAddr: dan.address })).ok!;
    expect(sorted(destinations(byDelegator))).toEqual(sorted([v[1]!.operator, v[2]!.operator]));
    const toV2 = byDelegator.redelegationResponses.find((r) => r.redelegation.validatorDstAddress === v[2]!.operator)!;
    expect(toV2.redelegation.entries).toHaveLength(1);
    expect(toV2.redelegation.entries[0]).toMatchObject({ initialBalance: (3n * XPRT).toString(), sharesDst: (3n * XPRT * 10n ** 18n).toString() });
    expect(toV2.entries).toEqual([{ redelegationEntry: toV2.redelegation.entries[0], balance: (3n * XPRT).toString() }]);

    const bySource = (await ask_({ srcValidatorAddr: v[0]!.operator })).ok!;
    expect(sorted(destinations(bySource))).toEqual(sorted([v[1]!.operator, v[2]!.operator]));
    expect(bySource.redelegationResponses.every((r) => r.redelegation.delegatorAddress === dan.address)).toBe(true);
    const paged = (await ask_({ srcValidatorAddr: v[0]!.operator, pagination: { limit: 1n, countTotal: true } })).ok!;
    expect([paged.redelegationResponses.length, paged.pagination?.total]).toEqual([1, 2n]);

    const triple = (await ask_({ delegatorAddr: dan.address, srcValidatorAddr: v[0]!.operator, dstValidatorAddr: v[1]!.operator })).ok!;
    expect(destinations(triple)).toEqual([v[1]!.operator]);
    expect(triple.redelegationResponses[0]!.entries[0]!.balance).toBe((2n * XPRT).toString());
    expect(await ask_({ delegatorAddr: dan.address, srcValidatorAddr: v[1]!.operator, dstValidatorAddr: v[0]!.operator })).toMatchObject({ codespace: "staking", code: ErrNoRedelegation.code });
    // A redelegation out of an unbonded validator completes at once: no entry is kept.
    expect((await ask_({ delegatorAddr: v[3]!.address })).ok!.redelegationResponses).toEqual([]);
    expect((await ask_({ srcValidatorAddr: v[3]!.operator })).ok!.redelegationResponses).toEqual([]);
    expect(await ask_({ delegatorAddr: v[0]!.operator })).toMatchObject({ log: expect.stringContaining("invalid delegator address") });
    expect(await ask_({ srcValidatorAddr: v[0]!.operator, dstValidatorAddr: v[1]!.operator })).toMatchObject({ codespace: "sdk", log: expect.stringContaining("needs a delegator address") });
  });
});
