#!/usr/bin/env bash
# The authenticated request path against the framework's floor, in one run: a Kestrel minimal API
# answering a JSON object as long as whoami-v2's (bench/Strongroom.Baseline), then Strongroom's
# GET /api/whoami-v2, POST /api/auth/check, GET /api/models/{ns}/{name} and its tree listing, with a
# cached fine-grained token on a private model of an org (the caller's membership decides), and a Space's
# POST .../runtime/start with a runner credential (two secrets opened; each start issues and stores a
# workload token and writes its audit event in one commit, so the table grows by a row of each per request
# and the row measures the write path), all under wrk with the same threads, connections and duration. Prints req/s, p50, p99 and the ratio to the
# baseline, on SQLite and, when a PostgreSQL connection string is given, on PostgreSQL; with UNCACHED=1
# also on SQLite with the token and repository caches off (--Tokens:CacheTtl 00:00:00: every request a miss).
# Usage: bench/auth-path.sh [seconds]   (default 10; CONNECTIONS=64, THREADS=2 by default)
# PostgreSQL: STRONGROOM_BENCH_POSTGRES (else STRONGROOM_TEST_POSTGRES, as scripts/test-services.sh
# exports it); each run uses a database of its own, named srbench_<random>, dropped afterwards when psql is there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
source "$here/bench/lib/server.sh"
baseline_dll="$here/.build/baseline/Strongroom.Baseline.dll"
dotnet build "$here/bench/Strongroom.Baseline" -c Release -o "$here/.build/baseline" -nologo -v quiet >/dev/null

# "req/s p50_ms p99_ms non2xx" from wrk --latency (non2xx: answers other than 2xx/3xx, which the row flags).
measure() {
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 } / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) } /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %d", rps, p50, p99, bad }'
}

row() { # $1 label $2 "rps p50 p99 non2xx" $3 baseline rps
  local rps p50 p99 bad; read -r rps p50 p99 bad <<<"$2"
  printf '%-40s %9s req/s   p50 %6s ms   p99 %6s ms   ratio %.2f%s\n' "$1" "$rps" "$p50" "$p99" "$(echo "$rps / $3" | bc -l)" \
    "$([[ "${bad:-0}" -gt 0 ]] && echo "   ($bad answers not 2xx: see $DATA/log)")"
}

# An org, a private model in it with one file, and a fine-grained token of the org's admin scoped to
# the org; sets TOKEN. Reading the model needs the caller's live membership.
setup_hub() {
  admin_post /api/organizations '{"name":"acme"}' >/dev/null
  TOKEN="$(admin_post /api/settings/tokens '{"displayName":"bench","fineGrained":{"scoped":[{"entity":{"type":"org","name":"acme"},"permissions":["repo.content.read","repo.write"]}]}}' | json_field token)"
  local auth=(-H "Authorization: Bearer $TOKEN")
  curl -sf "${auth[@]}" -H 'content-type: application/json' -d '{"name":"m1","organization":"acme","private":true}' "$BASE/api/repos/create" >/dev/null
  printf '{"key":"header","value":{"summary":"bench"}}\n{"key":"file","value":{"path":"README.md","content":"%s","encoding":"base64"}}\n' \
    "$(printf '# m1\n' | base64 -w0)" | curl -sf "${auth[@]}" -H 'content-type: application/x-ndjson' --data-binary @- "$BASE/api/models/acme/m1/commit/main" >/dev/null
  curl -sf "${auth[@]}" "$BASE/api/models/acme/m1/tree/main" >/dev/null || { echo "auth-path.sh: setup failed (see $DATA/log)" >&2; exit 1; }
  setup_space
}

