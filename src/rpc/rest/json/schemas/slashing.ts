import { PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { QueryParamsResponse, QuerySigningInfoResponse, QuerySigningInfosResponse } from "cosmjs-types/cosmos/slashing/v1beta1/query";
import { Params, ValidatorSigningInfo } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import { MsgUnjail, MsgUnjailResponse } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import { message, repeated, type MessageSchema } from "../schema.js";

/** cosmos.slashing.v1beta1: params, signing infos, MsgUnjail and query responses. */
export const slashingSchemas: readonly MessageSchema[] = [
  message(Params, {
    signed_blocks_window: "int64",
    min_signed_per_window: "dec_bytes",
    downtime_jail_duration: "duration",
    slash_fraction_double_sign: "dec_bytes",
    slash_fraction_downtime: "dec_bytes",
  }),
  message(ValidatorSigningInfo, {
    address: "string",
    start_height: "int64",
    index_offset: "int64",
    jailed_until: "timestamp",
    tombstoned: "bool",
    missed_blocks_counter: "int64",
  }),
  message(MsgUnjail, { validator_addr: "string" }),
  message(MsgUnjailResponse, {}),
  message(QueryParamsResponse, { params: Params }),
  message(QuerySigningInfoResponse, { val_signing_info: ValidatorSigningInfo }),
  message(QuerySigningInfosResponse, { info: repeated(ValidatorSigningInfo), pagination: PageResponse }),
];
