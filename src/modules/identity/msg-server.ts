import type * as tx from "../../generated/persistence/identity/v1/tx.js";
import { bytesEqual, toHex } from "../../store/bytes.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { isError, type AppError } from "../../types/errors.js";
import { msgHandler, type MsgCodec, type MsgHandler } from "../../types/module.js";
import { investorClassName, validateClaims } from "./claims.js";
import * as codecs from "./codecs.js";
import { COMMITMENT_LENGTH } from "./commitment.js";
import {
  ErrAlreadyDenied,
  ErrAlreadyFrozen,
  ErrAttestationNotFound,
  ErrAttestationRevoked,
  ErrAuditorNotRegistered,
  ErrAuthorityNotRegistered,
  ErrInvalidClaims,
  ErrInvalidCommitment,
  ErrInvalidExpiry,
  ErrNotDenied,
  ErrNotFrozen,
  ErrProviderNotRegistered,
} from "./errors.js";
import {
  EVENT_ADD_TO_DENY_LIST,
  EVENT_ATTEST,
  EVENT_FREEZE_ACCOUNT,
  EVENT_RECORD_DISCLOSURE,
  EVENT_REMOVE_FROM_DENY_LIST,
  EVENT_REVOKE_ATTESTATION,
  EVENT_UNFREEZE_ACCOUNT,
} from "./events.js";
import type { IdentityKeeper } from "./keeper.js";
import { validateReason } from "./records.js";
import { formatTimestamp } from "./time.js";
import { compareTimes, isValidTime } from "../../types/time.js";

function checkAddress(address: string, role: string): AppError | undefined {
  const decoded = decodeAddress(address);
  return isError(decoded) ? decoded.kind.wrap(`invalid ${role} address: ${decoded.message}`) : undefined;
}

/** An address `validate` already checked. */
function addressBytes(address: string): Uint8Array {
  return decodeAddress(address) as Uint8Array;
}

/** The canonical (lower-case) form of an address `validate` already checked, as records and events store it. */
function canonical(address: string): string {
  return encodeAddress(addressBytes(address));
}

function response<T>(codec: MsgCodec<T>, message: T): { typeUrl: string; value: Uint8Array } {
  return { typeUrl: codec.typeUrl, value: codec.encode(message).finish() };
}

