'use strict';
// The three official client styles, each used exactly as Alibaba's SDK core is used, behind one call shape:
//   v3      @alicloud/openapi-client callApi, ACS3-HMAC-SHA256 (the generated SDKs' default)
//   v2      @alicloud/openapi-client callApi with signatureAlgorithm 'v2' (HMAC-SHA1; common parameters in the query)
//   popcore @alicloud/pop-core RPCClient (HMAC-SHA1; POST puts everything, Signature included, in the form body)
// call(style, action, params, { method, place, key }) → the parsed JSON body; an error answer throws an Error with
// .code (the answer's Code), .statusCode (when the client exposes it) and .data (the answer's body).

const OpenApi = require('@alicloud/openapi-client');
const OpenApiUtil = require('@alicloud/openapi-util').default;
const Util = require('@alicloud/tea-util');
const RPCClient = require('@alicloud/pop-core').RPCClient;

const API_VERSION = '2020-05-18';
const DEMO_KEY = { accessKeyId: 'LTAI5tDataWorksEmulatorDemo', accessKeySecret: 'DataWorksEmulatorDemoSecretForLocalUseOnly' };
const STYLES = ['v3', 'v2', 'popcore'];

function emulatorUrl() {
  const url = process.env.DATAWORKSDI_EMULATOR_URL;
  if (!url) throw new Error('DATAWORKSDI_EMULATOR_URL is not set: run the suite with `npm test` (run.js starts the emulator).');
  return url;
}

function stringify(params) {
  const out = {};
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}

function openApiClient(key, v2) {
  const url = new URL(emulatorUrl());
  const config = new OpenApi.Config({
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    securityToken: key.securityToken,
    endpoint: url.host,
    protocol: 'http',
    regionId: 'cn-shanghai',
  });
  if (v2) config.signatureAlgorithm = 'v2';
  return new OpenApi.default(config);
}

async function callOpenApi(v2, action, params, { method = 'POST', place = 'body', key = DEMO_KEY, version = API_VERSION } = {}) {
  const client = openApiClient(key, v2);
  const values = stringify(params);
  const request = new OpenApi.OpenApiRequest(place === 'query' ? { query: OpenApiUtil.query(values) } : { body: values });
  const apiParams = new OpenApi.Params({
    action, version, protocol: 'HTTP', pathname: '/', method, authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
  });
  try {
    const response = await client.callApi(apiParams, request, new Util.RuntimeOptions({ autoretry: false }));
    return response.body;
  } catch (e) {
    const error = new Error(e.message);
    error.code = e.code;
    error.data = e.data;
    error.statusCode = e.data && e.data.statusCode;
    throw error;
  }
}

async function callPopCore(action, params, { method = 'POST', key = DEMO_KEY, version = API_VERSION } = {}) {
  const client = new RPCClient({
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    securityToken: key.securityToken,
    endpoint: emulatorUrl(),
    apiVersion: version,
  });
  try {
    return await client.request(action, stringify(params), { method, formatParams: false, timeout: 30000 });
  } catch (e) {
    const error = new Error(e.message);
    error.code = e.code;
    error.data = e.data;
    throw error;
  }
}

/**
 * Calls `action` in `style`. place: 'query' or 'body' (business parameters; pop-core decides by method: GET → query,
 * POST → body). A GET always sends the parameters in the query.
 */
function call(style, action, params, options = {}) {
  const method = options.method || (options.place === 'query' ? 'GET' : 'POST');
  const place = method === 'GET' ? 'query' : (options.place || 'body');
  if (style === 'v3') return callOpenApi(false, action, params, { ...options, method, place });
  if (style === 'v2') return callOpenApi(true, action, params, { ...options, method, place });
  if (style === 'popcore') return callPopCore(action, params, { ...options, method });
  throw new Error('unknown client style ' + style);
}

/** Admin endpoints of the emulator (loopback, no token). */
async function admin(path, body) {
  const response = await fetch(emulatorUrl() + path, body === undefined
    ? {}
    : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error('admin ' + path + ': HTTP ' + response.status + ' ' + await response.text());
  return response.json();
}

/** A fresh key pair from the emulator (optionally limited to some workspaces). */
async function newKey(options = {}) {
  const k = await admin('/_emulator/access-keys', options);
  return { accessKeyId: k.accessKeyId, accessKeySecret: k.accessKeySecret, securityToken: k.securityToken };
}

function uniqueName(prefix) {
  return prefix + '_' + Math.random().toString(36).slice(2, 10) + Date.now().toString(36).slice(-4);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { STYLES, API_VERSION, DEMO_KEY, call, admin, newKey, uniqueName, sleep, emulatorUrl };
