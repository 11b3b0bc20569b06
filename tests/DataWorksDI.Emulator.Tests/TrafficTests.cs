using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>Fault injection and the per-key QPS limit, at the configured rates.</summary>
    public sealed class TrafficTests
    {
        private static async Task<string> Outcome(DwClient c, Key key = null)
        {
            try
            {
                var r = await c.SendAsync(new V3Request { Action = "ListProjects", Key = key, ConnectionClose = true });
                if (r.Status == 200) return "ok";
                r.Error(r.Status, r.Code);
                if (r.Status == 429) Assert.Equal("200", r.Header("x-acs-retry-after"));
                return r.Status + " " + r.Code;
            }
            catch (HttpRequestException)
            {
                return "dropped";
            }
        }

        /// <summary>Binomial count within 5 standard deviations (plus one) of its mean: cannot flake, still catches a wrong rate.</summary>
        private static void AssertRate(int count, int n, double p, string what)
        {
            double mean = n * p, tolerance = 5 * Math.Sqrt(n * p * (1 - p)) + 1;
            Assert.True(Math.Abs(count - mean) <= tolerance, what + ": " + count + " of " + n + ", expected about " + mean + " ± " + tolerance);
        }

        [Fact]
        public async Task Injected_faults_happen_at_the_configured_ratios_and_spare_the_admin_endpoints()
        {
            await using var emu = await TestEmulator.StartAsync(o =>
            {
                o.Faults.ThrottleRatio = 0.2;
                o.Faults.ServerErrorRatio = 0.1;
                o.Faults.DropRatio = 0.05;
                o.Faults.Seed = 1234;
            });
            const int n = 400;
            var outcomes = new List<string>();
            for (int i = 0; i < n; i++) outcomes.Add(await Outcome(emu.Client));
            int Count(string o) => outcomes.Count(x => x == o);
            AssertRate(Count("429 Throttling.Api"), n, 0.2, "throttled");
            AssertRate(Count("500 InternalError.System") + Count("503 ServiceUnavailable"), n, 0.1, "5xx");
            AssertRate(Count("dropped"), n, 0.05, "dropped");
            Assert.True(Count("500 InternalError.System") > 0 && Count("503 ServiceUnavailable") > 0);
            Assert.Equal(n, Count("ok") + Count("429 Throttling.Api") + Count("500 InternalError.System") + Count("503 ServiceUnavailable") + Count("dropped"));

            // The server's request log agrees with what the client saw.
            var log = (await emu.Client.AdminGetAsync("/_emulator/requests?accessKeyId=" + Options.EmulatorOptions.DemoAccessKeyId))["requests"].AsArray();
            Assert.Equal(n, log.Count);
            Assert.Equal(Count("dropped"), log.Count(e => e["errorCode"]?.GetValue<string>() == "ConnectionDropped"));
            Assert.Equal(Count("429 Throttling.Api"), log.Count(e => e["errorCode"]?.GetValue<string>() == "Throttling.Api"));

            for (int i = 0; i < 30; i++) Assert.Equal("ok", (await emu.Client.AdminGetAsync("/_emulator/health"))["status"].GetValue<string>());
        }

        [Fact]
        public async Task The_same_seed_gives_the_same_fault_sequence()
        {
            async Task<List<string>> Run()
            {
                await using var emu = await TestEmulator.StartAsync(o =>
                {
                    o.Faults.ThrottleRatio = 0.3;
                    o.Faults.ServerErrorRatio = 0.2;
                    o.Faults.DropRatio = 0.1;
                    o.Faults.Seed = 42;
                });
                var list = new List<string>();
                for (int i = 0; i < 60; i++) list.Add(await Outcome(emu.Client));
                return list;
            }
            var a = await Run();
            var b = await Run();
            Assert.Equal(a, b);
            Assert.True(a.Distinct().Count() >= 4, string.Join(",", a));
        }

        [Fact]
        public async Task Added_latency_delays_api_calls()
        {
            await using var emu = await TestEmulator.StartAsync(o => o.Faults.LatencyMs = 300);
            var clock = Stopwatch.StartNew();
            Assert.Equal("ok", await Outcome(emu.Client));
            Assert.True(clock.ElapsedMilliseconds >= 300, "took " + clock.ElapsedMilliseconds + " ms");
        }

        [Fact]
        public async Task Qps_limit_answers_Throttling_User_with_a_retry_hint_per_access_key()
        {
            const int limit = 5;
            await using var emu = await TestEmulator.StartAsync(o => o.QpsLimit = limit);
            Key a = await emu.Client.CreateKeyAsync();
            Key b = await emu.Client.CreateKeyAsync();

            var clock = Stopwatch.StartNew();
            int accepted = 0, throttled = 0;
            bool otherKeyChecked = false;
            while (clock.ElapsedMilliseconds < 2500)
            {
                var r = await emu.Client.SendAsync(new V3Request { Action = "ListProjects", Key = a });
                if (r.Status == 200) { accepted++; continue; }
                r.Error(429, "Throttling.User");
                Assert.Equal("Your request is too frequent. Try again later.", r.ErrorMessage);
                int retryAfter = int.Parse(r.Header("x-acs-retry-after"), CultureInfo.InvariantCulture);
                Assert.InRange(retryAfter, 1, 1000);
                throttled++;
                if (!otherKeyChecked)
                {
                    // Another key has its own budget.
                    Assert.Equal(200, (await emu.Client.SendAsync(new V3Request { Action = "ListProjects", Key = b })).Status);
                    otherKeyChecked = true;
                }
            }
            double seconds = clock.Elapsed.TotalSeconds;
            Assert.True(throttled > 0);
            Assert.InRange(accepted, limit * (int)Math.Floor(seconds), limit * ((int)Math.Ceiling(seconds) + 1));

            // No 900 ms window of the server's log holds more than the limit of admitted calls.
            var admitted = (await emu.Client.AdminGetAsync("/_emulator/requests?accessKeyId=" + a.Id))["requests"].AsArray()
                .Where(e => e["httpStatus"].GetValue<int>() == 200)
                .Select(e => DateTimeOffset.Parse(e["time"].GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(accepted, admitted.Count);
            for (int i = limit; i < admitted.Count; i++)
                Assert.True((admitted[i] - admitted[i - limit]).TotalMilliseconds > 900, "more than " + limit + " calls admitted within 900 ms");

            // Honouring the hint gets the next call through.
            ApiResponse last;
            do last = await emu.Client.SendAsync(new V3Request { Action = "ListProjects", Key = a }); while (last.Status == 200);
            await Task.Delay(int.Parse(last.Header("x-acs-retry-after"), CultureInfo.InvariantCulture) + 30);
            Assert.Equal(200, (await emu.Client.SendAsync(new V3Request { Action = "ListProjects", Key = a })).Status);
        }
    }
}
