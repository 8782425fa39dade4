#!/usr/bin/env bash
# Vote counting at national scale: one million ranked ballots over 20 options (Schulze, instant-runoff) and one
# million participatory-budget baskets over 100 projects (greedy, Equal Shares), each in its own process; prints
# the time and peak memory of each and writes bench/results/counting.json.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/Parvis.CountingBench -v q -nologo >/dev/null
exec dotnet bench/Parvis.CountingBench/bin/Release/net10.0/Parvis.CountingBench.dll "$@"
