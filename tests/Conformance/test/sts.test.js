'use strict';
// STS on the emulator's own address, called the way the official libraries call it: AssumeRole V2-signed with the
// parameters in the query (openapi-client v2, GET or POST) or everything in the form body (pop-core POST); the
// issued credentials then work on the DataWorks API.

const test = require('node:test');
const assert = require('node:assert/strict');
const { call } = require('../lib/clients');

const ROLE_ARN = 'acs:ram::1234567890123456:role/dataworks-deployer';

for (const [style, method, place] of [['popcore', 'POST', 'body'], ['popcore', 'GET', 'query'], ['v2', 'POST', 'body'], ['v2', 'GET', 'query']]) {
  test(`AssumeRole through ${style} ${method} (parameters in the ${place}) issues working STS credentials`, async () => {
    const r = await call(style, 'AssumeRole', { RoleArn: ROLE_ARN, RoleSessionName: 'conformance', DurationSeconds: 900 }, { method, place, version: '2015-04-01' });
    const c = r.Credentials;
    assert.match(c.AccessKeyId, /^STS\./);
    const key = { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken };
    for (const s of ['v3', 'v2', 'popcore']) {
      assert.equal((await call(s, 'GetProject', { ProjectId: 10000 }, { key })).Data.ProjectId, 10000);
    }
  });
}
