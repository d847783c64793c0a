// `npm test`: the type check, the lint, the format check and the policy check, at the same time
// as the jest suite (which waits on servers and timers much of its time, leaving the cores to
// them), each check's output printed whole once the suite has ended, in this order; fails if any
// check or the suite fails. `--checks-only` runs the checks alone.
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

const checksOnly = process.argv.includes('--checks-only');
const suite = checksOnly
  ? Promise.resolve(0)
  : new Promise((resolve) => {
      const jest = spawn(process.execPath, [require.resolve('jest/bin/jest'), ...process.argv.slice(2)], { stdio: 'inherit' });
      jest.on('close', (code) => resolve(code ?? 1));
    });

Promise.all([Promise.all(CHECKS.map(run)), suite]).then(([results, suiteCode]) => {
  for (const { name, code, output, seconds } of results) {
    process.stdout.write(`\n> ${name} (${seconds.toFixed(0)} s): ${code === 0 ? 'ok' : `FAILED (exit ${code})`}\n${output}`);
  }
  process.exit(results.some((result) => result.code !== 0) || suiteCode !== 0 ? 1 : 0);
});
