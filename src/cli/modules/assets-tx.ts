import { Option, type Command } from "commander";
import * as q from "../../generated/persistence/assets/v1/query.js";
import * as codecs from "../../modules/assets/codecs.js";
import { fractionDenom } from "../../modules/assets/denoms.js";
import { toHex } from "../../store/bytes.js";
import { decodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { defineAction } from "../command-context.js";
import { CliError } from "../errors.js";
import type { NodeClient } from "../node-client.js";
import { signAndBroadcast, txMessage, type BuildTx } from "../tx/signed-tx.js";
import { withTxOptions, type TxOptions } from "../tx/tx-options.js";
import { askAssets } from "./assets-query.js";
import { documentHash, formatProperty, parseProperties, parseStatus } from "./assets-values.js";

interface PropertyOptions extends TxOptions {
  property: string[];
}

interface IssueOptions extends PropertyOptions {
  documentHash?: string;
  documentFile?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const propertyOption = () => new Option("-p, --property <name=value>", "a property value, repeated for each; typed by the class's schema").argParser(collect).default([]);

/** The class's schema from the node; an unknown class is a clear error before anything is signed. */
async function classOf(node: NodeClient, classId: string) {
  return (await askAssets(node, "Class", q.QueryClassRequest, { classId }, codecs.QueryClassResponse)).class!;
}

function requireAddress(address: string, role: string): void {
  const decoded = decodeAddress(address);
  if (isError(decoded)) throw new CliError("invalid_address", `invalid ${role}: ${decoded.message}`);
}

/** Registers a tx command whose action builds one assets tx from the options and arguments. */
function define<O extends TxOptions>(command: Command, build: (options: O, args: string[]) => BuildTx): void {
  defineAction<O>(withTxOptions(command), async (context, keyName, ...args) =>
    signAndBroadcast(context, { keyName: keyName!, build: build(context.options, args) }),
  );
}

/** `persistence tx assets …`: issue, transfer, burn, status, properties, maintainer, fractions. */
export function registerAssetsTx(tx: Command): void {
  const assets = tx.command("assets").description("assets module transactions: tokenize documents as assets, move them through their life, split them into fractions");

  const issue = assets
    .command("issue <issuer-key> <class-id> <id>")
    .description("tokenize a document as an asset of a class, owned and maintained by the issuer")
    .option("--document-hash <hex>", "the document's 32-byte fingerprint, 64 hex digits")
    .option("--document-file <path>", "the document itself: its SHA-256 is computed here; the file never leaves this machine")
    .addOption(propertyOption())
    .addHelpText(
      "after",
      "\nProperty values are typed by the class's schema (see `persistence query assets class <class-id>`):\ntext, whole numbers, dates (2024-06-30 or 2024-06-30T12:00:00Z), 64 hex digits, or amounts (1000usd, 1200EUR).\nA document can be tokenized once only, by anyone, ever.\n\nExample:\n  persistence tx assets issue alice invoice INV-2024-001 --document-file invoice.pdf -p face_value=1000usd -p issue_date=2024-06-01 -p due_date=2024-08-30 -p obligor_commitment=<64 hex> --yes",
    );
  define<IssueOptions>(issue, (options, [classId, id]) => {
    const hash = documentHash(options);
    return (issuer) => async (node) => {
      const properties = parseProperties(await classOf(node, classId!), options.property);
      return {
        messages: [txMessage(codecs.MsgIssueAsset, codecs.MsgIssueAsset.fromPartial({ issuer, classId, id, documentHash: hash, properties }))],
        summary: [`issue ${classId}/${id}`, `  document: ${toHex(hash)}`, ...properties.map((p) => `  ${formatProperty(p)}`)],
      };
    };
  });

  const transfer = assets.command("transfer <sender-key> <class-id> <id> <receiver>").description("send an asset you own; both parties must meet the class's holder requirement");
  define<TxOptions>(transfer, (_options, [classId, id, receiver]) => {
    requireAddress(receiver!, "receiver");
    return (sender) => ({
      messages: [txMessage(codecs.MsgTransferAsset, { sender, classId: classId!, id: id!, receiver: receiver! })],
      summary: [`transfer ${classId}/${id}`, `  to: ${receiver}`],
    });
  });

  const burn = assets.command("burn <owner-key> <class-id> <id>").description("burn a settled asset you own; its id and document stay reserved");
  define<TxOptions>(burn, (_options, [classId, id]) => (owner) => ({
    messages: [txMessage(codecs.MsgBurnAsset, { owner, classId: classId!, id: id! })],
    summary: [`burn ${classId}/${id}`],
  }));

  const status = assets
    .command("set-status <maintainer-key> <class-id> <id> <status>")
    .description("move an asset you maintain to another status: issued, pledged, financed, paid, defaulted or settled")
    .addHelpText("after", "\nAllowed moves: issued → pledged, paid, defaulted; pledged → issued, financed; financed → paid, defaulted;\npaid → settled; defaulted → settled.");
  define<TxOptions>(status, (_options, [classId, id, name]) => {
    const value = parseStatus(name!);
    return (maintainer) => ({
      messages: [txMessage(codecs.MsgSetAssetStatus, { maintainer, classId: classId!, id: id!, status: value })],
      summary: [`set the status of ${classId}/${id} to ${name}`],
    });
  });

  const update = assets.command("update-properties <maintainer-key> <class-id> <id>").description("change mutable properties of an asset you maintain").addOption(propertyOption());
  define<PropertyOptions>(update, (options, [classId, id]) => {
    if (options.property.length === 0) throw new CliError("usage_error", "give at least one --property name=value");
    return (maintainer) => async (node) => {
      const properties = parseProperties(await classOf(node, classId!), options.property);
      return {
        messages: [txMessage(codecs.MsgUpdateProperties, { maintainer, classId: classId!, id: id!, properties })],
        summary: [`update ${classId}/${id}`, ...properties.map((p) => `  ${formatProperty(p)}`)],
      };
    };
  });

  const maintainer = assets.command("transfer-maintainer <maintainer-key> <class-id> <id> <new-maintainer>").description("hand the maintainer role of an asset to another account");
  define<TxOptions>(maintainer, (_options, [classId, id, next]) => {
    requireAddress(next!, "new maintainer");
    return (current) => ({
      messages: [txMessage(codecs.MsgTransferMaintainer, { maintainer: current, classId: classId!, id: id!, newMaintainer: next! })],
      summary: [`hand the maintainer role of ${classId}/${id}`, `  to: ${next}`],
    });
  });

  const fractionalize = assets
    .command("fractionalize <owner-key> <class-id> <id> <units>")
    .description("lock an asset you own and receive <units> fungible units of the denom asset/<class-id>/<id>")
    .addHelpText("after", "\nThe units are bank coins: send and trade them like any other (holders must meet the class's\nholder requirement). Whoever holds all of them can recombine them into the asset.");
  define<TxOptions>(fractionalize, (_options, [classId, id, units]) => {
    const count = parseUnits(units!);
    const denom = fractionDenom(classId!, id!);
    return (owner) => ({
      messages: [txMessage(codecs.MsgFractionalize, { owner, classId: classId!, id: id!, units: count })],
      summary: [`split ${classId}/${id} into ${count} units${isError(denom) ? "" : ` of ${denom}`}`],
    });
  });

  const recombine = assets.command("recombine <holder-key> <denom>").description("burn every unit of a fraction denom you hold and receive the asset");
  define<TxOptions>(recombine, (_options, [denom]) => (holder) => ({
    messages: [txMessage(codecs.MsgRecombine, { holder, denom: denom! })],
    summary: [`recombine ${denom}`],
  }));
}

function parseUnits(text: string): bigint {
  if (!/^\d{1,20}$/.test(text) || BigInt(text) < 2n || BigInt(text) >= 2n ** 64n) throw new CliError("invalid_units", `invalid units "${text}": expected a whole number of at least 2`);
  return BigInt(text);
}
