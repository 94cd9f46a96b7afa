import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppHarness } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { buyEscrow } from "./fees.js";
import { DEFAULT_MARKET_PARAMS } from "./params.js";
import {
  cancelOrder,
  DISTRIBUTION_ADDRESS,
  FEE_COLLECTOR_ADDRESS,
  fractionDenom,
  freeze,
  MARKET_ADDRESS,
  MarketReader,
  marketWorld,
  nftBase,
  placeOrder,
  unfreeze,
  Wallet,
} from "./test-fixture.js";

const F1 = fractionDenom("f1");
const NFT = nftBase("n1");
const BALANCE = 1_000_000_000n;
const UNITS = 60n;

/** One step of a random sequence: an order, a cancel, or a freeze or unfreeze of a trader. */
const action = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.record({
      kind: fc.constant("place" as const),
      who: fc.nat({ max: 2 }),
      nft: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      buy: fc.boolean(),
      price: fc.bigInt({ min: 5n, max: 8n }),
      quantity: fc.bigInt({ min: 1n, max: 12n }),
      expiresIn: fc.option(fc.bigInt({ min: 1n, max: 3n })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel" as const), who: fc.nat({ max: 2 }), id: fc.bigInt({ min: 1n, max: 15n }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom("freeze" as const, "unfreeze" as const, "unfreeze" as const), who: fc.nat({ max: 2 }) }) },
);

interface ExportedOrder {
  id: string;
  base: string;
  side: string;
  price: string;
  remaining: string;
  escrow: string;
  suspended?: boolean;
}

describe("market escrow", () => {
  it("holds exactly the open orders' escrow, and creates or destroys nothing, through random order sequences", async () => {
    const signers = await Promise.all([0, 1, 2, 3].map((i) => TestSigner.fromSeed(300 + i)));
    const [traders, official] = [signers.slice(0, 3), signers[3]!];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(action, { maxLength: 8 }), { minLength: 1, maxLength: 6 }), async (blocks) => {
        const world = marketWorld({
          signers: traders,
          official,
          verified: traders,
          balance: BALANCE,
          nfts: [{ id: "n1", owner: traders[0]! }],
          fractions: [{ id: "f1", holders: traders.map((t) => [t, UNITS / 3n] as const) }],
        });
        const chain = await AppHarness.start({ genesis: world });
        const read = new MarketReader(chain.app);
        const wallets = traders.map((s, i) => new Wallet(s, BigInt(i)));
        const authority = new Wallet(official, 3n);
        try {
          for (const actions of blocks) {
            const txs = actions.map((a) => {
              const wallet = wallets[a.who]!;
              if (a.kind === "cancel") return wallet.tx(cancelOrder(wallet.signer, a.id));
              if (a.kind !== "place") return authority.tx(a.kind === "freeze" ? freeze(official, wallet.signer) : unfreeze(official, wallet.signer));
              const expiresAt = a.expiresIn === null ? undefined : 1_700_000_000n + chain.height + 1n + a.expiresIn;
              const order = { base: a.nft ? NFT : F1, side: a.buy ? ("buy" as const) : ("sell" as const), price: a.price, quantity: a.nft ? 1n : a.quantity };
              return wallet.tx(placeOrder(wallet.signer, expiresAt === undefined ? order : { ...order, expiresAt }));
            });
            await chain.block(await Promise.all(txs));

            const state = chain.app.exportGenesis() as { market: { orders: ExportedOrder[] }; assets: { assets: { id: string; owner: string }[] } };
            const orders = state.market.orders;
            const escrowOf = (denom: string) => orders.filter((o) => (denom === "uusd" ? o.side === "SIDE_BUY" : o.side === "SIDE_SELL" && o.base === denom)).reduce((sum, o) => sum + BigInt(o.escrow), 0n);
            expect(await read.balance(MARKET_ADDRESS, "uusd")).toBe(escrowOf("uusd"));
            expect(await read.balance(MARKET_ADDRESS, F1)).toBe(escrowOf(F1));
            const nftOnSale = orders.some((o) => o.side === "SIDE_SELL" && o.base === NFT);
            expect(state.assets.assets.find((a) => a.id === "n1")!.owner === MARKET_ADDRESS).toBe(nftOnSale);
            for (const o of orders) {
              const needed = o.side === "SIDE_BUY" ? buyEscrow(BigInt(o.price), BigInt(o.remaining), DEFAULT_MARKET_PARAMS) : BigInt(o.remaining);
              expect(BigInt(o.escrow)).toBe(needed);
            }

            const holders = [...traders.map((t) => t.address), MARKET_ADDRESS, FEE_COLLECTOR_ADDRESS, DISTRIBUTION_ADDRESS];
            const total = async (denom: string) => (await Promise.all(holders.map((h) => read.balance(h, denom)))).reduce((a, b) => a + b, 0n);
            expect(await total("uusd")).toBe(3n * BALANCE);
            expect(await total(F1)).toBe(UNITS);

            // The depth aggregates match the resting orders they summarise.
            for (const [base, side] of [[F1, "buy"], [F1, "sell"], [NFT, "buy"], [NFT, "sell"]] as const) {
              const resting = orders.filter((o) => o.base === base && o.side === (side === "buy" ? "SIDE_BUY" : "SIDE_SELL") && !o.suspended);
              const levels = new Map<string, { quantity: bigint; orders: number }>();
              for (const o of resting) {
                const level = levels.get(o.price) ?? { quantity: 0n, orders: 0 };
                levels.set(o.price, { quantity: level.quantity + BigInt(o.remaining), orders: level.orders + 1 });
              }
              const expected = [...levels.entries()]
                .sort(([a], [b]) => (side === "buy" ? Number(BigInt(b) - BigInt(a)) : Number(BigInt(a) - BigInt(b))))
                .map(([price, l]) => ({ price, quantity: l.quantity.toString(), orders: l.orders }));
              expect(await read.book(base, side)).toEqual(expected);
            }
          }
        } finally {
          await chain.close();
        }
      }),
      { numRuns: 50 },
    );
  }, 180_000);
});
