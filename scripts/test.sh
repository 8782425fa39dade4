#!/usr/bin/env bash
# Runs every test suite: unit, integration on SQLite, integration on PostgreSQL, integration on SQLite with every
# Performance:* switch off (plain), browser (Chromium + axe), and nodes (two Parvis processes behind nginx with
# Redis, on PostgreSQL). Installs Chromium, PostgreSQL, Redis, nginx,
# LibreOffice Writer and poppler with apt-get when they are missing, starts a throwaway PostgreSQL cluster on
# loopback, and prints one line per suite then the total. Usage: scripts/test.sh [suite...]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(unit sqlite postgres plain browser nodes)

install_missing() {
  local packages=()
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
  # The report's PDF is made by LibreOffice; its tests read the PDF back with poppler's pdftotext.
  command -v soffice >/dev/null 2>&1 || packages+=(libreoffice-writer-nogui)
  command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)
  # The nodes suite starts its own Redis and nginx on free loopback ports.
  command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || packages+=(nginx)
  if [ ${#packages[@]} -gt 0 ]; then
    echo "Installing ${packages[*]}…"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${packages[@]}" >/dev/null
  fi
}

# start_postgres / stop_postgres: a throwaway cluster on loopback, its address in PARVIS_TEST_PG.
source scripts/postgres.sh

install_missing
trap stop_postgres EXIT
[[ " ${suites[*]} " =~ " "(postgres|scale|nodes)" " ]] && start_postgres
export PARVIS_CHROMIUM="${PARVIS_CHROMIUM:-$(command -v chromium)}"

results="$root/.test-run/results"
rm -rf "$results" && mkdir -p "$results"
dotnet build tests/Parvis.Tests -c Release -nologo -v quiet -clp:ErrorsOnly
# The benchmarks run by hand, but they build with everything else: a change that breaks them fails here.
for bench in bench/Parvis.AnalysisBench bench/Parvis.Bench bench/Parvis.CountingBench bench/Parvis.WebBench; do
  dotnet build "$bench" -c Release -nologo -v quiet -clp:ErrorsOnly
done

run_suite() {
  local name="$1" filter="$2" database="$3"
  local switches=()
  # The throughput layer's pieces, each off, as an operator would turn one off after a framework update.
  [ "$name" = plain ] && switches=(Performance__RememberedProtection=false Performance__RememberedTickets=false
    Performance__RememberedAntiforgery=false Performance__ResponseText=false Performance__SupportBatching=false
    Performance__BallotBatching=false)
  env "${switches[@]}" PARVIS_TEST_DB="$database" dotnet test tests/Parvis.Tests -c Release --no-build --nologo \
    --filter "$filter" --blame-hang-timeout 10m \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" >"$results/$name.log" 2>&1 || true
}

total_passed=0
total_failed=0
lines=()
for suite in "${suites[@]}"; do
  case "$suite" in
    unit) run_suite unit "Suite=unit" sqlite ;;
    sqlite) run_suite sqlite "Suite=integration" sqlite ;;
    postgres) run_suite postgres "Suite=integration" postgres ;;
    plain) run_suite plain "Suite=integration" sqlite ;;
    browser) run_suite browser "Suite=browser" sqlite ;;
    nodes) run_suite nodes "Suite=nodes" postgres ;;
    # Not in the default list: the opinion-map recompute at national scale, figures in bench/results.
    scale) run_suite scale "Suite=scale" postgres ;;
    *) echo "unknown suite $suite (unit, sqlite, postgres, plain, browser, nodes, scale)" >&2; exit 2 ;;
  esac
  trx="$results/$suite.trx"
  passed=0
  failed=0
  if [ -f "$trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
    passed="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    failed="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  fi
  # A suite that ran nothing, or crashed before writing results, counts as failed.
  if [ "${passed:-0}" -eq 0 ] && [ "${failed:-0}" -eq 0 ]; then
    failed=1
    grep -E "error|Error|failed" "$results/$suite.log" | tail -20 >&2 || true
  fi
  if [ "$failed" -gt 0 ]; then
    # The stack names the step that failed: CI prints no more than this.
    grep -E "^\s+Failed |Error Message" -A24 "$results/$suite.log" | head -200 >&2 || true
  fi
  lines+=("suite $suite: $passed passed, $failed failed")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
done

printf '%s\n' "${lines[@]}"
[[ " ${suites[*]} " == *" scale "* ]] && cat bench/results/opinion-map-recompute.txt 2>/dev/null
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
