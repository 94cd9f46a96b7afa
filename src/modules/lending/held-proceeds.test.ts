import type { Event } from "cosmjs-types/tendermint/abci/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LoanStatus } from "../../generated/persistence/lending/v1/types.js";
import { AppHarness } from "../../testing/app-harness.js";
import { encodeAddress } from "../../types/address.js";
import { MsgAddToDenyList, MsgRemoveFromDenyList } from "../identity/codecs.js";
import type { LoanPayment } from "./hooks.js";
import { LendingKeeper } from "./keeper.js";
import { attributes, LENDING_ADDRESS, LendingTestChain, msg, placeOrder, startLendingChain, type LendingChain, type Wallet } from "./test-fixture.js";

const NFT = "nft:invoice/n1";
/** carol's standing bid for the invoice: the auction sells into it as it is placed, well above the debt. */
const BID = 3_000_000n;

type Recovered = Omit<LoanPayment, "lender"> & { lender: string; collateral: boolean };

describe("lending: auction proceeds the lender refuses", () => {
  let t: LendingChain;
  afterEach(() => {
    vi.restoreAllMocks();
    return t.chain.close();
  });

  const ok = async (...txs: Promise<Uint8Array>[]) => {
    const result = await t.chain.block(await Promise.all(txs));
    for (const tx of result.txResults) expect(tx.code, tx.log).toBe(0);
    return result;
  };
  const denyList = (account: Wallet) => ({ typeUrl: MsgAddToDenyList.typeUrl, value: MsgAddToDenyList.encode({ authority: t.official.address, address: account.address, reason: "sanctions" }).finish() });
  const allow = (account: Wallet) => ({ typeUrl: MsgRemoveFromDenyList.typeUrl, value: MsgRemoveFromDenyList.encode({ authority: t.official.address, address: account.address }).finish() });
  const ofType = (result: { events: Event[] }, type: string) =>
    attributes({ events: result.events }, type).map(({ mode: _mode, ...rest }) => rest);

  /** alice's 1,000,000 uusd bullet loan on the invoice NFT, funded by bob, with carol's bid of BID standing; returns its maturity. */
  const fundedLoanWithBid = async () => {
    await ok(t.alice.tx(msg.pledge(t.alice, NFT)));
    await ok(t.valuer.tx(msg.appraise(t.valuer, 1n, 2_000_000n)));
    const maturity = t.chain.now + 10n;
    await ok(t.alice.tx(msg.request(t.alice, { pledgeId: 1n, principal: 1_000_000n, maturity, grace: 5n })));
    await ok(t.bob.tx(msg.fund(t.bob, 1n)));
    await ok(t.carol.tx(placeOrder(t.carol.signer, { base: NFT, side: "buy", price: BID, quantity: 1n })));
    return maturity;
  };

  /**
   * Starts the chain with a recorder of lending's afterRecovery calls (registered with addHooks on
   * the App's own keeper, which pools registers with first), funds a 1,000,000 uusd bullet loan on
   * the invoice NFT, lets carol bid BID for it, optionally deny-lists the lender, and returns the
   * block that impaired the loan and sold the NFT into the bid.
   */
  const defaultAndSell = async (denyLender: boolean) => {
    const addHooks = vi.spyOn(LendingKeeper.prototype, "addHooks");
    t = await startLendingChain();
    const keeper = addHooks.mock.contexts.at(-1) as LendingKeeper;
    const recovered: Recovered[] = [];
    keeper.addHooks({ afterRecovery: (_ctx, payment) => void recovered.push({ ...payment, lender: encodeAddress(payment.lender) }) });

    const maturity = await fundedLoanWithBid();
    if (denyLender) await ok(t.official.tx(denyList(t.bob)));
    const balances = { bob: await t.chain.balance(t.bob.address, "uusd"), alice: await t.chain.balance(t.alice.address, "uusd"), lending: await t.chain.balance(LENDING_ADDRESS, "uusd") };
    t.chain.advance(maturity + 5n - t.chain.now - 1n);
    const sold = await ok();
    const [fill] = ofType(sold, "auction_fill");
    expect(fill).toMatchObject({ loan_id: "1", proceeds: BID.toString() });
    const toLender = BigInt(fill!.to_lender!);
    expect(toLender).toBe(BigInt(ofType(sold, "loan_impaired")[0]!.debt!));
    expect(BigInt(fill!.to_borrower!)).toBe(BID - toLender);
    return { sold, toLender, balances, recovered };
  };

  it("control: pays the lender, tells the hooks, and keeps nothing", async () => {
    const { sold, toLender, balances, recovered } = await defaultAndSell(false);
    expect(await t.chain.balance(t.bob.address, "uusd")).toBe(balances.bob + toLender);
    expect(await t.chain.balance(t.alice.address, "uusd")).toBe(balances.alice + BID - toLender);
    expect(await t.chain.balance(LENDING_ADDRESS, "uusd")).toBe(balances.lending);
    expect(ofType(sold, "collateral_held")).toEqual([]);
    expect(recovered).toHaveLength(1);
    expect(recovered[0]).toMatchObject({ loanId: 1n, lender: t.bob.address, collateral: false });
    expect(recovered[0]!.principal + recovered[0]!.interest).toBe(toLender);
    expect(recovered[0]!.principal).toBe(1_000_000n);
    expect((await t.chain.loan(1n)).loan!).toMatchObject({ status: LoanStatus.LOAN_STATUS_RECOVERED, heldPrincipal: "0", heldInterest: "0" });
  });

  it("keeps a denied lender's share in the lending account, on record, without telling the hooks; the borrower still gets the excess", async () => {
    const { sold, toLender, balances, recovered } = await defaultAndSell(true);
    expect(await t.chain.balance(t.bob.address, "uusd")).toBe(balances.bob);
    expect(await t.chain.balance(LENDING_ADDRESS, "uusd")).toBe(balances.lending + toLender);
    expect(await t.chain.balance(t.alice.address, "uusd")).toBe(balances.alice + BID - toLender);
    const [held] = ofType(sold, "collateral_held");
    expect(held).toMatchObject({ loan_id: "1", owner: "lender", collateral: "uusd", amount: toLender.toString(), refusal: expect.stringContaining("deny list") });
    expect(recovered).toEqual([]);
    // The sale discharged the borrower's debt; what it owes the lender is kept on the loan until claimed.
    const loan = (await t.chain.loan(1n)).loan!;
    expect(loan).toMatchObject({ status: LoanStatus.LOAN_STATUS_RECOVERED, heldPrincipal: "1000000", heldExcess: "0" });
    expect(BigInt(loan.heldPrincipal) + BigInt(loan.heldInterest)).toBe(toLender);
  });

  it("exports what it keeps, re-imports it, and refuses a genesis keeping more uusd than the lending account holds", async () => {
    const { toLender } = await defaultAndSell(true);
    const exported = t.chain.app.exportGenesis();
    const lending = exported.lending as { loans: Record<string, unknown>[] };
    expect(BigInt(lending.loans[0]!.held_principal as string) + BigInt(lending.loans[0]!.held_interest as string)).toBe(toLender);
    const copy = await AppHarness.start({ genesis: exported });
    try {
      const chain = new LendingTestChain(copy);
      chain.now = t.chain.now;
      await chain.block([]);
      expect(copy.app.exportGenesis().lending).toEqual(exported.lending);
    } finally {
      await copy.close();
    }
    const tooMuch = { ...exported, lending: { ...lending, loans: [{ ...lending.loans[0], held_excess: "1" }] } };
    await expect(AppHarness.start({ genesis: tooMuch })).rejects.toThrow(`loans keep ${toLender + 1n}uusd but the lending account holds ${toLender}`);
  });

  it("releases the held share to the lender once allowed, then tells the hooks; a claim while denied, by another or twice changes nothing", async () => {
    const { toLender, balances, recovered } = await defaultAndSell(true);
    const loanBefore = (await t.chain.loan(1n)).loan!;

    // While denied, bob cannot even pay the fee: the claim is refused in the ante step and his sequence stays.
    const whileDenied = (await t.chain.block([await t.bob.tx(msg.claim(t.bob, 1n))])).txResults[0]!;
    expect([whileDenied.codespace, whileDenied.log]).toEqual(["identity", expect.stringContaining("deny list")]);
    t.bob.rollback();
    const byOther = (await t.chain.block([await t.carol.tx(msg.claim(t.carol, 1n))])).txResults[0]!;
    expect([byOther.codespace, byOther.code, byOther.log]).toEqual(["lending", 2, expect.stringContaining("nothing held for")]);
    expect((await t.chain.loan(1n)).loan).toEqual(loanBefore);
    expect(await t.chain.balance(LENDING_ADDRESS, "uusd")).toBe(balances.lending + toLender);

    await ok(t.official.tx(allow(t.bob)));
    const claimed = await ok(t.bob.tx(msg.claim(t.bob, 1n)));
    expect(ofType(claimed.txResults[0]!, "proceeds_released")[0]).toMatchObject({ loan_id: "1", owner: t.bob.address, role: "lender", amount: toLender.toString() });
    expect(await t.chain.balance(LENDING_ADDRESS, "uusd")).toBe(balances.lending);
    expect(await t.chain.balance(t.bob.address, "uusd")).toBe(balances.bob + toLender);
    expect(recovered).toEqual([{ loanId: 1n, lender: t.bob.address, principal: BigInt(loanBefore.heldPrincipal), interest: BigInt(loanBefore.heldInterest), collateral: false }]);
    expect((await t.chain.loan(1n)).loan!).toMatchObject({ heldPrincipal: "0", heldInterest: "0" });

    const twice = (await t.chain.block([await t.bob.tx(msg.claim(t.bob, 1n))])).txResults[0]!;
    expect([twice.code, twice.log]).toEqual([2, expect.stringContaining("nothing held for")]);
  });

  it("keeps a denied borrower's excess the same way and releases it to the borrower", async () => {
    t = await startLendingChain();
    const maturity = await fundedLoanWithBid();
    await ok(t.official.tx(denyList(t.alice)));
    const alice0 = await t.chain.balance(t.alice.address, "uusd");
    t.chain.advance(maturity + 5n - t.chain.now - 1n);
    const sold = await ok();
    const toBorrower = BigInt(ofType(sold, "auction_fill")[0]!.to_borrower!);
    expect(toBorrower).toBeGreaterThan(0n);
    expect(ofType(sold, "collateral_held")[0]).toMatchObject({ loan_id: "1", owner: "borrower", amount: toBorrower.toString() });
    expect(await t.chain.balance(t.alice.address, "uusd")).toBe(alice0);
    expect(await t.chain.balance(LENDING_ADDRESS, "uusd")).toBe(toBorrower);
    expect((await t.chain.loan(1n)).loan!).toMatchObject({ status: LoanStatus.LOAN_STATUS_RECOVERED, heldExcess: toBorrower.toString(), heldPrincipal: "0" });

    await ok(t.official.tx(allow(t.alice)));
    const claimed = await ok(t.alice.tx(msg.claim(t.alice, 1n)));
    expect(ofType(claimed.txResults[0]!, "proceeds_released")[0]).toMatchObject({ loan_id: "1", owner: t.alice.address, role: "borrower", amount: toBorrower.toString() });
    expect(await t.chain.balance(t.alice.address, "uusd")).toBe(alice0 + toBorrower);
    expect(await t.chain.balance(LENDING_ADDRESS, "uusd")).toBe(0n);
  });

  it("refuses a claim on a loan that does not exist or with loan id 0, changing nothing", async () => {
    t = await startLendingChain();
    await ok();
    const lending0 = await t.chain.balance(LENDING_ADDRESS, "uusd");
    const bob0 = await t.chain.balance(t.bob.address, "uusd");
    const unknown = (await t.chain.block([await t.bob.tx(msg.claim(t.bob, 99n))])).txResults[0]!;
    expect([unknown.codespace, unknown.log]).toEqual(["lending", expect.stringContaining("no loan 99")]);
    const zero = (await t.chain.block([await t.bob.tx(msg.claim(t.bob, 0n))])).txResults[0]!;
    expect([zero.codespace, zero.code, zero.log]).toEqual(["lending", 2, expect.stringContaining("loan_id")]);
    expect(await t.chain.balance(LENDING_ADDRESS, "uusd")).toBe(lending0);
    expect(await t.chain.balance(t.bob.address, "uusd")).toBe(bob0);
  });
});
