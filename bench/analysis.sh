#!/usr/bin/env bash
# The analysts' suggestions: precision and recall on the labelled sets of bench/evaluation, then time and memory on
# 50,000 contributions made of the seeds' sentences; writes bench/results/analysis.json. See the README, "Help for analysts".
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/Parvis.AnalysisBench -v q -nologo >/dev/null
exec dotnet bench/Parvis.AnalysisBench/bin/Release/net10.0/Parvis.AnalysisBench.dll "$@"
