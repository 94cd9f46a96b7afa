import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvestorClass } from "../../generated/persistence/identity/v1/requirement.js";
import { bytesEqual, concatBytes } from "../../store/bytes.js";
import { sha256 } from "../../store/hash.js";
import { validateClaims, validateRequirement } from "./claims.js";
import { recordCommitment, SALT_LENGTH } from "./commitment.js";
import { isJurisdiction } from "./jurisdictions.js";

const claims = { kycLevel: 1, jurisdiction: "GB", investorClass: InvestorClass.INVESTOR_CLASS_RETAIL };
const requirement = { minKycLevel: 0, jurisdictions: [], investorClasses: [], trader: false };

describe("claims", () => {
  it("knows the assigned ISO 3166-1 alpha-2 codes only, in upper case", () => {
    for (const code of ["DE", "GB", "US", "CH", "SG", "AX", "ZW"]) expect(isJurisdiction(code), code).toBe(true);
    for (const code of ["UK", "XK", "EU", "de", "D", "DEU", "", "ZZ"]) expect(isJurisdiction(code), code).toBe(false);
  });

  it("accepts KYC levels from 1 to 2^32-1 and the three investor classes", () => {
    expect(validateClaims(claims)).toBeUndefined();
    expect(validateClaims({ ...claims, kycLevel: 0xffff_ffff, investorClass: InvestorClass.INVESTOR_CLASS_ACCREDITED })).toBeUndefined();
    for (const bad of [{ kycLevel: 0 }, { kycLevel: 2 ** 32 }, { kycLevel: 1.5 }, { jurisdiction: "UK" }, { investorClass: InvestorClass.UNRECOGNIZED }, { investorClass: 4 }]) {
      expect(validateClaims({ ...claims, ...bad })?.codespace, JSON.stringify(bad)).toBe("identity");
    }
  });

  it("accepts a requirement with known, distinct values, and an empty one", () => {
    expect(validateRequirement(requirement)).toBeUndefined();
    expect(validateRequirement({ minKycLevel: 3, jurisdictions: ["DE", "AT"], investorClasses: [InvestorClass.INVESTOR_CLASS_PROFESSIONAL], trader: true })).toBeUndefined();
    expect(validateRequirement({ ...requirement, jurisdictions: ["DE", "DE"] })?.log).toBe("jurisdiction DE is listed twice: invalid claim requirement");
    expect(validateRequirement({ ...requirement, investorClasses: [InvestorClass.INVESTOR_CLASS_RETAIL, InvestorClass.INVESTOR_CLASS_RETAIL] })?.log).toBe(
      "investor class retail is listed twice: invalid claim requirement",
    );
    expect(validateRequirement({ ...requirement, minKycLevel: -1 })?.code).toBe(5);
  });
});

describe("record commitments", () => {
  it("are SHA-256 of the record followed by the 32-byte salt", () => {
    const record = new TextEncoder().encode("record");
    const salt = new Uint8Array(SALT_LENGTH).fill(1);
    expect(recordCommitment(record, salt)).toEqual(sha256(concatBytes(record, salt)));
    expect(() => recordCommitment(record, salt.subarray(1))).toThrow("the salt must be 32 bytes, got 31");
  });

  it("bind one (record, salt) pair: moving bytes between record and salt changes the commitment", () => {
    // Small alphabets make records that are prefixes of each other and shared salt bytes likely.
    const bytes = (min: number, max: number) => fc.uint8Array({ min: 0, max: 1, minLength: min, maxLength: max });
    fc.assert(
      fc.property(bytes(0, 40), bytes(32, 32), bytes(0, 40), bytes(32, 32), (r1, s1, r2, s2) => {
        const same = bytesEqual(r1, r2) && bytesEqual(s1, s2);
        expect(bytesEqual(recordCommitment(r1, s1), recordCommitment(r2, s2))).toBe(same);
      }),
    );
    const record = Uint8Array.of(1, 0, 1);
    const salt = new Uint8Array(32).fill(1);
    expect(bytesEqual(recordCommitment(record, salt), recordCommitment(record.subarray(0, 2), concatBytes(record.subarray(2), salt.subarray(1))))).toBe(false);
  });
});
