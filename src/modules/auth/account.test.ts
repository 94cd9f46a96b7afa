import { Any } from "cosmjs-types/google/protobuf/any";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeProto, encodeProto } from "../../types/proto.js";
import { accountFromAny, accountToAny, encodeAccount, type Account } from "./account.js";

const uint64 = fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 2n ** 7n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }));
const account: fc.Arbitrary<Account> = fc.record({
  address: fc.oneof(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.uint8Array({ minLength: 32, maxLength: 32 })),
  publicKey: fc.option(fc.oneof(fc.uint8Array({ minLength: 33, maxLength: 33 }), fc.uint8Array({ maxLength: 200 })), { nil: undefined }),
  accountNumber: uint64,
  sequence: uint64,
});

describe("encodeAccount", () => {
  it("writes a BaseAccount byte for byte as cosmjs-types does", () => {
    fc.assert(
      fc.property(account, (acc) => {
        expect(encodeAccount(acc)).toEqual(encodeProto(Any, accountToAny(acc)));
      }),
      { numRuns: 500 },
    );
  });

  it("reads back as the account it wrote, module accounts included", () => {
    const module = { name: "fee_collector", permissions: ["burner"] };
    fc.assert(
      fc.property(account, fc.boolean(), (acc, isModule) => {
        const written = isModule ? { ...acc, module } : acc;
        const read = accountFromAny(decodeProto(Any, encodeAccount(written)));
        expect(read).toEqual(written);
      }),
    );
  });
});
