/**
 * Proof of stake end to end, as a wallet or dashboard would drive it with CosmJS's own helpers only:
 * a second validator is created, alice delegates, earns and withdraws rewards, redelegates and
 * undelegates (tokens back after the unbonding period); then three proposals: a parameter change
 * that passes and takes effect, one that fails quorum and one that is vetoed. The node runs from a
 * `persistence init` home whose genesis the test shortens (unbonding 4s, voting 5s).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { encodeEd25519Pubkey } from "@cosmjs/amino";
import { Ed25519 } from "@cosmjs/crypto";
import { encodePubkey, Registry, type EncodeObject } from "@cosmjs/proto-signing";
import {
  coin,
  defaultRegistryTypes,
  QueryClient,
  setupDistributionExtension,
  setupGovExtension,
  setupMintExtension,
  setupStakingExtension,
  type DeliverTxResponse,
  type DistributionExtension,
  type GovExtension,
  type MintExtension,
  type StakingExtension,
  type StdFee,
} from "@cosmjs/stargate";
import { ProposalStatus, TextProposal, VoteOption } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import { ParameterChangeProposal } from "cosmjs-types/cosmos/params/v1beta1/params";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultGovGenesis } from "../../src/modules/gov/genesis.js";
import { defaultSlashingGenesis } from "../../src/modules/slashing/genesis.js";
import { decodeAddress, encodeAddress, moduleAddress } from "../../src/types/address.js";
import { runCli } from "../../src/testing/cli-process.js";
import { expectSuccess, openDevnetSession, type DevnetSession } from "../../src/testing/devnet-session.js";

const XPRT = 1_000_000n;
const DEC = 10n ** 18n;
const UNBONDING_SECONDS = 4;
const VOTING_SECONDS = 5;
const MIN_DEPOSIT = 10n * XPRT;
/** A fixed fee, so balances can be checked to the unit. */
const FEE: StdFee = { amount: [{ denom: "uxprt", amount: "3000" }], gas: "600000" };
const GOV_ACCOUNT = encodeAddress(moduleAddress("gov"));
const ENV = { PERSISTENCE_KEYRING_PASSPHRASE: "pos e2e" };

type Queries = QueryClient & StakingExtension & DistributionExtension & GovExtension & MintExtension;

