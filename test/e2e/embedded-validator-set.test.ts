/**
 * The embedded node's validator set follows staking: a validator created with MsgCreateValidator
 * (through CosmJS over the node's RPC) and delegated to enters the set two heights after the
 * block that created it, with CometBFT's hashes; the set survives a restart; and a node whose own
 * validator leaves the set stops producing.
 */
import { toBase64 } from "@cosmjs/encoding";
import { encodePubkey, type EncodeObject } from "@cosmjs/proto-signing";
import { QueryClient, setupSlashingExtension, SigningStargateClient } from "@cosmjs/stargate";
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devnetAllocations, devnetWallet } from "../../src/cli/devnet-accounts.js";
import { VALCONS_PREFIX } from "../../src/modules/slashing/keys.js";
import { VALOPER_PREFIX } from "../../src/modules/staking/keys.js";
import { NotAValidatorError } from "../../src/node/block-producer.js";
import { hashValidatorSet, validatorAddress } from "../../src/node/consensus/block-hashing.js";
import { loadPrivValidatorKey } from "../../src/node/consensus/keys.js";
import { initHome } from "../../src/node/home.js";
import { EmbeddedNode } from "../../src/node/node.js";
import { startCometRpcServer, type CometRpcServer } from "../../src/rpc/cometbft/server.js";
import { decodeAddress, encodeAddress } from "../../src/types/address.js";

const CHAIN_ID = "persistence-valset-1";
const FEE = { amount: [{ denom: "uxprt", amount: "5000" }], gas: "600000" };
const XPRT = 1_000_000n;

/** A fresh ed25519 consensus key's raw 32-byte public key. */
function consensusKey(): Uint8Array {
  const jwk = generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" });
  return Uint8Array.from(Buffer.from(jwk.x!, "base64url"));
}

