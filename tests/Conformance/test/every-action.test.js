'use strict';
// Every action the emulator serves, called by each official client style, once with the business parameters in the
// query (GET) and once in a form body (POST): reads and writes, batch and real-time.

const test = require('node:test');
const assert = require('node:assert/strict');
const { STYLES, call, admin, newKey, uniqueName, sleep } = require('../lib/clients');

const STANDARD = 10000;
const DI_FOLDER = 'Workflow/new_biz/Data Integration';
const DI_GROUP = 'S_res_group_280749521950784_1602767279794';
const SCRIPT = JSON.stringify({
  type: 'job', version: '2.0',
  steps: [
    { stepType: 'mysql', parameter: { datasource: 'mysql_pub', column: ['id', 'name'], connection: [{ datasource: 'mysql_pub', table: ['u_pk'] }], where: '', splitPk: 'id', encoding: 'UTF-8' }, name: 'Reader', category: 'reader' },
    { stepType: 'odps', parameter: { partition: 'pt=${bizdate}', truncate: true, datasource: 'odps_first', column: ['id', 'name'], table: 'u_pk' }, name: 'Writer', category: 'writer' },
  ],
  setting: { errorLimit: { record: '' }, speed: { concurrent: 2, throttle: false } },
  order: { hops: [{ from: 'Reader', to: 'Writer' }] },
});
const REALTIME_PARAM = (name) => JSON.stringify({
  type: 'realtime', version: '1.0',
  setting: { resourceGroup: DI_GROUP, taskType: 'oneclick_to_odps', name },
  steps: [
    { stepType: 'mysql', parameter: { connection: [{ datasourceType: 'mysql', datasource: 'mysql_pub', table: ['orders'] }] }, name: 'Reader', category: 'reader' },
    { stepType: 'odps', parameter: { datasource: 'odps_first' }, name: 'Writer', category: 'writer' },
  ],
});

async function until(what, probe, done, timeoutMs = 15000) {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() - start > timeoutMs) throw new Error(what + ' did not finish: ' + JSON.stringify(value));
    await sleep(100);
  }
}

function diSuccess(body, action) {
  assert.equal(body.Data && body.Data.Status, 'success', action + ': ' + JSON.stringify(body));
  return body.Data;
}

const served = new Set();

