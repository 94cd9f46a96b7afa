/**
 * Shared by the assets tests (excluded from the build): genesis pieces, message builders and a
 * tx sender. It names the test harness and signers only by the shapes it uses, as production
 * code may not import src/testing.
 */
import type { Event, ExecTxResult, ResponseFinalizeBlock } from "cosmjs-types/tendermint/abci/types";
import { sha256 } from "../../store/hash.js";
import { utf8 } from "../../store/bytes.js";
import { InvestorClass } from "../../generated/persistence/identity/v1/requirement.js";
import { Property as PropertyCodec, PropertyType, type AssetClass, type Property } from "../../generated/persistence/assets/v1/types.js";
import { MsgIssueAsset } from "./codecs.js";

export interface Signer {
  readonly address: string;
  sign(options: {
    messages: readonly { typeUrl: string; value: unknown }[];
    chainId: string;
    accountNumber: bigint;
    sequence: bigint;
    fee?: { amount: { denom: string; amount: string }[]; gas: bigint };
  }): Promise<Uint8Array>;
}

/** One signer per seed, typed as a tuple of as many. */
export function fromSeeds<S, T extends readonly number[]>(make: (seed: number) => Promise<S>, ...seeds: T): Promise<{ -readonly [K in keyof T]: S }> {
  return Promise.all(seeds.map(make)) as Promise<{ -readonly [K in keyof T]: S }>;
}

export interface Chain {
  block(txs: Uint8Array[]): Promise<ResponseFinalizeBlock>;
}

/** A message as signers take it: type URL and encoded bytes (so it needs no CosmJS registry). */
export function encoded<T>(codec: { typeUrl: string; encode(message: T): { finish(): Uint8Array } }, value: T): { typeUrl: string; value: Uint8Array } {
  return { typeUrl: codec.typeUrl, value: codec.encode(value).finish() };
}

/**
 * Signs txs for genesis accounts (account number = position in `accounts`), one sequence per
 * account, and runs them in blocks.
 */
export class TxSender {
  private readonly sequences = new Map<string, bigint>();

  constructor(
    private readonly chain: Chain,
    private readonly chainId: string,
    private readonly accounts: readonly Signer[],
  ) {}

  /** Signs with the signer's next sequence; `consume: false` for a tx refused before or in the ante step (its sequence does not advance). */
  async sign(signer: Signer, messages: readonly { typeUrl: string; value: Uint8Array }[], consume = true): Promise<Uint8Array> {
    const sequence = this.sequences.get(signer.address) ?? 0n;
    if (consume) this.sequences.set(signer.address, sequence + 1n);
    const accountNumber = BigInt(this.accounts.indexOf(signer));
    if (accountNumber < 0n) throw new Error(`${signer.address} is not a genesis account`);
    return signer.sign({ messages, chainId: this.chainId, accountNumber, sequence, fee: { amount: [{ denom: "uxprt", amount: "10000" }], gas: 1_000_000n } });
  }

  /** One tx in its own block. */
  async run(signer: Signer, ...messages: { typeUrl: string; value: Uint8Array }[]): Promise<ExecTxResult> {
    const block = await this.chain.block([await this.sign(signer, messages)]);
    return block.txResults[0]!;
  }

  /** A tx refused before or in the ante step (so the sequence is not used), in its own block. */
  async invalid(signer: Signer, ...messages: { typeUrl: string; value: Uint8Array }[]): Promise<ExecTxResult> {
    const block = await this.chain.block([await this.sign(signer, messages, false)]);
    return block.txResults[0]!;
  }
}

/** What the assets module may change: its own state and every balance but the fee denom's. */
export function assetsState(app: { exportGenesis(): Record<string, unknown> }): unknown {
  const genesis = app.exportGenesis() as { assets: unknown; bank: { balances: { address: string; coins: { denom: string }[] }[]; supply: unknown; denom_metadata: unknown } };
  // Fees (uxprt) move every block, into new accounts too (distribution's): they are not the assets' business.
  const balances = genesis.bank.balances.map((b) => ({ ...b, coins: b.coins.filter((c) => c.denom !== "uxprt") })).filter((b) => b.coins.length > 0);
  return { assets: genesis.assets, balances, supply: genesis.bank.supply, metadata: genesis.bank.denom_metadata };
}

