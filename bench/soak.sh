#!/usr/bin/env bash
# Soak benchmark (issue 25): PARVIS_SOAK_MINUTES (30 by default) of mixed traffic on loopback against two Parvis nodes
# behind nginx, with Redis and PostgreSQL, as deploy/ runs them (deploy/parvis@.service and deploy/parvis.env for the
# nodes, deploy/nginx.conf for the proxy, their ports replaced). Installs what is missing with apt-get, publishes Parvis
# in Release as the unit file expects, seeds a national-scale process, then runs `Parvis.WebBench soak` (see
# bench/Parvis.WebBench/Soak.cs): one line a minute (requests, errors by kind, p50/p99, each node's resident memory),
# a summary, bench/results/soak.json. Exits non-zero on an unprovoked error or a node growing 10 % or more after the
# warm-up (PARVIS_SOAK_WARMUP_MINUTES, a third of the run by default). PARVIS_SOAK_NODE_ENV adds settings to both
# nodes' environment, after the unit's, e.g. PARVIS_SOAK_NODE_ENV="Caches__PublicPagesMegabytes=16
# Caches__SharedDataMegabytes=16" (space-separated NAME=value, no spaces inside a value). Bounded:
# PARVIS_SOAK_RATE operations a second at most (40), PARVIS_SOAK_CLIENTS in flight at most (32), a deadline; everything
# it started is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
minutes="${PARVIS_SOAK_MINUTES:-30}"
read -r -a node_env <<<"${PARVIS_SOAK_NODE_ENV:-}"
for setting in "${node_env[@]}"; do
  [[ "$setting" == [A-Za-z_]*=* ]] || { echo "PARVIS_SOAK_NODE_ENV: '$setting' is not NAME=value"; exit 2; }
done
source scripts/postgres.sh
packages=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || packages+=(nginx)
command -v curl >/dev/null 2>&1 || packages+=(curl)
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing ${packages[*]}…"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${packages[@]}" >/dev/null
fi
nginx_bin="$([ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx || command -v nginx)"

scratch="$(mktemp -d /tmp/parvis-soak.XXXXXX)"
pids=()
stop_all() {
  # The servers this script started, by their process id, newest first; then the database.
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[$i]}" 2>/dev/null || true
    wait "${pids[$i]}" 2>/dev/null || true
  done
  stop_postgres
  rm -rf "$scratch"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # url, pid, log: until the url answers, at most two minutes, failing if the process stops
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    if ! kill -0 "$2" 2>/dev/null; then echo "Stopped before answering on $1:"; tail -30 "$3"; return 1; fi
    sleep 0.2
  done
  echo "No answer on $1 in two minutes:"; tail -30 "$3"; return 1
}

echo "Publishing Parvis (Release) and building the harness…"
dotnet publish -c Release src/Parvis.Web -o "$scratch/parvis" -v q -nologo -clp:ErrorsOnly >/dev/null
dotnet build -c Release bench/Parvis.WebBench -v q -nologo -clp:ErrorsOnly >/dev/null

start_postgres
pg_port="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$PARVIS_TEST_PG")"
"$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U parvis -d postgres -c 'CREATE DATABASE parvis_soak' >/dev/null
database="Host=127.0.0.1;Port=$pg_port;Database=parvis_soak;Username=parvis"

redis_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$scratch/redis.log" 2>&1 &
pids+=($!)

