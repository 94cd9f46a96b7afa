import type { Header } from "cosmjs-types/tendermint/types/types";
import type { NodeInfo, SyncInfo, ValidatorInfo } from "../../node/api.js";
import { base64, hexUpper, int64, rfc3339, type Json } from "./json-values.js";

/** CometBFT's JSON for `status` and `validators` (rpc/core/types, p2p.DefaultNodeInfo, types.Validator). */

/** CometBFT 0.38's p2p and block protocol versions. */
const P2P_PROTOCOL = 8n;
const BLOCK_PROTOCOL = 11n;

/** Node info; `latestHeader` supplies the block and app protocol versions in force. */
export function encodeNodeInfo(info: NodeInfo, latestHeader: Header | undefined): Json {
  return {
    protocol_version: {
      p2p: int64(P2P_PROTOCOL),
      block: int64(latestHeader?.version.block ?? BLOCK_PROTOCOL),
      app: int64(latestHeader?.version.app ?? 0n),
    },
    id: info.id,
    listen_addr: info.listenAddress,
    network: info.network,
    version: info.version,
    // The embedded node runs no p2p reactors, so it has no channels to announce.
    channels: "",
    moniker: info.moniker,
    other: { tx_index: "on", rpc_address: info.rpcAddress },
  };
}

export function encodeSyncInfo(sync: SyncInfo): Json {
  return {
    latest_block_hash: hexUpper(sync.latestBlockHash),
    latest_app_hash: hexUpper(sync.latestAppHash),
    latest_block_height: int64(sync.latestBlockHeight),
    latest_block_time: rfc3339(sync.latestBlockTime),
    earliest_block_hash: hexUpper(sync.earliestBlockHash),
    earliest_app_hash: hexUpper(sync.earliestAppHash),
    earliest_block_height: int64(sync.earliestBlockHeight),
    earliest_block_time: rfc3339(sync.earliestBlockTime),
    catching_up: sync.catchingUp,
  };
}

export function encodeEd25519PubKey(pubKey: Uint8Array): Json {
  return { type: "tendermint/PubKeyEd25519", value: base64(pubKey) };
}

/** `status`'s validator_info: address, key and power, without proposer priority. */
export function encodeStatusValidator(validator: ValidatorInfo): Json {
  return {
    address: hexUpper(validator.address),
    pub_key: encodeEd25519PubKey(validator.pubKey),
    voting_power: int64(validator.votingPower),
  };
}

export function encodeValidator(validator: ValidatorInfo): Json {
  return {
    address: hexUpper(validator.address),
    pub_key: encodeEd25519PubKey(validator.pubKey),
    voting_power: int64(validator.votingPower),
    proposer_priority: int64(validator.proposerPriority),
  };
}
