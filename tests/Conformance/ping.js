'use strict';
// Ping through kubemq-js 1.2.3. Reference: shared/kubemq-protocol.md section 9 (Host, Version, ServerStartTime in
// Unix seconds, ServerUpTimeSeconds = now - start). Optional: --min-version X.Y.Z (this project's broker promises
// 3.0.0 or higher so that official clients do not warn; a community server reports 2.x).

const { Client } = require('kubemq-js');
const { run } = require('./lib/harness');

function versionAtLeast(version, minimum) {
  const parse = (v) => (/^v?(\d+)\.(\d+)\.(\d+)/.exec(v) || []).slice(1, 4).map(Number);
  const have = parse(version);
  const want = parse(minimum);
  if (have.length !== 3) return false;
  for (let i = 0; i < 3; i++) if (have[i] !== want[i]) return have[i] > want[i];
  return true;
}

const scenarios = [
  {
    name: 'ping-reports-server-state',
    async run(ctx) {
      const client = new Client({ address: ctx.address, clientId: ctx.clientId('ping') });
      ctx.defer(() => client.close());
      const minimum = ctx.params['min-version'] || '0.0.0';
      const info = await client.ping();
      const nowSeconds = Math.floor(Date.now() / 1000);
      // start + uptime = now holds only if both are in seconds (ms or ns would be off by orders of magnitude).
      const drift = Math.abs(Number(info.serverStartTime) + Number(info.serverUpTimeSeconds) - nowSeconds);
      return {
        expected: { hostNonEmpty: true, version: `semantic version >= ${minimum}`, startPlusUptimeIsNowInUnixSeconds: true, upTimeNonNegative: true },
        actual: {
          hostNonEmpty: typeof info.host === 'string' && info.host.length > 0,
          version: versionAtLeast(info.version, minimum) ? `semantic version >= ${minimum}` : `'${info.version}'`,
          startPlusUptimeIsNowInUnixSeconds: drift <= 5 ? true : { serverStartTime: info.serverStartTime, serverUpTimeSeconds: info.serverUpTimeSeconds, nowSeconds },
          upTimeNonNegative: Number(info.serverUpTimeSeconds) >= 0,
        },
      };
    },
  },
];

run('ping.js', scenarios);
