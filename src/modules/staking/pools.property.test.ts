import fc from "fast-check";
import type { Event } from "cosmjs-types/tendermint/abci/types";
import { describe, expect, it } from "vitest";
import { BONDED_POOL_ADDRESS, delegateMsg, NOT_BONDED_POOL_ADDRESS, redelegateMsg, stakingChain, undelegateMsg, XPRT, type StakingChain } from "./test-fixture.js";

const ONE = 10n ** 18n;

type Command =
  | { kind: "delegate"; who: number; validator: number; amount: bigint }
  | { kind: "undelegate"; who: number; validator: number; amount: bigint }
  | { kind: "redelegate"; who: number; from: number; to: number; amount: bigint }
  | { kind: "wait"; blocks: number };

const amount = fc.bigInt({ min: 1n, max: 7n * XPRT });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant("delegate" as const), who: fc.nat(3), validator: fc.nat(2), amount }),
  fc.record({ kind: fc.constant("undelegate" as const), who: fc.nat(3), validator: fc.nat(2), amount }),
  fc.record({ kind: fc.constant("redelegate" as const), who: fc.nat(3), from: fc.nat(2), to: fc.nat(2), amount }),
  fc.record({ kind: fc.constant("wait" as const), blocks: fc.integer({ min: 1, max: 4 }) }),
);

interface Exported {
  bank: { balances: { address: string; coins: { denom: string; amount: string }[] }[]; supply: { denom: string; amount: string }[] };
  staking: {
    validators: { operator_address: string; status: string; tokens: string; delegator_shares: string }[];
    delegations: { validator_address: string; shares: string }[];
    unbonding_delegations: { entries: { balance: string }[] }[];
  };
}

const uxprt = (coins: { denom: string; amount: string }[] | undefined) => BigInt(coins?.find((c) => c.denom === "uxprt")?.amount ?? "0");
const sumOf = (events: Event[], type: string) =>
  events.filter((e) => e.type === type).reduce((sum, e) => sum + BigInt(/^(\d+)uxprt$/.exec(e.attributes.find((a) => a.key === "amount")!.value)?.[1] ?? "0"), 0n);

/** The invariants of the pools and shares, read from the exported state. */
function checkLedger(state: Exported): bigint {
  const balance = (address: string) => uxprt(state.bank.balances.find((b) => b.address === address)?.coins);
  const bonded = state.staking.validators.filter((v) => v.status === "BOND_STATUS_BONDED").reduce((sum, v) => sum + BigInt(v.tokens), 0n);
  const others = state.staking.validators.filter((v) => v.status !== "BOND_STATUS_BONDED").reduce((sum, v) => sum + BigInt(v.tokens), 0n);
  const unbonding = state.staking.unbonding_delegations.flatMap((u) => u.entries).reduce((sum, e) => sum + BigInt(e.balance), 0n);
  expect(balance(BONDED_POOL_ADDRESS)).toBe(bonded);
  expect(balance(NOT_BONDED_POOL_ADDRESS)).toBe(others + unbonding);
  for (const v of state.staking.validators) {
    const shares = state.staking.delegations.filter((d) => d.validator_address === v.operator_address).reduce((sum, d) => sum + parseDec(d.shares), 0n);
    expect(shares).toBe(parseDec(v.delegator_shares));
    // Shares ↔ tokens never creates tokens: every delegation's worth, summed, is within the validator's tokens.
    const worth = state.staking.delegations
      .filter((d) => d.validator_address === v.operator_address)
      .reduce((sum, d) => sum + (parseDec(d.shares) * BigInt(v.tokens)) / parseDec(v.delegator_shares), 0n);
    expect(worth <= BigInt(v.tokens)).toBe(true);
  }
  return uxprt(state.bank.supply);
}

function parseDec(text: string): bigint {
  const [whole, fraction = ""] = text.split(".");
  return BigInt(whole!) * ONE + BigInt(fraction.padEnd(18, "0"));
}

describe("staking pools (property)", () => {
  it("keep the ledger, the shares and the supply in step over random delegations, unbondings and redelegations", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 3, maxLength: 10 }), async (commands) => {
        const s: StakingChain = await stakingChain({
          accounts: 4,
          validators: [{ account: 0, tokens: 3n * XPRT }, { account: 1, tokens: 2n * XPRT }, { account: 2, tokens: 1n * XPRT }],
          params: { unbonding_time: "3s", max_validators: 2 },
        });
        try {
          let supply = checkLedger(s.chain.app.exportGenesis() as unknown as Exported);
          for (const c of commands) {
            const w = s.wallets[c.kind === "wait" ? 0 : c.who]!;
            const msg =
              c.kind === "delegate"
                ? delegateMsg(w.address, s.wallets[c.validator]!.operator, c.amount)
                : c.kind === "undelegate"
                  ? undelegateMsg(w.address, s.wallets[c.validator]!.operator, c.amount)
                  : c.kind === "redelegate"
                    ? redelegateMsg(w.address, s.wallets[c.from]!.operator, s.wallets[c.to]!.operator, c.amount)
                    : undefined;
            const blocks = c.kind === "wait" ? c.blocks : 1;
            for (let i = 0; i < blocks; i++) {
              const block = await s.chain.block(msg && i === 0 ? [await w.tx(msg)] : []);
              const events = [...block.events, ...block.txResults.flatMap((r) => r.events)];
              const next = checkLedger(s.chain.app.exportGenesis() as unknown as Exported);
              // Only minting adds uxprt and only burns remove it; staking moves, never creates.
              expect(next - supply).toBe(sumOf(events, "coinbase") - sumOf(events, "burn"));
              supply = next;
            }
          }
        } finally {
          await s.chain.close();
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
