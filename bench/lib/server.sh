# Sourced by the HTTP benchmarks: a throwaway `strongroom serve` on SQLite in a temp dir, signed in
# as its first admin. Needs $here (the repository root). Installs wrk when missing and builds the CLI.
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
"$here/strongroom" version >/dev/null   # builds the CLI in Release when needed

# start_server [FLAGS...]: sets DATA, BASE, PID and waits for /healthz.
start_server() {
  DATA="$(mktemp -d)"; BASE="http://127.0.0.1:$((30000 + RANDOM % 20000))"
  "$here/strongroom" serve --data "$DATA" --urls "$BASE" "$@" >"$DATA/log" 2>&1 &
  PID=$!
  for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
}

stop_server() { kill "$PID"; wait "$PID" 2>/dev/null || true; rm -rf "$DATA"; }

json_field() { sed "s/.*\"$1\":\"\([^\"]*\)\".*/\1/"; }

# admin_post PATH JSON: POST with the first admin's session (signs in on first use; cookie in $DATA).
admin_post() {
  if [[ ! -f "$DATA/csrf" ]]; then
    curl -s -c "$DATA/cj" -H 'content-type: application/json' \
      -d "{\"username\":\"admin\",\"password\":\"$(cat "$DATA/initial-admin-password")\"}" "$BASE/api/auth/login" \
      | json_field csrfToken >"$DATA/csrf"
  fi
  curl -s -b "$DATA/cj" -H "X-CSRF-Token: $(cat "$DATA/csrf")" -H 'content-type: application/json' -d "$2" "$BASE$1"
}
