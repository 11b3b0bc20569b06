using System.IO;
using System.Threading;
using DataWorksDI.Emulator.Actions;
using DataWorksDI.Emulator.Admin;
using DataWorksDI.Emulator.Gateway;
using DataWorksDI.Emulator.Metadata;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.State;
using DataWorksDI.Emulator.Sts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataWorksDI.Emulator
{
    /// <summary>The emulator's parts, shared by the gateway and the admin endpoints.</summary>
    internal sealed class EmulatorServices
    {
        public EmulatorOptions Options { get; set; }
        public Store Store { get; set; }
        public AccessKeyRegistry Keys { get; set; }
        public RequestLog Log { get; set; }
        public TimeProvider Clock { get; set; }
        public System.Collections.Generic.IReadOnlyList<string> ActionNames { get; set; }
    }

    /// <summary>Starts the emulator in-process (what <c>Program.Main</c> and the tests use).</summary>
    public static class EmulatorHost
    {
        public static async Task<RunningEmulator> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            options.Validate();
            string dataDirectory = Path.GetFullPath(options.DataDirectory);
            options.DataDirectory = dataDirectory;

            Store store = Store.Open(dataDirectory);
            try
            {
                store.Run(db =>
                {
                    DemoTenant.Seed(db, options.Workspaces);
                    return 0;
                });
                var seedClock = System.Diagnostics.Stopwatch.StartNew();
                int seeded = options.SeedFiles > 0 ? store.Run(db => BulkSeed.TopUp(db, options.SeedFiles)) : 0;
                if (options.SeedFiles > 0)
                    Console.Error.WriteLine("DataWorks emulator: --seed-files " + options.SeedFiles + ": created " + seeded + " in "
                        + seedClock.Elapsed.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + " s.");
                // Fold a large seed into the database file at once, so the next start does not replay a big write-ahead log.
                if (seeded > 0) store.Checkpoint();
                var services = new EmulatorServices
                {
                    Options = options,
                    Store = store,
                    Keys = new AccessKeyRegistry(options.EffectiveAccessKeys(), store),
                    Log = new RequestLog(),
                    Clock = TimeProvider.System,
                };
                var actions = ActionTable.Create(options);
                services.ActionNames = actions.Names.OrderBy(n => n, StringComparer.Ordinal).ToList();
                var gateway = new ApiGateway(options, store, actions, services.Keys, services.Log, services.Clock, Console.Error);
                var adminAccess = new AdminAccess(options.AdminToken);

                var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
                builder.Logging.ClearProviders();
                builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                // Kestrel reports each refused request (bad request line, slow body…) as a Debug/Information event; the
                // gateway answers them itself (JSON) and logs what an operator needs, so Kestrel's own chatter stays off.
                builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);
                builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                builder.WebHost.ConfigureKestrel(k =>
                {
                    // Task contents of tens of thousands of columns travel in the query (UpdateDISyncTask, the official SDK's
                    // choice) or the body: limits sized for them (Gateway/Protocol), and every refusal answered in JSON.
                    k.Limits.MaxRequestLineSize = Protocol.MaxRequestLineBytes;
                    k.Limits.MaxRequestHeadersTotalSize = Protocol.MaxRequestHeadersBytes;
                    k.Limits.MaxRequestBufferSize = Protocol.MaxRequestLineBytes + Protocol.MaxRequestHeadersBytes;
                    k.Limits.MaxRequestBodySize = Protocol.MaxBodyBytes + 1;
                    k.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(Protocol.MinBodyBytesPerSecond, Protocol.BodyGracePeriod);
                    k.ConfigureEndpointDefaults(listen => listen.Use(KestrelRejections.Middleware));
                });
                WebApplication app = builder.Build();

                app.Use(async (HttpContext http, Func<Task> next) =>
                {
                    if (AdminAccess.IsAdminPath(http.Request.Path) && !await adminAccess.AuthorizeAsync(http).ConfigureAwait(false)) return;
                    await next().ConfigureAwait(false);
                });
                AdminEndpoints.Map(app, services);
                // Temporary credentials (docs/credentials.md): STS on "/" (told apart by Version=2015-04-01 in the query or
                // the form body), the ECS metadata service under /latest/, a credentials URI and test helpers under /_emulator/.
                var issuer = new CredentialIssuer(services.Keys, options);
                var sts = new StsService(issuer, services.Keys, store, services.Clock);
                gateway.StsHandler = sts.HandleAsync;
                MetadataService.Map(app, issuer, services.Clock);
                StsAdminEndpoints.Map(app, sts, issuer);
                app.MapMethods("/", new[] { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS" }, (HttpContext http) => gateway.HandleAsync(http));
                app.MapFallback((HttpContext http) => http.Request.Path.StartsWithSegments(AdminEndpoints.Prefix)
                    ? Results.NotFound()
                    : Results.Text(ApiGateway.ErrorBody(ErrorCatalogue.PathNotFound(http.Request.Path.Value), Guid.NewGuid().ToString("D").ToUpperInvariant(),
                        http.Request.Host.Value).ToJsonString(), Protocol.JsonContentType, statusCode: 404));

                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.ToList();
                adminAccess.Bound(addresses);
                return new RunningEmulator(app, store, addresses, options, services.Log, adminAccess) { SeededFiles = seeded };
            }
            catch
            {
                store.Dispose();
                throw;
            }
        }
    }

    /// <summary>A started emulator; dispose (or <see cref="StopAsync"/>) to stop it and release the data directory.</summary>
    public sealed class RunningEmulator : IAsyncDisposable, IDisposable
    {
        private readonly WebApplication _app;
        private readonly Store _store;
        private int _stopped;

        internal RunningEmulator(WebApplication app, Store store, System.Collections.Generic.IReadOnlyList<string> listenAddresses, EmulatorOptions options,
            RequestLog log, AdminAccess adminAccess)
        {
            _app = app;
            _store = store;
            ListenAddresses = listenAddresses;
            // A wildcard bind is reached on loopback from this machine.
            BaseAddress = new Uri(listenAddresses[0].Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1"));
            Options = options;
            Log = log;
            AdminAccess = adminAccess;
        }

        /// <summary>The addresses really bound, as Kestrel reports them (e.g. http://0.0.0.0:41234 with the real port when 0 was asked for).</summary>
        public System.Collections.Generic.IReadOnlyList<string> ListenAddresses { get; }

        /// <summary>An address to call the emulator on from this machine (a wildcard bind's loopback form), e.g. http://127.0.0.1:41234/.</summary>
        public Uri BaseAddress { get; }

        public EmulatorOptions Options { get; }

        public AdminAccess AdminAccess { get; }

        /// <summary>How many files <c>--seed-files</c> created at this start (0 when the workspace already held them all).</summary>
        public int SeededFiles { get; internal set; }

        internal RequestLog Log { get; }

        /// <summary>The state (for tests that must hold a write or count writes).</summary>
        internal Store Store => _store;

        /// <summary>
        /// The line Program prints first: the addresses it really listens on (joined by " and "), machine-parsable, never
        /// a secret.
        /// </summary>
        public string StartupLine =>
            "DataWorks emulator listening on " + string.Join(" and ", ListenAddresses) + " (AccessKeyId: " + Options.PrimaryAccessKeyId + ", data: " + Options.DataDirectory + ")";

        public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

        public async Task StopAsync()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
            try
            {
                await _app.StopAsync().ConfigureAwait(false);
                await _app.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                _store.Dispose();
            }
        }

        public ValueTask DisposeAsync() => new ValueTask(StopAsync());

        public void Dispose() => StopAsync().GetAwaiter().GetResult();
    }
}
