/**
 * A chain for pools tests: lending's world (borrower alice with invoice n1 and 100 units of f1,
 * KYC'd bob, carol and valuer; official is the KYC provider without claims of its own) with a
 * pool opened by the valuer acting as originator. Test-only (excluded from the build).
 */
import { QueryOrdersRequest, QueryOrdersResponse, QueryPoolRequest, QueryPoolResponse, type OrderView, type PoolView } from "../../generated/persistence/pools/v1/query.js";
import { Tranche } from "../../generated/persistence/pools/v1/types.js";
import { encodeAddress, moduleAddress } from "../../types/address.js";
import { startLendingChain, type LendingChain, type Wallet } from "../lending/test-fixture.js";
import * as codecs from "./codecs.js";

export { attributes, DAY, fractionDenom, msg as lendingMsg, placeOrder, response, type Wallet } from "../lending/test-fixture.js";
export const POOLS_ADDRESS = encodeAddress(moduleAddress("pools"));
export const YEAR = 31_536_000n;
export const SENIOR = Tranche.TRANCHE_SENIOR;
export const JUNIOR = Tranche.TRANCHE_JUNIOR;

/** Pool terms of the tests: senior 5%, junior 20–50%, NAV discounted at 10%, 10 s epochs, KYC level 1 for investors. */
export const TERMS = {
  seniorApr: "0.05",
  minJuniorRatio: "0.2",
  maxJuniorRatio: "0.5",
  maxReserve: "100000000000",
  investorRequirement: { minKycLevel: 1 },
  discountApr: "0.1",
  minEpochSeconds: 10n,
};

type Any = { typeUrl: string; value: Uint8Array };
const any = <T>(codec: { typeUrl: string; encode(m: T): { finish(): Uint8Array }; fromPartial(o: object): T }, fields: object): Any => ({
  typeUrl: codec.typeUrl,
  value: codec.encode(codec.fromPartial(fields)).finish(),
});

export const poolMsg = {
  create: (originator: Wallet, terms: object = TERMS) => any(codecs.MsgCreatePoolCodec, { originator: originator.address, ...terms }),
  invest: (investor: Wallet, poolId: bigint, tranche: Tranche, amount: bigint) => any(codecs.MsgInvestCodec, { investor: investor.address, poolId, tranche, amount: amount.toString() }),
  redeem: (investor: Wallet, poolId: bigint, tranche: Tranche, tokens: bigint) => any(codecs.MsgRedeemCodec, { investor: investor.address, poolId, tranche, tokens: tokens.toString() }),
  close: (sender: Wallet, poolId: bigint) => any(codecs.MsgCloseEpochCodec, { sender: sender.address, poolId }),
  claim: (investor: Wallet, poolId: bigint, tranche: Tranche) => any(codecs.MsgClaimCodec, { investor: investor.address, poolId, tranche }),
  finance: (originator: Wallet, poolId: bigint, loanId: bigint) => any(codecs.MsgFinanceLoanCodec, { originator: originator.address, poolId, loanId }),
};

export interface PoolsChain extends LendingChain {
  pool(id?: bigint): Promise<PoolView>;
  orders(investor: Wallet, poolId?: bigint): Promise<OrderView[]>;
  /** Runs txs in one block, each of which must succeed. */
  ok(...txs: Promise<Uint8Array>[]): ReturnType<LendingChain["chain"]["block"]>;
}

export async function startPoolsChain(options: Parameters<typeof startLendingChain>[0] = {}): Promise<PoolsChain> {
  const t = await startLendingChain(options);
  const { expect } = await import("vitest");
  return {
    ...t,
    pool: async (id = 1n) => (await t.chain.harness.query("/persistence.pools.v1.Query/Pool", QueryPoolRequest, { id }, QueryPoolResponse)).pool!,
    orders: async (investor, poolId = 1n) => (await t.chain.harness.query("/persistence.pools.v1.Query/Orders", QueryOrdersRequest, { poolId, investor: investor.address }, QueryOrdersResponse)).orders,
    ok: async (...txs) => {
      const result = await t.chain.block(await Promise.all(txs));
      for (const tx of result.txResults) expect(tx.code, tx.log).toBe(0);
      return result;
    },
  };
}

/** Opens pool 1 (originator: valuer) with bob's senior and carol's junior investment executed and claimed; returns the block time the senior started accruing. */
export async function fundedPool(t: PoolsChain, senior: bigint, junior: bigint): Promise<bigint> {
  await t.ok(t.valuer.tx(poolMsg.create(t.valuer)));
  await t.ok(t.bob.tx(poolMsg.invest(t.bob, 1n, SENIOR, senior)), t.carol.tx(poolMsg.invest(t.carol, 1n, JUNIOR, junior)));
  t.chain.advance(10n);
  await t.ok(t.alice.tx(poolMsg.close(t.alice, 1n)));
  const since = t.chain.now;
  await t.ok(t.bob.tx(poolMsg.claim(t.bob, 1n, SENIOR)), t.carol.tx(poolMsg.claim(t.carol, 1n, JUNIOR)));
  return since;
}
