using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Gateway;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>
    /// Task contents of tens of thousands of columns fit (issue 10), in the query as the official SDK sends UpdateDISyncTask's
    /// TaskContent and in the form body; anything over a limit is answered in the gateway's JSON shape (issue 11 item 8).
    /// </summary>
    public sealed class LargeRequestTests : IClassFixture<SharedEmulator>
    {
        private readonly DwClient _c;

        public LargeRequestTests(SharedEmulator fixture)
        {
            _c = fixture.Client;
        }

        /// <summary>A valid batch script whose reader and writer both list <paramref name="columns"/> columns (about 24 bytes a column).</summary>
        public static string WideScript(int columns, string table = "wide")
        {
            var names = new JsonArray(Enumerable.Range(0, columns).Select(i => (JsonNode)JsonValue.Create("col_" + i.ToString("D5"))).ToArray());
            var script = JsonNode.Parse(Dw.Script);
            script["steps"][0]["parameter"]["column"] = names.DeepClone();
            script["steps"][1]["parameter"]["column"] = names;
            script["steps"][1]["parameter"]["table"] = table;
            return script.ToJsonString();
        }

        [Fact]
        public async Task A_10000_column_TaskContent_goes_through_Create_and_UpdateDISyncTask_in_the_query_and_in_the_body()
        {
            string wide = WideScript(10_000);
            Assert.InRange(wide.Length, 230_000, 300_000);
            string wider = WideScript(10_000, "wide_2");

            var inQuery = new V3Request { Action = "CreateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("TaskType", "DI_OFFLINE")
                .Q("TaskParam", Dw.TaskParam()).Q("TaskName", Dw.UniqueName("wide_q")).Q("TaskContent", wide);
            long fromQuery = (await _c.SendAsync(inQuery)).Ok()["Data"]["FileId"].GetValue<long>();
            long fromBody = await Dw.CreateTaskAsync(_c, Dw.Standard, Dw.UniqueName("wide_b"), wide);
            Assert.Equal(wide, (await Dw.GetFileAsync(_c, Dw.Standard, fromQuery))["File"]["Content"].GetValue<string>());
            Assert.Equal(wide, (await Dw.GetFileAsync(_c, Dw.Standard, fromBody))["File"]["Content"].GetValue<string>());

            // UpdateDISyncTask: TaskContent in the query (the official SDK's choice), then in the form body.
            var updateQuery = new V3Request { Action = "UpdateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("TaskType", "DI_OFFLINE").Q("FileId", fromQuery).Q("TaskContent", wider);
            Assert.Equal("success", (await _c.SendAsync(updateQuery)).Ok()["Data"]["Status"].GetValue<string>());
            Assert.Equal(wider, (await Dw.GetFileAsync(_c, Dw.Standard, fromQuery))["File"]["Content"].GetValue<string>());
            var updateBody = new V3Request { Action = "UpdateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("TaskType", "DI_OFFLINE").Q("FileId", fromBody).F("TaskContent", wider);
            Assert.Equal("success", (await _c.SendAsync(updateBody)).Ok()["Data"]["Status"].GetValue<string>());
            Assert.Equal(wider, (await Dw.GetFileAsync(_c, Dw.Standard, fromBody))["File"]["Content"].GetValue<string>());

            // V2 too (all parameters in the query: the longest request line an SDK sends).
            var v2 = new V2Request { Method = "GET", Action = "UpdateDISyncTask" }.P("ProjectId", Dw.Standard).P("TaskType", "DI_OFFLINE").P("FileId", fromQuery).P("TaskContent", wide);
            Assert.Equal("success", (await _c.SendAsync(v2)).Ok()["Data"]["Status"].GetValue<string>());
        }

        [Fact]
        public async Task Fifty_thousand_columns_in_the_query_still_fit()
        {
            string huge = WideScript(50_000);
            var r = new V3Request { Action = "CreateDISyncTask" }.Q("ProjectId", Dw.Standard).Q("TaskType", "DI_OFFLINE")
                .Q("TaskParam", Dw.TaskParam()).Q("TaskName", Dw.UniqueName("huge")).Q("TaskContent", huge);
            long fileId = (await _c.SendAsync(r)).Ok()["Data"]["FileId"].GetValue<long>();
            Assert.Equal(huge.Length, (await Dw.GetFileAsync(_c, Dw.Standard, fileId))["File"]["Content"].GetValue<string>().Length);
        }

        [Fact]
        public async Task A_request_line_over_the_limit_is_414_in_JSON()
        {
            byte[] line = Encoding.ASCII.GetBytes("GET /?TaskContent=" + new string('a', Protocol.MaxRequestLineBytes + 10) + " HTTP/1.1\r\nHost: " + _c.Authority + "\r\n\r\n");
            var answer = await RawHttp.SendAsync(_c.BaseAddress, line);
            answer.AssertGatewayError(414, "RequestURITooLong");
        }

        [Fact]
        public async Task Headers_over_the_limit_are_431_in_JSON()
        {
            byte[] request = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: " + _c.Authority + "\r\nx-big: " + new string('a', Protocol.MaxRequestHeadersBytes + 10) + "\r\n\r\n");
            (await RawHttp.SendAsync(_c.BaseAddress, request)).AssertGatewayError(431, "RequestHeaderFieldsTooLarge");
        }

        [Fact]
        public async Task A_request_that_is_not_HTTP_is_400_in_JSON()
        {
            (await RawHttp.SendAsync(_c.BaseAddress, Encoding.ASCII.GetBytes("HELLO WORLD\r\n\r\n"))).AssertGatewayError(400, "BadRequest");
        }

        [Fact]
        public async Task A_body_over_the_limit_is_413_in_JSON_and_the_client_reads_the_answer()
        {
            long size = Protocol.MaxBodyBytes + 1024;
            // Announced length over the limit: answered at once, the rest drained so the sender is not reset.
            byte[] head = Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nHost: " + _c.Authority + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + size + "\r\n\r\n");
            (await RawHttp.SendAsync(_c.BaseAddress, head, size)).AssertGatewayError(413, "RequestEntityTooLarge");
            // Chunked (no length announced): refused once the body passes the limit.
            byte[] chunkedHead = Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nHost: " + _c.Authority + "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
            (await RawHttp.SendAsync(_c.BaseAddress, chunkedHead, size, chunked: true)).AssertGatewayError(413, "RequestEntityTooLarge");
            // The emulator still serves.
            Assert.Equal(200, (await _c.SendAsync(new V3Request { Action = "ListProjects" })).Status);
        }
    }

    /// <summary>A raw HTTP/1.1 exchange over TCP: sends while it reads, so an early answer is seen even if the send is cut.</summary>
    public static class RawHttp
    {
        public sealed class Answer
        {
            public int Status { get; init; }
            public string Head { get; init; }
            public string Body { get; init; }

            public JsonNode Json => JsonNode.Parse(Body);

            public void AssertGatewayError(int status, string code)
            {
                Assert.True(Status == status, "Expected " + status + ", got: " + Head + Body);
                Assert.Contains("Content-Type: application/json;charset=utf-8", Head, StringComparison.OrdinalIgnoreCase);
                var body = Json;
                Assert.Equal(code, body["Code"].GetValue<string>());
                string requestId = body["RequestId"].GetValue<string>();
                Assert.False(string.IsNullOrEmpty(requestId));
                Assert.False(string.IsNullOrEmpty(body["HostId"].GetValue<string>()));
                Assert.False(string.IsNullOrEmpty(body["Message"].GetValue<string>()));
                Assert.Equal("https://api.alibabacloud.com/troubleshoot?q=" + code + "&product=dataworks-public&requestId=" + requestId, body["Recommend"].GetValue<string>());
            }
        }

        /// <summary>Sends <paramref name="head"/>, then <paramref name="bodyBytes"/> filler bytes ('a'), reading the answer meanwhile.</summary>
        public static async Task<Answer> SendAsync(Uri baseAddress, byte[] head, long bodyBytes = 0, bool chunked = false)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
            NetworkStream stream = client.GetStream();
            var send = Task.Run(async () =>
            {
                try
                {
                    await stream.WriteAsync(head);
                    var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
                    for (long sent = 0; sent < bodyBytes; sent += chunk.Length)
                    {
                        int n = (int)Math.Min(chunk.Length, bodyBytes - sent);
                        if (chunked) await stream.WriteAsync(Encoding.ASCII.GetBytes(n.ToString("x") + "\r\n"));
                        await stream.WriteAsync(chunk.AsMemory(0, n));
                        if (chunked) await stream.WriteAsync(Encoding.ASCII.GetBytes("\r\n"));
                    }
                    if (chunked) await stream.WriteAsync(Encoding.ASCII.GetBytes("0\r\n\r\n"));
                }
                catch (IOException)
                {
                    // The server may close once it has answered.
                }
            });
            var received = new MemoryStream();
            var buffer = new byte[64 * 1024];
            var readTimeout = Task.Delay(TimeSpan.FromSeconds(60));
            while (true)
            {
                var read = stream.ReadAsync(buffer, 0, buffer.Length);
                if (await Task.WhenAny(read, readTimeout) != read) throw new TimeoutException("No complete answer within 60 s: " + Encoding.UTF8.GetString(received.ToArray()));
                int n;
                try { n = await read; } catch (IOException) { break; }
                if (n == 0) break;
                received.Write(buffer, 0, n);
                if (IsComplete(received.ToArray())) break;
            }
            await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(30)));
            string text = Encoding.UTF8.GetString(received.ToArray());
            int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            Assert.True(split > 0, "No HTTP answer: " + text);
            return new Answer { Status = int.Parse(text.Substring(9, 3)), Head = text.Substring(0, split + 4), Body = text.Substring(split + 4) };
        }

        private static bool IsComplete(byte[] data)
        {
            string text = Encoding.UTF8.GetString(data);
            int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (split < 0) return false;
            var m = System.Text.RegularExpressions.Regex.Match(text.Substring(0, split), @"Content-Length: (\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            return m.Success && Encoding.UTF8.GetByteCount(text.Substring(split + 4)) >= int.Parse(m.Groups[1].Value);
        }
    }
}
