#!/usr/bin/env bash
# Leak response at scale, in one run on one server:
#   1. sweep throughput: 200 public repositories holding the source files of real repositories (pinned
#      below), swept in full by POST /api/admin/leaks/sweep, against the native strongroom-scan on the same
#      files as a plain directory (its ratio is the sweep's overhead: git's reading, the bookkeeping); then a
#      second pass over the unchanged hub (0 blobs read, the cost of looking);
#   2. the GitHub partner endpoint: a signed batch of 1,000 reported tokens (100 live ones of ours, 900
#      well-formed unknown ones), RUNS times with fresh live tokens, latency per batch.
# Usage: bench/leaks.sh   (RUNS=5; MIRRORS=<folder of <owner>+<name>/repo bare mirrors> to use local
# copies, else the repositories are cloned from GitHub into bench/corpus/mirrors once).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
source "$here/bench/lib/server.sh"
source "$here/bench/lib/mirrors.sh"
STRONGROOM_SCAN=native "$here/strongroom" scan --list-rules >/dev/null   # builds the native scanner when needed
scan="$here/.build/scan/strongroom-scan"

# owner/name and commit: anyone can rebuild the same hub.
sources=(
  "huggingface/huggingface_hub ee0a4510f4bc15e26cb722be2efc2bdb01383ca0"
  "dotnet/eShop 5624ad564d1602a927879df32a79b94522eb6101"
  "openiddict/openiddict-core 319511fa6dacaa9fa3793405fda102bebcba0079"
)
work="$(mktemp -d)"
mkdir -p "$work/tree" "$work/plain"
for entry in "${sources[@]}"; do
  read -r name commit <<< "$entry"
  mirror="$(mirror_of "$name")"
  mkdir -p "$work/tree/${name/\//+}"
  git --git-dir="$mirror" archive "$commit" | tar -x -C "$work/tree/${name/\//+}"
done

# Dealt out to 200 repositories, round robin, files only (the same bytes go into the plain directory).
python3 - "$work/tree" "$work/plain" <<'PY'
import os, shutil, sys
tree, plain = sys.argv[1], sys.argv[2]
files = sorted(os.path.join(d, n) for d, _, names in os.walk(tree) for n in names if not os.path.islink(os.path.join(d, n)))
for i, path in enumerate(files):
    target = os.path.join(plain, f"r{i % 200:03d}", os.path.relpath(path, tree))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(path, target)
print(f"{len(files)} files, {sum(os.path.getsize(p) for p in files) / 1e6:.1f} MB, in 200 repositories", file=sys.stderr)
PY

# Content from before push protection: imported with it off (Repos:PushProtection=false), as trusted history would be.
start_server --Repos:PushProtection false --Leaks:SweepInterval 1.00:00:00
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT
token="$(admin_post /api/settings/tokens '{"displayName":"bench","role":"write"}' | json_field token)"
for i in $(seq -f '%03g' 0 199); do
  admin_post /api/repos/create "{\"name\":\"r$i\",\"type\":\"model\",\"private\":false}" >/dev/null
  (cd "$work/plain/r$i" && git init -q -b main && git add -A && git -c user.name=b -c user.email=b@b commit -qm import \
    && git push -q --force "${BASE/http:\/\//http://user:$token@}/admin/r$i" main)
done

seconds() { python3 -c 'import time; print(f"{time.monotonic():.3f}")'; }
start=$(seconds); first="$(admin_post /api/admin/leaks/sweep '{}')"; sweep=$(echo "$(seconds) - $start" | bc)
start=$(seconds); second="$(admin_post /api/admin/leaks/sweep '{}')"; again=$(echo "$(seconds) - $start" | bc)
bytes=$(echo "$first" | sed 's/.*"bytes":\([0-9]*\).*/\1/'); blobs=$(echo "$first" | sed 's/.*"blobs":\([0-9]*\).*/\1/')
plain=()
for _ in 1 2 3; do
  start=$(seconds); "$scan" "$work/plain" --no-progress >/dev/null || true; plain+=("$(echo "$(seconds) - $start" | bc)")
done
native=$(printf '%s\n' "${plain[@]}" | sort -n | sed -n 2p)
printf 'sweep, 200 repositories: %d blobs, %.1f MB in %.2f s (%.0f MB/s); strongroom-scan on the same files: %.2f s (%.0f MB/s); sweep/scan %.2f\n' \
  "$blobs" "$(echo "$bytes / 1000000" | bc -l)" "$sweep" "$(echo "$bytes / 1000000 / $sweep" | bc -l)" "$native" "$(echo "$bytes / 1000000 / $native" | bc -l)" "$(echo "$sweep / $native" | bc -l)"
printf 'sweep again, nothing changed: %s blobs in %.2f s\n' "$(echo "$second" | sed 's/.*"blobs":\([0-9]*\).*/\1/')" "$again"
stop_server

# The partner endpoint: a key pair of our own, as GitHub's would be, and its public key in the keys file.
openssl ecparam -name prime256v1 -genkey -noout -out "$work/github.pem" 2>/dev/null
python3 - "$work/github.pem" "$work/keys.json" <<'PY'
import json, subprocess, sys
pub = subprocess.run(["openssl", "ec", "-in", sys.argv[1], "-pubout"], capture_output=True, text=True, check=True).stdout
json.dump({"public_keys": [{"key_identifier": "bench", "key": pub, "is_current": True}]}, open(sys.argv[2], "w"))
PY
start_server --Leaks:GitHubPublicKeysFile "$work/keys.json"
latencies=()
for run in $(seq "$runs"); do
  : > "$work/live"
  for _ in $(seq 100); do echo "$(admin_post /api/settings/tokens '{"displayName":"partner","role":"read"}' | json_field token)" >> "$work/live"; done
  python3 - "$work/live" "$work/batch.json" <<'PY'
import json, random, string, sys, zlib
alphabet = string.digits + string.ascii_uppercase + string.ascii_lowercase
def base62(n, width):
    out = ""
    while n: n, r = divmod(n, 62); out = alphabet[r] + out
    return out.rjust(width, "0")
def unknown():
    body = "sr_p" + "".join(random.choice(alphabet) for _ in range(32))
    return body + base62(zlib.crc32(body.encode()), 6)
live = [t.strip() for t in open(sys.argv[1]) if t.strip()]
items = live + [unknown() for _ in range(1000 - len(live))]
random.shuffle(items)
json.dump([{"token": t, "type": "strongroom_token", "url": "https://github.com/example/repo/blob/main/x.py", "source": "content"} for t in items], open(sys.argv[2], "w"))
PY
  signature="$(openssl dgst -sha256 -sign "$work/github.pem" "$work/batch.json" | base64 -w0)"
  read -r status total < <(curl -s -o "$work/answer" -w '%{http_code} %{time_total}\n' -H 'content-type: application/json' \
    -H "Github-Public-Key-Identifier: bench" -H "Github-Public-Key-Signature: $signature" --data-binary @"$work/batch.json" "$BASE/api/leaks/github")
  [[ $status == 200 ]] || { echo "partner endpoint answered $status: $(cat "$work/answer")" >&2; exit 1; }
  positives=$(grep -o '"true_positive"' "$work/answer" | wc -l)
  printf 'partner batch %d: 1,000 tokens (%d true positives) in %.0f ms\n' "$run" "$positives" "$(echo "$total * 1000" | bc -l)"
  latencies+=("$total")
done
printf 'partner endpoint, 1,000-token batch: median %.0f ms\n' "$(echo "$(printf '%s\n' "${latencies[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p") * 1000" | bc -l)"
