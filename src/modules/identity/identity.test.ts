import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { QueryAccountRequest, QueryAccountResponse } from "cosmjs-types/cosmos/auth/v1beta1/query";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import type { ExecTxResult } from "cosmjs-types/tendermint/abci/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Timestamp } from "../../generated/google/protobuf/timestamp.js";
import * as q from "../../generated/persistence/identity/v1/query.js";
import { InvestorClass, type ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import { toHex } from "../../store/bytes.js";
import { AppHarness, fundedGenesis, TEST_CHAIN_ID } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import * as codecs from "./codecs.js";
import { recordCommitment } from "./commitment.js";
import { identityGenesis } from "./genesis.js";

const RECORD = new TextEncoder().encode('{"name":"Erika Mustermann","born":"1964-08-12","passport":"C01X00T47"}');
const SALT = new Uint8Array(32).fill(0x5a);
const COMMITMENT = recordCommitment(RECORD, SALT);

interface Codec<T> {
  readonly typeUrl: string;
  encode(message: T): { finish(): Uint8Array };
  fromPartial(object: object): T;
}

/** A message as raw bytes: the test signer passes those through without a registry. */
function msg<T>(codec: Codec<T>, fields: object) {
  return { typeUrl: codec.typeUrl, value: codec.encode(codec.fromPartial(fields)).finish() };
}

/** The attributes of the first `type` event a message emitted (the ante step's carry no msg_index). */
function attributes(result: ExecTxResult, type: string): Record<string, string> {
  const event = result.events.find((e) => e.type === type && e.attributes.some((a) => a.key === "msg_index"));
  if (!event) throw new Error(`no ${type} event in ${JSON.stringify(result.events.map((e) => e.type))}`);
  return Object.fromEntries(event.attributes.map((a) => [a.key, a.value]));
}

describe("identity module through the App", () => {
  let chain: AppHarness;
  let provider: TestSigner;
  let provider2: TestSigner;
  let subject: TestSigner;
  let auditor: TestSigner;
  let authority: TestSigner;
  let outsider: TestSigner;

  beforeEach(async () => {
    [provider, provider2, subject, auditor, authority, outsider] = (await Promise.all([11, 12, 13, 14, 15, 16].map((seed) => TestSigner.fromSeed(seed)))) as [
      TestSigner,
      TestSigner,
      TestSigner,
      TestSigner,
      TestSigner,
      TestSigner,
    ];
    chain = await AppHarness.start({
      genesis: {
        ...fundedGenesis([provider, provider2, subject, auditor, authority, outsider]),
        identity: identityGenesis({
          providers: [
            { address: provider.address, name: "Acme KYC" },
            { address: provider2.address, name: "Beta Onboarding" },
          ],
          auditors: [{ address: auditor.address, name: "Audit & Co" }],
          authorities: [{ address: authority.address, name: "Financial Intelligence Unit" }],
        }),
      },
    });
    // Genesis state is committed with the first block.
    await chain.block([]);
  });
  afterEach(() => chain.close());

  /** The latest block's time. */
  const lastBlockTime = (): Timestamp => ({ seconds: chain.nextBlock([]).time!.seconds - 1n, nanos: 0 });
  /** The time `seconds` after the next block's. */
  const later = (seconds: bigint): Timestamp => ({ seconds: chain.nextBlock([]).time!.seconds + seconds, nanos: 0 });

  const send = async (signer: TestSigner, messages: ReturnType<typeof msg>[]): Promise<ExecTxResult> => {
    const account = BaseAccount.decode((await chain.query("/cosmos.auth.v1beta1.Query/Account", QueryAccountRequest, { address: signer.address }, QueryAccountResponse)).account!.value);
    const tx = await signer.sign({ messages, chainId: TEST_CHAIN_ID, accountNumber: account.accountNumber, sequence: account.sequence });
    return (await chain.block([tx])).txResults[0]!;
  };
  const identityState = () => chain.app.exportGenesis().identity;

  /** Runs a tx expected to fail with (codespace, code), and checks that identity state did not change. */
  const rejects = async (signer: TestSigner, message: ReturnType<typeof msg>, codespace: string, code: number, log?: string) => {
    const before = identityState();
    const result = await send(signer, [message]);
    expect([result.codespace, result.code], result.log).toEqual([codespace, code]);
    if (log) expect(result.log).toBe(log);
    expect(identityState()).toEqual(before);
    return result;
  };

  const attest = (from: TestSigner, fields: object = {}) =>
    msg(codecs.MsgAttest, {
      provider: from.address,
      subject: subject.address,
      kycLevel: 2,
      jurisdiction: "DE",
      investorClass: InvestorClass.INVESTOR_CLASS_PROFESSIONAL,
      trader: true,
      expiry: later(100n),
      commitment: COMMITMENT,
      ...fields,
    });

  const query = <Req, Res>(method: string, request: { fromPartial(o: object): Req; encode(m: Req): { finish(): Uint8Array }; decode(b: Uint8Array): Req }, partial: object, response: { decode(b: Uint8Array): Res; fromPartial(o: object): Res; encode(m: Res): { finish(): Uint8Array } }) =>
    chain.query(`/persistence.identity.v1.Query/${method}`, request, partial, response);
  const queryFailure = async (method: string, request: { fromPartial(o: object): unknown; encode(m: never): { finish(): Uint8Array } }, partial: object) => {
    const answer = await chain.app.query({ path: `/persistence.identity.v1.Query/${method}`, data: request.encode(request.fromPartial(partial) as never).finish(), height: 0n, prove: false });
    return { codespace: answer.codespace, code: answer.code, log: answer.log };
  };
  const attestations = async (address = subject.address) => (await query("Attestations", q.QueryAttestationsRequest, { subject: address }, q.QueryAttestationsResponse)).attestations;
  const check = (requirement: Partial<ClaimRequirement>, address = subject.address) =>
    query("CheckCompliance", q.QueryCheckComplianceRequest, { address, requirement }, q.QueryCheckComplianceResponse);

  describe("attest", () => {
    it("stores the claims and commitment with the issue time and height, and emits an attest event", async () => {
      const expiry = later(100n);
      const result = await send(provider, [attest(provider, { expiry })]);
      expect(result.code, result.log).toBe(0);
      const [stored] = await attestations();
      expect(stored).toEqual({
        subject: subject.address,
        provider: provider.address,
        kycLevel: 2,
        jurisdiction: "DE",
        investorClass: InvestorClass.INVESTOR_CLASS_PROFESSIONAL,
        trader: true,
        expiry,
        commitment: COMMITMENT,
        issuedAt: { seconds: expiry.seconds - 100n, nanos: 0 },
        issuedHeight: chain.height,
        revoked: false,
        revokedAt: undefined,
      });
      expect(attributes(result, "attest")).toMatchObject({
        subject: subject.address,
        provider: provider.address,
        kyc_level: "2",
        jurisdiction: "DE",
        investor_class: "professional",
        trader: "true",
        commitment: toHex(COMMITMENT),
        replaced: "false",
        msg_index: "0",
      });
      expect(attributes(result, "message")).toMatchObject({ action: "/persistence.identity.v1.MsgAttest", module: "identity", sender: provider.address });
    });

    it("replaces the provider's previous attestation and keeps other providers' beside it", async () => {
      expect((await send(provider, [attest(provider)])).code).toBe(0);
      expect((await send(provider2, [attest(provider2, { jurisdiction: "FR" })])).code).toBe(0);
      const again = await send(provider, [attest(provider, { kycLevel: 3, jurisdiction: "AT" })]);
      expect(again.code, again.log).toBe(0);
      expect(attributes(again, "attest").replaced).toBe("true");
      const stored = await attestations();
      expect(stored.map((a) => [a.provider, a.kycLevel, a.jurisdiction]).sort()).toEqual(
        [
          [provider.address, 3, "AT"],
          [provider2.address, 2, "FR"],
        ].sort(),
      );
    });

    it("rejects malformed attestations before execution and changes nothing", async () => {
      const cases: [string, object, string, number][] = [
        ["bad provider address", { provider: "persistence1bad" }, "sdk", 7],
        ["bad subject address", { subject: "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu" }, "sdk", 7],
        ["self-attestation", { subject: provider.address }, "identity", 2],
        ["KYC level 0", { kycLevel: 0 }, "identity", 2],
        ["reserved code UK", { jurisdiction: "UK" }, "identity", 2],
        ["lower-case code", { jurisdiction: "de" }, "identity", 2],
        ["unspecified investor class", { investorClass: InvestorClass.INVESTOR_CLASS_UNSPECIFIED }, "identity", 2],
        ["no expiry", { expiry: undefined }, "identity", 4],
        ["nanos out of range", { expiry: { seconds: 1_800_000_000n, nanos: 1_000_000_000 } }, "identity", 4],
        ["31-byte commitment", { commitment: COMMITMENT.subarray(1) }, "identity", 3],
      ];
      for (const [name, fields, codespace, code] of cases) {
        const tx = await provider.sign({ messages: [attest(provider, fields)], chainId: TEST_CHAIN_ID, accountNumber: 0n, sequence: 0n });
        const checked = await chain.checkTx(tx);
        expect([checked.codespace, checked.code], `${name}: ${checked.log}`).toEqual([codespace, code]);
        const executed = (await chain.block([tx])).txResults[0]!;
        expect([executed.codespace, executed.code], name).toEqual([codespace, code]);
      }
      expect(await attestations()).toEqual([]);
    });

    it("rejects an unregistered provider and an expiry not after the block time", async () => {
      await rejects(outsider, attest(outsider), "identity", 6, `${outsider.address} may not attest: not a registered KYC provider`);
      const result = await rejects(provider, attest(provider, { expiry: later(0n) }), "identity", 4);
      expect(result.log).toMatch(/^expiry \S+ is not after the block time \S+: invalid expiry$/);
    });
  });

  describe("revoke", () => {
    it("marks the attestation revoked at the block time; it no longer counts", async () => {
      await send(provider, [attest(provider)]);
      expect((await check({ minKycLevel: 1 })).ok).toBe(true);
      const result = await send(provider, [msg(codecs.MsgRevokeAttestation, { provider: provider.address, subject: subject.address })]);
      expect(result.code, result.log).toBe(0);
      expect(attributes(result, "revoke_attestation")).toMatchObject({ subject: subject.address, provider: provider.address });
      const [stored] = await attestations();
      expect(stored).toMatchObject({ revoked: true, revokedAt: lastBlockTime() });
      expect(await check({ minKycLevel: 1 })).toMatchObject({
        ok: false,
        codespace: "identity",
        code: 17,
        reason: `${subject.address} has no unexpired, unrevoked attestation by a registered provider (${provider.address}: revoked): no current attestation`,
      });
    });

    it("refuses to revoke what is not there or is already revoked", async () => {
      const revoke = (from: TestSigner) => msg(codecs.MsgRevokeAttestation, { provider: from.address, subject: subject.address });
      await rejects(provider, revoke(provider), "identity", 9, `${provider.address} has no attestation of ${subject.address}: attestation not found`);
      await send(provider, [attest(provider)]);
      await rejects(provider2, revoke(provider2), "identity", 9);
      await send(provider, [revoke(provider)]);
      const result = await rejects(provider, revoke(provider), "identity", 10);
      expect(result.log).toMatch(/was revoked at .*: attestation already revoked$/);
    });
  });

  describe("disclosure to an auditor", () => {
    const disclose = (from: TestSigner, to: TestSigner) => msg(codecs.MsgRecordDisclosure, { provider: from.address, auditor: to.address, subject: subject.address });

    it("records the audit trail with the attestation's commitment and lets the auditor verify the record", async () => {
      await send(provider, [attest(provider)]);
      const first = await send(provider, [disclose(provider, auditor)]);
      expect(first.code, first.log).toBe(0);
      expect(attributes(first, "record_disclosure")).toMatchObject({ id: "1", subject: subject.address, provider: provider.address, auditor: auditor.address, commitment: toHex(COMMITMENT) });
      const second = await send(provider, [disclose(provider, auditor)]);
      expect(attributes(second, "record_disclosure").id).toBe("2");
      const { disclosures } = await query("Disclosures", q.QueryDisclosuresRequest, { subject: subject.address }, q.QueryDisclosuresResponse);
      expect(disclosures.map((d) => [d.id, d.auditor, toHex(d.commitment)])).toEqual([
        [1n, auditor.address, toHex(COMMITMENT)],
        [2n, auditor.address, toHex(COMMITMENT)],
      ]);
      expect(disclosures[1]!.height).toBe(chain.height);

      const verify = (record: Uint8Array, salt: Uint8Array) =>
        query("VerifyDisclosure", q.QueryVerifyDisclosureRequest, { subject: subject.address, provider: provider.address, record, salt }, q.QueryVerifyDisclosureResponse);
      expect(await verify(RECORD, SALT)).toEqual({ valid: true, commitment: COMMITMENT, computed: COMMITMENT });
      const tampered = Uint8Array.from(RECORD);
      tampered[10]! ^= 1;
      expect((await verify(tampered, SALT)).valid).toBe(false);
      expect((await verify(RECORD, new Uint8Array(32))).valid).toBe(false);
    });

    it("refuses unregistered auditors and providers without an attestation of the subject", async () => {
      await rejects(provider, disclose(provider, outsider), "identity", 7, `${outsider.address} may not receive disclosures: not a registered auditor`);
      await rejects(provider, disclose(provider, auditor), "identity", 9);
    });

    it("answers VerifyDisclosure errors for a wrong salt length and a missing attestation", async () => {
      await send(provider, [attest(provider)]);
      const failure = (partial: object) => queryFailure("VerifyDisclosure", q.QueryVerifyDisclosureRequest, { subject: subject.address, provider: provider.address, record: RECORD, salt: SALT, ...partial });
      expect(await failure({ salt: SALT.subarray(1) })).toEqual({ codespace: "identity", code: 22, log: "rpc error: code = InvalidArgument desc = the salt must be 32 bytes, got 31: invalid salt" });
      expect(await failure({ provider: provider2.address })).toMatchObject({ codespace: "identity", code: 9, log: expect.stringContaining("code = NotFound") });
      expect(await failure({ subject: "persistence1nope" })).toMatchObject({ codespace: "sdk", code: 7 });
    });
  });

  describe("freezes and the deny list", () => {
    const freeze = (from: TestSigner, reason = "suspicious inflows") => msg(codecs.MsgFreeze, { authority: from.address, address: subject.address, reason });
    const unfreeze = (from: TestSigner) => msg(codecs.MsgUnfreeze, { authority: from.address, address: subject.address });
    const deny = (from: TestSigner, address = subject.address) => msg(codecs.MsgAddToDenyList, { authority: from.address, address, reason: "sanctions list 2026/17" });
    const undeny = (from: TestSigner) => msg(codecs.MsgRemoveFromDenyList, { authority: from.address, address: subject.address });
    const status = () => query("Status", q.QueryStatusRequest, { address: subject.address }, q.QueryStatusResponse);

    it("a frozen account fails every check, even one asking for no claims, until unfrozen", async () => {
      await send(provider, [attest(provider)]);
      const frozen = await send(authority, [freeze(authority)]);
      expect(frozen.code, frozen.log).toBe(0);
      expect(attributes(frozen, "freeze_account")).toMatchObject({ address: subject.address, authority: authority.address, reason: "suspicious inflows" });
      expect(await status()).toMatchObject({ frozen: true, freeze: { address: subject.address, authority: authority.address, reason: "suspicious inflows" }, denied: false, denyListEntry: undefined });
      for (const requirement of [{}, { minKycLevel: 1 }]) {
        expect(await check(requirement)).toMatchObject({ ok: false, codespace: "identity", code: 16, reason: `${subject.address} (suspicious inflows): account frozen` });
      }
      const { freezes } = await query("FrozenAccounts", q.QueryFrozenAccountsRequest, {}, q.QueryFrozenAccountsResponse);
      expect(freezes.map((f) => f.address)).toEqual([subject.address]);

      const lifted = await send(authority, [unfreeze(authority)]);
      expect(attributes(lifted, "unfreeze_account")).toMatchObject({ address: subject.address, authority: authority.address });
      expect((await status()).frozen).toBe(false);
      expect((await check({ minKycLevel: 1 })).ok).toBe(true);
    });

    it("a denied account fails every check; the deny list is checked before the freeze and pages", async () => {
      await send(authority, [freeze(authority)]);
      const added = await send(authority, [deny(authority)]);
      expect(attributes(added, "add_to_deny_list")).toMatchObject({ address: subject.address, authority: authority.address, reason: "sanctions list 2026/17" });
      expect(await check({})).toMatchObject({ ok: false, code: 15, reason: `${subject.address} (sanctions list 2026/17): account on the sanctions deny list` });
      await send(authority, [deny(authority, outsider.address)]);
      await send(authority, [deny(authority, auditor.address)]);
      const first = await query("DenyList", q.QueryDenyListRequest, { pagination: { limit: 2n, countTotal: true } }, q.QueryDenyListResponse);
      expect(first.entries).toHaveLength(2);
      expect(first.pagination?.total).toBe(3n);
      const rest = await query("DenyList", q.QueryDenyListRequest, { pagination: { key: first.pagination!.nextKey } }, q.QueryDenyListResponse);
      expect([...first.entries, ...rest.entries].map((e) => e.address).sort()).toEqual([subject.address, outsider.address, auditor.address].sort());
      expect(rest.pagination?.nextKey).toEqual(new Uint8Array());

      const removed = await send(authority, [undeny(authority)]);
      expect(attributes(removed, "remove_from_deny_list")).toMatchObject({ address: subject.address, authority: authority.address });
      expect((await status()).denied).toBe(false);
      expect((await check({})).code).toBe(16);
    });

    it("only registered authorities act, and only on accounts in the right state", async () => {
      for (const message of [freeze(outsider), unfreeze(outsider), deny(outsider), undeny(outsider)]) {
        await rejects(outsider, message, "identity", 8, `${outsider.address} may not do this: not a registered compliance authority`);
      }
      await rejects(authority, unfreeze(authority), "identity", 12);
      await rejects(authority, undeny(authority), "identity", 14);
      await send(authority, [freeze(authority), deny(authority)]);
      await rejects(authority, freeze(authority), "identity", 11);
      await rejects(authority, deny(authority), "identity", 13);
      // Stateless checks run before the sequence is looked at.
      const tooLong = await authority.sign({ messages: [freeze(authority, "x".repeat(257))], chainId: TEST_CHAIN_ID, accountNumber: 4n, sequence: 0n });
      expect(await chain.checkTx(tooLong)).toMatchObject({ codespace: "identity", code: 23 });
    });
  });

  describe("compliance", () => {
    it("asks for no claims when the requirement is empty, and for a current attestation otherwise", async () => {
      expect(await check({})).toMatchObject({ ok: true, reason: "", code: 0 });
      expect(await check({ minKycLevel: 1 })).toMatchObject({ ok: false, code: 17, reason: `${subject.address} has no unexpired, unrevoked attestation by a registered provider: no current attestation` });
      expect(await check({ jurisdictions: ["DE"] })).toMatchObject({ ok: false, code: 17 });
      expect(await check({ trader: true })).toMatchObject({ ok: false, code: 17 });
    });

    it("checks each condition, naming the one that fails", async () => {
      await send(provider, [attest(provider, { kycLevel: 2, jurisdiction: "DE", investorClass: InvestorClass.INVESTOR_CLASS_RETAIL, trader: false })]);
      const professional = [InvestorClass.INVESTOR_CLASS_PROFESSIONAL, InvestorClass.INVESTOR_CLASS_ACCREDITED];
      expect((await check({ minKycLevel: 2, jurisdictions: ["DE", "AT"], investorClasses: [InvestorClass.INVESTOR_CLASS_RETAIL] })).ok).toBe(true);
      expect(await check({ minKycLevel: 3 })).toMatchObject({ code: 18, reason: `${subject.address} is attested at KYC level 2 at most, the requirement is at least 3: KYC level too low` });
      expect(await check({ jurisdictions: ["US", "CA"] })).toMatchObject({ code: 19, reason: `${subject.address} is attested in DE, the requirement allows US, CA: jurisdiction not allowed` });
      expect(await check({ minKycLevel: 1, investorClasses: professional })).toMatchObject({
        code: 20,
        reason: `${subject.address} is attested as retail (counting attestations with KYC level 1 or above), the requirement allows professional, accredited: investor class not allowed`,
      });
      expect(await check({ trader: true })).toMatchObject({ code: 21, reason: expect.stringContaining("not attested as a trader") });
    });

    it("judges each provider's attestation on its own: any one meeting every condition passes", async () => {
      await send(provider, [attest(provider, { kycLevel: 1, jurisdiction: "DE", investorClass: InvestorClass.INVESTOR_CLASS_RETAIL })]);
      await send(provider2, [attest(provider2, { kycLevel: 3, jurisdiction: "US", investorClass: InvestorClass.INVESTOR_CLASS_ACCREDITED })]);
      // Level 3 comes from provider2 and DE from provider: no single attestation has both.
      expect(await check({ minKycLevel: 3, jurisdictions: ["DE"] })).toMatchObject({ ok: false, code: 19, reason: expect.stringContaining("is attested in US (counting attestations with KYC level 3 or above)") });
      expect((await check({ minKycLevel: 3, jurisdictions: ["US"] })).ok).toBe(true);
      expect((await check({ minKycLevel: 1, jurisdictions: ["DE"], investorClasses: [InvestorClass.INVESTOR_CLASS_RETAIL] })).ok).toBe(true);
    });

    it("an attestation expires when the block time reaches its expiry", async () => {
      await send(provider, [attest(provider, { expiry: later(2n) })]);
      const response = await check({ minKycLevel: 1 });
      expect(response.ok).toBe(true);
      expect(response.time).toEqual(lastBlockTime());
      await chain.block([]);
      expect((await check({ minKycLevel: 1 })).ok).toBe(true);
      await chain.block([]);
      expect(await check({ minKycLevel: 1 })).toMatchObject({ ok: false, code: 17, reason: expect.stringMatching(/\(\S+: expired \S+Z\): no current attestation$/) });
    });

    it("holds a frozen account's funds (even for fees) and keeps a denied account from receiving, until lifted", async () => {
      const pay = (from: TestSigner, to: TestSigner) => msg(MsgSend, { fromAddress: from.address, toAddress: to.address, amount: [{ denom: "uusd", amount: "5" }] });
      const balances = () => (chain.app.exportGenesis().bank as { balances: { address: string; coins: { denom: string; amount: string }[] }[] }).balances;
      const balance = () => balances().find((b) => b.address === subject.address);
      expect((await send(authority, [msg(codecs.MsgFreeze, { authority: authority.address, address: subject.address, reason: "AML hold" })])).code).toBe(0);
      const before = balance();
      const held = await send(subject, [pay(subject, outsider)]);
      expect([held.codespace, held.code, held.log]).toEqual(["identity", 16, `${subject.address} (AML hold): account frozen`]);
      expect(balance()).toEqual(before);
      expect((await send(outsider, [pay(outsider, subject)])).code).toBe(0);

      expect((await send(authority, [msg(codecs.MsgAddToDenyList, { authority: authority.address, address: outsider.address, reason: "sanctions" })])).code).toBe(0);
      const toDenied = await send(provider, [pay(provider, outsider)]);
      expect([toDenied.codespace, toDenied.code]).toEqual(["identity", 15]);

      expect((await send(authority, [msg(codecs.MsgUnfreeze, { authority: authority.address, address: subject.address })])).code).toBe(0);
      expect((await send(subject, [pay(subject, provider)])).code).toBe(0);
    });

    it("gates another module's tx at the tx's block time (here a bank rule on uusd recipients)", async () => {
      const identity = chain.app.keepers.identity;
      chain.app.keepers.bank.appendSendRestriction((ctx, _from, to, coins) =>
        coins.some((c) => c.denom === "uusd") ? identity.checkCompliance(ctx, to, { minKycLevel: 2, jurisdictions: ["DE"], investorClasses: [], trader: false }) : undefined,
      );
      const pay = msg(MsgSend, { fromAddress: outsider.address, toAddress: subject.address, amount: [{ denom: "uusd", amount: "7" }] });
      const refused = await send(outsider, [pay]);
      expect([refused.codespace, refused.code]).toEqual(["identity", 17]);
      await send(provider, [attest(provider, { expiry: later(2n) })]);
      expect((await send(outsider, [pay])).code).toBe(0);
      const expired = await send(outsider, [pay]);
      expect([expired.codespace, expired.code], expired.log).toEqual(["identity", 17]);
      expect(expired.log).toContain("expired");
    });

    it("rejects a malformed requirement or address as a query error, not as non-compliance", async () => {
      const failure = (partial: object) => queryFailure("CheckCompliance", q.QueryCheckComplianceRequest, { address: subject.address, ...partial });
      expect(await failure({ requirement: { jurisdictions: ["DE", "DE"] } })).toMatchObject({ codespace: "identity", code: 5, log: expect.stringContaining("jurisdiction DE is listed twice") });
      expect(await failure({ requirement: { jurisdictions: ["XK"] } })).toMatchObject({ codespace: "identity", code: 5 });
      expect(await failure({ requirement: { investorClasses: [InvestorClass.INVESTOR_CLASS_UNSPECIFIED] } })).toMatchObject({ codespace: "identity", code: 5 });
      expect(await failure({ address: "persistence1nope" })).toMatchObject({ codespace: "sdk", code: 7 });
    });

    it("a deregistered provider's attestations stay stored but stop counting", async () => {
      await send(provider, [attest(provider)]);
      const exported = chain.app.exportGenesis() as Record<string, Record<string, unknown>>;
      const identity = { ...exported.identity!, providers: [{ address: provider2.address, name: "Beta Onboarding" }] };
      const next = await AppHarness.start({ genesis: { ...exported, identity } });
      try {
        await next.block([]);
        const answer = await next.query("/persistence.identity.v1.Query/CheckCompliance", q.QueryCheckComplianceRequest, { address: subject.address, requirement: { minKycLevel: 1 } }, q.QueryCheckComplianceResponse);
        expect(answer).toMatchObject({ ok: false, code: 17, reason: expect.stringContaining(`${provider.address}: provider no longer registered`) });
        const stored = await next.query("/persistence.identity.v1.Query/Attestations", q.QueryAttestationsRequest, { subject: subject.address }, q.QueryAttestationsResponse);
        expect(stored.attestations).toHaveLength(1);
      } finally {
        await next.close();
      }
    });
  });

  it("rejects a malformed address in any message before execution", async () => {
    const bad = "persistence1notanaddress";
    const cases: [TestSigner, ReturnType<typeof msg>][] = [
      [provider, msg(codecs.MsgRevokeAttestation, { provider: provider.address, subject: bad })],
      [provider, msg(codecs.MsgRecordDisclosure, { provider: provider.address, auditor: bad, subject: subject.address })],
      [provider, msg(codecs.MsgRecordDisclosure, { provider: provider.address, auditor: auditor.address, subject: bad })],
      [authority, msg(codecs.MsgFreeze, { authority: authority.address, address: bad })],
      [authority, msg(codecs.MsgUnfreeze, { authority: authority.address, address: bad })],
      [authority, msg(codecs.MsgAddToDenyList, { authority: authority.address, address: bad })],
      [authority, msg(codecs.MsgRemoveFromDenyList, { authority: authority.address, address: bad })],
    ];
    for (const [signer, message] of cases) {
      const check = await chain.checkTx(await signer.sign({ messages: [message], chainId: TEST_CHAIN_ID, accountNumber: 0n, sequence: 0n }));
      expect([check.codespace, check.code], message.typeUrl).toEqual(["sdk", 7]);
      expect(check.log).toMatch(/^invalid (subject|auditor|account) address: /);
    }
  });

  it("lists the registries", async () => {
    const providers = await query("Providers", q.QueryProvidersRequest, {}, q.QueryProvidersResponse);
    expect(providers.providers.map((p) => p.name).sort()).toEqual(["Acme KYC", "Beta Onboarding"]);
    expect(providers.pagination?.total).toBe(2n);
    expect((await query("Auditors", q.QueryAuditorsRequest, {}, q.QueryAuditorsResponse)).auditors).toEqual([{ address: auditor.address, name: "Audit & Co" }]);
    expect((await query("Authorities", q.QueryAuthoritiesRequest, {}, q.QueryAuthoritiesResponse)).authorities).toEqual([{ address: authority.address, name: "Financial Intelligence Unit" }]);
  });

  it("exports a genesis that imports into the same state, nanoseconds included", async () => {
    await send(provider, [attest(provider, { expiry: { ...later(50n), nanos: 123_456_789 } })]);
    await send(provider2, [attest(provider2), msg(codecs.MsgRevokeAttestation, { provider: provider2.address, subject: subject.address })]);
    await send(provider, [msg(codecs.MsgRecordDisclosure, { provider: provider.address, auditor: auditor.address, subject: subject.address })]);
    await send(authority, [msg(codecs.MsgFreeze, { authority: authority.address, address: outsider.address, reason: "hold" }), msg(codecs.MsgAddToDenyList, { authority: authority.address, address: auditor.address, reason: "" })]);
    const exported = chain.app.exportGenesis();
    const identity = exported.identity as Record<string, unknown[]>;
    expect([identity.attestations!.length, identity.freezes!.length, identity.deny_list!.length, identity.disclosures!.length]).toEqual([2, 1, 1, 1]);
    expect(identity.next_disclosure_id).toBe("2");
    expect(JSON.stringify(identity.attestations)).toContain(".123456789Z");
    const next = await AppHarness.start({ genesis: exported });
    try {
      await next.block([]);
      expect(next.app.exportGenesis().identity).toEqual(identity);
    } finally {
      await next.close();
    }
  });
});
