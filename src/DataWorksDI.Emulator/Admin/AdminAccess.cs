using System.Net;
using System.Security.Cryptography;
using System.Text;
using DataWorksDI.Emulator.Gateway;
using Microsoft.AspNetCore.Http;

namespace DataWorksDI.Emulator.Admin
{
    /// <summary>
    /// Who may use the admin endpoints (/_emulator/… and the metadata service under /latest/, which mint and list
    /// credentials). With an admin token configured, every admin request must carry it (<c>Authorization: Bearer …</c>).
    /// Without one they are served only while every bound address is a loopback address; on any other bind they answer
    /// 403 (issue 11: an emulator on 0.0.0.0 must not hand out keys to the network).
    /// </summary>
    public sealed class AdminAccess
    {
        private readonly byte[] _token;
        private volatile bool _configured;
        private bool _loopbackOnly;

        public AdminAccess(string token)
        {
            _token = string.IsNullOrEmpty(token) ? null : Encoding.UTF8.GetBytes(token);
        }

        public bool HasToken => _token != null;

        /// <summary>True once every bound address is known to be a loopback address.</summary>
        public bool LoopbackOnly => _configured && _loopbackOnly;

        /// <summary>Whether admin endpoints are served at all (with the token when one is configured).</summary>
        public bool ServesAdmin => HasToken || LoopbackOnly;

        /// <summary>Called once the server has bound: admin endpoints are refused until then.</summary>
        public void Bound(IEnumerable<string> addresses)
        {
            _loopbackOnly = addresses.All(IsLoopbackAddress);
            _configured = true;
        }

        public static bool IsAdminPath(PathString path) =>
            path.StartsWithSegments(AdminEndpoints.Prefix) || path.StartsWithSegments("/latest");

        /// <summary>"http://127.0.0.1:8787", "http://localhost:1", "http://[::1]:2" are loopback; 0.0.0.0, [::], * and other hosts are not.</summary>
        public static bool IsLoopbackAddress(string address)
        {
            if (!Uri.TryCreate(address.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out Uri uri)) return false;
            if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress ip) && IPAddress.IsLoopback(ip);
        }

        /// <summary>Lets the request through, or answers it (401/403, JSON) and returns false.</summary>
        public async Task<bool> AuthorizeAsync(HttpContext http)
        {
            if (_token != null)
            {
                string header = http.Request.Headers.Authorization.ToString();
                const string scheme = "Bearer ";
                byte[] given = header.StartsWith(scheme, StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(header.Substring(scheme.Length).Trim()) : Array.Empty<byte>();
                if (given.Length == _token.Length && CryptographicOperations.FixedTimeEquals(given, _token)) return true;
                http.Response.Headers.WWWAuthenticate = "Bearer";
                await Refuse(http, 401, "This emulator's admin endpoints need its admin token: send 'Authorization: Bearer <token>'.").ConfigureAwait(false);
                return false;
            }
            if (LoopbackOnly) return true;
            await Refuse(http, 403, "The admin endpoints are switched off: this emulator listens beyond loopback and has no admin token. Start it with "
                + Options.EmulatorOptions.AdminTokenVariable + " (or \"adminToken\" in --config) and send 'Authorization: Bearer <token>'.").ConfigureAwait(false);
            return false;
        }

        private static Task Refuse(HttpContext http, int status, string message)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = Protocol.JsonContentType;
            http.Response.Headers.CacheControl = "no-store";
            return http.Response.WriteAsync(new JsonObject { ["error"] = message }.ToJsonString());
        }
    }
}
