# Sourced by scripts/test.sh and bench/web.sh: a throwaway PostgreSQL cluster on a free loopback port, tuned for
# tests (no fsync), its connection string exported as PARVIS_TEST_PG; stop_postgres removes it.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_dir=""
stop_postgres() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}

pg_run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  pg_dir="$(mktemp -d /tmp/parvis-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
  local port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  pg_run "$pg_bin/initdb" -D "$pg_dir/data" -U parvis -A trust --no-sync >/dev/null
  pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
  export PARVIS_TEST_PG="Host=127.0.0.1;Port=$port;Username=parvis;Database=postgres;Maximum Pool Size=40"
}

