import type { Snapshot } from "../../generated/persistence/stakedrop/v1/types.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import { STAKING_DENOM } from "../../types/denoms.js";
import { isError, type AppError } from "../../types/errors.js";
import { shareWithCap } from "./allocation.js";
import { ErrInvalidGenesis } from "./errors.js";
import { STAKEDROP_ACCOUNT } from "./keys.js";
import { DEFAULT_STAKEDROP_PARAMS, type StakedropParams } from "./params.js";
import type { SnapshotFile } from "./snapshot-file.js";
import { weighSnapshot } from "./snapshot.js";

/** The stakedrop module account's bech32 address: where a genesis puts the campaign's funds. */
export const STAKEDROP_ADDRESS = encodeAddress(moduleAddress(STAKEDROP_ACCOUNT));

export interface CampaignOptions {
  snapshot: SnapshotFile;
  /** RFC 3339 block times: claims are accepted from claimStart until (excluding) claimEnd. */
  claimStart: string;
  claimEnd: string;
  /** Defaults to 200,000 XPRT in total, 5,000 XPRT per address. */
  params?: StakedropParams;
}

/** `app_state.stakedrop` of a new campaign: its allocations are computed from the snapshot when the chain starts. */
export function campaignGenesis(options: CampaignOptions): Record<string, unknown> {
  const params = options.params ?? DEFAULT_STAKEDROP_PARAMS;
  return {
    params: { total: params.total.toString(), cap_per_address: params.capPerAddress.toString() },
    campaign: { claim_start: options.claimStart, claim_end: options.claimEnd, closed: false, swept: "0" },
    snapshot: options.snapshot,
    allocations: [],
  };
}

interface BankBalanceJson {
  address: string;
  coins: { denom: string; amount: string }[];
}

/**
 * An app_state (the Cosmos SDK's JSON) with a new campaign, funded from an account's genesis
 * balance: `total` uxprt move from `funder` (default: the first account of bank's balances, which
 * holds the rest of the supply on the devnet and testnets) to the stakedrop module account, so
 * the genesis supply is unchanged. The input is not modified.
 *
 * @example
 * const appState = withCampaign(JSON.parse(genesis).app_state, { snapshot, claimStart: "2025-01-01T00:00:00Z", claimEnd: "2025-07-01T00:00:00Z" });
 */
export function withCampaign(appState: Record<string, unknown>, options: CampaignOptions & { funder?: string }): Record<string, unknown> | AppError {
  const total = (options.params ?? DEFAULT_STAKEDROP_PARAMS).total;
  const bank = (appState.bank ?? {}) as { balances?: BankBalanceJson[] };
  const balances = (bank.balances ?? []).map((b) => ({ address: b.address, coins: b.coins.map((c) => ({ ...c })) }));
  const funder = options.funder ? balances.find((b) => b.address === options.funder) : balances[0];
  if (!funder) return ErrInvalidGenesis.wrap(options.funder ? `${options.funder} has no genesis balance` : "the genesis has no balances to fund the campaign from");
  if (balances.some((b) => b.address === STAKEDROP_ADDRESS)) return ErrInvalidGenesis.wrap(`the genesis already has a balance for the stakedrop account ${STAKEDROP_ADDRESS}`);
  const held = BigInt(funder.coins.find((c) => c.denom === STAKING_DENOM)?.amount ?? "0");
  if (held < total) return ErrInvalidGenesis.wrap(`${funder.address} holds ${held}${STAKING_DENOM}, less than the campaign total ${total}${STAKING_DENOM}`);
  funder.coins = funder.coins.map((c) => (c.denom === STAKING_DENOM ? { ...c, amount: (held - total).toString() } : c)).filter((c) => c.amount !== "0");
  balances.push({ address: STAKEDROP_ADDRESS, coins: [{ denom: STAKING_DENOM, amount: total.toString() }] });
  return { ...appState, bank: { ...bank, balances }, stakedrop: campaignGenesis(options) };
}

export interface CampaignPreview {
  stakers: number;
  /** Stakers with a positive allocation. */
  recipients: number;
  capped: number;
  allocated: bigint;
  dust: bigint;
  largest: bigint;
}

/** What a snapshot allocates under `params`, computed as genesis will (to check a file before a chain starts). */
export function previewCampaign(snapshot: Snapshot, params: StakedropParams = DEFAULT_STAKEDROP_PARAMS): CampaignPreview | AppError {
  const stakers = weighSnapshot(snapshot);
  if (isError(stakers)) return stakers;
  const shares = shareWithCap(
    stakers.map((s) => s.weight),
    params.total,
    params.capPerAddress,
  );
  const recipients = shares.amounts.filter((a) => a > 0n);
  return {
    stakers: stakers.length,
    recipients: recipients.length,
    capped: shares.capped,
    allocated: params.total - shares.dust,
    dust: shares.dust,
    largest: recipients.reduce((max, a) => (a > max ? a : max), 0n),
  };
}
