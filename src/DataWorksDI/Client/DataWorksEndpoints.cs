using System.Text.RegularExpressions;

namespace DataWorksDI.Client
{
    /// <summary>
    /// Maps a region to the DataWorks OpenAPI host (../shared/spec/signing.md §1, dataworks-api.md §2).
    /// The SDK's generic fallback (dataworks-public.&lt;region&gt;) is not a real host, so hosts are built here.
    /// </summary>
    internal static class DataWorksEndpoints
    {
        public const string Product = "dataworks-public";
        public const string ApiVersion = "2020-05-18";
        public const string CentralHost = "dataworks.aliyuncs.com";

        // Regions the SDK's endpoint map sends to the central host. cn-zhangjiakou is in the SDK map too, but Alibaba's
        // endpoint page lists the regional host for it; both answer, and the regional one is preferred (spec §10.10).
        private static readonly HashSet<string> CentralRegions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "cn-huhehaote", "cn-qingdao", "cn-hangzhou-finance", "cn-shanghai-finance-1", "cn-shenzhen-finance-1", "cn-north-2-gov-1",
        };

        /// <summary>
        /// The regions the official SDK's endpoint map names (alibabacloud-go/dataworks-public-20200518 client/client.go,
        /// EndpointMap), which are also the regions of DataWorks' API overview page ("Applicable regions",
        /// https://www.alibabacloud.com/help/en/dataworks/developer-reference/api). docs/client.md lists them.
        /// </summary>
        public static readonly IReadOnlyList<string> KnownRegions = new[]
        {
            "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-5",
            "cn-beijing", "cn-chengdu", "cn-hangzhou", "cn-hangzhou-finance", "cn-hongkong", "cn-huhehaote", "cn-north-2-gov-1",
            "cn-qingdao", "cn-shanghai", "cn-shanghai-finance-1", "cn-shenzhen", "cn-shenzhen-finance-1", "cn-zhangjiakou",
            "eu-central-1", "eu-west-1", "me-east-1", "us-east-1", "us-west-1",
        };

        public static bool IsKnownRegion(string regionId) => regionId != null && KnownRegions.Contains(regionId.ToLowerInvariant(), StringComparer.Ordinal);

        private static readonly Regex RegionPattern = new Regex("^[a-z]{2,}(-[a-z0-9]+)+$", RegexOptions.CultureInvariant);

        public static bool IsValidRegionId(string regionId) => !string.IsNullOrEmpty(regionId) && RegionPattern.IsMatch(regionId);

        /// <summary>The host for a region: public, or the VPC host when <paramref name="vpc"/> is set.</summary>
        public static string HostFor(string regionId, bool vpc = false)
        {
            if (!IsValidRegionId(regionId))
                throw new ArgumentException($"'{regionId}' is not a region id. Use an id such as 'cn-hangzhou' or 'ap-southeast-1'.", nameof(regionId));
            string region = regionId.ToLowerInvariant();
            if (vpc) return "dataworks-vpc." + region + ".aliyuncs.com";
            return CentralRegions.Contains(region) ? CentralHost : "dataworks." + region + ".aliyuncs.com";
        }

        /// <summary>The endpoint URI: the explicit one when given (e.g. a local emulator), else https://host/ for the region.</summary>
        public static Uri Resolve(string regionId, Uri explicitEndpoint = null, bool vpc = false)
        {
            if (explicitEndpoint != null)
            {
                if (!explicitEndpoint.IsAbsoluteUri || (explicitEndpoint.Scheme != Uri.UriSchemeHttp && explicitEndpoint.Scheme != Uri.UriSchemeHttps))
                    throw new ArgumentException($"The endpoint '{explicitEndpoint}' must be an absolute http:// or https:// URI, such as https://dataworks.cn-hangzhou.aliyuncs.com or http://127.0.0.1:8787.", nameof(explicitEndpoint));
                return new UriBuilder(explicitEndpoint.Scheme, explicitEndpoint.Host, explicitEndpoint.Port, "/").Uri;
            }
            return new Uri("https://" + HostFor(regionId, vpc) + "/");
        }
    }
}
