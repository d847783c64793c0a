#!/usr/bin/env node
// The govgraph CLI. TypeScript runs directly through tsx; there is no build step.
require('tsx/cjs');
require('../cli/main.ts').main(process.argv.slice(2));
