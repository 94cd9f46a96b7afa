import { afterEach, describe, expect, it } from "vitest";
import { AppHarness } from "../../testing/app-harness.js";
import { encodeAddress } from "../../types/address.js";
import { identityGenesis } from "./genesis.js";

const testAddress = (seed: number) => encodeAddress(new Uint8Array(20).fill(seed));
const PROVIDER = testAddress(1);
const SUBJECT = testAddress(2);
const AUDITOR = testAddress(3);
const AUTHORITY = testAddress(4);
const COMMITMENT = Buffer.alloc(32, 7).toString("base64");

const attestation = {
  subject: SUBJECT,
  provider: PROVIDER,
  kyc_level: 2,
  jurisdiction: "CH",
  investor_class: "INVESTOR_CLASS_ACCREDITED",
  trader: true,
  expiry: "2030-01-01T00:00:00.000000001Z",
  commitment: COMMITMENT,
  issued_at: "2026-01-01T00:00:00Z",
  issued_height: "12",
};
const freeze = { address: SUBJECT, authority: AUTHORITY, reason: "hold", frozen_at: "2026-02-01T00:00:00Z" };
const denial = { address: SUBJECT, authority: AUTHORITY, added_at: "2026-02-01T00:00:00Z" };
const disclosure = { id: "4", subject: SUBJECT, provider: PROVIDER, auditor: AUDITOR, commitment: COMMITMENT, disclosed_at: "2026-03-01T00:00:00Z", height: "40" };

const full = {
  ...identityGenesis({ providers: [{ address: PROVIDER, name: "KYC" }], auditors: [{ address: AUDITOR, name: "Auditor" }], authorities: [{ address: AUTHORITY, name: "FIU" }] }),
  attestations: [attestation],
  freezes: [freeze],
  deny_list: [denial],
  disclosures: [disclosure],
  next_disclosure_id: "0",
};

describe("identity genesis", () => {
  const chains: AppHarness[] = [];
  afterEach(async () => {
    for (const chain of chains.splice(0)) await chain.close();
  });
  const start = async (identity: unknown) => {
    const chain = await AppHarness.start({ genesis: { identity } });
    chains.push(chain);
    await chain.block([]);
    return chain.app.exportGenesis().identity;
  };

  it("starts with empty registries by default", async () => {
    const chain = await AppHarness.start();
    chains.push(chain);
    await chain.block([]);
    expect(chain.app.exportGenesis().identity).toEqual({
      providers: [],
      auditors: [],
      authorities: [],
      attestations: [],
      freezes: [],
      deny_list: [],
      disclosures: [],
      next_disclosure_id: "1",
    });
  });

  it("imports every record and derives the next disclosure id from the highest one", async () => {
    expect(await start(full)).toEqual({ ...full, next_disclosure_id: "5" });
  });

  it("accepts camelCase keys as protobuf JSON allows", async () => {
    const { kyc_level, investor_class, issued_at, issued_height, ...rest } = attestation;
    const camel = { ...rest, kycLevel: kyc_level, investorClass: investor_class, issuedAt: issued_at, issuedHeight: issued_height };
    expect(((await start({ ...full, attestations: [camel] })) as typeof full).attestations).toEqual([attestation]);
  });

  it("refuses invalid or duplicate entries, saying which", async () => {
    const cases: [string, object, string][] = [
      ["bad provider address", { providers: [{ address: "persistence1xyz", name: "" }] }, "provider persistence1xyz: registry address"],
      ["duplicate auditor", { auditors: [{ address: AUDITOR, name: "a" }, { address: AUDITOR, name: "b" }] }, `auditor ${AUDITOR} appears twice`],
      ["over-long name", { authorities: [{ address: AUTHORITY, name: "n".repeat(129) }] }, "longer than 128 characters"],
      ["unknown jurisdiction", { attestations: [{ ...attestation, jurisdiction: "XX" }] }, 'jurisdiction "XX" is not an ISO 3166-1 alpha-2 code'],
      ["duplicate attestation", { attestations: [attestation, { ...attestation, kyc_level: 3 }] }, "appears twice"],
      ["self-attestation", { attestations: [{ ...attestation, subject: PROVIDER }] }, "may not attest its own account"],
      ["revoked without a time", { attestations: [{ ...attestation, revoked: true }] }, "revoked_at of a revoked attestation must be a valid timestamp"],
      ["short commitment", { attestations: [{ ...attestation, commitment: "AAAA" }] }, "commitment must be 32 bytes, got 3"],
      ["malformed time", { attestations: [{ ...attestation, expiry: "tomorrow" }] }, "invalid identity genesis"],
      ["duplicate freeze", { freezes: [freeze, freeze] }, `freeze of ${SUBJECT} appears twice`],
      ["over-long reason", { deny_list: [{ ...denial, reason: "r".repeat(257) }] }, "reason is longer than 256 characters"],
      ["disclosure id 0", { disclosures: [{ ...disclosure, id: "0" }] }, "disclosure ids start at 1"],
      ["duplicate disclosure", { disclosures: [disclosure, disclosure] }, "disclosure 4 appears twice"],
      ["next id not above the highest", { next_disclosure_id: "4" }, "next_disclosure_id 4 must be above the highest disclosure id 4"],
    ];
    for (const [name, change, message] of cases) {
      await expect(start({ ...full, ...change }), name).rejects.toThrow(message);
    }
  });
});
