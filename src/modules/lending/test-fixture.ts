/**
 * A chain for lending tests: the real App with funded, KYC-attested accounts (market's world),
 * an invoice NFT and invoice fractions, a registered valuer, and blocks whose time the test
 * moves. Test-only (excluded from the build).
 */
import { QueryBalanceRequest, QueryBalanceResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import type { ResponseFinalizeBlock } from "cosmjs-types/tendermint/abci/types";
import { QueryLoanRequest, QueryLoanResponse, type LoanView } from "../../generated/persistence/lending/v1/query.js";
import { ScheduleKind } from "../../generated/persistence/lending/v1/types.js";
import { AppHarness, GENESIS_SECONDS } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import { marketWorld, Wallet } from "../market/test-fixture.js";
import * as codecs from "./codecs.js";

export { attributes, fractionDenom, nftBase, placeOrder, freeze, Wallet } from "../market/test-fixture.js";
export const LENDING_ADDRESS = encodeAddress(moduleAddress("lending"));
export const MARKET_ADDRESS = encodeAddress(moduleAddress("market"));
export const DAY = 86_400n;

/** Test params: 1000 s appraisals, 100 s auctions, 50% written off at once after default and all after 2 days; no market fees unless asked. */
export const TEST_PARAMS = {
  max_appraisal_age: "1000",
  advance_rates: [{ class_id: "invoice", rate: "0.8" }],
  max_defaults_per_block: 10,
  auction_seconds: "100",
  write_offs: [
    { overdue_days: "0", fraction: "0.5" },
    { overdue_days: "2", fraction: "1" },
  ],
  max_instalments: 360,
};

export interface LendingChain {
  chain: LendingTestChain;
  alice: Wallet;
  bob: Wallet;
  valuer: Wallet;
  carol: Wallet;
  official: Wallet;
}

/** Drives an AppHarness with block times the test chooses (one second per block unless advanced). */
export class LendingTestChain {
  now: bigint;

  constructor(readonly harness: AppHarness) {
    this.now = GENESIS_SECONDS + harness.height;
  }

  get app() {
    return this.harness.app;
  }

  /** Moves the next block's time `seconds` further. */
  advance(seconds: bigint): void {
    this.now += seconds;
  }

  async block(txs: Uint8Array[]): Promise<ResponseFinalizeBlock> {
    this.now += 1n;
    const result = await this.app.finalizeBlock({ ...this.harness.nextBlock(txs), time: { seconds: this.now, nanos: 0 } });
    await this.app.commit();
    this.harness.height += 1n;
    return result;
  }

  async balance(address: string, denom: string): Promise<bigint> {
    const result = await this.app.query({ path: "/cosmos.bank.v1beta1.Query/Balance", data: QueryBalanceRequest.encode({ address, denom }).finish(), height: 0n, prove: false });
    return BigInt(QueryBalanceResponse.decode(result.value).balance!.amount);
  }

  async loan(id: bigint): Promise<LoanView> {
    return (await this.harness.query("/persistence.lending.v1.Query/Loan", QueryLoanRequest, { id }, QueryLoanResponse)).loan!;
  }

  /** The assets genesis record of invoice `id` (owner, status). */
  asset(id: string): { owner: string; status: string } {
    return (this.app.exportGenesis().assets as { assets: { id: string; owner: string; status: string }[] }).assets.find((a) => a.id === id)!;
  }

  lending(): Record<string, unknown> {
    return this.app.exportGenesis().lending as Record<string, unknown>;
  }

  close(): Promise<void> {
    return this.harness.close();
  }
}

/** alice (borrower, owns invoice n1 and 100 units of f1), bob (lender), valuer (registered), carol (buyer), all KYC'd; official is the KYC provider. */
export async function startLendingChain(options: { params?: object; market?: object; extraGenesis?: Record<string, unknown> } = {}): Promise<LendingChain> {
  const [a, b, v, c, o] = (await Promise.all([11, 12, 13, 14, 15].map((i) => TestSigner.fromSeed(i)))) as [TestSigner, TestSigner, TestSigner, TestSigner, TestSigner];
  const world = marketWorld({ signers: [a, b, v, c], official: o, verified: [a, b, v, c], nfts: [{ id: "n1", owner: a }], fractions: [{ id: "f1", holders: [[a, 100n]] }] });
  const harness = await AppHarness.start({
    genesis: {
      ...world,
      market: { params: { maker_fee_rate: "0", taker_fee_rate: "0", max_fills_per_order: 10, max_expiries_per_block: 10, recent_trades_kept: 10, ...options.market } },
      lending: { params: { ...TEST_PARAMS, ...options.params }, valuers: [{ address: v.address, name: "Valuer" }] },
      ...options.extraGenesis,
    },
  });
  const [alice, bob, valuer, carol, official] = [a, b, v, c, o].map((s, i) => new Wallet(s, BigInt(i)));
  return { chain: new LendingTestChain(harness), alice: alice!, bob: bob!, valuer: valuer!, carol: carol!, official: official! };
}

type Any = { typeUrl: string; value: Uint8Array };
const any = <T>(codec: { typeUrl: string; encode(m: T): { finish(): Uint8Array }; fromPartial(o: object): T }, fields: object): Any => ({
  typeUrl: codec.typeUrl,
  value: codec.encode(codec.fromPartial(fields)).finish(),
});

export const msg = {
  pledge: (owner: Wallet, collateral: string, amount = 1n) => any(codecs.MsgPledgeCodec, { owner: owner.address, collateral, amount: amount.toString() }),
  withdraw: (owner: Wallet, pledgeId: bigint) => any(codecs.MsgWithdrawPledgeCodec, { owner: owner.address, pledgeId }),
  appraise: (valuer: Wallet, pledgeId: bigint, value: bigint) => any(codecs.MsgAppraiseCodec, { valuer: valuer.address, pledgeId, value: value.toString(), note: "desk review" }),
  request: (borrower: Wallet, o: { pledgeId: bigint; principal: bigint; apr?: string; maturity: bigint; grace?: bigint; appraisalId?: bigint; periodSeconds?: bigint }) =>
    any(codecs.MsgRequestLoanCodec, {
      borrower: borrower.address,
      pledgeId: o.pledgeId,
      appraisalId: o.appraisalId ?? 0n,
      principal: o.principal.toString(),
      apr: o.apr ?? "0.1",
      maturity: { seconds: o.maturity, nanos: 0 },
      graceSeconds: o.grace ?? 0n,
      schedule: o.periodSeconds ? ScheduleKind.SCHEDULE_KIND_AMORTISING : ScheduleKind.SCHEDULE_KIND_BULLET,
      periodSeconds: o.periodSeconds ?? 0n,
    }),
  cancel: (borrower: Wallet, loanId: bigint) => any(codecs.MsgCancelLoanRequestCodec, { borrower: borrower.address, loanId }),
  fund: (lender: Wallet, loanId: bigint) => any(codecs.MsgFundLoanCodec, { lender: lender.address, loanId }),
  repay: (borrower: Wallet, loanId: bigint, amount: bigint) => any(codecs.MsgRepayCodec, { borrower: borrower.address, loanId, amount: amount.toString() }),
  claim: (claimant: Wallet, loanId: bigint) => any(codecs.MsgClaimProceedsCodec, { claimant: claimant.address, loanId }),
};

/** The first message response of a tx result, decoded. */
export function response<T>(result: { data: Uint8Array }, codec: { decode(bytes: Uint8Array): T }): T {
  return codec.decode(TxMsgData.decode(result.data).msgResponses[0]!.value);
}
