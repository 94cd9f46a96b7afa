import { PropertyType, type AssetClass, type PropertySchema } from "../../generated/persistence/assets/v1/types.js";
import { InvestorClass, type ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";

const { PROPERTY_TYPE_STRING: STRING, PROPERTY_TYPE_UINT: UINT, PROPERTY_TYPE_TIMESTAMP: TIMESTAMP } = PropertyType;
const { PROPERTY_TYPE_HASH32: HASH32, PROPERTY_TYPE_AMOUNT: AMOUNT } = PropertyType;

/** A property fixed at issuance; `optional` ones may be left out. */
function fixed(name: string, type: PropertyType, optional = false): PropertySchema {
  return { name, type, required: !optional, mutable: false };
}

/** A property the maintainer may set or change later. */
function mutable(name: string, type: PropertyType): PropertySchema {
  return { name, type, required: false, mutable: true };
}

function requirement(fields: Partial<ClaimRequirement>): ClaimRequirement {
  return { minKycLevel: 1, jurisdictions: [], investorClasses: [], trader: false, ...fields };
}

/** Anyone KYC-verified at level 1 or more. */
const KYC = requirement({});
/** Traders verified at level 2 or more: who issues trade documents and commodity lots. */
const TRADER = requirement({ minKycLevel: 2, trader: true });
/** Professional or accredited investors: who may hold bank-grade instruments. */
const PROFESSIONAL = requirement({ investorClasses: [InvestorClass.INVESTOR_CLASS_PROFESSIONAL, InvestorClass.INVESTOR_CLASS_ACCREDITED] });

/**
 * The five classes of a new chain. Every asset also carries its document fingerprint and status
 * outside these schemas; dates are whole-second timestamps, amounts a denom (on-chain or an ISO
 * currency such as "EUR") with an amount in its smallest unit.
 */
export const DEFAULT_CLASSES: readonly AssetClass[] = [
  {
    id: "invoice",
    name: "Invoice",
    description: "A receivable: the obligor owes the face value on the due date",
    properties: [
      fixed("face_value", AMOUNT),
      fixed("issue_date", TIMESTAMP),
      fixed("due_date", TIMESTAMP),
      fixed("obligor_commitment", HASH32),
      fixed("invoice_number", STRING, true),
      mutable("amount_paid", AMOUNT),
    ],
    issuerRequirement: KYC,
    holderRequirement: KYC,
  },
  {
    id: "letter-of-credit",
    name: "Letter of credit",
    description: "A bank's undertaking to pay the beneficiary against complying documents",
    properties: [
      fixed("amount", AMOUNT),
      fixed("issuing_bank", STRING),
      fixed("applicant_commitment", HASH32),
      fixed("beneficiary_commitment", HASH32),
      fixed("issue_date", TIMESTAMP),
      fixed("expiry_date", TIMESTAMP),
      mutable("amount_drawn", AMOUNT),
    ],
    issuerRequirement: requirement({ minKycLevel: 2 }),
    holderRequirement: PROFESSIONAL,
  },
  {
    id: "bill-of-lading",
    name: "Bill of lading",
    description: "A carrier's receipt for goods shipped, and the title to them",
    properties: [
      fixed("carrier", STRING),
      fixed("port_of_loading", STRING),
      fixed("port_of_discharge", STRING),
      fixed("goods_description", STRING),
      fixed("shipped_date", TIMESTAMP),
      fixed("consignee_commitment", HASH32, true),
      mutable("vessel", STRING),
      mutable("estimated_arrival", TIMESTAMP),
    ],
    issuerRequirement: TRADER,
    holderRequirement: KYC,
  },
  {
    id: "warehouse-receipt",
    name: "Warehouse receipt",
    description: "A warehouse's receipt for stored goods, and the title to them",
    properties: [
      fixed("warehouse", STRING),
      fixed("commodity", STRING),
      fixed("quantity", UINT),
      fixed("unit", STRING),
      fixed("grade", STRING, true),
      fixed("receipt_date", TIMESTAMP),
      fixed("expiry_date", TIMESTAMP, true),
      mutable("storage_location", STRING),
    ],
    issuerRequirement: TRADER,
    holderRequirement: KYC,
  },
  {
    id: "commodity-lot",
    name: "Commodity lot",
    description: "An identified lot of a physical commodity",
    properties: [
      fixed("commodity", STRING),
      fixed("quantity", UINT),
      fixed("unit", STRING),
      fixed("origin", STRING),
      fixed("grade", STRING, true),
      fixed("production_date", TIMESTAMP, true),
      mutable("location", STRING),
      mutable("valuation", AMOUNT),
    ],
    issuerRequirement: TRADER,
    holderRequirement: KYC,
  },
];
