'use strict';
// The official Node client (@alicloud/openapi-client, V3 ACS3-HMAC-SHA256, as the generated SDKs call it) in the
// per-call benchmark (bench/DataWorksDI.Bench, CmdletCostBench). It uses the packages of tests/Conformance (npm ci there
// first). Driven over stdin/stdout so that its rounds alternate with the C# ones in the same run:
//   in:  "<Action> <calls> <json parameters>"   out: {"wallMs": per call, "cpuMs": this process's CPU per call}
// Environment: DATAWORKSDI_EMULATOR_URL, DWDI_KEY_ID, DWDI_KEY_SECRET.
const path = require('node:path');
const readline = require('node:readline');

const modules = path.resolve(__dirname, '..', '..', '..', 'tests', 'Conformance', 'node_modules');
const OpenApi = require(path.join(modules, '@alicloud', 'openapi-client'));
const Util = require(path.join(modules, '@alicloud', 'tea-util'));

const url = new URL(process.env.DATAWORKSDI_EMULATOR_URL);
const client = new OpenApi.default(new OpenApi.Config({
  accessKeyId: process.env.DWDI_KEY_ID,
  accessKeySecret: process.env.DWDI_KEY_SECRET,
  endpoint: url.host,
  protocol: 'http',
  regionId: 'cn-shanghai',
}));
const runtime = new Util.RuntimeOptions({ autoretry: false });

function params(action) {
  return new OpenApi.Params({
    action, version: '2020-05-18', protocol: 'HTTP', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
  });
}

async function round(action, calls, values) {
  const p = params(action);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const response = await client.callApi(p, new OpenApi.OpenApiRequest({ body: values }), runtime);
    if (!response.body || !response.body.RequestId) throw new Error(action + ': no RequestId in ' + JSON.stringify(response.body));
  }
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { wallMs: wallMs / calls, cpuMs: (used.user + used.system) / 1000 / calls };
}

const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  const [action, calls, ...rest] = line.split(' ');
  const values = JSON.parse(rest.join(' ') || '{}');
  queue = queue.then(() => round(action, Number(calls), values))
    .then((r) => process.stdout.write(JSON.stringify(r) + '\n'))
    .catch((e) => { process.stdout.write(JSON.stringify({ error: String(e && e.stack || e) }) + '\n'); });
});
