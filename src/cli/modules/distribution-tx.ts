import type { Command } from "commander";
import { QueryDelegationTotalRewardsRequest, QueryDelegationTotalRewardsResponse } from "cosmjs-types/cosmos/distribution/v1beta1/query";
import { MsgFundCommunityPool, MsgSetWithdrawAddress, MsgWithdrawDelegatorReward, MsgWithdrawValidatorCommission } from "cosmjs-types/cosmos/distribution/v1beta1/tx";
// Registers distribution's errors, so a refusal is reported by its name.
import "../../modules/distribution/errors.js";
import { VALOPER_PREFIX } from "../../modules/distribution/events.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { toProtoCoins } from "../../types/coins.js";
import { defineAction } from "../command-context.js";
import { CliError } from "../errors.js";
import { grpcQuery } from "../grpc-query.js";
import { formatCoin, parseCoinsArgument } from "../money.js";
import { signAndBroadcast, txMessage } from "../tx/signed-tx.js";
import { withTxOptions, type TxOptions } from "../tx/tx-options.js";
import { checkAddress } from "./distribution-query.js";

/** The withdraw events' amounts of an included tx, e.g. ["6615uxprt"]. */
function withdrawn(events: readonly { type: string; attributes: readonly { key: string; value: string }[] }[], type: string): string[] {
  return events.filter((e) => e.type === type).map((e) => e.attributes.find((a) => a.key === "amount")?.value ?? "");
}

/** `persistence tx distribution …`: withdraw rewards and commission, set the withdraw address, fund the pool. */
export function registerDistributionTx(tx: Command): void {
  const distribution = tx.command("distribution").description("distribution module transactions: staking rewards, commission, the community pool");

  defineAction<TxOptions>(withTxOptions(distribution.command("withdraw-rewards <key> <validator>").description("withdraw <key>'s rewards from one validator")), (context, key, validator) =>
    signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "delegator",
      build: (delegatorAddress) => ({
        messages: [txMessage(MsgWithdrawDelegatorReward, { delegatorAddress, validatorAddress: checkAddress(validator!, VALOPER_PREFIX) })],
        summary: [`withdraw rewards from ${validator}`],
      }),
      describe: (result) => ({ json: { amounts: withdrawn(result.events, "withdraw_rewards") }, text: withdrawn(result.events, "withdraw_rewards").map((a) => `withdrew ${a}`) }),
    }),
  );

  defineAction<TxOptions>(withTxOptions(distribution.command("withdraw-all-rewards <key>").description("withdraw <key>'s rewards from every validator it delegates to, in one tx")), (context, key) =>
    signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "delegator",
      build: (delegatorAddress) => async (node) => {
        const { rewards } = await grpcQuery(node, "/cosmos.distribution.v1beta1.Query/DelegationTotalRewards", QueryDelegationTotalRewardsRequest, { delegatorAddress }, QueryDelegationTotalRewardsResponse);
        if (rewards.length === 0) throw new CliError("no_delegations", `${delegatorAddress} delegates to no validator`);
        return {
          messages: rewards.map((r) => txMessage(MsgWithdrawDelegatorReward, { delegatorAddress, validatorAddress: r.validatorAddress })),
          summary: [`withdraw rewards from ${rewards.length} validator${rewards.length === 1 ? "" : "s"}`],
        };
      },
      describe: (result) => ({ json: { amounts: withdrawn(result.events, "withdraw_rewards") }, text: withdrawn(result.events, "withdraw_rewards").map((a) => `withdrew ${a}`) }),
    }),
  );

  defineAction<TxOptions>(withTxOptions(distribution.command("withdraw-commission <key>").description("withdraw the commission of the validator <key> operates")), (context, key) =>
    signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "operator",
      build: (operator) => {
        const validatorAddress = encodeAddress(decodeAddress(operator) as Uint8Array, VALOPER_PREFIX);
        return { messages: [txMessage(MsgWithdrawValidatorCommission, { validatorAddress })], summary: [`withdraw the commission of ${validatorAddress}`] };
      },
      describe: (result) => ({ json: { amounts: withdrawn(result.events, "withdraw_commission") }, text: withdrawn(result.events, "withdraw_commission").map((a) => `withdrew ${a || "nothing"}`) }),
    }),
  );

  defineAction<TxOptions>(withTxOptions(distribution.command("set-withdraw-addr <key> <address>").description("send <key>'s future rewards to <address>")), (context, key, address) =>
    signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "delegator",
      build: (delegatorAddress) => ({
        messages: [txMessage(MsgSetWithdrawAddress, { delegatorAddress, withdrawAddress: checkAddress(address!) })],
        summary: [`send future rewards to ${address}`],
        resultFields: { withdraw_address: address },
      }),
    }),
  );

  defineAction<TxOptions>(withTxOptions(distribution.command("fund-community-pool <key> <amount>").description("give <amount> (e.g. 10xprt) to the community pool")), (context, key, amount) => {
    const coins = parseCoinsArgument(amount!);
    return signAndBroadcast(context, {
      keyName: key!,
      signerLabel: "depositor",
      build: (depositor) => ({
        messages: [txMessage(MsgFundCommunityPool, { depositor, amount: toProtoCoins(coins) })],
        summary: [`give ${coins.map(formatCoin).join(", ")} to the community pool`],
      }),
    });
  });
}
