// Builds the query IDE (served at `/`) and the console (served at `/console`) into console/dist/,
// the only files the gateway serves to browsers. Runs on `npm ci` (the `prepare` script) and on
// `npm start` when dist/ is missing; the bundle is never committed. Everything the pages need is
// in the bundle: no CDN, no font, no external URL.
const path = require('node:path');
const fs = require('node:fs');

const ROOT = __dirname;
const OUT = path.join(ROOT, 'dist');

/** The pages: entry point → the name of the script and style sheet the gateway's HTML shell loads. */
const ENTRIES = { ide: path.join(ROOT, 'ide', 'main.tsx'), console: path.join(ROOT, 'app', 'main.tsx') };

/** Builds into `outdir` (default console/dist/), replacing what it held. */
async function build({ quiet = false, outdir = OUT } = {}) {
  const esbuild = require('esbuild');
  const started = Date.now();
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    minify: true,
    sourcemap: false,
    format: 'iife',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    define: { 'process.env.NODE_ENV': '"production"' },
    // Fonts and images a style sheet names go into the bundle itself, never to another host.
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  const outputs = Object.entries(result.metafile.outputs).map(([file, { bytes }]) => `${path.relative(ROOT, file)} ${(bytes / 1024).toFixed(0)} KiB`);
  if (!quiet) console.log(`console: built ${outputs.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Whether dist/ holds every page's script (the gateway serves nothing else). */
function isBuilt() {
  return Object.keys(ENTRIES).every((name) => fs.existsSync(path.join(OUT, `${name}.js`)));
}

module.exports = { build, isBuilt, CONSOLE_DIST: OUT };

if (require.main === module) {
  build().catch((error) => {
    console.error(`console: build failed: ${error.message}`);
    process.exit(1);
  });
}
