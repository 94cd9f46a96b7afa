/**
 * Helpers for distribution tests on a real assembled App: signing wallets, a validator created by
 * MsgCreateValidator, its last-commit vote, and readers of the distribution queries. Test-only.
 */
import { PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { MsgCreateValidator, MsgDelegate } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import type { VoteInfo } from "cosmjs-types/tendermint/abci/types";
import { createHash } from "node:crypto";
import { TEST_CHAIN_ID } from "../../testing/app-harness.js";
import type { TestSigner } from "../../testing/signer.js";
import { decodeAddress, encodeAddress } from "../../types/address.js";
import { ONE } from "../../types/decimal.js";


/** The fee every test tx pays (the test signer's default). */
export const FEE = 5000n;

export const valoperOf = (signer: { address: string }) => encodeAddress(decodeAddress(signer.address) as Uint8Array, "persistencevaloper");

/** Signs txs for one genesis account, counting its sequence. */
export class Wallet {
  private sequence = 0n;

  constructor(
    readonly signer: TestSigner,
    readonly accountNumber: bigint,
  ) {}

  get address(): string {
    return this.signer.address;
  }

  tx(...messages: { typeUrl: string; value: unknown }[]): Promise<Uint8Array> {
    return this.signer.sign({ messages: messages as never, chainId: TEST_CHAIN_ID, accountNumber: this.accountNumber, sequence: this.sequence++ });
  }
}

/** A validator's ed25519 key (any 32 bytes do for the App) and its CometBFT address. */
export function consensusKey(seed: number): { pubkey: Uint8Array; address: Uint8Array } {
  const pubkey = createHash("sha256").update(`validator ${seed}`).digest();
  return { pubkey: new Uint8Array(pubkey), address: new Uint8Array(createHash("sha256").update(pubkey).digest().subarray(0, 20)) };
}

export function createValidatorMsg(wallet: Wallet, seed: number, selfBond: bigint, commissionRate: bigint) {
  const { pubkey } = consensusKey(seed);
  return {
    typeUrl: MsgCreateValidator.typeUrl,
    value: MsgCreateValidator.fromPartial({
      description: { moniker: `validator ${seed}` },
      commission: { rate: commissionRate.toString(), maxRate: ONE.toString(), maxChangeRate: (ONE / 100n).toString() },
      minSelfDelegation: "1",
      delegatorAddress: wallet.address,
      validatorAddress: valoperOf(wallet),
      pubkey: { typeUrl: "/cosmos.crypto.ed25519.PubKey", value: PubKey.encode({ key: pubkey }).finish() },
      value: { denom: "uxprt", amount: selfBond.toString() },
    }),
  };
}

export const delegateMsg = (wallet: Wallet, validator: string, amount: bigint) => ({
  typeUrl: MsgDelegate.typeUrl,
  value: MsgDelegate.fromPartial({ delegatorAddress: wallet.address, validatorAddress: validator, amount: { denom: "uxprt", amount: amount.toString() } }),
});

/** The validator's vote in a last commit, with `power`. */
export const voteOf = (seed: number, power: bigint): VoteInfo => ({ validator: { address: consensusKey(seed).address, power }, blockIdFlag: 2 });

/** A DecCoin list's uxprt as an 18-decimal bigint (proto form: no point). */
export const uxprtDec = (coins: readonly { denom: string; amount: string }[]) => BigInt(coins.find((c) => c.denom === "uxprt")?.amount ?? "0");
