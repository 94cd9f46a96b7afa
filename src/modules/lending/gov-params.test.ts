import { ProposalStatus } from "cosmjs-types/cosmos/gov/v1/gov";
import * as govQuery from "cosmjs-types/cosmos/gov/v1/query";
import * as govTx from "cosmjs-types/cosmos/gov/v1/tx";
import { MsgVote } from "cosmjs-types/cosmos/gov/v1beta1/tx";
import { ParameterChangeProposal } from "cosmjs-types/cosmos/params/v1beta1/params";
import { describe, expect, it } from "vitest";
import * as q from "../../generated/persistence/lending/v1/query.js";
import { sha256 } from "../../store/hash.js";
import { bytesToKey } from "../../store/bytes.js";
import { CacheKV } from "../../store/cache-kv.js";
import type { KVReader } from "../../store/kv.js";
import { AppHarness, GENESIS_SECONDS } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { Context, unmeteredGas } from "../../types/context.js";
import { isError, type AppError } from "../../types/errors.js";
import type { AppModule } from "../../types/module.js";
import { AssetsKeeper } from "../assets/keeper.js";
import { MODULE_NAME as ASSETS } from "../assets/keys.js";
import { assetsModule } from "../assets/module.js";
import { AccountKeeper } from "../auth/keeper.js";
import { FEE_COLLECTOR } from "../auth/keys.js";
import { authModule } from "../auth/module.js";
import { BankKeeper } from "../bank/keeper.js";
import { BURNER, MINTER } from "../bank/keys.js";
import { bankModule } from "../bank/module.js";
import { GOV_AUTHORITY } from "../gov/content.js";
import { IdentityKeeper } from "../identity/keeper.js";
import { identityModule } from "../identity/module.js";
import { MarketKeeper } from "../market/keeper.js";
import { MARKET_ACCOUNT } from "../market/keys.js";
import { marketModule } from "../market/module.js";
import { marketWorld, Wallet } from "../market/test-fixture.js";
import { withGenesisValidators } from "../staking/genesis-builder.js";
import { MsgAppraiseCodec, MsgPledgeCodec } from "./codecs.js";
import { LendingKeeper } from "./keeper.js";
import { LENDING_ACCOUNT } from "./keys.js";
import { lendingModule } from "./module.js";
import { msg } from "./test-fixture.js";

const EMPTY: KVReader = { get: () => undefined, has: () => false, iterate: () => [] };

/** Lending and the modules it builds on, wired as App assembly wires them. */
function lendingModules(): AppModule[] {
  const accounts = new AccountKeeper({ [FEE_COLLECTOR]: [], [ASSETS]: [MINTER, BURNER], [MARKET_ACCOUNT]: [], [LENDING_ACCOUNT]: [] });
  const bank = new BankKeeper(accounts);
  const identity = new IdentityKeeper();
  bank.appendSendRestriction(identity.restrictTransfer);
  const assets = new AssetsKeeper(bank, identity);
  const market = new MarketKeeper(bank, identity, assets);
  return [authModule(accounts), bankModule(bank), identityModule(identity), assetsModule(assets), marketModule(market), lendingModule(new LendingKeeper(bank, identity, assets, market))];
}

