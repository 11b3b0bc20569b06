using System;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using DataWorksDI.Cmdlets;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>
    /// -FileId is declared in two bases (FileCmdlet and WaitingFileCmdlet: C# has one base class, and the waiting family
    /// also carries -Timeout/-PollInterval). The two declarations are one parameter to a user, so they must not drift.
    /// </summary>
    public class CommonParameterTests
    {
        [Fact]
        public void FileId_IsDeclaredTheSameInBothFileBases()
        {
            Assert.Equal(Describe(typeof(FileCmdlet)), Describe(typeof(WaitingFileCmdlet)));
        }

        private static string Describe(Type type)
        {
            PropertyInfo p = type.GetProperty("FileId", BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
            Assert.NotNull(p);
            var parameter = p.GetCustomAttributes<ParameterAttribute>().Single();
            var range = p.GetCustomAttribute<ValidateRangeAttribute>();
            var completer = p.GetCustomAttribute<ArgumentCompleterAttribute>();
            string others = string.Join(",", p.GetCustomAttributes().Select(a => a.GetType().Name).OrderBy(n => n, StringComparer.Ordinal));
            return $"{p.PropertyType} mandatory={parameter.Mandatory} position={parameter.Position} set={parameter.ParameterSetName} " +
                   $"byValue={parameter.ValueFromPipeline} byName={parameter.ValueFromPipelineByPropertyName} " +
                   $"range={range?.MinRange}..{range?.MaxRange} completer={completer?.Type} attributes={others}";
        }
    }
}
