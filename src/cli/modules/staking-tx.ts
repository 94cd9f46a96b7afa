import type { comet38 } from "@cosmjs/tendermint-rpc";
import type { Command } from "commander";
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import type { Description } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { MsgBeginRedelegate, MsgBeginRedelegateResponse, MsgCancelUnbondingDelegation, MsgCreateValidator, MsgDelegate, MsgEditValidator, MsgUndelegate, MsgUndelegateResponse } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { VALOPER_PREFIX } from "../../modules/staking/keys.js";
import { ed25519Any, ED25519_PUBKEY_TYPE } from "../../modules/staking/validator.js";
import { loadPrivValidatorKey } from "../../node/consensus/keys.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { defineAction } from "../command-context.js";
import { CliError } from "../errors.js";
import { signAndBroadcast, txMessage } from "../tx/signed-tx.js";
import { withTxOptions, type TxOptions } from "../tx/tx-options.js";
import { bondAmount, operatorAddress, percent, rateDigits, time, xprt } from "./staking-values.js";

interface DescriptionOptions {
  moniker?: string;
  identity?: string;
  website?: string;
  securityContact?: string;
  details?: string;
}

interface CreateOptions extends TxOptions, DescriptionOptions {
  pubkey?: string;
  pubkeyFrom?: string;
  commissionRate: string;
  commissionMaxRate: string;
  commissionMaxChangeRate: string;
  minSelfDelegation: string;
}

interface EditOptions extends TxOptions, DescriptionOptions {
  commissionRate?: string;
  minSelfDelegation?: string;
}

/** The SDK's marker for a description field that an edit keeps. */
const DO_NOT_MODIFY = "[do-not-modify]";

