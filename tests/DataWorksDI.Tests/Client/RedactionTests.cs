using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Testing;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Client.Signing;
using DataWorksDI.Tests.Infrastructure;
using Newtonsoft.Json;
using Xunit;

namespace DataWorksDI.Tests.Client
{
    /// <summary>
    /// One redaction step (issue 11 item 3): no secret, security token or signature material in any exception message,
    /// ToString(), Data, inner exception or log line, whichever signer or client produced it.
    /// </summary>
    public class RedactionTests
    {
        private const string Token = "CAIS+token/with=base64+chars/AbCdEfGhIjKlMnOp==";

        [Theory]
        [InlineData("raw")]
        [InlineData("once")]
        [InlineData("twice")]
        [InlineData("lowercase")]
        [InlineData("json")]
        public void KnownValues_AreRemoved_InEveryEncoding(string form)
        {
            string once = AcsPercentEncoder.Encode(Token);
            string text = form == "raw" ? Token
                : form == "once" ? once
                : form == "twice" ? AcsPercentEncoder.Encode(once)
                : form == "lowercase" ? once.ToLowerInvariant()
                : JsonConvert.ToString(Token).Trim('"').Replace("/", "\\/");
            string redacted = Redactor.Redact("before " + text + " after", new[] { Token });
            Assert.Equal("before *** after", redacted);
        }

        [Theory]
        [InlineData("GET&%2F&AccessKeyId%3DSTS.x%26SecurityToken%3DCAIS%252Babc%26Timestamp%3D1")]
        [InlineData("a=1&SecurityToken=CAIS%2Babc&b=2")]
        [InlineData("x%26SecurityToken%253DCAIS%25252Babc%2526y")]
        [InlineData("{\"SecurityToken\":\"CAIS+abc\",\"Other\":1}")]
        [InlineData("x-acs-security-token: CAIS+abc\nnext: 1")]
        [InlineData("{\"AccessKeySecret\":\"CAIS+abc\"}")]
        [InlineData("Authorization: ACS3-HMAC-SHA256 Credential=LTAI,SignedHeaders=host,Signature=CAIS+abc")]
        [InlineData("signature=CAIS+abc")]
        public void SecretBearingNames_LoseTheirValues_WhateverTheForm(string text)
        {
            string redacted = Redactor.Redact(text);
            Assert.DoesNotContain("CAIS", redacted);
            Assert.Contains(Redactor.Mask, redacted);
        }

        [Fact]
        public void OrdinaryParameters_AndNamesThatOnlyStartLikeASecretName_AreKept()
        {
            string text = "SignatureMethod=HMAC-SHA1&SignatureNonce=abc&SignatureVersion=1.0&x-acs-signature-nonce: n1&FileId=7&SignedHeaders=host";
            Assert.Equal(text, Redactor.Redact(text));
        }

        [Fact]
        public void AnEchoedStringToSign_IsCut()
        {
            string redacted = Redactor.Redact("Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3Dx");
            Assert.StartsWith("Specified signature is not matched with our calculation.", redacted);
            Assert.DoesNotContain("AccessKeyId%3Dx", redacted);
        }

        [Fact]
        public void InnerExceptions_AreReplaced_ByRedactedCopies_ThatNameTheOriginalType()
        {
            var inner = new System.Net.Http.HttpRequestException("failed sending https://x/?SecurityToken=" + Uri.EscapeDataString(Token), new System.IO.IOException("echo x-acs-security-token: " + Token));
            var ex = new DataWorksServiceException("GetFile", "NetworkError", "boom SecurityToken=" + Token, null, 0, inner: inner);
            AssertClean(ex, Token);
            var copy = Assert.IsType<RedactedException>(ex.InnerException);
            Assert.Equal("System.Net.Http.HttpRequestException", copy.OriginalType);
            Assert.IsType<RedactedException>(copy.InnerException);
        }

