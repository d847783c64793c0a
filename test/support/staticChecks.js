// `npm test`'s first step: the type check, the lint, the format check and the policy check, at
// the same time (each waits on files and its own start-up part of the time), each one's output
// printed whole once it ends, in this order; fails if any fails.
const { spawn } = require('node:child_process');

const CHECKS = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  ['format:check', 'npm', ['run', '-s', 'format:check']],
  ['policy check', process.execPath, ['bin/govgraph.js', 'policy', 'check']],
];

function run([name, command, args]) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ name, code, output, seconds: (Date.now() - started) / 1000 }));
  });
}

Promise.all(CHECKS.map(run)).then((results) => {
  for (const { name, code, output, seconds } of results) {
    process.stdout.write(`\n> ${name} (${seconds.toFixed(0)} s): ${code === 0 ? 'ok' : `FAILED (exit ${code})`}\n${output}`);
  }
  process.exit(results.some((result) => result.code !== 0) ? 1 : 0);
});
