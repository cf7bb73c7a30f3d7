#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for one ctest run (the `pg_cluster` fixture):
#   pg_test_cluster.sh start BUILD_DIR   initdb in a new temporary folder, start on 127.0.0.1 and a free port,
#                                        write the URL (without project) to BUILD_DIR/pg_test_cluster.url
#   pg_test_cluster.sh stop BUILD_DIR    stop that cluster and remove its folder and the URL file
#   pg_test_cluster.sh stop-server BUILD_DIR / start-server BUILD_DIR
#                                        stop the server (-m fast: clients are cut off) and start it again on the same
#                                        folder and port, as a restart under load does (tst_postgres_restart)
# The server binaries come from `pg_config --bindir` or /usr/lib/postgresql/<n>/bin (not on PATH on Debian). As
# root, initdb and postgres (which refuse root) run as the `postgres` user on a folder it owns. The package's own
# clusters are never touched: ours has its own folder, port and socket directory.
# Without server binaries, start writes no URL and says so; the PostgreSQL tests then skip (QSKIP).
set -euo pipefail
action="${1:-}"
build="${2:-}"
[[ -n "$action" && -n "$build" ]] || { echo "usage: $0 start|stop BUILD_DIR" >&2; exit 2; }
url_file="$build/pg_test_cluster.url"
dir_file="$build/pg_test_cluster.dir"

find_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir 2>/dev/null || true)"
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && { echo "$d"; return; }
  fi
  for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && { echo "$d"; return; }
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  fi
}

# Runs a server binary as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

stop_cluster() {
  [[ -f "$dir_file" ]] || return 0
  local dir bindir
  dir="$(head -n1 "$dir_file")"
  bindir="$(sed -n 2p "$dir_file")"
  if [[ -n "$dir" && -d "$dir/data" ]]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  # Only a folder this script made (its name says so) is removed.
  [[ "$dir" == */rankpo-pg.* ]] && rm -rf -- "$dir"
  rm -f -- "$dir_file" "$url_file"
}

case "$action" in
start)
  stop_cluster # a cluster left by an interrupted run
  rm -f -- "$url_file"
  bindir="$(find_bindir || true)"
  if [[ -z "$bindir" ]]; then
    echo "PostgreSQL server binaries not found (install the 'postgresql' package): PostgreSQL tests will be skipped"
    exit 0
  fi
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    echo "running as root and there is no 'postgres' user to run the server as: PostgreSQL tests will be skipped"
    exit 0
  fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/rankpo-pg.XXXXXX")"
  printf '%s\n%s\n' "$dir" "$bindir" > "$dir_file"
  [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
  chmod 700 "$dir"
  user=rankpo_test
  as_owner "$bindir/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; stop_cluster; exit 1; }
  for attempt in 1 2 3; do
    port="$(free_port)"
    # fsync off: a test cluster need not survive a power cut, and syncing is most of its time on a small disk.
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
         -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
         start >/dev/null; then
      started=1
      break
    fi
  done
  if [[ -z "${started:-}" ]]; then
    cat "$dir/server.log" >&2 || true
    stop_cluster
    exit 1
  fi
  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$user" rankpo_test
  echo "postgresql://$user@127.0.0.1:$port/rankpo_test" > "$url_file"
  echo "PostgreSQL test cluster on 127.0.0.1:$port in $dir ($("$bindir/postgres" --version))"
  ;;
stop)
  stop_cluster
  ;;
stop-server|start-server)
  [[ -f "$dir_file" && -f "$url_file" ]] || { echo "no cluster started in $build" >&2; exit 1; }
  dir="$(head -n1 "$dir_file")"
  bindir="$(sed -n 2p "$dir_file")"
  port="$(sed -E 's|.*:([0-9]+)/.*|\1|' "$url_file")"
  if [[ "$action" == stop-server ]]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  else
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
  fi
  ;;
*)
  echo "usage: $0 start|stop|stop-server|start-server BUILD_DIR" >&2
  exit 2
  ;;
esac
