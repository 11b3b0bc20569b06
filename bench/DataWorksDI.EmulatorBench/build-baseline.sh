#!/usr/bin/env bash
# Builds the emulator of another commit (default: main) into a temporary directory, for the "before" column of
# the emulator benchmark. Prints the path of the built DataWorksDI.Emulator.dll on its last line.
# Usage: bench/DataWorksDI.EmulatorBench/build-baseline.sh [git-ref] [target-dir]
set -euo pipefail
ref="${1:-main}"
dir="${2:-$(mktemp -d -t dwemu-baseline-XXXXXX)}"
mkdir -p "$dir"
root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
git -C "$root" archive "$ref" Directory.Build.props Directory.Packages.props DataWorksDI.psd1 src/DataWorksDI.Emulator src/DataWorksDI/Client/Signing | tar -x -C "$dir"
dotnet build "$dir/src/DataWorksDI.Emulator" -c Release -nologo -v q >&2
echo "$dir/src/DataWorksDI.Emulator/bin/Release/net10.0/DataWorksDI.Emulator.dll"
