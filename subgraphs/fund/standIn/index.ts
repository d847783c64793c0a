/**
 * A stand-in for the housing provident fund center's account system (its REST API and
 * OpenAPI document), for `npm start` and tests. Not the center's system: production points
 * FUND_API_URL at the real one.
 */
export { startFundStandIn, type FundStandIn, type FundStandInOptions } from './startFundStandIn';
export { fundAccounts, type FundAccount } from './fundAccounts';
