import { readFileSync } from "node:fs";
import { CommunityPoolSpendProposal } from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import { TextProposal } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import { ParameterChangeProposal } from "cosmjs-types/cosmos/params/v1beta1/params";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { decodeAddress } from "../../types/address.js";
import { toProtoCoins, type Coin } from "../../types/coins.js";
import { isError } from "../../types/errors.js";
import { CliError } from "../errors.js";
import { formatCoin, parseCoinsArgument } from "../money.js";

/** The `--help` text of `submit-proposal`: the proposal file's format, as the SDK's submit-legacy-proposal documents it. */
export const PROPOSAL_FILE_HELP = [
  "",
  "<proposal.json> holds one legacy proposal; \"type\" picks its kind, \"deposit\" (optional) is the",
  "initial deposit. The voting period starts once the deposits reach the min deposit (query gov params).",
  "",
  "A text proposal (does nothing when it passes):",
  '  { "type": "text", "title": "Adopt the RWA charter", "description": "…", "deposit": "512xprt" }',
  "",
  "A parameter change: each change is set through the named module (subspace); keys are the",
  "module's genesis param names and values are JSON, as in genesis:",
  '  { "type": "param-change", "title": "Fewer validators", "description": "…", "deposit": "512xprt",',
  '    "changes": [ { "subspace": "staking", "key": "max_validators", "value": 50 },',
  '                 { "subspace": "market", "key": "maker_fee_rate", "value": "0.002" } ] }',
  "",
  "A community pool spend:",
  '  { "type": "community-pool-spend", "title": "Fund the audit", "description": "…", "deposit": "512xprt",',
  '    "recipient": "persistence1…", "amount": "1000xprt" }',
  "",
  "Coins are written as elsewhere: 512xprt, 512000000uxprt, 100usd.",
  "",
  "Example:",
  "  persistence tx gov submit-proposal alice proposal.json --yes",
].join("\n");

/** A proposal file, read and checked: the content to sign, the initial deposit and what to show. */
export interface ProposalFile {
  content: Any;
  deposit: Coin[];
  summary: string[];
}

const KINDS = ["text", "param-change", "community-pool-spend"] as const;

/** Reads and checks a proposal file; a problem is an `invalid_proposal_file` error naming the field. */
export function readProposalFile(path: string): ProposalFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw invalid(`cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(`${path} is not JSON: ${(error as Error).message}`);
  }
  return parseProposal(json);
}

/** Checks a proposal file's JSON (see PROPOSAL_FILE_HELP). */
export function parseProposal(json: unknown): ProposalFile {
  if (!isObject(json)) throw invalid("the proposal must be a JSON object");
  const type = json.type;
  if (!KINDS.includes(type as (typeof KINDS)[number])) throw invalid(`"type" must be one of ${KINDS.join(", ")}`);
  const title = requireString(json, "title");
  const description = requireString(json, "description");
  const deposit = json.deposit === undefined ? [] : coins(requireString(json, "deposit"), "deposit");
  const depositLine = `  initial deposit: ${deposit.length ? deposit.map(formatCoin).join(", ") : "none"}`;
  switch (type as (typeof KINDS)[number]) {
    case "text":
      return { content: any(TextProposal, TextProposal.fromPartial({ title, description })), deposit, summary: [`submit text proposal "${title}"`, depositLine] };
    case "param-change": {
      const changes = parseChanges(json.changes);
      return {
        content: any(ParameterChangeProposal, ParameterChangeProposal.fromPartial({ title, description, changes })),
        deposit,
        summary: [`submit parameter change proposal "${title}"`, ...changes.map((c) => `  ${c.subspace}/${c.key} = ${c.value}`), depositLine],
      };
    }
    case "community-pool-spend": {
      const recipient = requireString(json, "recipient");
      if (isError(decodeAddress(recipient))) throw invalid(`"recipient" is not a persistence1… address: ${recipient}`);
      const amount = coins(requireString(json, "amount"), "amount");
      return {
        content: any(CommunityPoolSpendProposal, CommunityPoolSpendProposal.fromPartial({ title, description, recipient, amount: toProtoCoins(amount) })),
        deposit,
        summary: [`submit community pool spend proposal "${title}"`, `  pay ${amount.map(formatCoin).join(", ")} to ${recipient}`, depositLine],
      };
    }
  }
}

/** Each change's value is kept as the JSON the file wrote, as the SDK's ParamChangeJSON does. */
function parseChanges(changes: unknown): { subspace: string; key: string; value: string }[] {
  if (!Array.isArray(changes) || changes.length === 0) throw invalid('"changes" must be a non-empty list of { subspace, key, value }');
  return changes.map((change: unknown, i) => {
    if (!isObject(change) || change.value === undefined) throw invalid(`changes[${i}] must be { "subspace": …, "key": …, "value": … }`);
    return { subspace: requireString(change, "subspace", `changes[${i}].`), key: requireString(change, "key", `changes[${i}].`), value: JSON.stringify(change.value) };
  });
}

function any<T>(codec: { typeUrl: string; encode(message: T): { finish(): Uint8Array } }, value: T): Any {
  return { typeUrl: codec.typeUrl, value: codec.encode(value).finish() };
}

function coins(text: string, field: string): Coin[] {
  try {
    return parseCoinsArgument(text);
  } catch (error) {
    throw invalid(`"${field}": ${(error as Error).message}`);
  }
}

function requireString(object: Record<string, unknown>, field: string, path = ""): string {
  const value = object[field];
  if (typeof value !== "string" || value.trim() === "") throw invalid(`"${path}${field}" must be a non-empty string`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalid(message: string): CliError {
  return new CliError("invalid_proposal_file", message);
}
