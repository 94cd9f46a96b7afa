/** The identity module's event types; every attribute is indexed, so tx_search can find them. */
export const EVENT_ATTEST = "attest";
export const EVENT_REVOKE_ATTESTATION = "revoke_attestation";
export const EVENT_RECORD_DISCLOSURE = "record_disclosure";
export const EVENT_FREEZE_ACCOUNT = "freeze_account";
export const EVENT_UNFREEZE_ACCOUNT = "unfreeze_account";
export const EVENT_ADD_TO_DENY_LIST = "add_to_deny_list";
export const EVENT_REMOVE_FROM_DENY_LIST = "remove_from_deny_list";
