'use strict';
// Alibaba's "Manage Data Integration tasks with Open API" sample flow — create, UpdateFile with exactly the sample's
// values, submit, deploy, get deployment — run unchanged through pop-core (the Node counterpart of the classic SDK the
// page's Java uses), V2-signed, every parameter in the form body. The production package must succeed.
// Values and their sources: lib/samples.js and docs/seed-workflow.md.

const test = require('node:test');
const assert = require('node:assert/strict');
const { call, uniqueName, sleep } = require('../lib/clients');
const sample = require('../lib/samples');

const pop = (action, params) => call('popcore', action, params, { method: 'POST' });

async function waitForPackage(projectParams, deploymentId) {
  const start = Date.now();
  for (;;) {
    const r = await pop('GetDeployment', { ...projectParams, DeploymentId: deploymentId });
    const d = r.Data.Deployment;
    if (d.Status !== 0 || d.CheckingStatus === 7) return r.Data;
    if (Date.now() - start > 15000) throw new Error('package ' + deploymentId + ' still pending: ' + JSON.stringify(r));
    await sleep(200);
  }
}

async function runFlow(createProjectId, flowProjectParams, content, taskParam) {
  const created = await pop('CreateDISyncTask', {
    ProjectId: createProjectId, TaskType: 'DI_OFFLINE', TaskContent: content, TaskParam: taskParam, TaskName: uniqueName('new_di_task'),
  });
  assert.equal(created.Success, true);
  assert.equal(created.Data.Status, 'success', JSON.stringify(created));
  const fileId = created.Data.FileId;

  // Right after creating: several of these values equal a new node's defaults, and the call must still succeed.
  const updated = await pop('UpdateFile', { ...flowProjectParams, FileId: fileId, ...sample.UPDATE_FILE });
  assert.equal(updated.Success, true, JSON.stringify(updated));
  const node = (await pop('GetFile', { ...flowProjectParams, FileId: fileId })).Data.NodeConfiguration;
  assert.equal(node.CronExpress, sample.UPDATE_FILE.CronExpress);
  assert.equal(node.RerunMode, 'FAILURE_ALLOWED');
  assert.equal(node.DependentType, 'SELF');
  assert.deepEqual(node.InputList.map((i) => i.Input), ['dataworks_di_autotest_root']);

  const submitted = await pop('SubmitFile', { ...flowProjectParams, FileId: fileId });
  assert.equal((await waitForPackage(flowProjectParams, submitted.Data)).Deployment.Status, 1);
  const deployed = await pop('DeployFile', { ...flowProjectParams, FileId: fileId });
  const production = await waitForPackage(flowProjectParams, deployed.Data);
  assert.equal(production.Deployment.Status, 1, JSON.stringify(production));
  assert.equal(production.Deployment.ToEnvironment, 2);
  assert.equal(production.DeployedItems[0].FileId, fileId);
  assert.equal(production.DeployedItems[0].Status, 1);
  return fileId;
}

test('the createofflineTask flow in workspace 78837 / zxy_8221431, reading mysql_autotest_dev: the production package succeeds', async () => {
  const project = { ProjectId: sample.PROJECT_ID, ProjectIdentifier: sample.PROJECT_IDENTIFIER };
  await runFlow(sample.PROJECT_ID, project, sample.OFFLINE_TASK_CONTENT, sample.CREATE_FILE_TASK_PARAM);
});

test('the createFile() sample in workspace 181565 with the page\'s own TaskContent: the production package succeeds', async () => {
  await runFlow(sample.CREATE_FILE_PROJECT_ID, { ProjectId: sample.CREATE_FILE_PROJECT_ID }, sample.CREATE_FILE_CONTENT, sample.CREATE_FILE_TASK_PARAM);
});

test('the same flow through openapi-client (V3 and V2) succeeds too', async () => {
  for (const style of ['v3', 'v2']) {
    const project = { ProjectId: sample.PROJECT_ID, ProjectIdentifier: sample.PROJECT_IDENTIFIER };
    const c = (action, params) => call(style, action, params, { method: 'POST', place: 'body' });
    const fileId = (await c('CreateDISyncTask', { ProjectId: sample.PROJECT_ID, TaskType: 'DI_OFFLINE', TaskContent: sample.OFFLINE_TASK_CONTENT,
      TaskParam: sample.CREATE_FILE_TASK_PARAM, TaskName: uniqueName('new_di_task') })).Data.FileId;
    assert.equal((await c('UpdateFile', { ...project, FileId: fileId, ...sample.UPDATE_FILE })).Success, true);
    const submitted = (await c('SubmitFile', { ...project, FileId: fileId })).Data;
    assert.equal((await waitForPackage(project, submitted)).Deployment.Status, 1);
    const deployed = (await c('DeployFile', { ...project, FileId: fileId })).Data;
    assert.equal((await waitForPackage(project, deployed)).Deployment.Status, 1);
  }
});

test('a failed production package is reported as failed (failure injection: failprod_*), never as a success', async () => {
  const project = { ProjectId: sample.PROJECT_ID, ProjectIdentifier: sample.PROJECT_IDENTIFIER };
  const fileId = (await pop('CreateDISyncTask', { ProjectId: sample.PROJECT_ID, TaskType: 'DI_OFFLINE', TaskContent: sample.OFFLINE_TASK_CONTENT,
    TaskParam: sample.CREATE_FILE_TASK_PARAM, TaskName: uniqueName('failprod') })).Data.FileId;
  const submitted = await pop('SubmitFile', { ...project, FileId: fileId });
  assert.equal((await waitForPackage(project, submitted.Data)).Deployment.Status, 1);
  const deployed = await pop('DeployFile', { ...project, FileId: fileId });
  const failed = await waitForPackage(project, deployed.Data);
  assert.equal(failed.Deployment.Status, 2);
  assert.match(failed.Deployment.ErrorMessage, /failprod_\*/);
});
