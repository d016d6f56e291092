#!/usr/bin/env bash
# Latency of a Space runtime start (POST .../runtime/start: 10 secrets opened, a workload token issued,
# an audit event written) side by side with GET .../variables on the same Space (same server, token
# check and database round trip, nothing opened or issued) as the baseline, per KMS provider, with wrk
# on one connection. Prints mean and p99 latency and the ratio of means.
# Usage: bench/runtime-start.sh [seconds]   (default 10). The pkcs11 rows need the SoftHSM2 variables
# that scripts/test-services.d/softhsm.sh exports (SOFTHSM2_CONF, STRONGROOM_TEST_PKCS11_*); else skipped.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
source "$here/bench/lib/server.sh"

setup_space() { # sets TOKEN (personal, fine-grained) and RUNNER
  TOKEN="$(admin_post /api/settings/tokens '{"displayName":"bench","fineGrained":{"global":["repo.write","repo.content.read","repo.secrets.write"]}}' | json_field token)"
  RUNNER="$(admin_post /api/admin/runners '{"name":"bench"}' | json_field token)"
  local auth=(-H "Authorization: Bearer $TOKEN" -H 'content-type: application/json')
  curl -sf "${auth[@]}" -d '{"name":"app","type":"space","sdk":"docker","private":true}' "$BASE/api/repos/create" >/dev/null
  for i in $(seq 1 10); do
    curl -sf "${auth[@]}" -d "{\"key\":\"SECRET_$i\",\"value\":\"$(head -c 48 /dev/urandom | base64 -w0)\"}" "$BASE/api/spaces/admin/app/secrets" >/dev/null
    curl -sf "${auth[@]}" -d "{\"key\":\"VAR_$i\",\"value\":\"value-$i\"}" "$BASE/api/spaces/admin/app/variables" >/dev/null
  done
}

# "mean_ms p99_ms" from wrk --latency output (units normalised to ms).
latency() {
  wrk -t1 -c1 -d"${seconds}s" --latency "$@" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +Latency +[0-9]/ { mean = ms($2) } / 99%/ { p99 = ms($2) } END { printf "%.2f %.2f", mean, p99 }'
}

report() { # $1 label $2 flags
  start_server $2
  setup_space
  local lua="$DATA/start.lua"
  printf 'wrk.method = "POST"\nwrk.headers["Authorization"] = "Bearer %s"\n' "$RUNNER" >"$lua"
  local base start
  base="$(latency -H "Authorization: Bearer $TOKEN" "$BASE/api/spaces/admin/app/variables")"
  start="$(latency -s "$lua" "$BASE/api/spaces/admin/app/runtime/start")"
  stop_server
  read -r bmean bp99 <<<"$base"; read -r smean sp99 <<<"$start"
  printf '%-8s GET variables mean %6s ms p99 %6s ms   runtime/start mean %6s ms p99 %6s ms   ratio %.1fx\n' \
    "$1" "$bmean" "$bp99" "$smean" "$sp99" "$(echo "$smean / $bmean" | bc -l)"
}

report local ""
if [[ -n "${STRONGROOM_TEST_PKCS11_MODULE:-}" ]]; then
  report pkcs11 "--Kms:Provider pkcs11 --Kms:Pkcs11:ModulePath $STRONGROOM_TEST_PKCS11_MODULE --Kms:Pkcs11:TokenLabel $STRONGROOM_TEST_PKCS11_TOKEN --Kms:Pkcs11:Pin $STRONGROOM_TEST_PKCS11_PIN --Kms:Pkcs11:KeyLabel bench-$RANDOM"
fi
