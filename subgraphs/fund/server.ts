import path from 'node:path';
import { ensureApiKeyFile, standInApiKeyFile } from '../../exchange/http';
import { isProductionMode, runDepartmentMain } from '../kit';
import { fund } from './index';
import { startFundStandIn } from './standIn';

/** Where the stand-in listens: the declaration's `default:` (http://127.0.0.1:4107). */
const STAND_IN_PORT = 4107;

/**
 * The fund department reads the center's API at FUND_API_URL. Without it (the embedded default
 * of `npm start`), this process first starts a STAND-IN for the center's API on the declaration's
 * default address, and says so. Its key is FUND_API_KEY when given; else, in development, the one
 * kept in the data directory (`defaultApiKeyFile:` of exchange.yaml, made 0600 at first start), so
 * that the department and `govgraph exchange check fund` read the same key without anyone copying
 * it; in production, a key of this process alone.
 */
async function main(): Promise<void> {
  const env = process.env;
  if (process.argv[2] !== 'seed' && !env.FUND_API_URL?.trim()) {
    const keyFile = standInApiKeyFile(__dirname, path.resolve(env.GOVGRAPH_DATA_DIR ?? '.data'));
    const apiKey = env.FUND_API_KEY?.trim() || (keyFile && !isProductionMode(env) ? ensureApiKeyFile(keyFile) : undefined);
    const standIn = await startFundStandIn({
      port: STAND_IN_PORT,
      apiKey,
      seed: { seed: Number(env.GOVGRAPH_SEED ?? 1), scale: Number(env.GOVGRAPH_SCALE ?? 1) },
    });
    // No key given nor kept: the stand-in made one, which the department reads from FUND_API_KEY.
    if (!apiKey) env.FUND_API_KEY = standIn.apiKey;
    console.log(`fund       reads a STAND-IN for the fund center's API at ${standIn.url} (not the center's system; FUND_API_URL names the real one)`);
  }
  runDepartmentMain(fund, 4007);
}

main().catch((error: Error) => {
  process.send?.({ type: 'failed', name: 'fund', message: `the stand-in for the fund center's API did not start: ${error.message}` });
  console.error(`fund: the stand-in for the fund center's API did not start: ${error.message}`);
  process.exit(1);
});
