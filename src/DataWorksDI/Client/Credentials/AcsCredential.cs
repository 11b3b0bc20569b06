using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace DataWorksDI.Client.Credentials
{
    /// <summary>
    /// One set of Alibaba Cloud credentials: an AccessKey id, its secret and, for temporary (STS) credentials, a security
    /// token and an expiry. The secret and token are held as <see cref="SecureString"/> and only turned into bytes for the
    /// moment a request is signed. <see cref="ToString"/> never shows them.
    /// </summary>
    internal sealed class AcsCredential
    {
        public AcsCredential(string accessKeyId, SecureString accessKeySecret, SecureString securityToken = null,
            DateTimeOffset? expiration = null, string source = null)
        {
            string from = string.IsNullOrEmpty(source) ? "the credentials given" : source;
            if (string.IsNullOrWhiteSpace(accessKeyId))
                throw new CredentialException(CredentialException.EmptyAccessKeyId,
                    $"The AccessKey id from {from} is empty. Give the AccessKey id (it starts with LTAI, or STS. for temporary credentials) as shown in the RAM console under AccessKey, or use another credential source (see docs/credentials.md).");
            if (IsBlank(accessKeySecret))
                throw new CredentialException(CredentialException.EmptyAccessKeySecret,
                    $"The AccessKey secret from {from} for AccessKey id {Mask(accessKeyId.Trim())} is empty or white space. Give the secret that was shown once when the AccessKey was created (create a new AccessKey in the RAM console if it is lost), or use another credential source (see docs/credentials.md).");
            AccessKeyId = accessKeyId.Trim();
            AccessKeySecret = Freeze(accessKeySecret);
            SecurityToken = securityToken == null || securityToken.Length == 0 ? null : Freeze(securityToken);
            Expiration = expiration;
            Source = string.IsNullOrEmpty(source) ? "explicit" : source;
        }

        public string AccessKeyId { get; }
        public SecureString AccessKeySecret { get; }
        public SecureString SecurityToken { get; }
        public DateTimeOffset? Expiration { get; }

        /// <summary>Where these credentials came from (for -Debug), e.g. "parameters" or "environment". Never secret.</summary>
        public string Source { get; }

        public bool IsTemporary => SecurityToken != null;

        /// <summary>True when the credential expires within <paramref name="margin"/> of <paramref name="now"/>.</summary>
        public bool ExpiresWithin(TimeSpan margin, DateTimeOffset now) => Expiration.HasValue && Expiration.Value - now <= margin;

        public override string ToString() => AccessKeyId + (IsTemporary ? " (temporary)" : string.Empty) + " from " + Source;

        /// <summary>True for a null, empty or all-white-space secret (looked at without turning it into a string).</summary>
        private static bool IsBlank(SecureString secure)
        {
            if (secure == null || secure.Length == 0) return true;
            IntPtr ptr = IntPtr.Zero;
            char[] chars = new char[secure.Length];
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
                Marshal.Copy(ptr, chars, 0, chars.Length);
                foreach (char c in chars) if (!char.IsWhiteSpace(c)) return false;
                return true;
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(chars, 0, chars.Length);
            }
        }

        private static string Mask(string keyId) => keyId.Length <= 8 ? keyId.Substring(0, Math.Min(2, keyId.Length)) + "***" : keyId.Substring(0, 4) + "***" + keyId.Substring(keyId.Length - 3);

        private static SecureString Freeze(SecureString s)
        {
            SecureString copy = s.Copy();
            copy.MakeReadOnly();
            return copy;
        }

        public static SecureString ToSecureString(string plain)
        {
            if (plain == null) return null;
            var s = new SecureString();
            foreach (char c in plain) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }

        /// <summary>
        /// Gives the UTF-8 bytes of a SecureString to <paramref name="use"/> and zeroes every copy afterwards.
        /// </summary>
        internal static T WithUtf8Bytes<T>(SecureString secure, Func<byte[], T> use)
        {
            IntPtr ptr = IntPtr.Zero;
            char[] chars = new char[secure.Length];
            byte[] bytes = null;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
                Marshal.Copy(ptr, chars, 0, chars.Length);
                bytes = Encoding.UTF8.GetBytes(chars);
                return use(bytes);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(chars, 0, chars.Length);
                if (bytes != null) Array.Clear(bytes, 0, bytes.Length);
            }
        }

        /// <summary>The plain text of a SecureString, for the one place it must travel as text (the STS token header).</summary>
        internal static string Reveal(SecureString secure) => WithUtf8Bytes(secure, b => Encoding.UTF8.GetString(b));
    }
}