export function identityMessages(keeper: IdentityKeeper): MsgHandler[] {
  const requireAuthority = (ctx: Context, authority: string): AppError | undefined =>
    keeper.authorities.has(ctx, addressBytes(authority)) ? undefined : ErrAuthorityNotRegistered.wrap(`${authority} may not do this`);
  return [
    msgHandler<tx.MsgAttest>({
      type: codecs.MsgAttest,
      signers: (msg) => [msg.provider],
      validate: (msg) => {
        const error = checkAddress(msg.provider, "provider") ?? checkAddress(msg.subject, "subject") ?? validateClaims(msg);
        if (error) return error;
        if (bytesEqual(addressBytes(msg.provider), addressBytes(msg.subject))) return ErrInvalidClaims.wrap("a provider may not attest its own account");
        if (!msg.expiry || !isValidTime(msg.expiry)) return ErrInvalidExpiry.wrap("expiry must be a valid timestamp");
        if (msg.commitment.length !== COMMITMENT_LENGTH) {
          return ErrInvalidCommitment.wrap(`commitment must be SHA-256(record ‖ salt): ${COMMITMENT_LENGTH} bytes, got ${msg.commitment.length}`);
        }
        return undefined;
      },
      execute: (ctx, msg) => {
        const provider = addressBytes(msg.provider);
        const subject = addressBytes(msg.subject);
        if (!keeper.providers.has(ctx, provider)) return ErrProviderNotRegistered.wrap(`${msg.provider} may not attest`);
        if (compareTimes(msg.expiry!, ctx.block.time) <= 0) {
          return ErrInvalidExpiry.wrap(`expiry ${formatTimestamp(msg.expiry!)} is not after the block time ${formatTimestamp(ctx.block.time)}`);
        }
        const replaced = keeper.getAttestation(ctx, subject, provider) !== undefined;
        const names = { subject: encodeAddress(subject), provider: encodeAddress(provider) };
        keeper.setAttestation(ctx, subject, provider, {
          ...names,
          kycLevel: msg.kycLevel,
          jurisdiction: msg.jurisdiction,
          investorClass: msg.investorClass,
          trader: msg.trader,
          expiry: msg.expiry,
          commitment: msg.commitment,
          issuedAt: ctx.block.time,
          issuedHeight: ctx.block.height,
          revoked: false,
          revokedAt: undefined,
        });
        ctx.events.emit(EVENT_ATTEST, {
          ...names,
          kyc_level: String(msg.kycLevel),
          jurisdiction: msg.jurisdiction,
          investor_class: investorClassName(msg.investorClass),
          trader: String(msg.trader),
          expiry: formatTimestamp(msg.expiry!),
          commitment: toHex(msg.commitment),
          replaced: String(replaced),
        });
        return response(codecs.MsgAttestResponse, {});
      },
    }),
    msgHandler<tx.MsgRevokeAttestation>({
      type: codecs.MsgRevokeAttestation,
      signers: (msg) => [msg.provider],
      validate: (msg) => checkAddress(msg.provider, "provider") ?? checkAddress(msg.subject, "subject"),
      // Only the attesting provider can revoke, registered or not: withdrawing a claim is always allowed.
      execute: (ctx, msg) => {
        const provider = addressBytes(msg.provider);
        const subject = addressBytes(msg.subject);
        const attestation = keeper.getAttestation(ctx, subject, provider);
        if (!attestation) return ErrAttestationNotFound.wrap(`${msg.provider} has no attestation of ${msg.subject}`);
        if (attestation.revoked) return ErrAttestationRevoked.wrap(`${msg.provider}'s attestation of ${msg.subject} was revoked at ${formatTimestamp(attestation.revokedAt!)}`);
        keeper.setAttestation(ctx, subject, provider, { ...attestation, revoked: true, revokedAt: ctx.block.time });
        ctx.events.emit(EVENT_REVOKE_ATTESTATION, { subject: attestation.subject, provider: attestation.provider });
        return response(codecs.MsgRevokeAttestationResponse, {});
      },
    }),
    msgHandler<tx.MsgRecordDisclosure>({
      type: codecs.MsgRecordDisclosure,
      signers: (msg) => [msg.provider],
      validate: (msg) => checkAddress(msg.provider, "provider") ?? checkAddress(msg.auditor, "auditor") ?? checkAddress(msg.subject, "subject"),
      // The provider must hold an attestation of the subject (revoked ones too: audits look back).
      execute: (ctx, msg) => {
        const subject = addressBytes(msg.subject);
        if (!keeper.auditors.has(ctx, addressBytes(msg.auditor))) return ErrAuditorNotRegistered.wrap(`${msg.auditor} may not receive disclosures`);
        const attestation = keeper.getAttestation(ctx, subject, addressBytes(msg.provider));
        if (!attestation) return ErrAttestationNotFound.wrap(`${msg.provider} has no attestation of ${msg.subject} to disclose`);
        const parties = { subject: attestation.subject, provider: attestation.provider, auditor: canonical(msg.auditor) };
        const id = keeper.appendDisclosure(ctx, subject, { ...parties, commitment: attestation.commitment, disclosedAt: ctx.block.time, height: ctx.block.height });
        ctx.events.emit(EVENT_RECORD_DISCLOSURE, { id: id.toString(), ...parties, commitment: toHex(attestation.commitment) });
        return response(codecs.MsgRecordDisclosureResponse, { id });
      },
    }),
    msgHandler<tx.MsgFreeze>({
      type: codecs.MsgFreeze,
      signers: (msg) => [msg.authority],
      validate: (msg) => checkAddress(msg.authority, "authority") ?? checkAddress(msg.address, "account") ?? validateReason(msg.reason),
      execute: (ctx, msg) => {
        const refused = requireAuthority(ctx, msg.authority);
        if (refused) return refused;
        const address = addressBytes(msg.address);
        const existing = keeper.getFreeze(ctx, address);
        if (existing) return ErrAlreadyFrozen.wrap(`${msg.address} was frozen at ${formatTimestamp(existing.frozenAt!)} by ${existing.authority}`);
        const parties = { address: encodeAddress(address), authority: canonical(msg.authority) };
        keeper.setFreeze(ctx, address, { ...parties, reason: msg.reason, frozenAt: ctx.block.time });
        ctx.events.emit(EVENT_FREEZE_ACCOUNT, { ...parties, reason: msg.reason });
        return response(codecs.MsgFreezeResponse, {});
      },
    }),
    msgHandler<tx.MsgUnfreeze>({
      type: codecs.MsgUnfreeze,
      signers: (msg) => [msg.authority],
      validate: (msg) => checkAddress(msg.authority, "authority") ?? checkAddress(msg.address, "account"),
      // Any registered authority may lift any hold: the authorities act as one body.
      execute: (ctx, msg) => {
        const refused = requireAuthority(ctx, msg.authority);
        if (refused) return refused;
        const address = addressBytes(msg.address);
        if (!keeper.isFrozen(ctx, address)) return ErrNotFrozen.wrap(`${msg.address} has no AML hold`);
        keeper.deleteFreeze(ctx, address);
        ctx.events.emit(EVENT_UNFREEZE_ACCOUNT, { address: encodeAddress(address), authority: canonical(msg.authority) });
        return response(codecs.MsgUnfreezeResponse, {});
      },
    }),
    msgHandler<tx.MsgAddToDenyList>({
      type: codecs.MsgAddToDenyList,
      signers: (msg) => [msg.authority],
      validate: (msg) => checkAddress(msg.authority, "authority") ?? checkAddress(msg.address, "account") ?? validateReason(msg.reason),
      execute: (ctx, msg) => {
        const refused = requireAuthority(ctx, msg.authority);
        if (refused) return refused;
        const address = addressBytes(msg.address);
        const existing = keeper.getDenyListEntry(ctx, address);
        if (existing) return ErrAlreadyDenied.wrap(`${msg.address} was added at ${formatTimestamp(existing.addedAt!)} by ${existing.authority}`);
        const parties = { address: encodeAddress(address), authority: canonical(msg.authority) };
        keeper.setDenyListEntry(ctx, address, { ...parties, reason: msg.reason, addedAt: ctx.block.time });
        ctx.events.emit(EVENT_ADD_TO_DENY_LIST, { ...parties, reason: msg.reason });
        return response(codecs.MsgAddToDenyListResponse, {});
      },
    }),
    msgHandler<tx.MsgRemoveFromDenyList>({
      type: codecs.MsgRemoveFromDenyList,
      signers: (msg) => [msg.authority],
      validate: (msg) => checkAddress(msg.authority, "authority") ?? checkAddress(msg.address, "account"),
      execute: (ctx, msg) => {
        const refused = requireAuthority(ctx, msg.authority);
        if (refused) return refused;
        const address = addressBytes(msg.address);
        if (!keeper.isDenied(ctx, address)) return ErrNotDenied.wrap(`${msg.address} is not on the deny list`);
        keeper.deleteDenyListEntry(ctx, address);
        ctx.events.emit(EVENT_REMOVE_FROM_DENY_LIST, { address: encodeAddress(address), authority: canonical(msg.authority) });
        return response(codecs.MsgRemoveFromDenyListResponse, {});
      },
    }),
  ];
}
