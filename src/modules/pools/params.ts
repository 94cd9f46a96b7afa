import { ClaimRequirement } from "../../generated/persistence/identity/v1/requirement.js";
import { Params } from "../../generated/persistence/pools/v1/types.js";
import type { AppError } from "../../types/errors.js";
import { ErrInvalidParams } from "./errors.js";
import type { PoolsIdentityKeeper } from "./expected-keepers.js";

export interface PoolsParams {
  originatorRequirement: ClaimRequirement;
  maxSettleEpochs: number;
}

/** Keeps one order touch bounded whatever governance sets. */
export const MAX_SETTLE_EPOCHS_LIMIT = 1000;

/** No claims asked of originators (frozen and denied accounts still fail); 100 epochs settled per order touch. */
export const DEFAULT_POOLS_PARAMS: PoolsParams = { originatorRequirement: ClaimRequirement.fromPartial({}), maxSettleEpochs: 100 };

export function parseParams(params: Params, identity: PoolsIdentityKeeper): PoolsParams | AppError {
  const originatorRequirement = params.originatorRequirement ?? ClaimRequirement.fromPartial({});
  const invalid = identity.validateRequirement(originatorRequirement);
  if (invalid) return ErrInvalidParams.wrap(`originator_requirement: ${invalid.log}`);
  if (params.maxSettleEpochs < 1 || params.maxSettleEpochs > MAX_SETTLE_EPOCHS_LIMIT) return ErrInvalidParams.wrap(`max_settle_epochs must be 1 to ${MAX_SETTLE_EPOCHS_LIMIT}`);
  return { originatorRequirement, maxSettleEpochs: params.maxSettleEpochs };
}

export function toProtoParams(params: PoolsParams): Params {
  return { originatorRequirement: params.originatorRequirement, maxSettleEpochs: params.maxSettleEpochs };
}
