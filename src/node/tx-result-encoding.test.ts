import { TxResult } from "cosmjs-types/tendermint/abci/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeTxResults } from "./tx-result-encoding.js";

const text = fc.oneof(fc.constant(""), fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.string({ minLength: 200, maxLength: 400 }));
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const uint32 = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
const attribute = fc.record({ key: text, value: text, index: fc.boolean() });
const event = fc.record({ type: text, attributes: fc.array(attribute, { maxLength: 6 }) });
const result = fc.record({
  code: uint32,
  data: fc.uint8Array({ maxLength: 300 }),
  log: text,
  info: text,
  gasWanted: fc.oneof(fc.constant(0n), int64),
  gasUsed: fc.oneof(fc.constant(0n), int64),
  events: fc.array(event, { maxLength: 8 }),
  codespace: text,
});

describe("encodeTxResults", () => {
  it("writes exactly what cosmjs-types writes for any block of results", () => {
    const txAndResult = fc.tuple(fc.uint8Array({ maxLength: 2_000 }), result);
    fc.assert(
      fc.property(fc.oneof(fc.constant(0n), int64), fc.array(txAndResult, { maxLength: 5 }), (height, block) => {
        const encoded = encodeTxResults(height, block.map(([tx]) => tx), block.map(([, execResult]) => execResult));
        const expected = block.map(([tx, execResult], index) => TxResult.encode({ height, index, tx, result: execResult }).finish());
        expect(encoded).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips a MsgSend-like result through the decoder", () => {
    const execResult = {
      code: 0,
      data: Uint8Array.of(1, 2, 3),
      log: "",
      info: "",
      gasWanted: 200_000n,
      gasUsed: 71_234n,
      events: [{ type: "transfer", attributes: [{ key: "amount", value: "1uxprt", index: true }, { key: "memo", value: "é✓", index: false }] }],
      codespace: "",
    };
    const [first, second] = encodeTxResults(12n, [Uint8Array.of(9, 9), Uint8Array.of(7)], [execResult, execResult]);
    expect(TxResult.decode(first!)).toEqual({ height: 12n, index: 0, tx: Uint8Array.of(9, 9), result: execResult });
    expect(TxResult.decode(second!)).toEqual({ height: 12n, index: 1, tx: Uint8Array.of(7), result: execResult });
  });
});
