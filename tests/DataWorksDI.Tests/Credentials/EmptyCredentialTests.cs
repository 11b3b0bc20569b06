using DataWorksDI.Client.Credentials;
using DataWorksDI.Tests.Client;
using Xunit;

namespace DataWorksDI.Tests.Credentials
{
    /// <summary>Issue 11 item 7: an empty AccessKey id or secret is a CredentialException with its own ErrorId and a fix.</summary>
    public class EmptyCredentialTests
    {
        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        public void AnEmptyAccessKeyId_IsACredentialException(string id)
        {
            var ex = Assert.Throws<CredentialException>(() => new AcsCredential(id, AcsCredential.ToSecureString(ClientTestKit.Secret), null, null, "the -AccessKeyId/-AccessKeySecret parameters"));
            Assert.Equal(CredentialException.EmptyAccessKeyId, ex.ErrorId);
            Assert.Equal("DataWorksDI.Credentials.EmptyAccessKeyId", ex.ErrorId);
            Assert.Contains("the -AccessKeyId/-AccessKeySecret parameters", ex.Message);
            Assert.Contains("RAM console", ex.Message);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData(" \t ")]
        public void AnEmptyOrWhiteSpaceSecret_IsACredentialException_NamingTheKeyButNotTheSecret(string secret)
        {
            var ex = Assert.Throws<CredentialException>(() => new AcsCredential("LTAI5tEmptySecretKey", AcsCredential.ToSecureString(secret), null, null, "the -Credential parameter"));
            Assert.Equal(CredentialException.EmptyAccessKeySecret, ex.ErrorId);
            Assert.Contains("the -Credential parameter", ex.Message);
            Assert.Contains("LTAI***Key", ex.Message);
            Assert.Contains("empty or white space", ex.Message);
        }

        [Fact]
        public void ASecretWithSurroundingSpaces_IsNotEmpty()
        {
            var credential = new AcsCredential("LTAI5tKey", AcsCredential.ToSecureString("  s3cret  "));
            Assert.Equal(10, credential.AccessKeySecret.Length);
        }
    }
}
