using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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
                var services = new EmulatorServices
                {
                    Options = options,
                    Store = store,
                    Keys = new AccessKeyRegistry(options.EffectiveAccessKeys(), store),
                    Log = new RequestLog(),
                    Clock = TimeProvider.System,
                };
                var gateway = new ApiGateway(options, store, ActionTable.Create(options), services.Keys, services.Log, services.Clock, Console.Error);

                var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
                builder.Logging.ClearProviders();
                builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Protocol.MaxBodyBytes + 1);
                WebApplication app = builder.Build();

                AdminEndpoints.Map(app, services);
                // Temporary credentials (docs/credentials.md): STS on "/" (told apart by Version=2015-04-01 in the query),
                // the ECS metadata service under /latest/, a credentials URI and their test helpers under /_emulator/.
                var issuer = new CredentialIssuer(services.Keys, options);
                var sts = new StsService(issuer, services.Keys, store, services.Clock);
                MetadataService.Map(app, issuer, services.Clock);
                StsAdminEndpoints.Map(app, sts, issuer);
                app.MapMethods("/", new[] { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS" },
                    (HttpContext http) => StsService.IsStsRequest(http) ? sts.HandleAsync(http) : gateway.HandleAsync(http));
                app.MapFallback((HttpContext http) => http.Request.Path.StartsWithSegments(AdminEndpoints.Prefix)
                    ? Results.NotFound()
                    : Results.Text(ApiGateway.ErrorBody(ErrorCatalogue.PathNotFound(http.Request.Path.Value), Guid.NewGuid().ToString("D").ToUpperInvariant(),
                        http.Request.Host.Value).ToJsonString(), Protocol.JsonContentType, statusCode: 404));

                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
                return new RunningEmulator(app, store, new Uri(address.Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1")), options, services.Log);
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

        internal RunningEmulator(WebApplication app, Store store, Uri baseAddress, EmulatorOptions options, RequestLog log)
        {
            _app = app;
            _store = store;
            BaseAddress = baseAddress;
            Options = options;
            Log = log;
        }

        /// <summary>The bound address, e.g. http://127.0.0.1:41234/ (the real port when started on port 0).</summary>
        public Uri BaseAddress { get; }

        public EmulatorOptions Options { get; }

        internal RequestLog Log { get; }

        /// <summary>The line Program prints first: machine-parsable, never a secret.</summary>
        public string StartupLine =>
            "DataWorks emulator listening on " + BaseAddress.GetLeftPart(UriPartial.Authority) + " (AccessKeyId: " + Options.PrimaryAccessKeyId + ", data: " + Options.DataDirectory + ")";

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