/** `persistence tx staking …`: run a validator, delegate, unbond, redelegate, cancel an unbonding. */
export function registerStakingTx(tx: Command): void {
  const staking = tx.command("staking").description("staking module transactions: validators and delegations of XPRT");

  const create = withDescriptionOptions(
    withTxOptions(staking.command("create-validator <key> <self-delegation>").description("create a validator operated by <key>, self-delegating <self-delegation> (e.g. 1000xprt)")),
  )
    .option("--pubkey <key>", `the consensus public key: base64 ed25519, or the SDK's JSON {"@type":"${ED25519_PUBKEY_TYPE}","key":"…"}`)
    .option("--pubkey-from <file>", "read the consensus public key from a CometBFT priv_validator_key.json")
    .option("--commission-rate <rate>", "commission charged on delegators' rewards", "0.1")
    .option("--commission-max-rate <rate>", "the highest the commission may ever be", "0.2")
    .option("--commission-max-change-rate <rate>", "the most the commission may change in a day", "0.01")
    .option("--min-self-delegation <uxprt>", "the least the operator must keep self-delegated, in uxprt", "1")
    .addHelpText("after", ["", "Example:", "  persistence tx staking create-validator alice 1000xprt --pubkey-from ~/.persistence/config/priv_validator_key.json --moniker alice --yes"].join("\n"));
  defineAction<CreateOptions>(create, (context, key, amountText) => {
    const options = context.options;
    const value = bondAmount(amountText!);
    const pubkey = consensusPubkey(options);
    if (options.moniker === undefined || options.moniker.trim() === "") throw new CliError("usage_error", "--moniker is required: the validator's public name");
    const commission = {
      rate: rateDigits(options.commissionRate, "--commission-rate"),
      maxRate: rateDigits(options.commissionMaxRate, "--commission-max-rate"),
      maxChangeRate: rateDigits(options.commissionMaxChangeRate, "--commission-max-change-rate"),
    };
    const minSelfDelegation = wholeNumber(options.minSelfDelegation, "--min-self-delegation");
    return signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "operator",
      build: (account) => {
        const validatorAddress = encodeAddress(decodeAddress(account) as Uint8Array, VALOPER_PREFIX);
        const description = describe(options, "");
        return {
          messages: [txMessage(MsgCreateValidator, MsgCreateValidator.fromPartial({ description, commission, minSelfDelegation, delegatorAddress: "", validatorAddress, pubkey: ed25519Any(pubkey), value: { denom: value.denom, amount: value.amount.toString() } }))],
          summary: [
            `create validator ${validatorAddress} "${description.moniker}", self-delegating ${xprt(value.amount)}`,
            `  commission ${percent(commission.rate)} (at most ${percent(commission.maxRate)}, changing at most ${percent(commission.maxChangeRate)} a day)`,
          ],
          resultFields: { validator_address: validatorAddress },
        };
      },
    });
  });

  const edit = withDescriptionOptions(withTxOptions(staking.command("edit-validator <key>").description("change the description, commission rate or min self delegation of the validator <key> operates")))
    .option("--commission-rate <rate>", "the new commission rate (once a day, within the max change rate)")
    .option("--min-self-delegation <uxprt>", "the new min self delegation, in uxprt (it can only rise)");
  defineAction<EditOptions>(edit, (context, key) => {
    const options = context.options;
    const commissionRate = options.commissionRate === undefined ? "" : rateDigits(options.commissionRate, "--commission-rate");
    const minSelfDelegation = options.minSelfDelegation === undefined ? "" : wholeNumber(options.minSelfDelegation, "--min-self-delegation");
    const description = describe(options, DO_NOT_MODIFY);
    const changes = [
      ...Object.entries(description).flatMap(([field, value]) => (value === DO_NOT_MODIFY ? [] : [`  ${field}: "${value}"`])),
      ...(commissionRate ? [`  commission rate: ${percent(commissionRate)}`] : []),
      ...(minSelfDelegation ? [`  min self delegation: ${xprt(minSelfDelegation)}`] : []),
    ];
    if (changes.length === 0) throw new CliError("usage_error", "nothing to change: give a description option, --commission-rate or --min-self-delegation");
    return signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "operator",
      build: (account) => {
        const validatorAddress = encodeAddress(decodeAddress(account) as Uint8Array, VALOPER_PREFIX);
        return { messages: [txMessage(MsgEditValidator, { description, validatorAddress, commissionRate, minSelfDelegation })], summary: [`edit validator ${validatorAddress}:`, ...changes] };
      },
    });
  });

  const delegate = withTxOptions(staking.command("delegate <key> <validator> <amount>").description("delegate <amount> (e.g. 100xprt) from <key> to <validator>"));
  defineAction<TxOptions>(delegate, (context, key, validator, amountText) => {
    const validatorAddress = operatorAddress(validator!);
    const amount = bondAmount(amountText!);
    return signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "delegator",
      build: (delegatorAddress) => ({
        messages: [txMessage(MsgDelegate, { delegatorAddress, validatorAddress, amount: { denom: amount.denom, amount: amount.amount.toString() } })],
        summary: [`delegate ${xprt(amount.amount)} to ${validatorAddress}`],
        resultFields: { validator_address: validatorAddress, amount: amount.amount.toString() },
      }),
    });
  });

  const unbond = withTxOptions(staking.command("unbond <key> <validator> <amount>").description("undelegate <amount> from <validator>; it comes back after the unbonding time"));
  defineAction<TxOptions>(unbond, (context, key, validator, amountText) => {
    const validatorAddress = operatorAddress(validator!);
    const amount = bondAmount(amountText!);
    return signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "delegator",
      build: (delegatorAddress) => ({
        messages: [txMessage(MsgUndelegate, { delegatorAddress, validatorAddress, amount: { denom: amount.denom, amount: amount.amount.toString() } })],
        summary: [`unbond ${xprt(amount.amount)} from ${validatorAddress}`],
      }),
      describe: (result) => {
        const response = MsgUndelegateResponse.decode(firstResponse(result));
        const completion = time(response.completionTime);
        return { json: { completion_time: completion, amount: response.amount?.amount ?? amount.amount.toString() }, text: [`unbonding ${xprt(response.amount?.amount ?? amount.amount)}: paid out at ${completion}`] };
      },
    });
  });

  const redelegate = withTxOptions(staking.command("redelegate <key> <src-validator> <dst-validator> <amount>").description("move <amount> of <key>'s delegation from one validator to another, at once"));
  defineAction<TxOptions>(redelegate, (context, key, src, dst, amountText) => {
    const validatorSrcAddress = operatorAddress(src!);
    const validatorDstAddress = operatorAddress(dst!);
    const amount = bondAmount(amountText!);
    return signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "delegator",
      build: (delegatorAddress) => ({
        messages: [txMessage(MsgBeginRedelegate, { delegatorAddress, validatorSrcAddress, validatorDstAddress, amount: { denom: amount.denom, amount: amount.amount.toString() } })],
        summary: [`redelegate ${xprt(amount.amount)} from ${validatorSrcAddress}`, `  to ${validatorDstAddress}`],
      }),
      describe: (result) => {
        const completion = time(MsgBeginRedelegateResponse.decode(firstResponse(result)).completionTime);
        return { json: { completion_time: completion }, text: [`redelegated; the source's slashing still reaches it until ${completion}`] };
      },
    });
  });

  const cancel = withTxOptions(
    staking.command("cancel-unbond <key> <validator> <amount> <creation-height>").description("delegate back <amount> of the unbonding entry <key> started at <creation-height> (see `query staking unbonding-delegations`)"),
  );
  defineAction<TxOptions>(cancel, (context, key, validator, amountText, heightText) => {
    const validatorAddress = operatorAddress(validator!);
    const amount = bondAmount(amountText!);
    const creationHeight = BigInt(wholeNumber(heightText!, "<creation-height>"));
    return signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "delegator",
      build: (delegatorAddress) => ({
        messages: [txMessage(MsgCancelUnbondingDelegation, { delegatorAddress, validatorAddress, amount: { denom: amount.denom, amount: amount.amount.toString() }, creationHeight })],
        summary: [`cancel unbonding ${xprt(amount.amount)} from ${validatorAddress} (entry of height ${creationHeight})`],
      }),
    });
  });
}