# Each node as deploy/parvis@.service starts it: deploy/parvis.env, then the unit's own Environment= lines, then this
# run's ports, database, Redis and data directory. E-mails go to .eml files in the data directory (no SMTP server).
# One machine plays thousands of people, who all reach the nodes through one nginx: the limits on posts per person,
# address and table are raised; every other cost of a request stays.
node_pids=()
for instance in 1 2; do
  environment=()
  while IFS= read -r line; do
    [[ -z "$line" || "$line" == \#* || "$line" != *=* ]] && continue
    environment+=("$line")
  done < <(cat deploy/parvis.env; sed -n "s/^Environment=//p; " deploy/parvis@.service | sed "s/%i/$instance/g")
  port="$(free_port)"
  eval "node${instance}_port=$port"
  mkdir -p "$scratch/node$instance"
  read -r -a command <<<"$(sed -n 's/^ExecStart=//p' deploy/parvis@.service | sed "s#/opt/parvis#$scratch/parvis#g")"
  (cd "$scratch/parvis" && exec env "${environment[@]}" \
    ASPNETCORE_URLS="http://127.0.0.1:$port" PARVIS_DATA_DIR="$scratch/node$instance" \
    ConnectionStrings__Postgres="$database;Maximum Pool Size=60" Redis__Configuration="127.0.0.1:$redis_port" \
    Email__SmtpHost= \
    RateLimits__auth__PermitLimit=1000000 RateLimits__contribute__PermitLimit=1000000 RateLimits__code__PermitLimit=1000000 \
    RateLimits__sign-in__PermitLimit=1000000 \
    "${node_env[@]}" \
    "${command[@]}") >"$scratch/node$instance.log" 2>&1 &
  pids+=($!)
  node_pids+=($!)
  # The first node migrates the database; the second starts on it.
  wait_for "http://127.0.0.1:$port/health" "$!" "$scratch/node$instance.log"
done

# deploy/nginx.conf with this run's ports and files. The simulated visitors all come from 127.0.0.1: nginx takes each
# one's address from the X-Forwarded-For it sends (the real_ip module), as it would see a real visitor's own address,
# and passes it on to the nodes exactly as deployed.
nginx_port="$(free_port)"
mkdir -p "$scratch/nginx"
sed -e "s/127.0.0.1:5001/127.0.0.1:$node1_port/; s/127.0.0.1:5002/127.0.0.1:$node2_port/" \
  -e "s/listen 80 default_server;/listen 127.0.0.1:$nginx_port default_server;/; s/listen 80;/listen 127.0.0.1:$nginx_port;/" \
  -e "s/server_name parvis.example.org;/server_name 127.0.0.1;/" \
  -e "s#/run/nginx-parvis.pid#$scratch/nginx/nginx.pid#; s#/var/log/nginx/parvis-error.log#$scratch/nginx/error.log#" \
  -e "s/^http {/http {\n    set_real_ip_from 127.0.0.1;\n    real_ip_header X-Forwarded-For;/" \
  deploy/nginx.conf >"$scratch/nginx/nginx.conf"
"$nginx_bin" -p "$scratch/nginx" -c "$scratch/nginx/nginx.conf" -e "$scratch/nginx/error.log" -g "daemon off;" >"$scratch/nginx.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$nginx_port/health" "$!" "$scratch/nginx.log"
echo "PostgreSQL on $pg_port, Redis on $redis_port, nodes ${node_pids[*]} on $node1_port and $node2_port, nginx on $nginx_port."
[ ${#node_env[@]} -eq 0 ] || echo "Nodes' added settings (PARVIS_SOAK_NODE_ENV): ${node_env[*]}."

status=0
# Failures the nodes log from here on (before, the first node's migration logs the missing history table it then creates).
logged=("$(wc -l <"$scratch/node1.log")" "$(wc -l <"$scratch/node2.log")")
# Seeding, sign-ins, the run and a margin: the harness is stopped if it outlives them.
PARVIS_ROOT="$root" PARVIS_SOAK_URL="http://127.0.0.1:$nginx_port" PARVIS_SOAK_PG="$database;Maximum Pool Size=20" \
  PARVIS_SOAK_NODES="$(IFS=,; echo "${node_pids[*]}")" PARVIS_SOAK_MINUTES="$minutes" \
  timeout --signal=TERM $((minutes * 60 + 900)) dotnet bench/Parvis.WebBench/bin/Release/net10.0/Parvis.WebBench.dll soak || status=$?

# What the nodes logged as failures during the soak, to explain an error the harness counted.
for instance in 1 2; do
  during="$scratch/node$instance.during.log"
  tail -n +"$((logged[instance - 1] + 1))" "$scratch/node$instance.log" >"$during"
  echo "Node $instance logged $(grep -cE '^(fail|crit):' "$during" || true) failures during the soak."
  grep -A3 -m3 -E '^(fail|crit):' "$during" || true
done
exit "$status"