/** The real modules over an in-memory state: alice owns invoice n1, `valuer` is registered. */
async function world() {
  const [alice, valuer, other, official] = (await Promise.all([21, 22, 23, 24].map((i) => TestSigner.fromSeed(i)))) as [TestSigner, TestSigner, TestSigner, TestSigner];
  const genesis: Record<string, unknown> = {
    ...marketWorld({ signers: [alice, valuer, other], official, verified: [alice, valuer, other], nfts: [{ id: "n1", owner: alice }] }),
    lending: { valuers: [{ address: valuer.address, name: "Valuer" }] },
  };
  const modules = lendingModules();
  const state = new CacheKV(EMPTY);
  const ctx = (mode: "genesis" | "finalize" = "finalize") => new Context({ height: 1n, time: { seconds: GENESIS_SECONDS, nanos: 0 }, chainId: "lending-params" }, mode, state, unmeteredGas());
  const module = (name: string) => modules.find((m) => m.name === name)!;
  for (const m of modules) {
    const error = m.initGenesis(ctx("genesis"), genesis[m.name] ?? m.defaultGenesis());
    if (error) throw new Error(`${m.name}: ${error.log}`);
  }
  const lending = module("lending");
  return {
    alice,
    valuer,
    other,
    ctx,
    params: lending.params!,
    snapshot: () => JSON.stringify([...state.iterate()].map(([k, v]) => [bytesToKey(k), bytesToKey(v)])),
    query: <T>(method: string, codec: { decode(bytes: Uint8Array): T }, request: { encode(m: object): { finish(): Uint8Array } }, fields: object = {}) =>
      query(lending, ctx(), method, codec, request.encode(fields).finish()),
    /** Runs a lending message as a tx would, its writes discarded on failure. */
    run: (typeUrl: string, value: object) => {
      const handler = lending.messages.find((h) => h.type.typeUrl === typeUrl)!;
      const invalid = handler.validate(value);
      if (invalid) return invalid;
      const branch = ctx().branch();
      const result = handler.execute(branch.ctx, value);
      if (!isError(result)) branch.write();
      return result;
    },
  };
}

function query<T>(module: AppModule, ctx: Context, method: string, codec: { decode(bytes: Uint8Array): T }, data: Uint8Array): T {
  const route = module.queries.find((r) => r.path === `/persistence.lending.v1.Query/${method}`)!;
  const answer = route.run(ctx, data);
  if (isError(answer)) throw new Error(answer.log);
  return codec.decode(answer);
}

