#!/usr/bin/env bash
# Does an anonymous caller learn by timing whether a private repository exists? Times, in one run and
# on one server, anonymous GET /api/models/{ns}/{name} for a name that does not exist and for a private
# repository that does (both answer 401), one connection at a time, alternating rounds so that warm-up
# and noise hit both alike. Prints each one's median and p99 latency and their ratio (1.00 = no signal).
# Usage: bench/absent-vs-private.sh [seconds per round] [rounds]   (defaults 3 and 4)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-3}"; rounds="${2:-4}"
source "$here/bench/lib/server.sh"

# Median and p99 in microseconds from wrk --latency's distribution.
latency() {
  wrk -t1 -c1 -d"${seconds}s" --latency "$1" | awk '
    function us(v) { if (v ~ /us$/) return v + 0; if (v ~ /ms$/) return v * 1000; if (v ~ /s$/) return v * 1000000; return v }
    $1 == "50%" { p50 = us($2) } $1 == "99%" { p99 = us($2) } END { printf "%d %d\n", p50, p99 }'
}

start_server
trap stop_server EXIT
admin_post /api/repos/create '{"name":"hidden","type":"model","private":true}' >/dev/null
private="$BASE/api/models/admin/hidden"; absent="$BASE/api/models/admin/nothing-here"
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$private")" == 401 && "$(curl -s -o /dev/null -w '%{http_code}' "$absent")" == 401 ]] \
  || { echo "expected 401 for both" >&2; exit 1; }

sum_a=0; sum_p=0
for round in $(seq "$rounds"); do
  read -r a50 a99 < <(latency "$absent")
  read -r p50 p99 < <(latency "$private")
  printf 'round %d  absent p50 %5d us p99 %5d us   private p50 %5d us p99 %5d us\n' "$round" "$a50" "$a99" "$p50" "$p99"
  sum_a=$((sum_a + a50)); sum_p=$((sum_p + p50))
done
printf 'mean of medians: absent %d us, private %d us, private/absent %.2f\n' $((sum_a / rounds)) $((sum_p / rounds)) "$(echo "$sum_p / $sum_a" | bc -l)"
