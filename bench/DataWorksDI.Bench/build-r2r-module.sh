#!/usr/bin/env bash
# Lays out a ReadyToRun-compiled copy of a built module folder (default: out/DataWorksDI) for the startup benchmark
# (StartupBench), to measure whether precompiling pays (docs/performance.md, "First call after import"). The copy is
# for this machine's OS and architecture only (linux-x64): ReadyToRun code is per runtime identifier. Compiles the
# module's own assembly, or with --all its Newtonsoft.Json and Cronos too. Prints the laid-out folder on its last line.
# Usage: bench/DataWorksDI.Bench/build-r2r-module.sh [--all] [module-dir] [target-dir]
set -euo pipefail
all=0
if [ "${1:-}" = "--all" ]; then all=1; shift; fi
root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
module="$(cd "${1:-$root/out/DataWorksDI}" && pwd)"
target="${2:-$(mktemp -d -t dwdi-module-r2r-XXXXXX)}"
runtime="$(dotnet --list-runtimes | awk '/^Microsoft.NETCore.App 10\./ { v = $2; d = $3 } END { gsub(/[\[\]]/, "", d); print d "/" v }')"
pwsh_dir="$(dirname "$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/powershell" -path '*/tools/net10.0/any/unix/pwsh.dll' | head -1)")"
# crossgen2 comes as a NuGet package; a throw-away project downloads it (the SDK's own version of it).
scratch="$(mktemp -d)"
cat > "$scratch/crossgen.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Microsoft.NETCore.App.Crossgen2.linux-x64" Version="[$(basename "$runtime")]" /></ItemGroup>
</Project>
PROJ
dotnet restore "$scratch/crossgen.csproj" -v q >&2
crossgen2="${NUGET_PACKAGES:-$HOME/.nuget/packages}/microsoft.netcore.app.crossgen2.linux-x64/$(basename "$runtime")/tools/crossgen2"
rm -rf "$scratch"
mkdir -p "$target/DataWorksDI"
cp -r "$module/." "$target/DataWorksDI/"
names="DataWorksDI"
[ "$all" = 1 ] && names="DataWorksDI Newtonsoft.Json Cronos"
for name in $names; do
  "$crossgen2" "$module/$name.dll" -o "$target/DataWorksDI/$name.dll" -r "$runtime/*.dll" -r "$pwsh_dir/*.dll" -r "$module/*.dll" \
    --targetos linux --targetarch x64 -O >&2
done
echo "$target/DataWorksDI"