describe("proof of stake and governance through CosmJS", { timeout: 120_000 }, () => {
  let session: DevnetSession;
  let q: Queries;
  // validator operates the genesis validator (V1); carol creates V2; alice delegates; bob and dave propose.
  let validator: string, alice: string, bob: string, carol: string, dave: string;
  let v1: string, v2: string;

  /** A `persistence init` home funding the five accounts, its genesis shortened for the test. */
  async function prepareHome(home: string, addresses: readonly string[]): Promise<void> {
    const [operator, ...others] = addresses;
    const accounts = [operator!, ...others.map((a) => `${a}=10000xprt`)].flatMap((a) => ["--genesis-account", a]);
    const init = await runCli(["init", "--home", home, "--chain-id", "pos-e2e-1", ...accounts, "--output", "json"], { env: ENV });
    expect(init.code, init.stdout + init.stderr).toBe(0);
    const genesisPath = join(home, "config", "genesis.json");
    const genesis = JSON.parse(readFileSync(genesisPath, "utf8"));
    const appState = genesis.app_state;
    appState.staking.params.unbonding_time = `${UNBONDING_SECONDS}s`;
    appState.gov ??= defaultGovGenesis();
    Object.assign(appState.gov.params, { voting_period: `${VOTING_SECONDS}s`, max_deposit_period: "60s", min_deposit: [{ denom: "uxprt", amount: MIN_DEPOSIT.toString() }] });
    // Only the genesis validator signs blocks here: a long liveness window keeps V2 from being jailed mid-test.
    appState.slashing ??= defaultSlashingGenesis();
    appState.slashing.params.signed_blocks_window = "1000000";
    writeFileSync(genesisPath, JSON.stringify(genesis, null, 2));
  }

  beforeAll(async () => {
    // CosmJS's default registry: the SDK messages a plain wallet knows are all this test signs.
    session = await openDevnetSession({ accounts: 5, homePrefix: "pos-e2e-", home: { prepare: prepareHome, env: ENV }, registry: new Registry(defaultRegistryTypes) });
    [validator, alice, bob, carol, dave] = session.addresses as [string, string, string, string, string];
    [v1, v2] = [validator, carol].map((a) => encodeAddress(decodeAddress(a) as Uint8Array, "persistencevaloper")) as [string, string];
    q = QueryClient.withExtensions(session.comet, setupStakingExtension, setupDistributionExtension, setupGovExtension, setupMintExtension);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const uxprt = (address: string) => session.balance(address, "uxprt");
  const attribute = (result: DeliverTxResponse, type: string, key: string) => result.events.find((e) => e.type === type)?.attributes.find((a) => a.key === key)?.value;
  const height = async () => BigInt((await session.comet.status()).syncInfo.latestBlockHeight);
  const waitForHeight = async (target: bigint) => {
    while ((await height()) < target) await sleep(100);
  };
  /** Whole uxprt of a delegator's total rewards (DecCoin amounts are 18-decimal integers in protobuf). */
  const totalRewards = async (delegator: string) => {
    const total = (await q.distribution.delegationTotalRewards(delegator)).total.find((c) => c.denom === "uxprt");
    return total ? BigInt(total.amount) : 0n;
  };

  it("creates a validator, delegates, earns and withdraws rewards, redelegates and undelegates", async () => {
    // Mint inflates the supply each block; that is where the rewards below come from.
    expect((await q.mint.inflation()).toFloatApproximation()).toBeGreaterThan(0);
    expect((await q.mint.annualProvisions()).toFloatApproximation()).toBeGreaterThan(0);

    // carol creates V2 with a 1 XPRT self-delegation, kept small so the genesis validator keeps over 2/3 of the power.
    const { pubkey } = await Ed25519.makeKeypair(new Uint8Array(32).fill(42));
    const created = expectSuccess(
      await session.client.signAndBroadcast(
        carol,
        [
          {
            typeUrl: "/cosmos.staking.v1beta1.MsgCreateValidator",
            value: {
              description: { moniker: "carol", identity: "", website: "", securityContact: "", details: "" },
              commission: { rate: (DEC / 10n).toString(), maxRate: (DEC / 5n).toString(), maxChangeRate: (DEC / 100n).toString() },
              minSelfDelegation: "1",
              delegatorAddress: carol,
              validatorAddress: v2,
              pubkey: encodePubkey(encodeEd25519Pubkey(pubkey)),
              value: coin(Number(XPRT), "uxprt"),
            },
          },
        ],
        "auto",
      ),
    );
    expect(attribute(created, "create_validator", "validator")).toBe(v2);
    await waitForHeight(BigInt(created.height) + 2n);
    const bonded = (await q.staking.validators("BOND_STATUS_BONDED")).validators.map((v) => v.operatorAddress);
    expect(bonded).toEqual(expect.arrayContaining([v1, v2]));
    expect((await q.staking.validator(v2)).validator?.commission?.commissionRates?.rate).toBe((DEC / 10n).toString());

    // alice delegates 100 XPRT to V1: her balance falls by exactly the stake and the fee.
    const beforeDelegate = await uxprt(alice);
    expectSuccess(await session.client.delegateTokens(alice, v1, coin(Number(100n * XPRT), "uxprt"), FEE));
    expect(await uxprt(alice)).toBe(beforeDelegate - 100n * XPRT - 3000n);
    expect((await q.staking.delegation(alice, v1)).delegationResponse?.balance).toEqual({ denom: "uxprt", amount: (100n * XPRT).toString() });

    // Rewards grow block by block.
    await waitForHeight((await height()) + 2n);
    const early = await totalRewards(alice);
    expect(early).toBeGreaterThan(0n);
    await waitForHeight((await height()) + 3n);
    const reported = await totalRewards(alice);
    expect(reported).toBeGreaterThan(early);
    const perValidator = (await q.distribution.delegationTotalRewards(alice)).rewards;
    expect(perValidator.map((r) => r.validatorAddress)).toEqual([v1]);

    // Withdrawing pays at least what was reported a block or more before, in whole uxprt.
    const beforeWithdraw = await uxprt(alice);
    const withdrawn = expectSuccess(await session.client.withdrawRewards(alice, v1, FEE));
    const paid = (await uxprt(alice)) - beforeWithdraw + 3000n;
    expect(paid).toBeGreaterThanOrEqual(reported / DEC);
    expect(attribute(withdrawn, "withdraw_rewards", "amount")).toBe(`${paid}uxprt`);
    expect(attribute(withdrawn, "withdraw_rewards", "validator")).toBe(v1);

    // alice moves 20 XPRT to V2 at once; an entry guards it until the unbonding time passes.
    const moved = expectSuccess(
      await session.client.signAndBroadcast(
        alice,
        [{ typeUrl: "/cosmos.staking.v1beta1.MsgBeginRedelegate", value: { delegatorAddress: alice, validatorSrcAddress: v1, validatorDstAddress: v2, amount: coin(Number(20n * XPRT), "uxprt") } }],
        FEE,
      ),
    );
    expect(attribute(moved, "redelegate", "amount")).toBe(`${20n * XPRT}uxprt`);
    expect((await q.staking.delegation(alice, v2)).delegationResponse?.balance?.amount).toBe((20n * XPRT).toString());
    expect((await q.staking.delegation(alice, v1)).delegationResponse?.balance?.amount).toBe((80n * XPRT).toString());
    const redelegation = (await q.staking.redelegations(alice, v1, v2)).redelegationResponses[0]!;
    expect(redelegation.entries.map((e) => e.balance)).toEqual([(20n * XPRT).toString()]);

    // alice undelegates 10 XPRT from V1: nothing arrives before the unbonding period, all of it after.
    const undelegated = expectSuccess(await session.client.undelegateTokens(alice, v1, coin(Number(10n * XPRT), "uxprt"), FEE));
    const afterUndelegate = await uxprt(alice);
    const entry = (await q.staking.delegatorUnbondingDelegations(alice)).unbondingResponses[0]!.entries[0]!;
    expect(entry.balance).toBe((10n * XPRT).toString());
    expect(attribute(undelegated, "unbond", "amount")).toBe(`${10n * XPRT}uxprt`);
    const maturity = Number(entry.completionTime!.seconds) * 1000 + entry.completionTime!.nanos / 1e6;
    expect(await uxprt(alice)).toBe(afterUndelegate);

    const deadline = maturity + 15_000;
    while ((await uxprt(alice)) === afterUndelegate && Date.now() < deadline) await sleep(200);
    expect(await uxprt(alice)).toBe(afterUndelegate + 10n * XPRT);
    expect((await q.staking.delegatorUnbondingDelegations(alice)).unbondingResponses).toEqual([]);
    expect((await q.staking.delegation(alice, v1)).delegationResponse?.balance?.amount).toBe((70n * XPRT).toString());
    // The redelegation entry matured with the same unbonding time.
    await expect(q.staking.redelegations(alice, v1, v2)).rejects.toThrow(/not found|redelegation/i);
  });

  // Bonded stake from here: V1 80 XPRT (its operator 10, alice 70), V2 21 XPRT (carol 1, alice 20); quorum is 33.4%.
  const submit = async (proposer: string, content: { typeUrl: string; value: Uint8Array }, deposit: bigint) => {
    const result = expectSuccess(
      await session.client.signAndBroadcast(proposer, [{ typeUrl: "/cosmos.gov.v1beta1.MsgSubmitProposal", value: { content, initialDeposit: [coin(Number(deposit), "uxprt")], proposer } }], FEE),
    );
    return BigInt(attribute(result, "submit_proposal", "proposal_id")!);
  };
  const vote = (voter: string, proposalId: bigint, option: VoteOption): EncodeObject => ({ typeUrl: "/cosmos.gov.v1beta1.MsgVote", value: { proposalId, voter, option } });
  const cast = async (voter: string, proposalId: bigint, option: VoteOption) => expectSuccess(await session.client.signAndBroadcast(voter, [vote(voter, proposalId, option)], FEE));
  const text = (title: string) => ({ typeUrl: TextProposal.typeUrl, value: TextProposal.encode({ title, description: `${title}, for the test` }).finish() });
  const settled = async (id: bigint) => {
    const deadline = Date.now() + (VOTING_SECONDS + 15) * 1000;
    for (;;) {
      const proposal = (await q.gov.proposal(id.toString())).proposal!;
      if (proposal.status !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD || Date.now() > deadline) return proposal;
      await sleep(250);
    }
  };

  it("passes a parameter change that takes effect, with its deposits refunded", async () => {
    expect((await q.staking.params()).params.maxValidators).toBe(100);
    const change = ParameterChangeProposal.fromPartial({ title: "Fewer validators", description: "Cap the active set at 50.", changes: [{ subspace: "staking", key: "max_validators", value: "50" }] });
    const before = { dave: await uxprt(dave), bob: await uxprt(bob) };
    const id = await submit(dave, { typeUrl: ParameterChangeProposal.typeUrl, value: ParameterChangeProposal.encode(change).finish() }, MIN_DEPOSIT / 2n);
    expect((await q.gov.proposal(id.toString())).proposal!.status).toBe(ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD);
    expect((await q.gov.proposals(ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD, "", "")).proposals.map((p) => p.proposalId)).toEqual([id]);

    // bob's deposit completes the min deposit and starts the vote.
    const deposited = expectSuccess(
      await session.client.signAndBroadcast(bob, [{ typeUrl: "/cosmos.gov.v1beta1.MsgDeposit", value: { proposalId: id, depositor: bob, amount: [coin(Number(MIN_DEPOSIT / 2n), "uxprt")] } }], FEE),
    );
    expect(deposited.events.some((e) => e.type === "proposal_deposit" && e.attributes.some((a) => a.key === "voting_period_start" && a.value === id.toString()))).toBe(true);
    const voting = (await q.gov.proposal(id.toString())).proposal!;
    expect(voting.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    expect(voting.totalDeposit).toEqual([{ denom: "uxprt", amount: MIN_DEPOSIT.toString() }]);
    expect((await q.gov.deposits(id.toString())).deposits.map((d) => [d.depositor, d.amount[0]!.amount]).sort()).toEqual(
      [
        [dave, (MIN_DEPOSIT / 2n).toString()],
        [bob, (MIN_DEPOSIT / 2n).toString()],
      ].sort(),
    );
    expect(await uxprt(GOV_ACCOUNT)).toBe(MIN_DEPOSIT);

    // The genesis validator's operator votes yes with all of V1's 80 XPRT: 79% of the bonded stake.
    await cast(validator, id, VoteOption.VOTE_OPTION_YES);
    expect((await q.gov.tally(id.toString())).tally).toEqual({ yes: (80n * XPRT).toString(), abstain: "0", no: "0", noWithVeto: "0" });

    const passed = await settled(id);
    expect(passed.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect(passed.finalTallyResult?.yes).toBe((80n * XPRT).toString());
    expect((await q.staking.params()).params.maxValidators).toBe(50);
    expect((await q.gov.deposits(id.toString())).deposits).toEqual([]);
    expect(await uxprt(GOV_ACCOUNT)).toBe(0n);
    expect(await uxprt(dave)).toBe(before.dave - 3000n);
    expect(await uxprt(bob)).toBe(before.bob - 3000n);
  });

  it("rejects a proposal that fails quorum and refunds it; burns the deposit of a vetoed one", async () => {
    // Only carol, V2's operator, votes: V2's 21 XPRT are 21% of the bonded stake.
    const before = { bob: await uxprt(bob), dave: await uxprt(dave) };
    const quorumless = await submit(bob, text("Too few voters"), MIN_DEPOSIT);
    const vetoed = await submit(dave, text("Vetoed"), MIN_DEPOSIT);
    expect((await q.gov.proposals(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD, "", "")).proposals.map((p) => p.proposalId)).toEqual([quorumless, vetoed]);
    await cast(carol, quorumless, VoteOption.VOTE_OPTION_YES);
    // V1's operator vetoes with 80 XPRT of 101; carol's yes is outweighed.
    await cast(validator, vetoed, VoteOption.VOTE_OPTION_NO_WITH_VETO);
    await cast(carol, vetoed, VoteOption.VOTE_OPTION_YES);
    expect((await q.gov.votes(vetoed.toString())).votes.map((v) => v.voter).sort()).toEqual([carol, validator].sort());

    const failed = await settled(quorumless);
    expect(failed.status).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    expect(failed.finalTallyResult).toEqual({ yes: (21n * XPRT).toString(), abstain: "0", no: "0", noWithVeto: "0" });
    const rejected = await settled(vetoed);
    expect(rejected.status).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    expect(rejected.finalTallyResult).toEqual({ yes: (21n * XPRT).toString(), abstain: "0", no: "0", noWithVeto: (80n * XPRT).toString() });

    // Below quorum the deposit comes back (burn_vote_quorum is false); a veto burns it.
    expect(await uxprt(bob)).toBe(before.bob - 3000n);
    expect(await uxprt(dave)).toBe(before.dave - MIN_DEPOSIT - 3000n);
    expect(await uxprt(GOV_ACCOUNT)).toBe(0n);
    expect((await q.gov.deposits(vetoed.toString())).deposits).toEqual([]);
    const finished = (await q.gov.proposals(ProposalStatus.PROPOSAL_STATUS_UNSPECIFIED, "", "")).proposals.map((p) => [p.proposalId, p.status]);
    expect(finished).toEqual([
      [1n, ProposalStatus.PROPOSAL_STATUS_PASSED],
      [quorumless, ProposalStatus.PROPOSAL_STATUS_REJECTED],
      [vetoed, ProposalStatus.PROPOSAL_STATUS_REJECTED],
    ]);
  });
});
