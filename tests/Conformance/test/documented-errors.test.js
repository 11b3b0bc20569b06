'use strict';
// The documented error cases, as each official client style surfaces them: the code (and, where the client exposes
// it, the HTTP status) of the answer. A wrong secret is SignatureDoesNotMatch for every style.

const test = require('node:test');
const assert = require('node:assert/strict');
const { STYLES, DEMO_KEY, call, newKey, uniqueName } = require('../lib/clients');

const STANDARD = 10000;
const DI_PARAM = JSON.stringify({ FileFolderPath: 'Workflow/new_biz/Data Integration', ResourceGroup: 'S_res_group_280749521950784_1602767279794' });
const SCRIPT = JSON.stringify({
  type: 'job', version: '2.0',
  steps: [
    { stepType: 'mysql', parameter: { datasource: 'mysql_pub', column: ['id'], connection: [{ datasource: 'mysql_pub', table: ['t'] }] }, name: 'Reader', category: 'reader' },
    { stepType: 'odps', parameter: { datasource: 'odps_first', column: ['id'], table: 't' }, name: 'Writer', category: 'writer' },
  ],
  order: { hops: [{ from: 'Reader', to: 'Writer' }] },
});

/** Asserts the call fails with `code` (and `status` where the client tells it). */
async function fails(style, promise, code, status) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.code, code, e.message);
    if (style !== 'popcore') assert.equal(e.statusCode, status, e.message); // pop-core does not expose the status
    assert.ok(e.data && typeof e.data.RequestId === 'string' && e.data.RequestId.length > 0, JSON.stringify(e.data));
    return true;
  });
}

for (const style of STYLES) {
  test(`${style}: a wrong secret is SignatureDoesNotMatch, an unknown key InvalidAccessKeyId.NotFound`, async () => {
    for (const method of ['GET', 'POST']) {
      await fails(style, call(style, 'ListProjects', { PageSize: 10 }, { method, key: { ...DEMO_KEY, accessKeySecret: 'not-the-secret' } }), 'SignatureDoesNotMatch', 400);
      await fails(style, call(style, 'GetProject', { ProjectId: STANDARD }, { method, key: { accessKeyId: 'LTAI5tNobodyHere', accessKeySecret: 'x' } }), 'InvalidAccessKeyId.NotFound', 404);
    }
  });

  test(`${style}: gateway errors — MissingParameter, InvalidAction.NotFound`, async () => {
    const e = await call(style, 'GetDeployment', { ProjectId: STANDARD }).catch((x) => x);
    assert.equal(e.code, 'MissingParameter');
    assert.match(e.data.Message, /"DeploymentId"/);
    await fails(style, call(style, 'CreateFile2', { ProjectId: STANDARD }), 'InvalidAction.NotFound', 404);
  });

  test(`${style}: the DI pages' codes — Invalid.DI.Parameter, Invalid.DI.Parameter.File.Existed, Forbidden.DI.NoPrivilege, Param.Invalid`, async () => {
    await fails(style, call(style, 'CreateDISyncTask', { ProjectId: STANDARD, TaskType: 'DI_OFFLINE', TaskContent: SCRIPT, TaskParam: 'not json', TaskName: uniqueName('x') }),
      'Invalid.DI.Parameter', 400);
    await fails(style, call(style, 'CreateDISyncTask', { ProjectId: STANDARD, TaskType: 'DI_STREAM', TaskContent: SCRIPT, TaskParam: DI_PARAM, TaskName: uniqueName('x') }),
      'Invalid.DI.Parameter', 400);
    const name = uniqueName('dup');
    const first = await call(style, 'CreateDISyncTask', { ProjectId: STANDARD, TaskType: 'DI_OFFLINE', TaskContent: SCRIPT, TaskParam: DI_PARAM, TaskName: name });
    assert.equal(first.Data.Status, 'success');
    await fails(style, call(style, 'CreateDISyncTask', { ProjectId: STANDARD, TaskType: 'DI_OFFLINE', TaskContent: SCRIPT, TaskParam: DI_PARAM, TaskName: name }),
      'Invalid.DI.Parameter.File.Existed', 400);

    const limited = await newKey({ projectIds: [10001] });
    await fails(style, call(style, 'CreateDISyncTask', { ProjectId: STANDARD, TaskType: 'DI_OFFLINE', TaskContent: SCRIPT, TaskParam: DI_PARAM, TaskName: uniqueName('x') }, { key: limited }),
      'Forbidden.DI.NoPrivilege', 403);
    await fails(style, call(style, 'GetFile', { ProjectId: STANDARD, FileId: first.Data.FileId }, { key: limited }), 'Forbidden.Access', 403);

    for (const action of ['StopDISyncInstance', 'TerminateDISyncInstance']) {
      await fails(style, call(style, action, { ProjectId: STANDARD, TaskType: 'DI_SOLUTION', FileId: first.Data.FileId }), 'Param.Invalid', 400);
    }
  });

  test(`${style}: a documented DI business failure is HTTP 200 with Data.Status "fail"`, async () => {
    const r = await call(style, 'CreateDISyncTask', { ProjectId: STANDARD, TaskType: 'DI_OFFLINE', TaskContent: SCRIPT,
      TaskParam: JSON.stringify({ FileFolderPath: 'Business Flow/xxxx/Data Integration', ResourceGroup: 'S_res_group_280749521950784_1602767279794' }), TaskName: uniqueName('x') });
    assert.equal(r.Success, true);
    assert.equal(r.Data.Status, 'fail');
    assert.equal(r.Data.Message, 'Invalid path: Business Flow/xxxx/Data Integration');
    const g = await call(style, 'CreateDISyncTask', { ProjectId: STANDARD, TaskType: 'DI_OFFLINE', TaskContent: SCRIPT,
      TaskParam: JSON.stringify({ FileFolderPath: 'Workflow/new_biz/Data Integration', ResourceGroup: 'S_res_group_nope' }), TaskName: uniqueName('x') });
    assert.equal(g.Data.Message, 'ResourceGroup:[S_res_group_nope] is invalid.');
  });

  test(`${style}: an STS key needs its token`, async () => {
    const sts = await newKey({ securityToken: true, expiresInSeconds: 900 });
    assert.equal((await call(style, 'GetProject', { ProjectId: STANDARD }, { key: sts })).Data.ProjectId, STANDARD);
    await fails(style, call(style, 'GetProject', { ProjectId: STANDARD }, { key: { ...sts, securityToken: 'CAISwrong' } }), 'InvalidSecurityToken.MismatchWithAccessKey', 400);
  });
}
