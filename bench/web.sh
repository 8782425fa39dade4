#!/usr/bin/env bash
# Web benchmark: Parvis's pages against nginx serving the same bytes (wrk); supports, ballots, petition signatures,
# survey answers, votes on a text's articles, answers about oneself and supports given under a mandate against pgbench
# writing the same rows; page weight and EcoIndex in
# Chromium, peak memory; all in one run on a throwaway PostgreSQL. Installs what is missing with apt-get. Writes
# bench/results/latest.json. About 15 minutes on two cores.
# PARVIS_BENCH_SECONDS sets each wrk and pgbench run's length (5 by default); PARVIS_BENCH_EXPLORE=1 stops after the
# seed and keeps Parvis up (its address is printed) until standard input closes, to look or profile by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
source scripts/postgres.sh
packages=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
command -v pgbench >/dev/null 2>&1 || packages+=(postgresql-contrib)
command -v wrk >/dev/null 2>&1 || packages+=(wrk)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || packages+=(nginx)
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing ${packages[*]}…"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${packages[@]}" >/dev/null
fi
trap stop_postgres EXIT
start_postgres
dotnet build -c Release src/Parvis.Web -v q -nologo -clp:ErrorsOnly >/dev/null
dotnet build -c Release bench/Parvis.WebBench -v q -nologo -clp:ErrorsOnly >/dev/null
PARVIS_ROOT="$root" PARVIS_WEB_DLL="$root/src/Parvis.Web/bin/Release/net10.0/Parvis.Web.dll" \
  PARVIS_CHROMIUM="${PARVIS_CHROMIUM:-$(command -v chromium)}" \
  dotnet bench/Parvis.WebBench/bin/Release/net10.0/Parvis.WebBench.dll
