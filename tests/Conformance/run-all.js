'use strict';
// Runs every pattern script one after another against the same address (`node run-all.js 127.0.0.1:50000` or
// `npm test -- 127.0.0.1:50000`), passing the arguments through, and exits non-zero if any script failed.

const { spawnSync } = require('child_process');
const path = require('path');

const SCRIPTS = ['ping.js', 'events.js', 'events-store.js', 'commands.js', 'queries.js', 'queues.js'];

let failed = 0;
for (const script of SCRIPTS) {
  const result = spawnSync(process.execPath, [path.join(__dirname, script), ...process.argv.slice(2)], { stdio: 'inherit', timeout: 120000 });
  if (result.status !== 0) failed++;
}
process.stderr.write(`run-all: ${SCRIPTS.length - failed} script(s) passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