describe("the embedded node's validator set follows staking", { timeout: 60_000 }, () => {
  let home: string;
  let node: EmbeddedNode;
  let rpc: CometRpcServer;
  let client: SigningStargateClient;
  let wallet: Awaited<ReturnType<typeof devnetWallet>>;
  let comet: Comet38Client;
  let ownKey: Uint8Array;
  let genesisOperator: string;
  let alice: string;
  const aliceKey = consensusKey();

  async function open(): Promise<void> {
    node = await EmbeddedNode.open({ home, signatureWorkers: 0 });
    // Clients need a first block to connect.
    if (node.syncInfo().latestBlockHeight === 0n) await node.produceBlock();
    rpc = await startCometRpcServer({ node, host: "127.0.0.1", port: 0 });
    comet = await Comet38Client.connect(rpc.address);
    client = await SigningStargateClient.connectWithSigner(rpc.address, wallet);
  }

  async function close(): Promise<void> {
    client?.disconnect();
    comet?.disconnect();
    await rpc?.close();
    await node?.stop();
  }

  /** Signs `messages`, puts the tx in the mempool, produces a block with it, and returns that block's height. */
  async function include(signer: string, messages: EncodeObject[]): Promise<bigint> {
    const raw = await client.sign(signer, messages, FEE, "");
    const bytes = TxRaw.encode(raw).finish();
    expect((await node.broadcastTx(bytes)).code).toBe(0);
    const { stored, results } = await node.produceBlock();
    expect(results.txResults.map((r) => r.log)).toEqual([""]);
    expect(results.txResults[0]!.code).toBe(0);
    return stored.block.header!.height;
  }

  async function produceUntil(height: bigint): Promise<void> {
    while (node.syncInfo().latestBlockHeight < height) await node.produceBlock();
  }

  const setAt = async (height: bigint) => (await comet.validatorsAll(Number(height))).validators.map((v) => ({ pubKey: v.pubkey!.data, votingPower: v.votingPower }));

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "embedded-valset-"));
    wallet = await devnetWallet(2);
    [genesisOperator, alice] = (await wallet.getAccounts()).map((a) => a.address) as [string, string];
    initHome({ home, chainId: CHAIN_ID, allocations: devnetAllocations([genesisOperator, alice]) });
    ownKey = loadPrivValidatorKey(join(home, "config", "priv_validator_key.json")).publicKey;
    await open();
  });

  afterAll(async () => {
    await close();
    rmSync(home, { recursive: true, force: true });
  });

  it("starts with staking's genesis validator (InitChain's set)", async () => {
    expect(await setAt(1n)).toEqual([{ pubKey: ownKey, votingPower: 10n }]);
    const status = await comet.status();
    expect(status.validatorInfo.votingPower).toBe(10n);
  });

  it("a created validator enters two heights after its block, with its power and the set's hash; delegations change its power with the same delay", async () => {
    const aliceOperator = encodeAddress(decodeAddress(alice) as Uint8Array, VALOPER_PREFIX);
    const created = await include(alice, [
      {
        typeUrl: "/cosmos.staking.v1beta1.MsgCreateValidator",
        value: {
          description: { moniker: "alice", identity: "", website: "", securityContact: "", details: "" },
          commission: { rate: "100000000000000000", maxRate: "200000000000000000", maxChangeRate: "10000000000000000" },
          minSelfDelegation: "1",
          delegatorAddress: alice,
          validatorAddress: aliceOperator,
          pubkey: encodePubkey({ type: "tendermint/PubKeyEd25519", value: toBase64(aliceKey) }),
          value: { denom: "uxprt", amount: (5n * XPRT).toString() },
        },
      },
    ]);
    await produceUntil(created + 2n);

    const results = await comet.blockResults(Number(created));
    expect(results.validatorUpdates.map((u) => ({ key: u.pubkey!.data, power: u.votingPower }))).toEqual([{ key: aliceKey, power: 5n }]);
    const before = [{ pubKey: ownKey, votingPower: 10n }];
    const after = [{ pubKey: ownKey, votingPower: 10n }, { pubKey: aliceKey, votingPower: 5n }];
    expect(await setAt(created + 1n)).toEqual(before);
    expect(await setAt(created + 2n)).toEqual(after);

    const headerAt = async (height: bigint) => (await comet.block(Number(height))).block.header;
    expect((await headerAt(created)).nextValidatorsHash).toEqual(hashValidatorSet(before));
    expect((await headerAt(created + 1n)).validatorsHash).toEqual(hashValidatorSet(before));
    expect((await headerAt(created + 1n)).nextValidatorsHash).toEqual(hashValidatorSet(after));
    expect((await headerAt(created + 2n)).validatorsHash).toEqual(hashValidatorSet(after));

    // Only this node signs: its slot commits, alice's is absent (CometBFT's absent CommitSig).
    await produceUntil(created + 3n);
    const commit = (await comet.block(Number(created + 3n))).block.lastCommit!;
    expect(commit.signatures.map((s) => s.blockIdFlag)).toEqual([BlockIDFlag.BLOCK_ID_FLAG_COMMIT, BlockIDFlag.BLOCK_ID_FLAG_ABSENT]);
    expect(commit.signatures[1]!.validatorAddress ?? new Uint8Array(0)).toHaveLength(0);
    expect(commit.signatures[1]!.signature ?? new Uint8Array(0)).toHaveLength(0);

    // The app saw alice absent in decided_last_commit: slashing counts her missed blocks.
    const slashing = QueryClient.withExtensions(comet, setupSlashingExtension).slashing;
    const info = await slashing.signingInfo(encodeAddress(validatorAddress(aliceKey), VALCONS_PREFIX));
    expect(info.valSigningInfo?.missedBlocksCounter).toBeGreaterThan(0n);

    const delegated = await include(genesisOperator, [
      { typeUrl: "/cosmos.staking.v1beta1.MsgDelegate", value: { delegatorAddress: genesisOperator, validatorAddress: aliceOperator, amount: { denom: "uxprt", amount: (20n * XPRT).toString() } } },
    ]);
    await produceUntil(delegated + 2n);
    expect(await setAt(delegated + 1n)).toEqual(after);
    const reordered = [{ pubKey: aliceKey, votingPower: 25n }, { pubKey: ownKey, votingPower: 10n }];
    expect(await setAt(delegated + 2n)).toEqual(reordered);
    expect((await headerAt(delegated + 2n)).validatorsHash).toEqual(hashValidatorSet(reordered));
  });

  it("resumes with the same sets after a restart", async () => {
    const latest = node.syncInfo().latestBlockHeight;
    const sets = [await setAt(latest - 1n), await setAt(latest), await setAt(latest + 1n)];
    await close();
    await open();
    expect([await setAt(latest - 1n), await setAt(latest), await setAt(latest + 1n)]).toEqual(sets);
    const { stored } = await node.produceBlock();
    expect(stored.block.header!.validatorsHash).toEqual(hashValidatorSet(sets[2]!));
    expect(stored.block.lastCommit!.signatures).toHaveLength(sets[1]!.length);
  });

  it("stops producing when its own validator leaves the set, and says why", async () => {
    const ownOperator = encodeAddress(decodeAddress(genesisOperator) as Uint8Array, VALOPER_PREFIX);
    const left = await include(genesisOperator, [
      { typeUrl: "/cosmos.staking.v1beta1.MsgUndelegate", value: { delegatorAddress: genesisOperator, validatorAddress: ownOperator, amount: { denom: "uxprt", amount: (10n * XPRT).toString() } } },
    ]);
    expect((await comet.blockResults(Number(left))).validatorUpdates.map((u) => ({ key: u.pubkey!.data, power: u.votingPower }))).toEqual([{ key: ownKey, power: 0n }]);
    await node.produceBlock();
    expect(await setAt(left + 2n)).toEqual([{ pubKey: aliceKey, votingPower: 25n }]);
    expect((await comet.status()).validatorInfo.votingPower).toBe(0n);
    await expect(node.produceBlock()).rejects.toThrow(NotAValidatorError);
    expect(node.syncInfo().latestBlockHeight).toBe(left + 1n);
  });
});