/** The attributes of the events of one type in a tx result, without msg_index. */
export function eventsOf(result: ExecTxResult, type: string): Record<string, string>[] {
  return result.events.filter((e: Event) => e.type === type).map((e) => Object.fromEntries(e.attributes.filter((a) => a.key !== "msg_index").map((a) => [a.key, a.value])));
}

export const document = (label: string): Uint8Array => sha256(utf8(`document ${label}`));

/** 2024-01-01T00:00:00Z + days. */
export const day = (days: number): { seconds: bigint; nanos: number } => ({ seconds: 1_704_067_200n + BigInt(days) * 86_400n, nanos: 0 });

/** The required properties of an invoice of `amount` uusd. */
export function invoiceProperties(amount = 1_000_000_000n): Property[] {
  return [
    PropertyCodec.fromPartial({ name: "face_value", amountValue: { denom: "uusd", amount: amount.toString() } }),
    PropertyCodec.fromPartial({ name: "issue_date", timestampValue: day(0) }),
    PropertyCodec.fromPartial({ name: "due_date", timestampValue: day(90) }),
    PropertyCodec.fromPartial({ name: "obligor_commitment", hash32Value: document("obligor") }),
  ];
}

export function issueInvoice(issuer: Signer, id: string, documentLabel = id, properties = invoiceProperties()) {
  return encoded(MsgIssueAsset, { issuer: issuer.address, classId: "invoice", id, documentHash: document(documentLabel), properties });
}

/** A test class: `holder` and `issuer` requirements, three properties (one mutable). */
export function testClass(id: string, requirements: Pick<AssetClass, "issuerRequirement" | "holderRequirement">): AssetClass {
  return {
    id,
    name: `Test ${id}`,
    description: "",
    properties: [
      { name: "amount", type: PropertyType.PROPERTY_TYPE_AMOUNT, required: true, mutable: false },
      { name: "quantity", type: PropertyType.PROPERTY_TYPE_UINT, required: false, mutable: false },
      { name: "note", type: PropertyType.PROPERTY_TYPE_STRING, required: false, mutable: true },
    ],
    ...requirements,
  };
}

const EXPIRY = "2100-01-01T00:00:00Z";

/** An account, by its address. */
export interface Account {
  readonly address: string;
}

export interface Attested {
  signer: Account;
  kycLevel: number;
  investorClass?: InvestorClass;
  trader?: boolean;
}

/**
 * app_state.identity with `provider` registered and an attestation of each account (jurisdiction
 * DE, valid until 2100), plus accounts frozen by `provider` acting as an authority.
 */
export function identityGenesis(provider: Account, attested: readonly Attested[], frozen: readonly Account[] = []): Record<string, unknown> {
  return {
    providers: [{ address: provider.address, name: "Test KYC" }],
    authorities: [{ address: provider.address, name: "Test FIU" }],
    attestations: attested.map((a) => ({
      subject: a.signer.address,
      provider: provider.address,
      kyc_level: a.kycLevel,
      jurisdiction: "DE",
      investor_class: InvestorClass[a.investorClass ?? InvestorClass.INVESTOR_CLASS_RETAIL],
      trader: a.trader ?? false,
      expiry: EXPIRY,
      commitment: Buffer.from(document(`kyc ${a.signer.address}`)).toString("base64"),
      issued_at: "2023-11-14T00:00:00Z",
      issued_height: "0",
      revoked: false,
    })),
    freezes: frozen.map((s) => ({ address: s.address, authority: provider.address, reason: "AML hold", frozen_at: "2023-11-14T00:00:00Z" })),
  };
}