for (const style of STYLES) {
  for (const place of ['query', 'body']) {
    test(`${style}, parameters in the ${place}: every action the emulator serves`, async () => {
      const key = await newKey(); // its own key, so the emulator's request log shows exactly this flow's calls
      const options = { place, key };
      const c = (action, params) => { served.add(action); return call(style, action, params, options); };
      assert.ok(typeof (await c('GetProject', { ProjectId: STANDARD })).RequestId === 'string');

      // Workspace, resource groups, data sources, folders.
      assert.equal((await c('GetProject', { ProjectId: STANDARD })).Data.ProjectIdentifier, 'emulator_standard');
      assert.ok((await c('ListProjects', { PageSize: 100 })).PageResult.TotalCount >= 6);
      assert.ok((await c('ListResourceGroups', { ResourceGroupType: 4 })).Data.some((g) => g.Identifier === DI_GROUP));
      assert.ok((await c('ListDataSources', { ProjectId: STANDARD, Name: 'mysql_pub' })).Data.TotalCount >= 1);
      const folder = `Workflow/${uniqueName('wf')}/Data Integration`;
      assert.ok((await c('CreateFolder', { ProjectId: STANDARD, FolderPath: folder })).Data);
      assert.equal((await c('GetFolder', { ProjectId: STANDARD, FolderPath: folder })).Data.FolderPath, folder);
      assert.ok((await c('ListFolders', { ProjectId: STANDARD, ParentFolderPath: 'Workflow', PageNumber: 1, PageSize: 100 })).Data.Folders.some((f) => f.FolderPath === folder.replace('/Data Integration', '')));

      // A batch task: create, read, schedule, change, submit, deploy, list, delete.
      const name = uniqueName(`conf_${style}_${place}`);
      const fileId = diSuccess(await c('CreateDISyncTask', { ProjectId: STANDARD, TaskType: 'DI_OFFLINE', TaskContent: SCRIPT,
        TaskParam: JSON.stringify({ FileFolderPath: folder, ResourceGroup: DI_GROUP }), TaskName: name }), 'CreateDISyncTask').FileId;
      const file = (await c('GetFile', { ProjectId: STANDARD, FileId: fileId })).Data;
      assert.equal(file.File.Content, SCRIPT);
      assert.deepEqual(file.NodeConfiguration.OutputList.map((o) => o.Output), [`emulator_standard.${name}`, `emulator_standard.${fileId}_out`]);
      assert.equal((await c('ListFiles', { ProjectId: STANDARD, Keyword: name })).Data.TotalCount, 1);
      await c('UpdateFile', { ProjectId: STANDARD, FileId: fileId, CronExpress: '00 30 05 * * ?', CycleType: 'DAY', InputList: 'emulator_standard_root', RerunMode: 'FAILURE_ALLOWED' });
      diSuccess(await c('UpdateDISyncTask', { ProjectId: STANDARD, TaskType: 'DI_OFFLINE', FileId: fileId, TaskContent: SCRIPT.replace('u_pk', 'u_pk2') }), 'UpdateDISyncTask');
      const submitted = (await c('SubmitFile', { ProjectId: STANDARD, FileId: fileId, Comment: 'conformance' })).Data;
      const settled = (id) => until('deployment ' + id, () => c('GetDeployment', { ProjectId: STANDARD, DeploymentId: id }), (b) => b.Data.Deployment.Status !== 0);
      assert.equal((await settled(submitted)).Data.Deployment.Status, 1);
      assert.equal((await c('ListFileVersions', { ProjectId: STANDARD, FileId: fileId })).Data.FileVersions.length, 1);
      const deployed = (await c('DeployFile', { ProjectId: STANDARD, FileId: fileId })).Data;
      assert.equal((await settled(deployed)).Data.Deployment.Status, 1);
      assert.ok((await c('ListDeployments', { ProjectId: STANDARD, PageSize: 100 })).Data.Deployments.some((d) => d.Id === deployed));
      const deletion = await c('DeleteFile', { ProjectId: STANDARD, FileId: fileId });
      assert.equal((await settled(deletion.DeploymentId)).Data.Deployment.Status, 1);

      // A real-time task: generate, create, read, regenerate, update, deploy, start, stop, terminate, delete.
      const rtName = uniqueName('rt');
      const waitProcess = (processId) => until('process ' + processId,
        () => c('QueryDISyncTaskConfigProcessResult', { ProjectId: STANDARD, TaskType: 'DI_REALTIME', AsyncProcessId: processId }),
        (b) => b.Data.Status !== 'processing');
      const created = diSuccess(await c('GenerateDISyncTaskConfigForCreating', { ProjectId: STANDARD, TaskType: 'DI_REALTIME', TaskParam: REALTIME_PARAM(rtName) }), 'Generate…ForCreating');
      const content = diSuccess(await waitProcess(created.ProcessId), 'QueryDISyncTaskConfigProcessResult').TaskContent;
      const rtId = diSuccess(await c('CreateDISyncTask', { ProjectId: STANDARD, TaskType: 'DI_REALTIME', TaskContent: content,
        TaskParam: JSON.stringify({ FileFolderPath: DI_FOLDER, ResourceGroup: DI_GROUP }), TaskName: rtName }), 'CreateDISyncTask').FileId;
      assert.equal(diSuccess(await c('GetDISyncTask', { ProjectId: STANDARD, TaskType: 'DI_REALTIME', FileId: rtId }), 'GetDISyncTask').Code, content);
      const updating = diSuccess(await c('GenerateDISyncTaskConfigForUpdating', { ProjectId: STANDARD, TaskType: 'DI_REALTIME', TaskId: rtId,
        TaskParam: JSON.stringify({ steps: [{ parameter: { connection: [{ table: ['orders', 'items'] }] }, name: 'Reader', category: 'reader' }] }) }), 'Generate…ForUpdating');
      const newContent = diSuccess(await waitProcess(updating.ProcessId), 'QueryDISyncTaskConfigProcessResult').TaskContent;
      diSuccess(await c('UpdateDISyncTask', { ProjectId: STANDARD, TaskType: 'DI_REALTIME', FileId: rtId, TaskContent: newContent }), 'UpdateDISyncTask');
      const task = { ProjectId: STANDARD, TaskType: 'DI_REALTIME', FileId: rtId };
      diSuccess(await c('DeployDISyncTask', task), 'DeployDISyncTask');
      diSuccess(await c('StartDISyncInstance', { ...task, StartParam: JSON.stringify({ failoverLimit: { count: 10, interval: 30 }, errorLimit: { record: 0 } }) }), 'StartDISyncInstance');
      await until('instance RUN', () => c('GetDISyncInstanceInfo', task), (b) => b.Data.Status === 'RUN');
      diSuccess(await c('StopDISyncInstance', task), 'StopDISyncInstance');
      diSuccess(await c('TerminateDISyncInstance', task), 'TerminateDISyncInstance');
      diSuccess(await c('DeleteDISyncTask', task), 'DeleteDISyncTask');
      await assert.rejects(c('GetFile', { ProjectId: STANDARD, FileId: rtId }), (e) => e.code === 'Invalid.Tenant.FileNotExists');

      // The emulator saw what the client was meant to send: the signature version, the method, parameters by name.
      const { requests } = await admin('/_emulator/requests?accessKeyId=' + key.accessKeyId);
      assert.ok(requests.length >= 40, 'calls logged: ' + requests.length);
      for (const r of requests) {
        assert.equal(r.signatureVersion, style === 'v3' ? 'V3' : 'V2', JSON.stringify(r));
        assert.equal(r.method, place === 'query' ? 'GET' : 'POST', JSON.stringify(r));
        assert.ok(r.action === 'ListProjects' || r.action === 'ListResourceGroups' || r.parameterNames.length > 0, JSON.stringify(r));
      }
    });
  }
}

test('the flows above call every action the emulator serves', async () => {
  const { actions } = await admin('/_emulator/health');
  assert.ok(actions.length >= 28, JSON.stringify(actions));
  assert.deepEqual([...served].sort(), [...actions].sort());
});
