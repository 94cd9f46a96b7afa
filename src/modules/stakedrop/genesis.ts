import { GenesisState } from "../../generated/persistence/stakedrop/v1/genesis.js";
import { Params, type Allocation, type Campaign, type Snapshot } from "../../generated/persistence/stakedrop/v1/types.js";
import { bytesToKey } from "../../store/bytes.js";
import { decodeAddress } from "../../types/address.js";
import type { Context } from "../../types/context.js";
import { STAKING_DENOM } from "../../types/denoms.js";
import { isError, type AppError } from "../../types/errors.js";
import { renameKeysDeep, snakeToCamel } from "../../types/json-case.js";
import { shareWithCap } from "./allocation.js";
import { parseWholeNumber } from "./amounts.js";
import { ErrInvalidGenesis } from "./errors.js";
import type { StakedropKeeper } from "./keeper.js";
import { COSMOS_PREFIX } from "./keys.js";
import { DEFAULT_STAKEDROP_PARAMS, parseParams, toProtoParams, type StakedropParams } from "./params.js";
import { weighSnapshot } from "./snapshot.js";
import { NO_TOTALS, StakedropStore, type CampaignState, type Totals } from "./store.js";
import { compareTimes, formatTime, isValidTime } from "../../types/time.js";

export function defaultStakedropGenesis(): unknown {
  return { params: paramsJson(DEFAULT_STAKEDROP_PARAMS), campaign: null, snapshot: null, allocations: [] };
}

/**
 * Imports params and, when there is a campaign, its allocations: computed here from a snapshot
 * (a new campaign), or taken as they are (an exported one). Either way the stakedrop module
 * account must hold exactly what the campaign has not paid out (bank's genesis comes first):
 * total − claimed while open, nothing once closed.
 */
export function initStakedropGenesis(keeper: StakedropKeeper, ctx: Context, json: unknown): AppError | undefined {
  const raw = (json ?? {}) as { params?: unknown };
  let genesis: GenesisState;
  try {
    genesis = GenesisState.fromJSON(renameKeysDeep(raw, snakeToCamel));
  } catch (error) {
    return ErrInvalidGenesis.wrap(`unreadable stakedrop genesis: ${(error as Error).message}`);
  }
  const params = raw.params ? parseParams(genesis.params ?? Params.fromPartial({})) : DEFAULT_STAKEDROP_PARAMS;
  if (isError(params)) return params;
  const store = new StakedropStore(ctx);
  store.setParams(params);
  if (!genesis.campaign) {
    const extra = genesis.snapshot ? "a snapshot" : genesis.allocations.length > 0 ? "allocations" : undefined;
    return extra ? ErrInvalidGenesis.wrap(`${extra} given without a campaign`) : undefined;
  }
  const campaign = readCampaign(genesis.campaign);
  if (isError(campaign)) return campaign;
  if (genesis.snapshot && genesis.allocations.length > 0) return ErrInvalidGenesis.wrap("give either a snapshot (a new campaign) or allocations (an exported one), not both");
  if (!genesis.snapshot && genesis.allocations.length === 0) return ErrInvalidGenesis.wrap("a campaign needs a snapshot or allocations");
  if (genesis.snapshot && (campaign.closed || campaign.swept > 0n)) return ErrInvalidGenesis.wrap("a campaign computed from a snapshot starts open");
  const totals = genesis.snapshot ? allocateSnapshot(store, genesis.snapshot, params) : importAllocations(store, genesis.allocations, params);
  if (isError(totals)) return totals;
  if (campaign.closed && campaign.swept + totals.claimed !== params.total) {
    return ErrInvalidGenesis.wrap(`a closed campaign swept ${campaign.swept} and paid ${totals.claimed}, which is not its total ${params.total}`);
  }
  const expected = campaign.closed ? 0n : params.total - totals.claimed;
  const held = keeper.moduleBalance(ctx);
  if (held !== expected) return ErrInvalidGenesis.wrap(`the stakedrop module account holds ${held}${STAKING_DENOM} but the campaign's unclaimed total is ${expected}${STAKING_DENOM}`);
  store.setCampaign(campaign);
  store.setTotals(totals);
  return undefined;
}

function readCampaign(campaign: Campaign): CampaignState | AppError {
  const { claimStart, claimEnd } = campaign;
  if (!claimStart || !isValidTime(claimStart)) return ErrInvalidGenesis.wrap("campaign claim_start must be a valid time");
  if (!claimEnd || !isValidTime(claimEnd)) return ErrInvalidGenesis.wrap("campaign claim_end must be a valid time");
  if (compareTimes(claimStart, claimEnd) >= 0) return ErrInvalidGenesis.wrap(`claim_end (${formatTime(claimEnd)}) must come after claim_start (${formatTime(claimStart)})`);
  const swept = campaign.swept === "" ? 0n : parseWholeNumber(campaign.swept);
  if (swept === undefined) return ErrInvalidGenesis.wrap(`campaign swept must be a whole number of uxprt, got "${campaign.swept}"`);
  if (!campaign.closed && swept > 0n) return ErrInvalidGenesis.wrap("an open campaign has swept nothing");
  return { claimStart, claimEnd, closed: campaign.closed, swept };
}

