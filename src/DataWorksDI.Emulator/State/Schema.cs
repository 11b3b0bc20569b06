using Microsoft.Data.Sqlite;

namespace DataWorksDI.Emulator.State
{
    /// <summary>
    /// The database schema (PRAGMA user_version 2). Created on first start; later starts reuse it. Version 2 added the
    /// indexes behind the paged listings and lookups (ListFiles filters, GetFile by NodeId, ListDeployments) and the
    /// output index <c>file_outputs</c>; a version-1 data directory gains them at start (the output index filled from
    /// every stored file's OutputList), and its nonces move to <see cref="NonceLedger"/>.
    /// </summary>
    internal static class Schema
    {
        public const int Version = 2;

        private const string Ddl = @"
CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO sequences(name, value) VALUES
  ('file', 500000000), ('deployment', 3000000), ('node', 700000000), ('business', 100000), ('datasource', 10000);

CREATE TABLE IF NOT EXISTS workspaces (
  project_id INTEGER PRIMARY KEY,
  identifier TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  mode INTEGER NOT NULL,              -- 2 basic, 3 standard
  status INTEGER NOT NULL DEFAULT 0,  -- 0 AVAILABLE
  default_di_resource_group TEXT,
  gmt_create INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS resource_groups (
  id INTEGER PRIMARY KEY,
  identifier TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  type INTEGER NOT NULL,              -- 1 scheduling, 4 Data Integration, 7 exclusive scheduling, ...
  mode TEXT NOT NULL,
  status INTEGER NOT NULL,            -- 0 NORMAL, 1 STOP, ...
  biz_ext_key TEXT NOT NULL,
  is_default INTEGER NOT NULL,
  cluster TEXT NOT NULL DEFAULT '',
  create_time INTEGER NOT NULL,
  sequence INTEGER NOT NULL
);

-- Further types a resource group serves besides its own (e.g. a group usable for both Data Integration and scheduling).
CREATE TABLE IF NOT EXISTS resource_group_types (
  group_id INTEGER NOT NULL REFERENCES resource_groups(id),
  type INTEGER NOT NULL,
  PRIMARY KEY(group_id, type)
);

CREATE TABLE IF NOT EXISTS data_sources (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES workspaces(project_id),
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  sub_type TEXT,
  env_type INTEGER NOT NULL,          -- 0 development, 1 production
  status INTEGER NOT NULL,
  connect_status INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL,
  gmt_create INTEGER NOT NULL,
  UNIQUE(project_id, name, env_type)
);

CREATE TABLE IF NOT EXISTS folders (
  folder_id TEXT PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES workspaces(project_id),
  path TEXT NOT NULL,
  parent_path TEXT NOT NULL,          -- '' for a root folder
  business_id INTEGER,                -- set on workflow folders (<root>/<workflow>)
  create_time INTEGER NOT NULL,
  UNIQUE(project_id, path)
);
CREATE INDEX IF NOT EXISTS folders_by_parent ON folders(project_id, parent_path, path);

CREATE TABLE IF NOT EXISTS files (
  file_id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES workspaces(project_id),
  folder_id TEXT NOT NULL REFERENCES folders(folder_id),
  name TEXT NOT NULL,
  file_type INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL,              -- stored verbatim, never re-serialised
  owner TEXT NOT NULL,
  connection_name TEXT NOT NULL DEFAULT '',
  create_time INTEGER NOT NULL,
  create_user TEXT NOT NULL,
  last_edit_time INTEGER NOT NULL,
  last_edit_user TEXT NOT NULL,
  commit_status INTEGER NOT NULL DEFAULT 0,
  current_version INTEGER NOT NULL DEFAULT 0,
  node_id INTEGER,
  use_type TEXT NOT NULL DEFAULT 'NORMAL',
  deleted_status TEXT NOT NULL DEFAULT 'NORMAL',
  auto_parsing INTEGER NOT NULL DEFAULT 0,
  advanced_settings TEXT NOT NULL DEFAULT '',
  task_type TEXT,
  di_resource_group TEXT,
  di_cu REAL,
  node_config TEXT NOT NULL,          -- JSON of NodeConfig
  dev_version INTEGER NOT NULL DEFAULT 0,   -- version in development (standard mode)
  prod_version INTEGER NOT NULL DEFAULT 0   -- version in production
);
CREATE INDEX IF NOT EXISTS files_by_folder ON files(project_id, folder_id, name);
-- Listings walk live files in FileId order; the filters of ListFiles and the lookups by name, owner and node seek.
CREATE INDEX IF NOT EXISTS files_live ON files(project_id, deleted_status, file_id, folder_id);
CREATE INDEX IF NOT EXISTS files_by_name ON files(project_id, name);
CREATE INDEX IF NOT EXISTS files_by_owner ON files(project_id, owner, file_id);
CREATE INDEX IF NOT EXISTS files_by_node ON files(project_id, node_id);

-- Every file's OutputList entries (kept by Files.Insert/Update/Remove): output-name uniqueness and known inputs by index.
CREATE TABLE IF NOT EXISTS file_outputs (
  output TEXT NOT NULL,
  file_id INTEGER NOT NULL,
  PRIMARY KEY(output, file_id)
);
CREATE INDEX IF NOT EXISTS file_outputs_by_file ON file_outputs(file_id);

CREATE TABLE IF NOT EXISTS file_versions (
  file_id INTEGER NOT NULL REFERENCES files(file_id),
  version INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  content TEXT NOT NULL,
  property_content TEXT NOT NULL,
  node_content TEXT NOT NULL,
  node_id INTEGER,
  change_type TEXT NOT NULL,          -- CREATE, UPDATE, DELETE
  status TEXT NOT NULL,               -- COMMITTING, COMMITTED, DEPLOYED, CANCELLED
  comment TEXT NOT NULL DEFAULT '',
  commit_time INTEGER NOT NULL,
  commit_user TEXT NOT NULL,
  use_type TEXT NOT NULL,
  PRIMARY KEY(file_id, version)
);

CREATE TABLE IF NOT EXISTS deployments (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES workspaces(project_id),
  file_id INTEGER NOT NULL,
  file_version INTEGER NOT NULL,
  kind TEXT NOT NULL,                 -- submit, deploy, delete
  name TEXT NOT NULL,
  creator_id TEXT NOT NULL,
  handler_id TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  due_time INTEGER NOT NULL,          -- when the package settles
  execute_time INTEGER,
  status INTEGER NOT NULL,            -- 0 pending, 1 succeeded, 2 failed, 6 rejected
  checking_status INTEGER,            -- 8 being checked, 7 check failed
  from_env INTEGER NOT NULL,
  to_env INTEGER NOT NULL,
  item_status INTEGER NOT NULL,       -- DeployedItems[].Status
  planned TEXT NOT NULL,              -- succeed, fail, reject, checkFail (decided when the package is created)
  planned_message TEXT NOT NULL DEFAULT '',
  error_message TEXT NOT NULL DEFAULT '',
  settled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS deployments_pending ON deployments(settled, due_time);
CREATE INDEX IF NOT EXISTS deployments_by_file ON deployments(file_id, id);
CREATE INDEX IF NOT EXISTS deployments_by_project ON deployments(project_id, id);

CREATE TABLE IF NOT EXISTS nonces (
  access_key_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY(access_key_id, nonce)
);
CREATE INDEX IF NOT EXISTS nonces_expiry ON nonces(expires_at);

CREATE TABLE IF NOT EXISTS client_tokens (
  access_key_id TEXT NOT NULL,
  action TEXT NOT NULL,
  token TEXT NOT NULL,
  parameters_hash TEXT NOT NULL,
  response TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY(access_key_id, action, token)
);

-- Workspaces a runtime-created key is limited to (none: every workspace).
CREATE TABLE IF NOT EXISTS runtime_access_key_projects (
  access_key_id TEXT NOT NULL,
  project_id INTEGER NOT NULL,
  PRIMARY KEY(access_key_id, project_id)
);

CREATE TABLE IF NOT EXISTS runtime_access_keys (
  access_key_id TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  security_token TEXT,
  expiration INTEGER,
  created_at INTEGER NOT NULL
);
";

        public static void Apply(ConnectionHandle handle)
        {
            SqliteConnection connection = handle.Connection;
            using (var tx = connection.BeginTransaction())
            {
                long version;
                using (var cmd = connection.CreateCommand())
                {
                    cmd.Transaction = tx;
                    cmd.CommandText = "PRAGMA user_version";
                    version = (long)cmd.ExecuteScalar();
                    if (version > Version)
                        throw new System.InvalidOperationException("The data directory was written by a newer emulator (schema " + version + ").");
                    cmd.CommandText = Ddl + Realtime.Ddl;
                    cmd.ExecuteNonQuery();
                }
                // Version 1 had no output index: fill it from the files already stored (a new directory has none).
                if (version < 2) Files.RebuildOutputs(new Db(handle, tx, generation: null));
                using (var cmd = connection.CreateCommand())
                {
                    cmd.Transaction = tx;
                    cmd.CommandText = "PRAGMA user_version = " + Version + ";";
                    cmd.ExecuteNonQuery();
                }
                tx.Commit();
            }
        }
    }
}