        [Fact]
        public void CredentialExceptions_AreRedacted_Too()
        {
            var ex = new CredentialException(CredentialException.StsFailed, "STS said: string to sign is GET&SecurityToken%3D" + AcsPercentEncoder.Encode(Token),
                new Exception("{\"AccessKeySecret\":\"" + Token + "\"}"));
            AssertClean(ex, Token);
        }

        /// <summary>V2 and V3 with STS credentials and a wrong secret against the emulator: SignatureDoesNotMatch, nothing leaks.</summary>
        [Theory]
        [InlineData(SignatureVersion.V2)]
        [InlineData(SignatureVersion.V3)]
        public async Task AFailedSignatureCheck_WithStsCredentials_LeaksNothing_AgainstTheEmulator(SignatureVersion version)
        {
            EmulatorProcess emulator = EmulatorProcess.Shared;
            var (keyId, secret, token) = emulator.CreateAccessKey(sts: true);
            string wrong = "wrong-" + secret;
            SecretRegistry.Register(wrong);
            var client = new DataWorksClient(new DataWorksClientOptions(emulator.BaseAddress) { SignatureVersion = version },
                new StaticCredentialProvider(new AcsCredential(keyId, AcsCredential.ToSecureString(wrong), AcsCredential.ToSecureString(token), null, "test")));
            var log = new RecordingLog();

            var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() => client.InvokeAsync(new ApiRequest(ApiAction.GetProject).With("ProjectId", 181565L), log, CancellationToken.None));

            Assert.Equal("SignatureDoesNotMatch", ex.Code);
            Assert.Contains("string to sign", ex.Message); // the echo was there, and was cut
            AssertClean(ex, token, secret, wrong);
            foreach (string line in log.All) AssertNone(line, token, secret, wrong);
            Assert.NotEmpty(log.DebugLines);
        }

        /// <summary>A server that echoes the whole request back, in a JSON message and as a non-JSON body.</summary>
        [Theory]
        [InlineData(SignatureVersion.V2, true)]
        [InlineData(SignatureVersion.V2, false)]
        [InlineData(SignatureVersion.V3, true)]
        [InlineData(SignatureVersion.V3, false)]
        public async Task AServerThatEchoesTheRequest_LeaksNothing(SignatureVersion version, bool json)
        {
            string EchoOf(RecordedRequest r) => r.AllText + "\n" + Uri.UnescapeDataString(r.Target) + "\n" + Uri.UnescapeDataString(r.BodyText);
            using (var server = new ScriptedHttpServer((r, i) => json
                ? ScriptedResponse.Json(400, JsonConvert.SerializeObject(new { RequestId = "R-ECHO", Code = "SignatureDoesNotMatch", Message = "you sent: " + EchoOf(r), Recommend = EchoOf(r), HostId = EchoOf(r) }))
                : new ScriptedResponse { Status = 400, Body = "<html>you sent: " + EchoOf(r) + "</html>" }))
            {
                var log = new RecordingLog();
                var client = ClientTestKit.Create(server, sts: true, version: version, keyId: ClientTestKit.UniqueKeyId());
                var ex = await Assert.ThrowsAsync<DataWorksServiceException>(() =>
                    client.InvokeAsync(new ApiRequest(ApiAction.UpdateFile).With("ProjectId", 1L).With("FileId", 2L).With("Content", "x"), log, CancellationToken.None));

                Assert.Contains(server.Requests, q => q.AllText.Contains(ClientTestKit.Token) || q.AllText.Contains(AcsPercentEncoder.Encode(ClientTestKit.Token)));
                Assert.Contains("you sent", ex.Message);
                AssertClean(ex, ClientTestKit.Token, ClientTestKit.Secret);
                foreach (string line in log.All) AssertNone(line, ClientTestKit.Token, ClientTestKit.Secret);
                // No signature value either (V3: the Authorization header; V2: the Signature parameter).
                string signature = version == SignatureVersion.V3 ? SignatureOf(server.Requests.First()) : server.Requests.First().Query.Single(q => q.Key == "Signature").Value;
                AssertClean(ex, signature);
            }
        }

