#!/usr/bin/env bash
# GET /api/whoami-v2 over HTTP with wrk, side by side with /healthz (the same server doing no auth or
# database work) as the baseline, with the token cache on (default) and off. Prints req/s and ratios.
# Usage: bench/whoami-http.sh [seconds]   (default 10)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
"$here/strongroom" version >/dev/null   # builds the CLI in Release when needed

run_server() { # $1 = extra flags; sets PORT, DATA, PID
  DATA="$(mktemp -d)"; PORT=$((30000 + RANDOM % 20000))
  "$here/strongroom" serve --data "$DATA" --urls "http://127.0.0.1:$PORT" $1 >"$DATA/log" 2>&1 &
  PID=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
}

make_token() {
  local pw csrf
  pw="$(cat "$DATA/initial-admin-password")"
  csrf="$(curl -s -c "$DATA/cj" -H 'content-type: application/json' -d "{\"username\":\"admin\",\"password\":\"$pw\"}" "http://127.0.0.1:$PORT/api/auth/login" | sed 's/.*"csrfToken":"\([^"]*\)".*/\1/')"
  curl -s -b "$DATA/cj" -H "X-CSRF-Token: $csrf" -H 'content-type: application/json' \
    -d '{"displayName":"bench","fineGrained":{"global":["discussion.write"]}}' "http://127.0.0.1:$PORT/api/settings/tokens" \
    | sed 's/.*"token":"\([^"]*\)".*/\1/'
}

rps() { wrk -t2 -c32 -d"${seconds}s" "$@" | awk '/Requests\/sec/ {print $2}'; }

report() { # $1 label $2 flags
  run_server "$2"
  local token; token="$(make_token)"
  local health who
  health="$(rps "http://127.0.0.1:$PORT/healthz")"
  who="$(rps -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/api/whoami-v2")"
  kill "$PID"; wait "$PID" 2>/dev/null || true; rm -rf "$DATA"
  printf '%-28s healthz %10s req/s   whoami-v2 %10s req/s   ratio %.2f\n' "$1" "$health" "$who" "$(echo "$who / $health" | bc -l)"
}

report "token cache on (default)" ""
report "token cache off" "--Tokens:CacheTtl 00:00:00"
