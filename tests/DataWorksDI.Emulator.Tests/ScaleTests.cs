using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Emulator.State;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>
    /// Large workspaces (issue 17): listings paged in SQL stay exact over many pages and under concurrent changes,
    /// --seed-files tops up without duplicates, reads never wait for writes and stay reads, an older data directory
    /// gains the new indexes. Nothing here is timed: performance is measured in bench/ (docs/performance.md).
    /// </summary>
    public sealed class ScaleTests
    {
        private const string SeedRoot = BulkSeed.RootFolder;

        private static async Task<(long Total, List<(long Id, string Name)> Files)> PageAsync(DwClient c, int page, int size, params (string, object)[] filters)
        {
            var args = new List<(string, object)> { ("ProjectId", Dw.Standard), ("PageNumber", page), ("PageSize", size) };
            args.AddRange(filters);
            var data = (await c.CallAsync("ListFiles", args.ToArray())).Ok()["Data"];
            var files = data["Files"].AsArray().Select(f => (f["FileId"].GetValue<long>(), f["FileName"].GetValue<string>())).ToList();
            return (data["TotalCount"].GetValue<long>(), files);
        }

        /// <summary>Walks every page; asserts each page's TotalCount is the same and returns the rows in order.</summary>
        private static async Task<List<(long Id, string Name)>> WalkAsync(DwClient c, int size, params (string, object)[] filters)
        {
            var all = new List<(long Id, string Name)>();
            long? total = null;
            for (int page = 1; ; page++)
            {
                var (t, files) = await PageAsync(c, page, size, filters);
                Assert.True(total == null || total == t, "TotalCount changed from " + total + " to " + t + " at page " + page);
                total = t;
                all.AddRange(files);
                if (files.Count < size) break;
            }
            Assert.Equal(total, all.Count);
            return all;
        }

        /// <summary>Stops an emulator but keeps its data directory (TestEmulator.DisposeAsync deletes it).</summary>
        internal static async Task StopKeepingDataAsync(TestEmulator e)
        {
            e.Client.Dispose();
            await e.Running.DisposeAsync();
        }

        private static IEnumerable<string> SeedNames(IEnumerable<int> ks) => ks.Select(BulkSeed.FileName);

        [Fact]
        public async Task Paging_over_many_pages_with_filters_has_no_duplicates_no_gaps_and_the_right_TotalCount()
        {
            await using var emu = await TestEmulator.StartAsync(o => o.SeedFiles = 2500);
            var c = emu.Client;
            Assert.Equal(2500, emu.Running.SeededFiles);

            var all = await WalkAsync(c, 100);
            Assert.Equal(SeedNames(Enumerable.Range(1, 2500)), all.Select(f => f.Name));
            Assert.Equal(all.Select(f => f.Id).OrderBy(i => i), all.Select(f => f.Id));
            Assert.Equal(all.Count, all.Select(f => f.Id).Distinct().Count());

            // The same walk at an odd page size, and pages asked for out of order, give the same rows.
            Assert.Equal(all, await WalkAsync(c, 7));
            foreach (int page in new[] { 25, 3, 24, 1, 13 })
                Assert.Equal(all.Skip((page - 1) * 100).Take(100), (await PageAsync(c, page, 100)).Files);
            Assert.Empty((await PageAsync(c, 26, 100)).Files);
            Assert.Equal(2500, (await PageAsync(c, 1000, 100)).Total);

            // Filters, each checked against the documented seed layout (not against another listing).
            Assert.Equal(SeedNames(Enumerable.Range(1001, 1000)), (await WalkAsync(c, 100, ("FileFolderPath", SeedRoot + "/part_001"))).Select(f => f.Name));
            Assert.Equal(2500, (await WalkAsync(c, 100, ("FileFolderPath", "/" + SeedRoot + "/"))).Count);
            Assert.Empty(await WalkAsync(c, 100, ("FileFolderPath", SeedRoot + "/part_00")));   // a prefix of a name is not a parent folder
            Assert.Equal(SeedNames(Enumerable.Range(1200, 100)), (await WalkAsync(c, 30, ("Keyword", "SYNC_00012"))).Select(f => f.Name));
            Assert.Equal(new[] { BulkSeed.FileName(7) }, (await WalkAsync(c, 10, ("ExactFileName", BulkSeed.FileName(7)))).Select(f => f.Name));
            Assert.Empty(await WalkAsync(c, 10, ("ExactFileName", "SEED_SYNC_0000007")));
            Assert.Equal(2500, (await WalkAsync(c, 100, ("FileTypes", "6,23"))).Count);
            Assert.Empty(await WalkAsync(c, 100, ("FileTypes", "6")));
            Assert.Equal(2500, (await WalkAsync(c, 100, ("Owner", "200301234567890"))).Count);
            Assert.Empty(await WalkAsync(c, 100, ("Owner", "someone_else")));
            var some = all.Where((_, i) => i % 97 == 0).Take(20).ToList();
            Assert.Equal(some, await WalkAsync(c, 6, ("FileIdIn", string.Join(",", some.Select(f => f.Id)))));
            // Combined: folder part_002 and keyword "5" → k in 2001..2500 whose 7-digit name holds a 5 somewhere after the prefix.
            var expected = Enumerable.Range(2001, 500).Where(k => BulkSeed.FileName(k).Substring("seed_sync_".Length).Contains('5'));
            Assert.Equal(SeedNames(expected), (await WalkAsync(c, 9, ("FileFolderPath", SeedRoot + "/part_002"), ("Keyword", "5"))).Select(f => f.Name));
        }

        [Fact]
        public async Task Paging_while_files_are_created_and_deleted_between_pages_lists_every_lasting_file_once()
        {
            await using var emu = await TestEmulator.StartAsync(o => o.SeedFiles = 600);
            var c = emu.Client;
            var initial = await WalkAsync(c, 100);
            var deleted = new HashSet<long>();
            var created = new List<long>();
            var seen = new List<long>();
            const int size = 40;
            for (int page = 1; ; page++)
            {
                var (total, files) = await PageAsync(c, page, size);
                Assert.True(initial.Count - deleted.Count + created.Count == total, "page " + page + ": TotalCount " + total + ", expected "
                    + (initial.Count - deleted.Count + created.Count) + " (" + deleted.Count + " deleted, " + created.Count + " created)");
                seen.AddRange(files.Select(f => f.Id));
                if (files.Count < size) break;
                // Between pages: a new file (it sorts last) and the deletion of a file not yet reached.
                created.Add(await Dw.CreateTaskAsync(c, Dw.Standard, Dw.UniqueName("between")));
                var ahead = initial.Select(f => f.Id).Where(id => !seen.Contains(id) && !deleted.Contains(id)).Skip(3 + page % 7).Take(1).ToList();
                foreach (long id in ahead)
                {
                    (await c.CallAsync("DeleteFile", ("ProjectId", Dw.Standard), ("FileId", id))).Ok();
                    deleted.Add(id);
                }
            }
            Assert.Equal(seen.Count, seen.Distinct().Count());
            var expected = initial.Select(f => f.Id).Where(id => !deleted.Contains(id)).Concat(created).ToList();
            Assert.Equal(expected, seen);
        }

        [Fact]
        public async Task A_page_read_again_after_a_write_shows_the_new_state()
        {
            await using var emu = await TestEmulator.StartAsync(o => o.SeedFiles = 100);
            var c = emu.Client;
            var before = await PageAsync(c, 3, 10);
            var page1 = await PageAsync(c, 1, 10);
            await PageAsync(c, 2, 10);
            Assert.Equal(before.Files, (await PageAsync(c, 3, 10)).Files);   // served by the seek, same rows
            var page4 = await PageAsync(c, 4, 10);

            // Deleting a file of page 1 moves every later row up by one, as LIMIT/OFFSET paging does.
            (await c.CallAsync("DeleteFile", ("ProjectId", Dw.Standard), ("FileId", page1.Files[0].Id))).Ok();
            var after = await PageAsync(c, 3, 10);
            Assert.Equal(99, after.Total);
            Assert.Equal(before.Files.Skip(1).Append(page4.Files[0]), after.Files);

            // A rename is seen by the keyword filter at once.
            long renamed = before.Files[5].Id;
            Assert.Empty((await PageAsync(c, 1, 10, ("Keyword", "renamed_now"))).Files);
            (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", renamed), ("FileName", "renamed_now"))).Ok();
            Assert.Equal(new[] { (renamed, "renamed_now") }, (await PageAsync(c, 1, 10, ("Keyword", "RENAMED"))).Files);
        }

        [Fact]
        public async Task Seed_files_top_up_on_restart_and_never_duplicate()
        {
            string dir = TestEmulator.NewDataDirectory();
            long firstId;
            var first = await TestEmulator.StartAsync(o => o.SeedFiles = 300, dir);
            {
                Assert.Equal(300, first.Running.SeededFiles);
                var files = await WalkAsync(first.Client, 100, ("FileFolderPath", SeedRoot));
                Assert.Equal(SeedNames(Enumerable.Range(1, 300)), files.Select(f => f.Name));
                firstId = files[0].Id;
                var file = await Dw.GetFileAsync(first.Client, Dw.Standard, files[41].Id);
                Assert.Equal(SeedRoot + "/part_000", (await first.Client.CallAsync("GetFolder", ("ProjectId", Dw.Standard), ("FolderId", file["File"]["FileFolderId"].GetValue<string>()))).Ok()["Data"]["FolderPath"].GetValue<string>());
                Assert.Contains("seed_table_0000042", file["File"]["Content"].GetValue<string>());
                Assert.Contains(file["NodeConfiguration"]["OutputList"].AsArray(), o => o["Output"].GetValue<string>() == "emulator_standard." + BulkSeed.FileName(42));
                // Seed files are ordinary files: one is deleted (never committed, so it is gone).
                (await first.Client.CallAsync("DeleteFile", ("ProjectId", Dw.Standard), ("FileId", files[9].Id))).Ok();
            }
            await StopKeepingDataAsync(first);
            var second = await TestEmulator.StartAsync(o => o.SeedFiles = 1200, dir);
            {
                Assert.Equal(1 + 900, second.Running.SeededFiles);
                var files = await WalkAsync(second.Client, 100, ("FileFolderPath", SeedRoot));
                Assert.Equal(SeedNames(Enumerable.Range(1, 1200)).OrderBy(n => n, StringComparer.Ordinal), files.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal));
                Assert.Equal(firstId, files[0].Id);   // the existing ones are untouched
                Assert.Equal(SeedNames(Enumerable.Range(1001, 200)), (await WalkAsync(second.Client, 100, ("FileFolderPath", SeedRoot + "/part_001"))).Select(f => f.Name));
            }
            await StopKeepingDataAsync(second);
            var third = await TestEmulator.StartAsync(o => o.SeedFiles = 1200, dir);
            {
                Assert.Equal(0, third.Running.SeededFiles);
                Assert.Equal(1200, (await PageAsync(third.Client, 1, 1)).Total);
            }
            await StopKeepingDataAsync(third);
            await using (var fewer = await TestEmulator.StartAsync(o => o.SeedFiles = 10, dir))
            {
                Assert.Equal(0, fewer.Running.SeededFiles);   // a smaller N never removes anything
                Assert.Equal(1200, (await PageAsync(fewer.Client, 1, 1)).Total);
            }
        }

        [Fact]
        public async Task Reads_run_while_a_write_is_in_progress()
        {
            await using var emu = await TestEmulator.StartAsync(o => o.SeedFiles = 50);
            var c = emu.Client;
            long fileId = (await PageAsync(c, 1, 1)).Files[0].Id;
            using var entered = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            var write = Task.Run(() => emu.Running.Store.Run(db =>
            {
                db.Execute("UPDATE files SET description = 'held' WHERE file_id = $f", "$f", fileId);
                entered.Set();
                release.Wait(TimeSpan.FromSeconds(60));
                return 0;
            }));
            try
            {
                Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));
                // The write holds the writer; every read (and its nonce check) still completes, and sees the state before it.
                Assert.Equal("", (await Dw.GetFileAsync(c, Dw.Standard, fileId))["File"]["FileDescription"].GetValue<string>());
                Assert.Equal(50, (await PageAsync(c, 3, 10)).Total);
                (await c.CallAsync("GetProject", ("ProjectId", Dw.Standard))).Ok();
                (await c.CallAsync("ListDeployments", ("ProjectId", Dw.Standard))).Ok();
                Assert.False(write.IsCompleted);
            }
            finally
            {
                release.Set();
            }
            await write;
            Assert.Equal("held", (await Dw.GetFileAsync(c, Dw.Standard, fileId))["File"]["FileDescription"].GetValue<string>());
        }

        [Fact]
        public async Task Reads_stay_reads_and_settle_deployments_only_when_one_is_due()
        {
            await using var emu = await TestEmulator.StartAsync(o => o.DeploymentDelay = TimeSpan.FromMilliseconds(200));
            var c = emu.Client;
            long fileId = await Dw.CreateTaskAsync(c, Dw.Standard, Dw.UniqueName());
            long deployment = await Dw.SubmitAsync(c, Dw.Standard, fileId);
            await Task.Delay(400);
            long writes = emu.Running.Store.WriteCount;
            var settled = (await c.CallAsync("GetDeployment", ("ProjectId", Dw.Standard), ("DeploymentId", deployment))).Ok();
            Assert.Equal(1, settled["Data"]["Deployment"]["Status"].GetValue<int>());
            Assert.Equal(writes + 1, emu.Running.Store.WriteCount);   // the one settling write

            writes = emu.Running.Store.WriteCount;
            for (int i = 0; i < 10; i++)
            {
                (await c.CallAsync("GetFile", ("ProjectId", Dw.Standard), ("FileId", fileId))).Ok();
                (await c.CallAsync("ListFiles", ("ProjectId", Dw.Standard))).Ok();
                (await c.CallAsync("GetDeployment", ("ProjectId", Dw.Standard), ("DeploymentId", deployment))).Ok();
            }
            Assert.Equal(writes, emu.Running.Store.WriteCount);
        }

        [Fact]
        public async Task The_output_index_follows_every_change_of_an_OutputList_and_every_deletion()
        {
            await using var emu = await TestEmulator.StartAsync();
            var c = emu.Client;
            long a = await Dw.CreateTaskAsync(c, Dw.Standard, Dw.UniqueName("out"));
            long b = await Dw.CreateTaskAsync(c, Dw.Standard, Dw.UniqueName("out"));
            string custom = "emulator_standard." + Dw.UniqueName("custom");
            string other = "emulator_standard." + Dw.UniqueName("other");
            (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", a), ("OutputList", custom))).Ok();
            Assert.Contains(a.ToString(), (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", b), ("OutputList", custom)))
                .Error(400, "Invalid.Tenant.NodeOutputExisted").ErrorMessage);
            (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", b), ("InputList", custom))).Ok();
            (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", b), ("InputList", other))).Error(400, "Invalid.Tenant.NodeInputNotExists");

            // A changes its outputs: the old name is free, the new one taken.
            (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", a), ("OutputList", other))).Ok();
            (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", b), ("OutputList", custom))).Ok();
            (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", b), ("OutputList", custom + "," + other))).Error(400, "Invalid.Tenant.NodeOutputExisted");
            // A rename keeps the outputs.
            (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", a), ("FileName", Dw.UniqueName("renamed")))).Ok();
            (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", b), ("OutputList", custom + "," + other))).Error(400, "Invalid.Tenant.NodeOutputExisted");
            // A deleted (never committed, so removed) file frees its outputs; they are no longer known inputs either.
            (await c.CallAsync("DeleteFile", ("ProjectId", Dw.Standard), ("FileId", a))).Ok();
            long d = await Dw.CreateTaskAsync(c, Dw.Standard, Dw.UniqueName("out"));
            (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", d), ("InputList", other))).Error(400, "Invalid.Tenant.NodeInputNotExists");
            (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", b), ("OutputList", custom + "," + other))).Ok();
            (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", d), ("InputList", other + ",emulator_basic_root,dataworks_di_autotest_root"))).Ok();
            (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", d), ("InputList", "no_such_workspace_root"))).Error(400, "Invalid.Tenant.NodeInputNotExists");
        }

        [Fact]
        public async Task A_read_connection_refuses_to_write()
        {
            await using var emu = await TestEmulator.StartAsync();
            var e = Assert.Throws<SqliteException>(() => emu.Running.Store.Read(db => db.Execute("UPDATE workspaces SET name = 'x'")));
            Assert.Contains("readonly", e.Message.Replace("-", "").Replace(" ", ""), StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task A_version_1_data_directory_gains_the_output_index_and_keeps_its_nonces()
        {
            string dir = TestEmulator.NewDataDirectory();
            string usedNonce = Guid.NewGuid().ToString();
            long a, b;
            string nameA = Dw.UniqueName("v1");
            var first = await TestEmulator.StartAsync(dataDirectory: dir);
            a = await Dw.CreateTaskAsync(first.Client, Dw.Standard, nameA);
            b = await Dw.CreateTaskAsync(first.Client, Dw.Standard, Dw.UniqueName("v1"));
            await StopKeepingDataAsync(first);
            // What a version-1 emulator left: no output index, nonces in the main database.
            using (var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, Store.DatabaseFileName), Pooling = false }.ToString()))
            {
                db.Open();
                using var cmd = db.CreateCommand();
                cmd.CommandText = "DROP TABLE file_outputs; PRAGMA user_version = 1; INSERT INTO nonces(access_key_id, nonce, expires_at) VALUES ($k, $n, $e);";
                cmd.Parameters.AddWithValue("$k", Options.EmulatorOptions.DemoAccessKeyId);
                cmd.Parameters.AddWithValue("$n", usedNonce);
                cmd.Parameters.AddWithValue("$e", DateTimeOffset.UtcNow.AddMinutes(20).ToUnixTimeMilliseconds());
                cmd.ExecuteNonQuery();
            }
            File.Delete(Path.Combine(dir, NonceLedger.FileName));
            await using (var second = await TestEmulator.StartAsync(dataDirectory: dir))
            {
                var c = second.Client;
                string outputA = "emulator_standard." + nameA;
                (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", b), ("OutputList", outputA))).Error(400, "Invalid.Tenant.NodeOutputExisted");
                (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", b), ("InputList", outputA))).Ok();
                (await c.SendAsync(new V3Request { Action = "ListProjects", Nonce = usedNonce })).Error(400, "SignatureNonceUsed");
            }
        }
    }
}