        [Fact]
        public async Task StsAssumeRole_EchoingTheCallersToken_LeaksNothing()
        {
            using (var server = new ScriptedHttpServer((r, i) => ScriptedResponse.Json(400, JsonConvert.SerializeObject(new { RequestId = "R", Code = "SignatureDoesNotMatch", Message = "echo " + r.AllText + " " + Uri.UnescapeDataString(r.Target) }))))
            {
                var sts = new StsClient(server.BaseAddress);
                var caller = new AcsCredential("STS.caller", AcsCredential.ToSecureString(ClientTestKit.Secret), AcsCredential.ToSecureString(ClientTestKit.Token));
                var ex = await Assert.ThrowsAsync<CredentialException>(() => sts.AssumeRoleAsync(caller, "acs:ram::1:role/r", "s", 3600, null, null, "test", CancellationToken.None));
                Assert.Contains(server.Requests, q => q.AllText.Contains(AcsPercentEncoder.Encode(ClientTestKit.Token)));
                Assert.Contains("echo", ex.Message);
                AssertClean(ex, ClientTestKit.Token, ClientTestKit.Secret);
            }
        }

        [Fact]
        public async Task ACredentialsUri_AnsweringWithSecretsInAnError_LeaksNothing()
        {
            using (var server = ScriptedHttpServer.Sequence(ScriptedResponse.Json(200, "{\"Code\":\"Failed\",\"AccessKeyId\":\"STS.x\",\"AccessKeySecret\":\"" + ClientTestKit.Secret + "\",\"SecurityToken\":\"" + ClientTestKit.Token + "\"}")))
            {
                var provider = new CredentialsUriProvider(server.BaseAddress + "creds?sig=abc", "test");
                var ex = await Assert.ThrowsAsync<CredentialException>(() => provider.GetCredentialAsync(CancellationToken.None));
                AssertClean(ex, ClientTestKit.Token, ClientTestKit.Secret, "sig=abc");
            }
        }

        private static string SignatureOf(RecordedRequest r)
        {
            AcsSignatureV3.TryParseAuthorization(r.Header("Authorization"), out _, out _, out string signature);
            return signature;
        }

        /// <summary>Message, ToString(), every public property, Data and the whole inner chain are free of each value.</summary>
        internal static void AssertClean(Exception ex, params string[] values)
        {
            for (Exception e = ex; e != null; e = e.InnerException)
            {
                AssertNone(e.Message, values);
                AssertNone(e.ToString(), values);
                foreach (DictionaryEntry d in e.Data) AssertNone(d.Key + "=" + d.Value, values);
                foreach (var p in e.GetType().GetProperties().Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0))
                    AssertNone(p.GetValue(e) as string, values);
            }
        }

        internal static void AssertNone(string text, params string[] values)
        {
            if (text == null) return;
            foreach (string v in values.Where(v => !string.IsNullOrEmpty(v)))
            {
                Assert.False(text.IndexOf(v, StringComparison.OrdinalIgnoreCase) >= 0, $"'{Mask(v)}' leaked into: {text.Replace(v, "<LEAK>")}");
                string encoded = AcsPercentEncoder.Encode(v);
                Assert.False(encoded != v && text.IndexOf(encoded, StringComparison.OrdinalIgnoreCase) >= 0, $"'{Mask(v)}' (percent-encoded) leaked into: {text}");
                Assert.False(text.IndexOf(AcsPercentEncoder.Encode(encoded), StringComparison.OrdinalIgnoreCase) >= 0 && AcsPercentEncoder.Encode(encoded) != v, $"'{Mask(v)}' (encoded twice) leaked");
            }
        }

        private static string Mask(string v) => v.Length <= 4 ? "****" : v.Substring(0, 4) + "…";
    }
}