describe("lending's governance params hook", () => {
  it("reads every Params field by its snake_case key as genesis JSON, and the valuer registry", async () => {
    const w = await world();
    const none = { min_kyc_level: 0, jurisdictions: [], investor_classes: [], trader: false };
    expect(w.params.get(w.ctx())).toEqual({
      participant_requirement: expect.objectContaining({}),
      valuer_requirement: expect.objectContaining({}),
      max_appraisal_age: "2592000",
      advance_rates: [{ class_id: "invoice", rate: "0.800000000000000000" }],
      max_defaults_per_block: 50,
      auction_seconds: "604800",
      // Proto3 JSON leaves out default values inside a value (overdue_days 0), as genesis export does.
      write_offs: [
        { fraction: "0.000000000000000000" },
        { overdue_days: "30", fraction: "0.250000000000000000" },
        { overdue_days: "60", fraction: "0.500000000000000000" },
        { overdue_days: "90", fraction: "1.000000000000000000" },
      ],
      max_instalments: 360,
      valuers: [{ address: w.valuer.address, name: "Valuer" }],
    });
    // The requirements read back as identity's genesis JSON: unset fields are defaults.
    const requirement = w.params.get(w.ctx()).participant_requirement as Record<string, unknown>;
    expect({ ...none, ...requirement }).toEqual(none);
  });

  it("sets each key as genesis would, the queries and messages following at once", async () => {
    const w = await world();
    const ctx = w.ctx();
    expect(w.params.set(ctx, "advance_rates", [{ class_id: "invoice", rate: "0.5" }, { class_id: "bill-of-lading", rate: "0.25" }])).toBeUndefined();
    expect(w.params.set(ctx, "max_instalments", 12)).toBeUndefined();
    expect(w.params.set(ctx, "valuer_requirement", { min_kyc_level: 1, jurisdictions: ["DE"] })).toBeUndefined();
    expect(w.params.set(ctx, "write_offs", [{ overdue_days: "0", fraction: "0" }, { overdue_days: "10", fraction: "1" }])).toBeUndefined();
    const got = w.params.get(ctx);
    expect(got.advance_rates).toEqual([
      { class_id: "bill-of-lading", rate: "0.250000000000000000" },
      { class_id: "invoice", rate: "0.500000000000000000" },
    ]);
    expect(got.max_instalments).toBe(12);
    expect(got.valuer_requirement).toMatchObject({ min_kyc_level: 1, jurisdictions: ["DE"] });
    expect(got.write_offs).toEqual([
      { fraction: "0.000000000000000000" },
      { overdue_days: "10", fraction: "1.000000000000000000" },
    ]);
    const { params } = w.query("Params", q.QueryParamsResponse, q.QueryParamsRequest);
    expect(params!.maxInstalments).toBe(12);
    expect(params!.advanceRates.map((r) => r.classId)).toEqual(["bill-of-lading", "invoice"]);

    // Replacing the registry: the old valuer may no longer appraise, the new one may.
    expect(w.params.set(ctx, "valuers", [{ address: w.other.address, name: "New valuer" }])).toBeUndefined();
    expect(w.params.get(ctx).valuers).toEqual([{ address: w.other.address, name: "New valuer" }]);
    expect(w.query("Valuers", q.QueryValuersResponse, q.QueryValuersRequest).valuers).toEqual([{ address: w.other.address, name: "New valuer" }]);
    expect(isError(w.run(MsgPledgeCodec.typeUrl, MsgPledgeCodec.fromPartial({ owner: w.alice.address, collateral: "nft:invoice/n1", amount: "1" })))).toBe(false);
    const appraise = (valuer: string) => w.run(MsgAppraiseCodec.typeUrl, MsgAppraiseCodec.fromPartial({ valuer, pledgeId: 1n, value: "1000" }));
    expect((appraise(w.valuer.address) as AppError).kind).toMatchObject({ codespace: "lending", code: 6 });
    expect(isError(appraise(w.other.address))).toBe(false);

    // An empty registry, no advance rates and no write-offs are valid (no appraisals, no loans);
    // the emptied keys are still listed, since gov changes only keys that `get` lists.
    expect(w.params.set(ctx, "valuers", [])).toBeUndefined();
    expect(w.params.set(ctx, "advance_rates", [])).toBeUndefined();
    expect(w.params.set(ctx, "write_offs", [])).toBeUndefined();
    expect(w.params.get(ctx)).toMatchObject({ valuers: [], advance_rates: [], write_offs: [] });
    expect(w.params.set(ctx, "advance_rates", [{ class_id: "invoice", rate: "0.7" }])).toBeUndefined();
    expect(w.params.get(ctx).advance_rates).toEqual([{ class_id: "invoice", rate: "0.700000000000000000" }]);
  });

  it("refuses unknown keys and invalid values, changing nothing", async () => {
    const w = await world();
    const cases: [string, unknown][] = [
      ["nope", 1],
      ["advance_rates", [{ class_id: "invoice", rate: "1.5" }]],
      // 19 places, LegacyDec's bare integer (0.8 as 10^18 × 0.8), a percentage.
      ["advance_rates", [{ class_id: "invoice", rate: "0.8000000000000000001" }]],
      ["advance_rates", [{ class_id: "invoice", rate: "800000000000000000" }]],
      ["advance_rates", [{ class_id: "invoice", rate: "80%" }]],
      ["write_offs", [{ overdue_days: "0", fraction: "250000000000000000" }]],
      ["write_offs", [{ overdue_days: "0", fraction: "0.25 " }]],
      ["advance_rates", [{ class_id: "invoice", rate: "0.5" }, { class_id: "invoice", rate: "0.6" }]],
      ["max_instalments", 0],
      ["max_instalments", 1201],
      ["max_defaults_per_block", 1001],
      ["max_appraisal_age", "0"],
      ["auction_seconds", "0"],
      ["write_offs", [{ overdue_days: "30", fraction: "0.5" }, { overdue_days: "10", fraction: "1" }]],
      ["write_offs", [{ overdue_days: "0", fraction: "0.5" }, { overdue_days: "10", fraction: "0.25" }]],
      ["valuers", [{ address: "cosmos1xyz", name: "x" }]],
      ["valuers", [{ address: w.other.address, name: "a" }, { address: w.other.address, name: "b" }]],
      ["valuers", { address: w.other.address }],
      ["valuers", Array.from({ length: 201 }, (_, i) => ({ address: w.other.address, name: String(i) }))],
    ];
    for (const [key, value] of cases) {
      const before = w.snapshot();
      const error = w.params.set(w.ctx(), key, value);
      expect(isError(error), `${key}=${JSON.stringify(value)}`).toBe(true);
      expect(error!.kind.codespace, key).toBe("lending");
      expect(w.snapshot(), key).toBe(before);
    }
  });
});

