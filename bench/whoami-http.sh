#!/usr/bin/env bash
# GET /api/whoami-v2 over HTTP with wrk, side by side with /healthz (the same server doing no auth or
# database work) as the baseline, with the token cache on (default) and off. Prints req/s and ratios.
# Usage: bench/whoami-http.sh [seconds]   (default 10)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
source "$here/bench/lib/server.sh"

make_token() { admin_post /api/settings/tokens '{"displayName":"bench","fineGrained":{"global":["discussion.write"]}}' | json_field token; }

rps() { wrk -t2 -c32 -d"${seconds}s" "$@" | awk '/Requests\/sec/ {print $2}'; }

report() { # $1 label $2 flags
  start_server $2
  local token; token="$(make_token)"
  local health who
  health="$(rps "$BASE/healthz")"
  who="$(rps -H "Authorization: Bearer $token" "$BASE/api/whoami-v2")"
  stop_server
  printf '%-28s healthz %10s req/s   whoami-v2 %10s req/s   ratio %.2f\n' "$1" "$health" "$who" "$(echo "$who / $health" | bc -l)"
}

report "token cache on (default)" ""
report "token cache off" "--Tokens:CacheTtl 00:00:00"
