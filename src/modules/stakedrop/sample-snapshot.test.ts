import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { AppHarness, fundedGenesis } from "../../testing/app-harness.js";
import { TestSigner } from "../../testing/signer.js";
import { decodeAddress } from "../../types/address.js";
import { isError } from "../../types/errors.js";
import { shareWithCap } from "./allocation.js";
import { previewCampaign, withCampaign } from "./genesis-builder.js";
import { DEFAULT_STAKEDROP_PARAMS } from "./params.js";
import { sampleSnapshot } from "./sample-snapshot.js";
import { readSnapshotFile } from "./snapshot-file.js";
import { weighSnapshot } from "./snapshot.js";
import { afterGenesis, StakedropReader } from "./test-fixture.js";

describe("the sample snapshot", () => {
  it("is the same for the same seed on every machine, and another for another seed", () => {
    const json = (seed: number) => JSON.stringify(sampleSnapshot({ stakers: 200, seed }));
    expect(json(1)).toBe(json(1));
    expect(json(2)).not.toBe(json(1));
    // Integer arithmetic and sha256 only: this digest pins the generator (change it only with the generator).
    expect(createHash("sha256").update(json(1)).digest("hex")).toBe("284b826e0240b14ce4d9dbaa866acfa1be2a1999f2b1efdbc2eb095b66e2262d");
  });

  it("has distinct valid cosmos1 key addresses, one uatom amount per checkpoint, whales and late joiners", () => {
    const file = sampleSnapshot({ stakers: 10_000 });
    expect(file.checkpoints).toEqual(["2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z"]);
    expect(file.end).toBe("2024-05-01T00:00:00Z");
    expect(new Set(file.stakers.map((s) => s.address)).size).toBe(10_000);
    for (const staker of file.stakers) {
      const bytes = decodeAddress(staker.address, "cosmos");
      expect(!isError(bytes) && bytes.length === 20, staker.address).toBe(true);
      expect(staker.stakes).toHaveLength(4);
    }
    const first = file.stakers.map((s) => BigInt(s.stakes[0]!));
    const lateJoiners = first.filter((stake) => stake === 0n).length;
    expect(lateJoiners).toBeGreaterThan(800);
    expect(lateJoiners).toBeLessThan(1200);
    expect(first.filter((stake) => stake > 0n && stake < 5_000_000n)).toEqual([]);
    const sorted = [...first].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const median = sorted[5_000]!;
    expect(median).toBeGreaterThan(5_000_000n);
    expect(median).toBeLessThan(20_000_000n);
    // Heavy tailed: the largest stake is thousands of times the median.
    expect(sorted[9_999]! / median).toBeGreaterThan(1_000n);
  });

  it("allocates 10,000 stakers within bounded time, the cap binding for the whales", () => {
    const snapshot = readSnapshotFile(JSON.stringify(sampleSnapshot({ stakers: 10_000 })));
    if (isError(snapshot)) throw new Error(snapshot.log);
    const started = performance.now();
    const stakers = weighSnapshot(snapshot.snapshot);
    if (isError(stakers)) throw new Error(stakers.log);
    const shares = shareWithCap(
      stakers.map((s) => s.weight),
      DEFAULT_STAKEDROP_PARAMS.total,
      DEFAULT_STAKEDROP_PARAMS.capPerAddress,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(shares.capped).toBeGreaterThan(0);
    expect(shares.dust).toBeLessThan(10_000n);
    expect(previewCampaign(snapshot.snapshot)).toMatchObject({ stakers: 10_000, capped: shares.capped, dust: shares.dust, largest: 5_000_000_000n });
  });

  it("goes into a genesis that the App imports, computing and storing 10,000 allocations in one InitChain", async () => {
    const signer = await TestSigner.fromSeed(1);
    const snapshot = sampleSnapshot({ stakers: 10_000 });
    const genesis = withCampaign(fundedGenesis([signer], 1_000_000_000_000n), { snapshot, claimStart: afterGenesis(0), claimEnd: afterGenesis(100) });
    if (isError(genesis)) throw new Error(genesis.log);
    const started = performance.now();
    const chain = await AppHarness.start({ genesis });
    try {
      await chain.block([]);
      expect(performance.now() - started).toBeLessThan(30_000);
      const read = new StakedropReader(chain.app);
      const campaign = await read.campaign();
      if ("code" in campaign) throw new Error(campaign.log);
      const parsed = readSnapshotFile(JSON.stringify(snapshot));
      const preview = isError(parsed) ? parsed : previewCampaign(parsed.snapshot);
      if (isError(preview)) throw new Error(preview.log);
      expect(campaign).toMatchObject({ allocated: preview.allocated.toString(), dust: preview.dust.toString(), unclaimed: "200000000000", addresses: BigInt(preview.recipients) });
      const page = await read.allocations({ limit: 100n, countTotal: true });
      if ("code" in page) throw new Error(page.log);
      expect(page.allocations).toHaveLength(100);
      expect(page.pagination!.total).toBe(BigInt(preview.recipients));
    } finally {
      await chain.close();
    }
  }, 60_000);
});