# A private Space of the org with two secrets and a variable, and a runner; sets RUNNER.
setup_space() {
  admin_post /api/repos/create '{"name":"s1","organization":"acme","type":"space","sdk":"docker","private":true}' >/dev/null
  for key in API_KEY DB_PASSWORD; do
    admin_post /api/spaces/acme/s1/secrets "{\"key\":\"$key\",\"value\":\"$(head -c 48 /dev/urandom | base64 -w0)\"}" >/dev/null
  done
  admin_post /api/spaces/acme/s1/variables '{"key":"MODEL_ID","value":"acme/m1"}' >/dev/null
  RUNNER="$(admin_post /api/admin/runners '{"name":"bench-runner"}' | json_field token)"
  curl -sf -X POST -H "Authorization: Bearer $RUNNER" "$BASE/api/spaces/acme/s1/runtime/start" | grep -q API_KEY \
    || { echo "auth-path.sh: Space setup failed (see $DATA/log)" >&2; exit 1; }
}

baseline() { # $1 body size; prints "req/s p50 p99"
  local port=$((30000 + RANDOM % 20000)) pid result
  dotnet "$baseline_dll" --urls "http://127.0.0.1:$port" --size "$1" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/json" >/dev/null && break; sleep 0.2; done
  result="$(measure "http://127.0.0.1:$port/json")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$result"
}

report() { # $1 label, $2... server flags
  local label="$1"; shift
  start_server "$@"
  setup_hub
  local auth=(-H "Authorization: Bearer $TOKEN") size floor lua="$DATA/check.lua" start="$DATA/start.lua"
  size="$(curl -sf "${auth[@]}" "$BASE/api/whoami-v2" | wc -c)"
  printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = %s\n' \
    "'{\"permission\":\"repo.content.read\",\"resource\":{\"type\":\"model\",\"name\":\"acme/m1\"}}'" >"$lua"
  printf 'wrk.method = "POST"\nwrk.headers["Authorization"] = "Bearer %s"\n' "$RUNNER" >"$start"
  echo "== $label (wrk -t$threads -c$connections -d${seconds}s; whoami-v2 body $size bytes)"
  floor="$(baseline "$size")"
  row "Kestrel minimal API (baseline)" "$floor" "${floor%% *}"
  row "GET /healthz" "$(measure "$BASE/healthz")" "${floor%% *}"
  row "GET /api/whoami-v2" "$(measure "${auth[@]}" "$BASE/api/whoami-v2")" "${floor%% *}"
  row "POST /api/auth/check" "$(measure "${auth[@]}" -s "$lua" "$BASE/api/auth/check")" "${floor%% *}"
  row "GET /api/models/acme/m1" "$(measure "${auth[@]}" "$BASE/api/models/acme/m1")" "${floor%% *}"
  row "GET /api/models/acme/m1/tree/main" "$(measure "${auth[@]}" "$BASE/api/models/acme/m1/tree/main")" "${floor%% *}"
  row "POST /api/spaces/acme/s1/runtime/start" "$(measure -s "$start" "$BASE/api/spaces/acme/s1/runtime/start")" "${floor%% *}"
  stop_server
}

report "SQLite"
if [[ -n "${UNCACHED:-}" ]]; then
  report "SQLite, caches off" --Tokens:CacheTtl 00:00:00
fi
postgres="${STRONGROOM_BENCH_POSTGRES:-${STRONGROOM_TEST_POSTGRES:-}}"
if [[ -n "$postgres" ]]; then
  db="srbench_$RANDOM$RANDOM"
  report "PostgreSQL" --database "$(echo "$postgres" | sed "s/Database=[^;]*/Database=$db/")"
  if command -v psql >/dev/null; then
    host="$(echo "$postgres" | sed -n 's/.*Host=\([^;]*\).*/\1/p')"; port="$(echo "$postgres" | sed -n 's/.*Port=\([^;]*\).*/\1/p')"
    user="$(echo "$postgres" | sed -n 's/.*Username=\([^;]*\).*/\1/p')"
    psql -q "host=$host port=${port:-5432} user=$user dbname=postgres" -c "DROP DATABASE $db" >/dev/null 2>&1 || true
  fi
else
  echo "(no PostgreSQL: set STRONGROOM_BENCH_POSTGRES to a connection string for the second half)"
fi
