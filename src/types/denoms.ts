/** The staking, governance and fee token: uxprt (1 XPRT = 10^6 uxprt). */
export const STAKING_DENOM = "uxprt";
/** The dollar stablecoin: uusd (1 USD = 10^6 uusd). */
export const STABLECOIN_DENOM = "uusd";