function withDescriptionOptions(command: Command): Command {
  return command
    .option("--moniker <name>", "the validator's public name")
    .option("--identity <id>", "identity signature (e.g. a Keybase key suffix)")
    .option("--website <url>", "the validator's website")
    .option("--security-contact <email>", "the validator's security contact")
    .option("--details <text>", "more about the validator");
}

function describe(options: DescriptionOptions, unset: string): Description {
  return {
    moniker: options.moniker ?? unset,
    identity: options.identity ?? unset,
    website: options.website ?? unset,
    securityContact: options.securityContact ?? unset,
    details: options.details ?? unset,
  };
}

/** The 32-byte ed25519 consensus key from --pubkey (base64 or the SDK's JSON) or --pubkey-from (priv_validator_key.json). */
function consensusPubkey(options: CreateOptions): Uint8Array {
  if ((options.pubkey === undefined) === (options.pubkeyFrom === undefined)) throw new CliError("usage_error", "give the consensus key with --pubkey or --pubkey-from (one of them)");
  if (options.pubkeyFrom !== undefined) return loadPrivValidatorKey(options.pubkeyFrom).publicKey;
  const text = options.pubkey!.trim();
  let base64 = text;
  if (text.startsWith("{")) {
    const json = parseJson(text) as { "@type"?: unknown; key?: unknown };
    if (json["@type"] !== ED25519_PUBKEY_TYPE || typeof json.key !== "string") throw new CliError("invalid_pubkey", `invalid --pubkey: expected {"@type":"${ED25519_PUBKEY_TYPE}","key":"<base64>"}`);
    base64 = json.key;
  }
  const bytes = /^[A-Za-z0-9+/]{43}=$/.test(base64) ? new Uint8Array(Buffer.from(base64, "base64")) : undefined;
  if (!bytes || bytes.length !== 32) throw new CliError("invalid_pubkey", `invalid --pubkey "${text}": expected a base64 32-byte ed25519 key`);
  return bytes;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliError("invalid_pubkey", "invalid --pubkey: not valid JSON");
  }
}

function wholeNumber(text: string, name: string): string {
  if (!/^(0|[1-9]\d{0,37})$/.test(text)) throw new CliError("invalid_amount", `invalid ${name} "${text}": expected a whole number`);
  return text;
}

/** The first message's response in an included tx's data. */
function firstResponse(result: comet38.TxData): Uint8Array {
  return TxMsgData.decode(result.data ?? new Uint8Array()).msgResponses[0]?.value ?? new Uint8Array();
}
