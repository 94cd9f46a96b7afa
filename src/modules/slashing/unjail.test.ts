import { describe, expect, it } from "vitest";
import { encodeAddress } from "../../types/address.js";
import type { ErrorCode } from "../../types/errors.js";
import { ErrInvalidAddress } from "../../types/errors.js";
import {
  ErrMissingSelfDelegation,
  ErrNoValidatorForAddress,
  ErrSelfDelegationTooLowToUnjail,
  ErrValidatorJailed,
  ErrValidatorNotJailed,
} from "./errors.js";
import { bytesToKey } from "../../store/bytes.js";
import { duplicateVote, operatorAddress, SlashingChain, vote } from "./test-fixture.js";
import type { ValidatorView } from "./expected-keepers.js";

const GENESIS = { params: { signed_blocks_window: "4", min_signed_per_window: "0.5", downtime_jail_duration: "60s" } };

/** A chain with validator 1 jailed for downtime at height 9 (bonded at 1, window 4: 5 signed blocks, then 3 misses). */
function jailedForDowntime(minSelfDelegation?: bigint) {
  const chain = new SlashingChain(GENESIS);
  const validator = chain.bond(1, 10_000_000n, minSelfDelegation);
  for (let h = 2; h <= 6; h++) chain.block({ votes: [vote(validator, true)] });
  for (let h = 0; h < 3; h++) chain.block({ votes: [vote(validator, false)] });
  expect(validator.jailed).toBe(true);
  return { chain, validator };
}

describe("MsgUnjail", () => {
  const refuses = (chain: SlashingChain, validator: ValidatorView, address: string, kind: ErrorCode, log: string) => {
    const before = { state: chain.exportGenesis(), jailed: validator.jailed };
    const error = chain.unjail(address);
    expect(error?.kind).toBe(kind);
    expect(error?.log).toContain(log);
    expect({ state: chain.exportGenesis(), jailed: validator.jailed }).toEqual(before);
  };

  it("refuses before jailed_until, accepts from jailed_until on", () => {
    const { chain, validator } = jailedForDowntime();
    const info = chain.signingInfo(validator)!;
    expect(info.jailedUntil.seconds).toBe(1_700_000_000n + 9n + 60n);
    while (chain.height < 68n) refuses(chain, validator, operatorAddress(validator), ErrValidatorJailed, "is jailed until 2023-11-14T22:14:29Z");
    expect(chain.unjail(operatorAddress(validator))).toBeUndefined();
    expect(chain.height).toBe(69n);
    expect(validator.jailed).toBe(false);
    expect(chain.signingInfo(validator)).toEqual(info);
  });

  it("refuses a validator that is not jailed, an unknown one and a malformed address", () => {
    const { chain, validator } = jailedForDowntime();
    const other = chain.bond(2);
    refuses(chain, validator, operatorAddress(other), ErrValidatorNotJailed, "is not jailed");
    refuses(chain, validator, encodeAddress(new Uint8Array(20).fill(9), "persistencevaloper"), ErrNoValidatorForAddress, "no validator with operator address");
    refuses(chain, validator, encodeAddress(validator.operator), ErrInvalidAddress, "invalid Bech32 prefix; expected persistencevaloper");
  });

  it("refuses when the self-delegation is gone or worth less than the min self delegation", () => {
    const { chain, validator } = jailedForDowntime(9_950_000n);
    for (let h = 0; h < 60; h++) chain.block();
    // Slashed 1%: 9,900,000 uxprt left, below the 9,950,000 minimum.
    refuses(chain, validator, operatorAddress(validator), ErrSelfDelegationTooLowToUnjail, "9900000 less than 9950000");
    chain.staking.selfShares.delete(bytesToKey(validator.operator));
    refuses(chain, validator, operatorAddress(validator), ErrMissingSelfDelegation, "has no self-delegation");
  });

  it("refuses a tombstoned validator forever", () => {
    const { chain, validator } = jailedForDowntime();
    chain.block({ misbehavior: [duplicateVote(validator, chain.height)] });
    for (let h = 0; h < 100; h++) chain.block();
    refuses(chain, validator, operatorAddress(validator), ErrValidatorJailed, "is tombstoned for double signing");
  });

  it("lets a jailed validator without signing info (never bonded) unjail at once", () => {
    const chain = new SlashingChain(GENESIS);
    const validator = chain.bond(1);
    chain.staking.remove(chain.context("block"), validator);
    chain.staking.validators.push({ ...validator, jailed: true });
    expect(chain.unjail(operatorAddress(validator))).toBeUndefined();
    expect(chain.staking.validators[0]!.jailed).toBe(false);
  });
});
