import { InvalidArgumentError, Option, type Command } from "commander";
import { readFileSync } from "node:fs";
import { Timestamp } from "../../generated/google/protobuf/timestamp.js";
import type { InvestorClass } from "../../generated/persistence/identity/v1/requirement.js";
import { INVESTOR_CLASS_NAMES } from "../../modules/identity/claims.js";
import * as codecs from "../../modules/identity/codecs.js";
import { COMMITMENT_LENGTH, recordCommitment, SALT_LENGTH } from "../../modules/identity/commitment.js";
import { fromHex, toHex } from "../../store/bytes.js";
import { decodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { defineAction } from "../command-context.js";
import { CliError } from "../errors.js";
import { signAndBroadcast, txMessage } from "../tx/signed-tx.js";
import { withTxOptions, type TxOptions } from "../tx/tx-options.js";

interface AttestOptions extends TxOptions {
  kycLevel: number;
  jurisdiction: string;
  investorClass: InvestorClass;
  trader?: boolean;
  expiry: Timestamp;
  commitment?: string;
  recordFile?: string;
  salt?: string;
}

interface ReasonOptions extends TxOptions {
  reason: string;
}

/** `persistence tx identity …`: attest, revoke, record a disclosure, freeze, deny. */
export function registerIdentityTx(tx: Command): void {
  const identity = tx.command("identity").description("identity module transactions: KYC attestations, disclosures, freezes and the deny list");

  const attest = withTxOptions(identity.command("attest <provider-key> <subject>").description("attest claims about an account, as a registered KYC provider"))
    .addOption(new Option("--kyc-level <n>", "attested KYC level, 1 or more").argParser(parseLevel).makeOptionMandatory())
    .addOption(new Option("--jurisdiction <code>", "ISO 3166-1 alpha-2 country code, e.g. DE").makeOptionMandatory())
    .addOption(new Option("--investor-class <class>", `investor class: ${[...INVESTOR_CLASS_NAMES.values()].join(", ")}`).argParser(parseInvestorClass).makeOptionMandatory())
    .option("--trader", "attest the account as a trader")
    .addOption(new Option("--expiry <time>", "when the attestation expires, RFC 3339, e.g. 2027-06-30T00:00:00Z").argParser(parseTime).makeOptionMandatory())
    .option("--commitment <hex>", "SHA-256(record ‖ salt), 64 hex digits")
    .option("--record-file <path>", "the personal record: its commitment is computed here, with --salt; the record never leaves this machine")
    .option("--salt <hex>", "the record's 32-byte salt, 64 hex digits")
    .addHelpText(
      "after",
      "\nOnly the commitment SHA-256(record ‖ salt) goes on chain. Keep the record file and the salt: an\nauditor checks a disclosed record with `persistence query identity verify-disclosure`.\n\nExample:\n  persistence tx identity attest kyc persistence1… --kyc-level 2 --jurisdiction DE --investor-class retail --expiry 2027-01-01T00:00:00Z --record-file erika.json --salt <64 hex> --yes",
    );
  defineAction<AttestOptions>(attest, async (context, providerKey, subject) => {
    const { options } = context;
    requireAddress(subject!, "subject");
    const commitment = commitmentOf(options);
    const claims = {
      subject,
      kycLevel: options.kycLevel,
      jurisdiction: options.jurisdiction,
      investorClass: options.investorClass,
      trader: options.trader === true,
      expiry: options.expiry,
      commitment,
    };
    await signAndBroadcast(context, {
      keyName: providerKey!,
      build: (provider) => ({
        messages: [txMessage(codecs.MsgAttest, codecs.MsgAttest.fromPartial({ provider, ...claims }))],
        summary: [
          `attest ${subject}`,
          `  claims: KYC level ${options.kycLevel}, ${options.jurisdiction}, ${INVESTOR_CLASS_NAMES.get(options.investorClass)}${options.trader ? ", trader" : ""}, until ${Timestamp.toJSON(options.expiry) as string}`,
          `  commitment: ${toHex(commitment)}`,
        ],
      }),
    });
  });

  const revoke = withTxOptions(identity.command("revoke <provider-key> <subject>").description("revoke your attestation of an account"));
  defineAction<TxOptions>(revoke, async (context, providerKey, subject) => {
    requireAddress(subject!, "subject");
    await signAndBroadcast(context, {
      keyName: providerKey!,
      build: (provider) => ({ messages: [txMessage(codecs.MsgRevokeAttestation, { provider, subject: subject! })], summary: [`revoke the attestation of ${subject}`] }),
    });
  });

  const disclose = withTxOptions(identity.command("disclose <provider-key> <auditor> <subject>").description("record that you disclosed an account's personal record to a registered auditor"));
  defineAction<TxOptions>(disclose, async (context, providerKey, auditor, subject) => {
    requireAddress(auditor!, "auditor");
    requireAddress(subject!, "subject");
    await signAndBroadcast(context, {
      keyName: providerKey!,
      build: (provider) => ({
        messages: [txMessage(codecs.MsgRecordDisclosure, { provider, auditor: auditor!, subject: subject! })],
        summary: [`record a disclosure of ${subject}'s record to ${auditor}`],
      }),
    });
  });

  const holds = [
    ["freeze", "place an AML hold on an account, as a compliance authority", codecs.MsgFreeze, "freeze"],
    ["deny", "add an account to the sanctions deny list, as a compliance authority", codecs.MsgAddToDenyList, "add to the deny list"],
  ] as const;
  for (const [name, description, codec, verb] of holds) {
    const command = withTxOptions(identity.command(`${name} <authority-key> <address>`).description(description)).option("--reason <text>", "why, kept on chain (at most 256 characters)", "");
    defineAction<ReasonOptions>(command, async (context, authorityKey, address) => {
      requireAddress(address!, "account");
      const { reason } = context.options;
      await signAndBroadcast(context, {
        keyName: authorityKey!,
        build: (authority) => ({ messages: [txMessage(codec, { authority, address: address!, reason })], summary: [`${verb} ${address}${reason ? ` (${reason})` : ""}`] }),
      });
    });
  }
  const lifts = [
    ["unfreeze", "lift an AML hold, as a compliance authority", codecs.MsgUnfreeze, "unfreeze"],
    ["undeny", "remove an account from the sanctions deny list, as a compliance authority", codecs.MsgRemoveFromDenyList, "remove from the deny list"],
  ] as const;
  for (const [name, description, codec, verb] of lifts) {
    const command = withTxOptions(identity.command(`${name} <authority-key> <address>`).description(description));
    defineAction<TxOptions>(command, async (context, authorityKey, address) => {
      requireAddress(address!, "account");
      await signAndBroadcast(context, {
        keyName: authorityKey!,
        build: (authority) => ({ messages: [txMessage(codec, { authority, address: address! })], summary: [`${verb} ${address}`] }),
      });
    });
  }
}

function requireAddress(address: string, role: string): void {
  const decoded = decodeAddress(address);
  if (isError(decoded)) throw new CliError("invalid_address", `invalid ${role}: ${decoded.message}`);
}

/** --commitment, or SHA-256 of --record-file's bytes and --salt. */
function commitmentOf(options: AttestOptions): Uint8Array {
  if (options.commitment !== undefined) {
    if (options.recordFile !== undefined || options.salt !== undefined) throw new CliError("usage_error", "give --commitment, or --record-file with --salt, not both");
    return parseHexBytes(options.commitment, COMMITMENT_LENGTH, "--commitment");
  }
  if (options.recordFile === undefined || options.salt === undefined) throw new CliError("usage_error", "give --commitment, or --record-file with --salt");
  return recordCommitment(readRecord(options.recordFile), parseHexBytes(options.salt, SALT_LENGTH, "--salt"));
}

export function readRecord(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new CliError("record_unreadable", `cannot read the record file ${path}: ${(error as Error).message}`);
  }
}

export function parseHexBytes(text: string, length: number, name: string): Uint8Array {
  if (!new RegExp(`^[0-9a-fA-F]{${length * 2}}$`).test(text)) throw new CliError("invalid_hex", `${name} must be ${length} bytes as ${length * 2} hex digits`);
  return fromHex(text);
}

function parseLevel(text: string): number {
  if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 0xffff_ffff) throw new InvalidArgumentError("expected a whole number from 1 to 4294967295");
  return Number(text);
}

function parseInvestorClass(text: string): InvestorClass {
  const entry = [...INVESTOR_CLASS_NAMES].find(([, name]) => name === text);
  if (!entry) throw new InvalidArgumentError(`expected one of ${[...INVESTOR_CLASS_NAMES.values()].join(", ")}`);
  return entry[0];
}

function parseTime(text: string): Timestamp {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/.test(text)) throw new InvalidArgumentError("expected an RFC 3339 time such as 2027-01-01T00:00:00Z");
  try {
    return Timestamp.fromJSON(text);
  } catch {
    throw new InvalidArgumentError("expected an RFC 3339 time such as 2027-01-01T00:00:00Z");
  }
}
