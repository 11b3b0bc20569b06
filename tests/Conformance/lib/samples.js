'use strict';
// The values of Alibaba's samples, with where each comes from (docs/seed-workflow.md has the table):
//   page  = "Manage Data Integration tasks with Open API",
//           https://alibabacloud.com/help/en/dataworks/user-guide/use-api-operations-to-perform-operations-related-to-a-batch-synchronization-node
//           (stored copy: the createFile() sample up to the writer's setting)
//   issue = issue 10's account of the same page's flow (the UpdateFile values, ProjectId 78837 / ProjectIdentifier
//           zxy_8221431 for SubmitFile/DeployFile/GetDeployment, S_res_group_XXX as the scheduling group,
//           mysql_autotest_dev in the createofflineTask flow)
//   api   = the API reference pages' own examples (UpdateFile: DependentNodeIdList, EndEffectDate, ParaValue)
//   reconstructed = not readable in any stored copy; chosen to fit the rest

// page: the createFile() TaskContent (reader dh_mysql → writer odps_source, table "same"); the end of "setting" and
// "order" are cut off in the stored copy and follow the CreateDISyncTask API page's example (reconstructed).
const CREATE_FILE_CONTENT = JSON.stringify({
  type: 'job',
  version: '2.0',
  steps: [
    {
      stepType: 'mysql',
      parameter: {
        envType: 1, datasource: 'dh_mysql', column: ['id', 'name'], tableComment: 'Comment for the table same',
        connection: [{ datasource: 'dh_mysql', table: ['same'] }], where: '', splitPk: 'id', encoding: 'UTF-8',
      },
      name: 'Reader',
      category: 'reader',
    },
    {
      stepType: 'odps',
      parameter: {
        partition: 'pt=${bizdate}', truncate: true, datasource: 'odps_source', envType: 1, column: ['id', 'name'],
        emptyAsNull: false, tableComment: 'Comment for the table same', table: 'same',
      },
      name: 'Writer',
      category: 'writer',
    },
  ],
  setting: { errorLimit: { record: '' }, speed: { throttle: false, concurrent: 2 } },
  order: { hops: [{ from: 'Reader', to: 'Writer' }] },
});

module.exports = {
  // page: request.setProjectId(181565L)
  CREATE_FILE_PROJECT_ID: 181565,
  CREATE_FILE_CONTENT,
  // issue 10 / seed-workflow.md: the document's folder and DI resource group
  CREATE_FILE_TASK_PARAM: JSON.stringify({
    FileFolderPath: 'Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration',
    ResourceGroup: 'S_res_group_280749521950784_1602767279794',
  }),
  // issue: the createofflineTask flow's workspace pair
  PROJECT_ID: 78837,
  PROJECT_IDENTIFIER: 'zxy_8221431',
  // issue: that flow reads mysql_autotest_dev; the rest of its content follows createFile() (reconstructed)
  OFFLINE_TASK_CONTENT: CREATE_FILE_CONTENT.split('dh_mysql').join('mysql_autotest_dev'),
  // The UpdateFile call of the page's "Configure scheduling dependencies" step, with exactly its values.
  UPDATE_FILE: {
    AutoRerunTimes: 3, // issue (equals a new node's default)
    AutoRerunIntervalMillis: 120000, // issue (equals a new node's default)
    RerunMode: 'FAILURE_ALLOWED', // seed-workflow.md (page)
    Stop: false, // issue (default)
    ParaValue: 'x=a y=b z=c', // api
    StartEffectDate: 0, // issue (default)
    EndEffectDate: 4155787800000, // api
    CronExpress: '00 30 05 * * ?', // seed-workflow.md (page)
    CycleType: 'DAY', // issue (default)
    DependentType: 'SELF', // issue
    DependentNodeIdList: '5,10,15,20', // issue (present with SELF); value: api
    ResourceGroupIdentifier: 'S_res_group_XXX', // issue: the sample's scheduling resource group
    SchedulerType: 'NORMAL', // issue (default)
    InputList: 'dataworks_di_autotest_root', // seed-workflow.md (the document's root output)
    FileDescription: 'description', // seed-workflow.md (reconstructed)
  },
};