/** Genesis: a validator (600 XPRT bonded) that votes, alice with invoice n1, and a valuer to be registered by governance. */
async function govChain() {
  const [v, a, n, o] = (await Promise.all([31, 32, 33, 34].map((i) => TestSigner.fromSeed(i)))) as [TestSigner, TestSigner, TestSigner, TestSigner];
  const world = marketWorld({ signers: [v, a, n], official: o, verified: [v, a, n], nfts: [{ id: "n1", owner: a }] });
  const genesis = withGenesisValidators(
    { ...world, gov: { params: { min_deposit: [{ denom: "uxprt", amount: "1000000" }], voting_period: "3s", max_deposit_period: "3s" } } },
    [{ account: v.address, consensusPubkey: sha256(new Uint8Array([9])), selfDelegation: 600_000_000n, moniker: "v0" }],
  );
  if (isError(genesis)) throw new Error(genesis.log);
  const chain = await AppHarness.start({ genesis });
  const [validator, alice, valuer] = [v, a, n].map((s, i) => new Wallet(s, BigInt(i))) as [Wallet, Wallet, Wallet];
  return { chain, validator, alice, valuer };
}

describe("lending params through governance in the assembled App", { timeout: 60_000 }, () => {
  it("registers a valuer by a passed ParameterChangeProposal, who may then appraise", async () => {
    const { chain, validator, alice, valuer } = await govChain();
    try {
      const ok = async (tx: Promise<Uint8Array>) => {
        const result = (await chain.block([await tx])).txResults[0]!;
        expect(result.code, result.log).toBe(0);
      };
      await ok(alice.tx(msg.pledge(alice, "nft:invoice/n1")));
      const refused = (await chain.block([await valuer.tx(msg.appraise(valuer, 1n, 1_000_000n))])).txResults[0]!;
      expect([refused.codespace, refused.code]).toEqual(["lending", 6]);

      const change = { subspace: "lending", key: "valuers", value: JSON.stringify([{ address: valuer.address, name: "Elected valuer" }]) };
      const content = { typeUrl: ParameterChangeProposal.typeUrl, value: ParameterChangeProposal.encode({ title: "Valuer", description: "Register", changes: [change] }).finish() };
      const exec = { typeUrl: govTx.MsgExecLegacyContent.typeUrl, value: govTx.MsgExecLegacyContent.encode({ content, authority: GOV_AUTHORITY }).finish() };
      const submit = govTx.MsgSubmitProposal.fromPartial({ messages: [exec], initialDeposit: [{ denom: "uxprt", amount: "1000000" }], proposer: validator.address, title: "Valuer", summary: "Register" });
      await ok(validator.tx({ typeUrl: govTx.MsgSubmitProposal.typeUrl, value: govTx.MsgSubmitProposal.encode(submit).finish() }));
      await ok(validator.tx({ typeUrl: MsgVote.typeUrl, value: MsgVote.encode({ proposalId: 1n, voter: validator.address, option: 1 }).finish() }));
      for (let i = 0; i < 5; i++) await chain.block([]);
      const proposal = await chain.query("/cosmos.gov.v1.Query/Proposal", govQuery.QueryProposalRequest, { proposalId: 1n }, govQuery.QueryProposalResponse);
      expect(proposal.proposal!.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);

      const valuers = await chain.query("/persistence.lending.v1.Query/Valuers", q.QueryValuersRequest, {}, q.QueryValuersResponse);
      expect(valuers.valuers).toEqual([{ address: valuer.address, name: "Elected valuer" }]);
      await ok(valuer.tx(msg.appraise(valuer, 1n, 1_000_000n)));
    } finally {
      await chain.close();
    }
  });
});
