using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DataWorksDI.Tests.Credentials
{
    /// <summary>The chain's order, named profiles that never fall back, and the refresh of temporary credentials.</summary>
    public class ChainOrderAndRefreshTests
    {
        [Fact]
        public async Task All_sources_configured_each_wins_in_order_as_the_ones_before_it_are_removed()
        {
            using (var home = new TempHome())
            {
                var (id, secret) = home.NewKey();
                home.Env[CredentialVariables.AccessKeyId] = id;
                home.Env[CredentialVariables.AccessKeySecret] = secret;
                home.Env[CredentialVariables.RoleArn] = CredentialEmulator.RoleArn;
                home.Env[CredentialVariables.OidcProviderArn] = CredentialEmulator.OidcProviderArn;
                home.Env[CredentialVariables.OidcTokenFile] = home.WriteOidcTokenFile();
                home.WriteProfiles("cli", new JObject { ["name"] = "cli", ["mode"] = "AK", ["access_key_id"] = id, ["access_key_secret"] = secret });
                home.WriteIni($"[default]\ntype = access_key\naccess_key_id = {id}\naccess_key_secret = {secret}\n");
                home.Env.Remove(CredentialVariables.EcsMetadataDisabled);
                home.Env[CredentialVariables.CredentialsUri] = new Uri(home.Emulator.BaseAddress, "_emulator/credentials-uri").ToString();

                var winners = new List<string>();
                async Task Next(Action remove)
                {
                    CredentialResolution r = await home.Chain.ResolveAsync(null, CancellationToken.None);
                    await CredentialEmulator.ProveAsync(r.Provider);
                    winners.Add(r.Provider.Name);
                    remove();
                }
                await Next(() => home.Env.Remove(CredentialVariables.AccessKeyId));
                await Next(() => home.Env.Remove(CredentialVariables.OidcTokenFile));
                await Next(() => home.Env[CredentialVariables.CliProfileDisabled] = "true");
                await Next(() => System.IO.File.Delete(home.IniPath));
                await Next(() => home.Env[CredentialVariables.EcsMetadataDisabled] = "true");
                await Next(() => { });

                Assert.StartsWith("environment variables", winners[0]);
                Assert.StartsWith("OIDC role", winners[1]);
                Assert.StartsWith("profile 'cli'", winners[2]);
                Assert.StartsWith("section [default]", winners[3]);
                Assert.StartsWith("ECS instance RAM role", winners[4]);
                Assert.StartsWith("credentials URI", winners[5]);
            }
        }

        [Fact]
        public async Task A_named_profile_that_does_not_exist_is_an_error_never_a_fall_back()
        {
            using (var home = new TempHome())
            {
                var (id, secret) = home.NewKey();
                home.Env[CredentialVariables.AccessKeyId] = id;
                home.Env[CredentialVariables.AccessKeySecret] = secret;
                home.WriteProfiles("cli", new JObject { ["name"] = "cli", ["mode"] = "AK", ["access_key_id"] = id, ["access_key_secret"] = secret });

                var ex = await Assert.ThrowsAsync<CredentialException>(() => home.Chain.ResolveAsync("prod", CancellationToken.None));
                Assert.Equal(CredentialException.ProfileNotFound, ex.ErrorId);
                Assert.Contains("'prod'", ex.Message);
                Assert.Contains("'cli'", ex.Message);
                Assert.DoesNotContain(secret, ex.Message);

                // ALIBABA_CLOUD_PROFILE names a profile too: a missing one is an error even with a working config.json current profile.
                home.Env.Remove(CredentialVariables.AccessKeyId);
                home.Env[CredentialVariables.Profile] = "prod";
                ex = await Assert.ThrowsAsync<CredentialException>(() => home.Chain.ResolveAsync(null, CancellationToken.None));
                Assert.Equal(CredentialException.ProfileNotFound, ex.ErrorId);
                Assert.Contains(CredentialVariables.Profile, ex.Message);
            }
        }

        [Fact]
        public async Task A_named_profile_that_fails_is_an_error_too_not_replaced_by_the_next_source()
        {
            using (var home = new TempHome())
            {
                home.WriteProfiles("bad", new JObject { ["name"] = "bad", ["mode"] = "RamRoleArn", ["access_key_id"] = "LTAI5tNoSuchKey", ["access_key_secret"] = "nope-nope", ["ram_role_arn"] = CredentialEmulator.RoleArn });
                home.Env[CredentialVariables.CredentialsUri] = new Uri(home.Emulator.BaseAddress, "_emulator/credentials-uri").ToString();
                home.Env[CredentialVariables.Profile] = "bad";
                var ex = await Assert.ThrowsAsync<CredentialException>(() => home.Chain.ResolveAsync(null, CancellationToken.None));
                Assert.Equal(CredentialException.StsFailed, ex.ErrorId);
                Assert.Contains("InvalidAccessKeyId.NotFound", ex.Message);

                // Unnamed (current), the same failure is passed over and the next source wins, as in the official chain.
                home.Env.Remove(CredentialVariables.Profile);
                CredentialResolution r = await home.Chain.ResolveAsync(null, CancellationToken.None);
                Assert.StartsWith("credentials URI", r.Provider.Name);
                Assert.Contains(r.PassedOver, p => p.Contains("InvalidAccessKeyId.NotFound"));
            }
        }

        [Fact]
        public async Task Nothing_configured_lists_every_source_and_shows_no_secret()
        {
            using (var home = new TempHome())
            {
                home.Env[CredentialVariables.AccessKeyId] = "LTAI5tOnlyHalf";
                var ex = await Assert.ThrowsAsync<CredentialException>(() => home.Chain.ResolveAsync(null, CancellationToken.None));
                Assert.Equal(CredentialException.NotFound, ex.ErrorId);
                foreach (string part in new[] { "environment variables", "OIDC role", "config.json", "credentials.ini", "ECS instance RAM role", "credentials URI" })
                    Assert.Contains(part, ex.Message);
            }
        }

        /// <summary>A provider whose fetch is scripted, to check caching, single-flight refresh and the grace rule.</summary>
        private sealed class ScriptedProvider : RefreshingCredentialProvider
        {
            private readonly Func<int, Task<AcsCredential>> _fetch;
            private int _calls;

            public ScriptedProvider(Func<DateTimeOffset> clock, Func<int, Task<AcsCredential>> fetch) : base(clock) => _fetch = fetch;

            public override string Name => "scripted";

            public int Calls => _calls;

            protected override Task<AcsCredential> FetchAsync(CancellationToken cancellationToken) => _fetch(Interlocked.Increment(ref _calls));
        }

        private static AcsCredential Temp(string id, DateTimeOffset expiration) =>
            new AcsCredential(id, AcsCredential.ToSecureString("scripted-secret"), AcsCredential.ToSecureString("scripted-token"), expiration, "scripted");

        [Fact]
        public async Task Refresh_is_cached_single_flight_and_happens_within_the_stale_window()
        {
            DateTimeOffset now = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var provider = new ScriptedProvider(() => now, async n =>
            {
                await Task.Delay(50);
                return Temp("STS.k" + n, now.AddHours(1));
            });
            AcsCredential[] got = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => provider.GetCredentialAsync(CancellationToken.None))));
            Assert.Equal(1, provider.Calls);
            Assert.All(got, c => Assert.Equal("STS.k1", c.AccessKeyId));

            now = now.AddMinutes(44); // 16 minutes left: still fresh (official 15-minute window)
            Assert.Equal("STS.k1", (await provider.GetCredentialAsync(CancellationToken.None)).AccessKeyId);
            now = now.AddMinutes(1.5); // 14.5 minutes left: stale
            got = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => provider.GetCredentialAsync(CancellationToken.None))));
            Assert.Equal(2, provider.Calls);
            Assert.All(got, c => Assert.Equal("STS.k2", c.AccessKeyId));

            Assert.Equal(TimeSpan.FromSeconds(2), RefreshingCredentialProvider.StaleWindow(TimeSpan.FromSeconds(4)));
            Assert.Equal(TimeSpan.FromMinutes(15), RefreshingCredentialProvider.StaleWindow(TimeSpan.FromHours(6)));
        }

        [Fact]
        public async Task A_failed_refresh_keeps_a_still_valid_credential_but_surfaces_once_too_close_to_expiry()
        {
            DateTimeOffset now = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var provider = new ScriptedProvider(() => now, n => n == 1
                ? Task.FromResult(Temp("STS.k1", now.AddHours(1)))
                : Task.FromException<AcsCredential>(new CredentialException(CredentialException.StsFailed, "STS down")));
            await provider.GetCredentialAsync(CancellationToken.None);
            now = now.AddMinutes(50); // stale, 10 minutes left
            Assert.Equal("STS.k1", (await provider.GetCredentialAsync(CancellationToken.None)).AccessKeyId);
            now = now.AddMinutes(9.9); // 6 s left
            await Assert.ThrowsAsync<CredentialException>(() => provider.GetCredentialAsync(CancellationToken.None));
        }

        [Fact]
        public async Task A_short_lived_assumed_role_is_refreshed_and_keeps_working_after_the_first_credential_expired()
        {
            using (var home = new TempHome())
            {
                var (id, secret) = home.NewKey();
                var provider = new RamRoleArnCredentialProvider(
                    new StaticCredentialProvider(new AcsCredential(id, AcsCredential.ToSecureString(secret))),
                    new RoleSettings { RoleArn = CredentialEmulator.RoleArn, RoleSessionName = "refresh-test" },
                    new StsClient(home.Emulator.BaseAddress), "test role");
                AcsCredential first = await provider.GetCredentialAsync(CancellationToken.None);
                await CredentialEmulator.ProveAsync(provider);
                await Task.Delay(CredentialEmulator.Lifetime + TimeSpan.FromSeconds(0.5));
                Assert.True(first.Expiration < DateTimeOffset.UtcNow, "the first credential should have expired by now");
                await CredentialEmulator.ProveAsync(provider);
                Assert.Equal(2, provider.FetchCount);
                Assert.NotEqual(first.AccessKeyId, (await provider.GetCredentialAsync(CancellationToken.None)).AccessKeyId);
            }
        }
    }
}
