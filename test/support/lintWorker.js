/**
 * Lints source text with the project's own eslint.config.mjs, in a worker thread: ESLint loads
 * its config with import(), which Jest's module sandbox refuses, while a worker runs on Node's
 * own loader. Answers { id, messages } (or { id, error }) to each { id, file, source }.
 */
const path = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');
const { ESLint } = require('eslint');

const { root, ruleIds } = workerData;
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: path.join(root, 'eslint.config.mjs'),
  // Only the rules asked for: the type-aware ones would need the file to exist in the project.
  ruleFilter: ({ ruleId }) => ruleIds.some((wanted) => ruleId === wanted || ruleId.startsWith(`${wanted}/`)),
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

parentPort.on('message', ({ id, file, source }) => {
  eslint.lintText(source, { filePath: path.join(root, file) }).then(
    ([result]) => parentPort.postMessage({ id, messages: result.messages.map(({ ruleId, message, line }) => ({ ruleId, message, line })) }),
    (error) => parentPort.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
