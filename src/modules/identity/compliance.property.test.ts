import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvestorClass, type ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import type { Attestation } from "../../generated/persistence/identity/v1/types.js";
import { isError } from "../../types/errors.js";
import { requiresClaims } from "./claims.js";
import { checkClaims, type Candidate } from "./compliance.js";

const NOW = { seconds: 1_800_000_000n, nanos: 500 };
const JURISDICTIONS = ["DE", "FR", "US"];
const CLASSES = [InvestorClass.INVESTOR_CLASS_RETAIL, InvestorClass.INVESTOR_CLASS_PROFESSIONAL, InvestorClass.INVESTOR_CLASS_ACCREDITED];

const candidate: fc.Arbitrary<Candidate> = fc
  .record({
    provider: fc.integer({ min: 0, max: 9 }),
    kycLevel: fc.integer({ min: 1, max: 4 }),
    jurisdiction: fc.constantFrom(...JURISDICTIONS),
    investorClass: fc.constantFrom(...CLASSES),
    trader: fc.boolean(),
    revoked: fc.boolean(),
    // Around NOW, including exactly NOW (expired: expiry must be after the block time).
    expirySeconds: fc.constantFrom(-1n, 0n, 1n),
    expiryNanos: fc.constantFrom(499, 500, 501),
    providerRegistered: fc.boolean(),
  })
  .map((c) => ({
    providerRegistered: c.providerRegistered,
    attestation: {
      subject: "persistence1subject",
      provider: `persistence1provider${c.provider}`,
      kycLevel: c.kycLevel,
      jurisdiction: c.jurisdiction,
      investorClass: c.investorClass,
      trader: c.trader,
      expiry: { seconds: NOW.seconds + c.expirySeconds, nanos: c.expiryNanos },
      commitment: new Uint8Array(32),
      issuedAt: NOW,
      issuedHeight: 1n,
      revoked: c.revoked,
      revokedAt: undefined,
    } satisfies Attestation,
  }));

const requirement: fc.Arbitrary<ClaimRequirement> = fc.record({
  minKycLevel: fc.integer({ min: 0, max: 5 }),
  jurisdictions: fc.subarray(JURISDICTIONS),
  investorClasses: fc.subarray(CLASSES),
  trader: fc.boolean(),
});

/** The rule, written out plainly: some single current attestation meets every condition. */
function meets(c: Candidate, r: ClaimRequirement): boolean {
  const a = c.attestation;
  const expiry = a.expiry!;
  const unexpired = expiry.seconds > NOW.seconds || (expiry.seconds === NOW.seconds && expiry.nanos > NOW.nanos);
  return (
    !a.revoked &&
    unexpired &&
    c.providerRegistered &&
    a.kycLevel >= r.minKycLevel &&
    (r.jurisdictions.length === 0 || r.jurisdictions.includes(a.jurisdiction)) &&
    (r.investorClasses.length === 0 || r.investorClasses.includes(a.investorClass)) &&
    (!r.trader || a.trader)
  );
}

const verdict = (candidates: readonly Candidate[], r: ClaimRequirement) => {
  const result = checkClaims("persistence1subject", candidates, r, NOW);
  return result === undefined ? 0 : result.code;
};

describe("checkClaims", () => {
  it("passes exactly when one current attestation meets every condition on its own", () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 6 }), requirement, (candidates, r) => {
        fc.pre(requiresClaims(r));
        expect(verdict(candidates, r) === 0).toBe(candidates.some((c) => meets(c, r)));
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the same verdict and error code whatever the order of the attestations", () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 6 }), requirement, fc.infiniteStream(fc.nat()), (candidates, r, seeds) => {
        const shuffled = [...candidates].map((c) => ({ c, k: seeds.next().value as number })).sort((a, b) => a.k - b.k).map((x) => x.c);
        expect(verdict(shuffled, r)).toBe(verdict(candidates, r));
      }),
    );
  });

  it("never refuses more when an attestation is added or a condition dropped", () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 5 }), candidate, requirement, (candidates, extra, r) => {
        if (verdict(candidates, r) !== 0) return;
        expect(verdict([...candidates, extra], r)).toBe(0);
        for (const relaxed of [{ ...r, minKycLevel: 0 }, { ...r, jurisdictions: [] }, { ...r, investorClasses: [] }, { ...r, trader: false }]) {
          if (requiresClaims(relaxed)) expect(verdict(candidates, relaxed)).toBe(0);
        }
      }),
    );
  });

  it("names the first condition that no current attestation meeting the earlier ones meets", () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 6 }), requirement, (candidates, r) => {
        fc.pre(requiresClaims(r));
        const result = checkClaims("persistence1subject", candidates, r, NOW);
        if (!isError(result)) return;
        const stages: Partial<ClaimRequirement>[] = [
          { minKycLevel: 0, jurisdictions: [], investorClasses: [], trader: false },
          { jurisdictions: [], investorClasses: [], trader: false },
          { investorClasses: [], trader: false },
          { trader: false },
          {},
        ];
        // The failing stage is the first whole-requirement prefix that no attestation meets.
        const firstFailing = stages.findIndex((drop) => !candidates.some((c) => meets(c, { ...r, ...drop })));
        expect(result.code).toBe(17 + firstFailing);
      }),
      { numRuns: 2000 },
    );
  });
});
