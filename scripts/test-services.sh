# Sourced by test.sh: start_services / stop_services for the real parts the tests use.
# Exports STRONGROOM_TEST_POSTGRES (a connection string) and STRONGROOM_TEST_NODE_MODULES.

SERVICES_DIR=""
PG_BIN=""

apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "test.sh: need root to apt-get install $*" >&2
    return 1
  fi
  if [[ -z "${APT_UPDATED:-}" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

start_postgres() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
    echo "test.sh: installing PostgreSQL" >&2
    apt_install postgresql
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  fi
  local run_as=()
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    run_as=(runuser -u postgres --)
    chown postgres "$SERVICES_DIR"
  fi
  local port; port="$(free_port)"
  local pgdata="$SERVICES_DIR/pgdata"
  "${run_as[@]}" "$PG_BIN/initdb" -D "$pgdata" -U strongroom --auth=trust -E UTF8 >/dev/null
  "${run_as[@]}" "$PG_BIN/pg_ctl" -D "$pgdata" -l "$SERVICES_DIR/pg.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $SERVICES_DIR -c fsync=off -c max_connections=300" start >/dev/null
  PG_RUN_AS=("${run_as[@]}")
  PG_DATA="$pgdata"
  export STRONGROOM_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=strongroom;Database=postgres"
  echo "test.sh: PostgreSQL on 127.0.0.1:$port" >&2
}

start_node_client() {
  # The official Hugging Face JS client, for the compatibility tests.
  if ! command -v node >/dev/null; then apt_install nodejs npm; fi
  local dir="$here/tests/hfjs"
  if [[ ! -d "$dir/node_modules/@huggingface/hub" ]]; then
    (cd "$dir" && npm ci --silent --no-audit --no-fund >/dev/null 2>&1 || npm install --silent --no-audit --no-fund >/dev/null)
  fi
  export STRONGROOM_TEST_NODE_MODULES="$dir/node_modules"
}

start_services() {
  # The server stores repositories with git, and the tests clone and push with it.
  if ! command -v git >/dev/null; then apt_install git; fi
  SERVICES_DIR="$(mktemp -d /tmp/strongroom-test.XXXXXX)"
  chmod 755 "$SERVICES_DIR"
  start_postgres
  if [[ -f "$here/tests/hfjs/package.json" ]]; then start_node_client; fi
  for hook in "$here"/scripts/test-services.d/*.sh; do
    [[ -f "$hook" ]] && source "$hook"
  done
  return 0
}

stop_services() {
  if [[ -n "${PG_DATA:-}" ]]; then
    "${PG_RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true
  fi
  for hook in "$here"/scripts/test-services.d/*.stop; do
    [[ -f "$hook" ]] && source "$hook"
  done
  [[ -n "$SERVICES_DIR" ]] && rm -rf "$SERVICES_DIR"
  return 0
}
