// `npm run bench [-- options]`: the benchmark, run from the test tree (the CLI ships without it).
import { runBench } from './runBench';

runBench(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${(error as Error).message}`);
    process.exit(1);
  },
);