/** Weighs the snapshot, shares the total under the cap and stores each positive allocation (O(n log n)). */
function allocateSnapshot(store: StakedropStore, snapshot: Snapshot, params: StakedropParams): Totals | AppError {
  const stakers = weighSnapshot(snapshot);
  if (isError(stakers)) return stakers;
  const { amounts } = shareWithCap(
    stakers.map((s) => s.weight),
    params.total,
    params.capPerAddress,
  );
  let totals = NO_TOTALS;
  stakers.forEach((staker, i) => {
    const amount = amounts[i]!;
    if (amount === 0n) return;
    store.setAllocation(staker.bytes, { cosmosAddress: staker.address, weight: staker.weight.toString(), amount: amount.toString(), claimed: false, receiver: "", claimedAt: undefined });
    totals = { ...totals, allocated: totals.allocated + amount, addresses: totals.addresses + 1n };
  });
  return totals.addresses > 0n ? totals : ErrInvalidGenesis.wrap("no staker of the snapshot gets a positive allocation");
}

/** An exported campaign's allocations: each valid, positive, within the cap, their sum within the total. */
function importAllocations(store: StakedropStore, allocations: readonly Allocation[], params: StakedropParams): Totals | AppError {
  const seen = new Set<string>();
  let totals = NO_TOTALS;
  for (const allocation of allocations) {
    const where = `allocation of ${allocation.cosmosAddress}`;
    const bytes = decodeAddress(allocation.cosmosAddress, COSMOS_PREFIX);
    if (isError(bytes)) return ErrInvalidGenesis.wrap(`${where}: ${bytes.message}`);
    if (bytes.length !== 20) return ErrInvalidGenesis.wrap(`${where}: only 20-byte key addresses can claim`);
    if (seen.has(bytesToKey(bytes))) return ErrInvalidGenesis.wrap(`${where} appears twice`);
    seen.add(bytesToKey(bytes));
    const amount = parseWholeNumber(allocation.amount);
    if (amount === undefined || amount === 0n || amount > params.capPerAddress) return ErrInvalidGenesis.wrap(`${where}: amount "${allocation.amount}" must be from 1 to the cap ${params.capPerAddress}`);
    if (!/^(0|[1-9]\d*)$/.test(allocation.weight)) return ErrInvalidGenesis.wrap(`${where}: weight "${allocation.weight}" is not a whole number`);
    const claim = checkClaim(allocation);
    if (claim) return ErrInvalidGenesis.wrap(`${where}: ${claim}`);
    totals = {
      allocated: totals.allocated + amount,
      claimed: totals.claimed + (allocation.claimed ? amount : 0n),
      addresses: totals.addresses + 1n,
      claimedAddresses: totals.claimedAddresses + (allocation.claimed ? 1n : 0n),
    };
    if (totals.allocated > params.total) return ErrInvalidGenesis.wrap(`the allocations add up to more than the total ${params.total}`);
    store.setAllocation(bytes, allocation);
  }
  return totals;
}

/** What is wrong with an allocation's claim fields, if anything. */
function checkClaim(allocation: Allocation): string | undefined {
  if (!allocation.claimed) return allocation.receiver === "" && !allocation.claimedAt ? undefined : "an unclaimed allocation has no receiver or claimed_at";
  const receiver = decodeAddress(allocation.receiver);
  if (isError(receiver)) return `receiver: ${receiver.message}`;
  return allocation.claimedAt && isValidTime(allocation.claimedAt) ? undefined : "a claimed allocation needs claimed_at";
}

export function exportStakedropGenesis(ctx: Context): unknown {
  const store = new StakedropStore(ctx);
  const campaign = store.campaign();
  return {
    params: paramsJson(store.params()),
    campaign: campaign
      ? { claim_start: formatTime(campaign.claimStart), claim_end: formatTime(campaign.claimEnd), closed: campaign.closed, swept: campaign.swept.toString() }
      : null,
    snapshot: null,
    allocations: [...store.allAllocations()].map(allocationJson),
  };
}

/** The SDK's JSON of an allocation: snake_case, every field present, times to the nanosecond. */
function allocationJson(allocation: Allocation): Record<string, unknown> {
  return {
    cosmos_address: allocation.cosmosAddress,
    weight: allocation.weight,
    amount: allocation.amount,
    claimed: allocation.claimed,
    receiver: allocation.receiver,
    claimed_at: allocation.claimedAt ? formatTime(allocation.claimedAt) : null,
  };
}

function paramsJson(params: StakedropParams): Record<string, unknown> {
  const proto = toProtoParams(params);
  return { total: proto.total, cap_per_address: proto.capPerAddress };
}
