// Runs the JavaScript fuzz targets with Jazzer.js (coverage-guided, libFuzzer):
//   node fuzz/js/run.mjs [--seconds N] [--target pkcs12] [-- libFuzzer flags]
// (`npm run fuzz:pkcs12 -- --seconds N`). Each target starts from its committed seeds
// (fuzz/js/<target>/corpus) and the inputs earlier runs found (target/fuzz-js/<target>/corpus);
// a failing input is written to target/fuzz-js/<target>/ and fails the run. The last line is
// a summary: `fuzz <target>: <runs> runs in <s> s, cov <edges>, ft <features>, corpus <n>, ok`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TARGETS = {
  pkcs12: { instrument: 'crates/web/src/pdf/pkcs12.js' },
};

const args = process.argv.slice(2);
const dash = args.indexOf('--');
const own = dash < 0 ? args : args.slice(0, dash);
const extra = dash < 0 ? [] : args.slice(dash + 1);
const opt = (name, fallback) => {
  const at = own.indexOf(`--${name}`);
  return at < 0 ? fallback : own[at + 1];
};
const seconds = Number(opt('seconds', '60'));
const names = opt('target', null) ? [opt('target')] : Object.keys(TARGETS);
if (!(seconds > 0) || names.some((n) => !TARGETS[n])) {
  console.error(`usage: node fuzz/js/run.mjs [--seconds N] [--target ${Object.keys(TARGETS).join('|')}] [-- libFuzzer flags]`);
  process.exit(2);
}

if (!existsSync(`${root}node_modules/@jazzer.js/core/package.json`)) {
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (ci.status !== 0) process.exit(1);
}
const { ensureAddon } = await import('./addon.mjs');
ensureAddon();

function fuzz(name) {
  const work = `${root}target/fuzz-js/${name}`;
  mkdirSync(`${work}/corpus`, { recursive: true });
  const cli = `${root}node_modules/@jazzer.js/core/dist/cli.js`;
  // The DER OIDs and tags the parser dispatches on, which random bytes rarely spell.
  const dict = `fuzz/js/${name}/${name}.dict`;
  // The found inputs' directory comes first: libFuzzer adds new inputs to the first one.
  const argv = [cli, `fuzz/js/${name}/target.mjs`, `${work}/corpus`, `fuzz/js/${name}/corpus`,
    '--includes', TARGETS[name].instrument, '--timeout', '10000', '--',
    `-max_total_time=${seconds}`, `-artifact_prefix=${work}/`, '-print_final_stats=1',
    ...(existsSync(`${root}${dict}`) ? [`-dict=${dict}`] : []), ...extra];
  // nice: the machine is shared; one process, one core.
  const child = spawn('nice', ['-n', '10', process.execPath, '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', ...argv], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] });
  const start = Date.now();
  let last = '';
  let runs = '?';
  let tail = '';
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    tail = (tail + chunk).slice(-4096);
    for (const line of tail.split('\n')) {
      if (/^#\d+\s+\S+\s+cov: /.test(line)) last = line;
      runs = /^stat::number_of_executed_units:\s+(\d+)/.exec(line)?.[1] ?? runs;
    }
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const cov = /cov: (\d+) ft: (\d+) corp: (\d+)/.exec(last) ?? [];
      const s = Math.round((Date.now() - start) / 1000);
      console.log(`fuzz ${name}: ${runs} runs in ${s} s, cov ${cov[1] ?? '?'}, ft ${cov[2] ?? '?'}, corpus ${cov[3] ?? '?'}, ${code === 0 ? 'ok' : `FAILED (exit ${code}; input in target/fuzz-js/${name}/)`}`);
      resolve(code === 0);
    });
  });
}

let ok = true;
for (const name of names) ok = (await fuzz(name)) && ok;
process.exit(ok ? 0 : 1);
