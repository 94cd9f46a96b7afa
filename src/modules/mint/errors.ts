import { registerError } from "../../types/errors.js";
import { MODULE_NAME } from "./keys.js";

/** The mint module's registered errors (codespace "mint"); codes never change once released. */
export const ErrInvalidMintParams = registerError(MODULE_NAME, 2, "invalid mint params", "InvalidArgument");
export const ErrInvalidMintGenesis = registerError(MODULE_NAME, 3, "invalid mint genesis", "InvalidArgument");
