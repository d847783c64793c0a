import { randomBytes } from 'node:crypto';
import { runDepartmentMain } from '../kit';
import { fund } from './index';
import { startFundStandIn } from './standIn';

/** Where the stand-in listens: the declaration's `default:` (http://127.0.0.1:4107). */
const STAND_IN_PORT = 4107;

/**
 * The fund department reads the center's API at FUND_API_URL. Without it (the embedded default
 * of `npm start`), this process first starts a STAND-IN for the center's API on the declaration's
 * default address, with a key of its own unless FUND_API_KEY gives one, and says so.
 */
async function main(): Promise<void> {
  const env = process.env;
  if (process.argv[2] !== 'seed' && !env.FUND_API_URL?.trim()) {
    env.FUND_API_KEY = env.FUND_API_KEY?.trim() || randomBytes(24).toString('base64url');
    const standIn = await startFundStandIn({
      port: STAND_IN_PORT,
      apiKey: env.FUND_API_KEY,
      seed: { seed: Number(env.GOVGRAPH_SEED ?? 1), scale: Number(env.GOVGRAPH_SCALE ?? 1) },
    });
    console.log(`fund       reads a STAND-IN for the fund center's API at ${standIn.url} (not the center's system; FUND_API_URL names the real one)`);
  }
  runDepartmentMain(fund, 4007);
}

main().catch((error: Error) => {
  process.send?.({ type: 'failed', name: 'fund', message: `the stand-in for the fund center's API did not start: ${error.message}` });
  console.error(`fund: the stand-in for the fund center's API did not start: ${error.message}`);
  process.exit(1);
});
