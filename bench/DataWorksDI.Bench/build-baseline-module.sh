#!/usr/bin/env bash
# Lays out the module of another commit (default: main) in a temporary directory, for the "before" column of the
# startup benchmark (StartupBench). Prints the laid-out module folder (…/out/DataWorksDI) on its last line.
# Usage: bench/DataWorksDI.Bench/build-baseline-module.sh [git-ref] [target-dir]
set -euo pipefail
ref="${1:-main}"
dir="${2:-$(mktemp -d -t dwdi-module-baseline-XXXXXX)}"
mkdir -p "$dir"
root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
git -C "$root" archive "$ref" Directory.Build.props Directory.Packages.props DataWorksDI.psd1 build docs/help src/DataWorksDI | tar -x -C "$dir"
dotnet build "$dir/src/DataWorksDI" -c Release -nologo -v q >&2
echo "$dir/out/DataWorksDI"
