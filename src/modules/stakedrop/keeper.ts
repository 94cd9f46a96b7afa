import type { Allocation } from "../../generated/persistence/stakedrop/v1/types.js";
import { moduleAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { STAKING_DENOM } from "../../types/denoms.js";
import { ErrUnauthorized, type AppError } from "../../types/errors.js";
import { claimMessage, verifyAdr036 } from "./adr036.js";
import { ErrAlreadyClaimed, ErrClaimEnded, ErrClaimNotOpen, ErrInvalidSignature, ErrNoAllocation, ErrNoCampaign } from "./errors.js";
import { emitClaim, emitClosed } from "./events.js";
import type { BankKeeper, DistributionKeeper } from "./expected-keepers.js";
import { STAKEDROP_ACCOUNT } from "./keys.js";
import type { StakedropParams } from "./params.js";
import { StakedropStore, type CampaignState, type Totals } from "./store.js";
import { compareTimes, formatTime } from "../../types/time.js";

/** Gas for checking the ADR-036 signature: the Cosmos SDK's default sig_verify_cost_secp256k1. */
export const CLAIM_SIGNATURE_GAS = 1000;

/** A claim whose fields passed the stateless checks (see msg-server's readClaim). */
export interface ClaimRequest {
  sender: string;
  cosmosAddress: string;
  /** The cosmos address's 20 bytes, which `pubkey` hashes to. */
  cosmosBytes: Uint8Array;
  pubkey: Uint8Array;
  signature: Uint8Array;
  receiver: string;
  receiverBytes: Uint8Array;
}

/** The XPRT airdrop to Cosmos Hub stakers: claims in the window, then the sweep to the community pool. */
export class StakedropKeeper {
  /** The module account that holds the campaign's unclaimed uxprt. */
  readonly moduleAddress = moduleAddress(STAKEDROP_ACCOUNT);

  constructor(
    private readonly bank: BankKeeper,
    private readonly distribution: DistributionKeeper,
  ) {}

  getParams(ctx: Context): StakedropParams {
    return new StakedropStore(ctx).params();
  }

  getCampaign(ctx: Context): CampaignState | undefined {
    return new StakedropStore(ctx).campaign();
  }

  getTotals(ctx: Context): Totals {
    return new StakedropStore(ctx).totals();
  }

  getAllocation(ctx: Context, cosmosAddress: Uint8Array): Allocation | undefined {
    return new StakedropStore(ctx).allocation(cosmosAddress);
  }

  /** What the stakedrop module account holds, uxprt. */
  moduleBalance(ctx: Context): bigint {
    return this.bank.getBalance(ctx, this.moduleAddress, STAKING_DENOM);
  }

  /** uxprt the module account holds for the campaign: total − claimed while open (rounding dust included), 0 once closed. */
  unclaimed(ctx: Context): bigint {
    const store = new StakedropStore(ctx);
    const campaign = store.campaign();
    if (!campaign || campaign.closed) return 0n;
    return store.params().total - store.totals().claimed;
  }

  /**
   * Pays a staker's allocation to the receiver, once, inside the claim window (claim_start ≤
   * block time < claim_end), when `signature` is the staker's ADR-036 signature of
   * `claimMessage(chain id, receiver)`. Returns the amount paid.
   */
  claim(ctx: Context, request: ClaimRequest): bigint | AppError {
    const store = new StakedropStore(ctx);
    const campaign = store.campaign();
    if (!campaign) return ErrNoCampaign.wrap("this chain has no stakedrop campaign");
    const refused = windowRefusal(campaign, ctx);
    if (refused) return refused;
    const allocation = store.allocation(request.cosmosBytes);
    if (!allocation) return ErrNoAllocation.wrap(`${request.cosmosAddress} is not in the stakedrop snapshot`);
    if (allocation.claimed) return ErrAlreadyClaimed.wrap(`${request.cosmosAddress} claimed at ${formatTime(allocation.claimedAt!)} to ${allocation.receiver}`);
    ctx.gasMeter.consume(CLAIM_SIGNATURE_GAS, "stakedrop: ADR-036 signature");
    const message = claimMessage(ctx.block.chainId, request.receiver);
    if (!verifyAdr036({ signer: request.cosmosAddress, pubkey: request.pubkey, signature: request.signature, message })) {
      return ErrInvalidSignature.wrap(`the signature is not ${request.cosmosAddress}'s ADR-036 signature of "${message}"`);
    }
    if (this.bank.isBlockedRecipient(request.receiverBytes)) return ErrUnauthorized.wrap(`${request.receiver} is a module account and is not allowed to receive funds`);
    const amount = BigInt(allocation.amount);
    const paid = this.bank.sendCoinsFromModuleToAccount(ctx, STAKEDROP_ACCOUNT, request.receiverBytes, [{ denom: STAKING_DENOM, amount }]);
    if (paid) return paid;
    store.setAllocation(request.cosmosBytes, { ...allocation, claimed: true, receiver: request.receiver, claimedAt: ctx.block.time });
    const totals = store.totals();
    store.setTotals({ ...totals, claimed: totals.claimed + amount, claimedAddresses: totals.claimedAddresses + 1n });
    emitClaim(ctx, { sender: request.sender, cosmosAddress: request.cosmosAddress, receiver: request.receiver, amount });
    return amount;
  }

  /**
   * EndBlock: in the first block at or after claim_end, sends everything the module account holds
   * (the unclaimed allocations and the rounding dust) to the community pool and closes the
   * campaign. One key read in every other block; one transfer and one write in that block. A
   * refused transfer leaves the campaign open, to be retried in the next block.
   */
  closeIfEnded(ctx: Context): void {
    const store = new StakedropStore(ctx);
    const campaign = store.campaign();
    if (!campaign || campaign.closed || compareTimes(ctx.block.time, campaign.claimEnd) < 0) return;
    const unclaimed = this.moduleBalance(ctx);
    if (unclaimed > 0n && this.distribution.fundCommunityPool(ctx, STAKEDROP_ACCOUNT, [{ denom: STAKING_DENOM, amount: unclaimed }])) return;
    store.setCampaign({ ...campaign, closed: true, swept: unclaimed });
    emitClosed(ctx, { claimed: store.totals().claimed, unclaimed, destination: "community_pool" });
  }
}

function windowRefusal(campaign: CampaignState, ctx: Context): AppError | undefined {
  const now = ctx.block.time;
  if (compareTimes(now, campaign.claimStart) < 0) return ErrClaimNotOpen.wrap(`claims open at ${formatTime(campaign.claimStart)}; the block time is ${formatTime(now)}`);
  if (campaign.closed || compareTimes(now, campaign.claimEnd) >= 0) {
    return ErrClaimEnded.wrap(`claims closed at ${formatTime(campaign.claimEnd)}; the block time is ${formatTime(now)}`);
  }
  return undefined;
}
