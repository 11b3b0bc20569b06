using System.Collections.Generic;
using System.Linq;
using DataWorksDI.Models;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    public class GetDIFileTests
    {
        [Fact]
        public void Listing_PagesAutomatically_AndFiltersByKeywordFolderAndName()
        {
            using (var s = new EmulatorSession(181565))
            {
                string prefix = EmulatorSession.UniqueName("page");
                PSResult r = s.Run(@"
                    1..5 | ForEach-Object { $null = New-DISyncTask -Name ""${prefix}_$_"" -FolderPath $folder -Content $content }
                    $all = Get-DIFile -Keyword $prefix -PageSize 2
                    $all.Count
                    (Get-DIFile -Name ""${prefix}_3"" -FolderPath $folder).FileName",
                    new Dictionary<string, object> { ["prefix"] = prefix });
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                Assert.Equal(5, (int)r.Output[0].BaseObject);
                Assert.Equal(prefix + "_3", r.Output[1].ToString());
                Assert.Equal(3, s.Actions().Count(a => a == "ListFiles") - 1);
            }
        }

        [Fact]
        public void ById_ReturnsTheScheduleToo()
        {
            using (var s = new EmulatorSession(181565))
            {
                PSResult r = s.Run("New-DISyncTask -Name $name -FolderPath $folder -Content $content | Get-DIFile");
                Assert.True(r.Errors.Count == 0, r.ErrorText);
                var f = (DIFile)r.Output.Single().BaseObject;
                Assert.NotNull(f.Schedule);
                Assert.Equal("BatchSync", f.TypeName);
                Assert.False(f.Committed);
            }
        }
    }
}
