import type {
  Event,
  ExecTxResult,
  ResponseCheckTx,
  ResponseFinalizeBlock,
  ResponseInfo,
  ResponseQuery,
  ValidatorUpdate,
} from "cosmjs-types/tendermint/abci/types";
import type { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { base64, base64OrNull, int64, type Json } from "./json-values.js";

/**
 * CometBFT's JSON for ABCI responses. Two encoders meet here, as in CometBFT: `ExecTxResult`,
 * `ResponseCheckTx`, `ResponseQuery` and `EventAttribute` go through gogoproto jsonpb with
 * defaults emitted (every field present, empty bytes as null); everything else goes through
 * libs/json, which honours the protobuf structs' `omitempty` tags.
 */

export function encodeExecTxResult(result: ExecTxResult): Json {
  return {
    code: result.code,
    data: base64OrNull(result.data),
    log: result.log,
    info: result.info,
    gas_wanted: int64(result.gasWanted),
    gas_used: int64(result.gasUsed),
    events: result.events.map(encodeEventJsonpb),
    codespace: result.codespace,
  };
}

export function encodeCheckTx(result: ResponseCheckTx): Json {
  return encodeExecTxResult(result);
}

export function encodeQueryResponse(response: ResponseQuery): Json {
  return {
    code: response.code,
    log: response.log,
    info: response.info,
    index: int64(response.index),
    key: base64OrNull(response.key),
    value: base64OrNull(response.value),
    proofOps: response.proofOps
      ? { ops: response.proofOps.ops.map((op) => ({ type: op.type, key: base64OrNull(op.key), data: base64OrNull(op.data) })) }
      : null,
    height: int64(response.height),
    codespace: response.codespace,
  };
}

export function encodeInfoResponse(info: ResponseInfo): Json {
  return omitEmpty({
    data: info.data,
    version: info.version,
    app_version: info.appVersion === 0n ? undefined : int64(info.appVersion),
    last_block_height: info.lastBlockHeight === 0n ? undefined : int64(info.lastBlockHeight),
    last_block_app_hash: base64OrNull(info.lastBlockAppHash),
  });
}

/** Events encoded by libs/json (block events): null for none, as Go's nil slice. */
export function encodeEvents(events: readonly Event[]): Json {
  return events.length === 0 ? null : events.map((event) => omitEmpty({ type: event.type, attributes: attributeList(event) }));
}

/** `ResponseFinalizeBlock` as the NewBlock event carries it. */
export function encodeFinalizeBlock(response: ResponseFinalizeBlock): Json {
  return omitEmpty({
    events: response.events.length === 0 ? undefined : encodeEvents(response.events),
    tx_results: response.txResults.length === 0 ? undefined : response.txResults.map(encodeExecTxResult),
    validator_updates: encodeValidatorUpdates(response.validatorUpdates),
    consensus_param_updates: response.consensusParamUpdates && encodeConsensusParams(response.consensusParamUpdates),
    app_hash: base64OrNull(response.appHash),
  }, ["validator_updates"]);
}

export function encodeValidatorUpdates(updates: readonly ValidatorUpdate[]): Json {
  if (updates.length === 0) return null;
  return updates.map((update) => {
    const [algorithm, key] = update.pubKey.ed25519
      ? ["Ed25519", { ed25519: base64(update.pubKey.ed25519) }]
      : ["Secp256K1", { secp256k1: base64(update.pubKey.secp256k1 ?? new Uint8Array(0)) }];
    return omitEmpty({
      pub_key: { Sum: { type: `tendermint.crypto.PublicKey_${algorithm}`, value: key } },
      power: update.power === 0n ? undefined : int64(update.power),
    });
  });
}

export function encodeConsensusParams(params: ConsensusParams): Json {
  const { block, evidence, validator, version, abci } = params;
  return omitEmpty({
    block: block && omitEmpty({ max_bytes: nonZero(block.maxBytes), max_gas: nonZero(block.maxGas) }),
    evidence:
      evidence &&
      omitEmpty({
        max_age_num_blocks: nonZero(evidence.maxAgeNumBlocks),
        // A Go time.Duration: nanoseconds, never omitted.
        max_age_duration: int64(evidence.maxAgeDuration.seconds * 1_000_000_000n + BigInt(evidence.maxAgeDuration.nanos)),
        max_bytes: nonZero(evidence.maxBytes),
      }),
    validator: validator && omitEmpty({ pub_key_types: validator.pubKeyTypes.length === 0 ? undefined : validator.pubKeyTypes }),
    version: version && omitEmpty({ app: nonZero(version.app) }),
    abci: abci && omitEmpty({ vote_extensions_enable_height: nonZero(abci.voteExtensionsEnableHeight) }),
  });
}

function encodeEventJsonpb(event: Event): Json {
  return { type: event.type, attributes: attributeList(event) ?? [] };
}

function attributeList(event: Event): Json[] | undefined {
  if (event.attributes.length === 0) return undefined;
  return event.attributes.map(({ key, value, index }) => ({ key, value, index }));
}

function nonZero(value: bigint): string | undefined {
  return value === 0n ? undefined : int64(value);
}

/** Drops fields that libs/json's `omitempty` would: undefined, null, "" (except those listed as kept). */
function omitEmpty(fields: Record<string, Json | undefined>, keep: readonly string[] = []): Json {
  const out: Record<string, Json> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (keep.includes(name)) out[name] = value ?? null;
    else if (value !== undefined && value !== null && value !== "") out[name] = value;
  }
  return out;
}
