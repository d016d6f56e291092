#!/usr/bin/env bash
# What push protection costs, side by side in one run: two servers from the same build, one as shipped
# and one with Repos:PushProtection=false, each given the same writes, alternating, RUNS times:
#   1. the commit API: one commit of 1,000 small files (real source files from the repository below);
#   2. git push of a real repository's whole history (trufflesecurity/trufflehog at a pinned commit:
#      4,546 commits, a 55 MiB pack, and the many sample credentials of a secret scanner's tests, which
#      a private repository's protection reports as warnings) into a new private repository.
# Prints each run, the medians, and protected/unprotected for both (the goal: at most 1.25). A first round
# warms both servers up and is not counted.
# Usage: bench/push-protection.sh   (RUNS=3; REPOSITORY=owner/name COMMIT=id; MIRRORS=<folder of <owner>+<name>/repo bare mirrors> to
# use local copies, else the repository is cloned from GitHub into bench/corpus/mirrors once).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
source "$here/bench/lib/server.sh"
source "$here/bench/lib/mirrors.sh"

# REPOSITORY and COMMIT choose another history (e.g. bitwarden/server ac309aa19ed351406a56032d5f26a7a9a99f4abd:
# 7,723 commits, a 126 MiB pack of ordinary C# and SQL, where trufflehog's is dense with keywords).
repository="${REPOSITORY:-trufflesecurity/trufflehog}"; commit="${COMMIT:-3ab759fef4bb5935d4fe9ac68b503d05346b8364}"
mirror="$(mirror_of "$repository")"
work="$(mktemp -d)"
git clone -q --bare "$mirror" "$work/source"

# The commit API body: 1,000 distinct paths of blobs under 8 KiB from the history, base64 in NDJSON, built once.
git -C "$work/source" rev-list --objects "$commit" \
  | git -C "$work/source" cat-file --batch-check='%(objecttype) %(objectname) %(objectsize) %(rest)' \
  | awk 'n < 1000 && $1 == "blob" && $3 <= 8192 && $4 != "" && !seen[$4]++ { n++; print $2, $4 }' > "$work/blobs"
python3 - "$work/source" "$work/blobs" "$work/commit.ndjson" <<'PY'
import base64, json, os, subprocess, sys
root, listing, out = sys.argv[1:4]
with open(listing) as f, open(out, "w") as body:
    entries = [line.rstrip("\n").split(" ", 1) for line in f]
    body.write(json.dumps({"key": "header", "value": {"summary": "1,000 files"}}) + "\n")
    for oid, path in entries:
        data = subprocess.run(["git", "-C", root, "cat-file", "blob", oid], check=True, capture_output=True).stdout
        body.write(json.dumps({"key": "file", "value": {"path": path, "content": base64.b64encode(data).decode(), "encoding": "base64"}}) + "\n")
print(f"commit body: {len(entries)} files, {os.path.getsize(out) / 1e6:.1f} MB of NDJSON", file=sys.stderr)
PY
# Two servers; each gets an admin token (the first admin's session creates it).
declare -A base data pid token
for mode in on off; do
  if [[ $mode == on ]]; then start_server; else start_server --Repos:PushProtection false; fi
  base[$mode]="$BASE"; data[$mode]="$DATA"; pid[$mode]="$PID"
  token[$mode]="$(admin_post /api/settings/tokens '{"displayName":"bench","role":"write"}' | json_field token)"
done
cleanup() { for mode in on off; do DATA="${data[$mode]}" PID="${pid[$mode]}" stop_server; done; rm -rf "$work"; }
trap cleanup EXIT

new_repo() { # mode name
  curl -sf -H "Authorization: Bearer ${token[$1]}" -H 'content-type: application/json' \
    -d "{\"name\":\"$2\",\"type\":\"model\",\"private\":true}" "${base[$1]}/api/repos/create" >/dev/null
}
seconds() { python3 -c 'import time; print(f"{time.monotonic():.3f}")'; }

declare -A commit_times push_times
# Run 0 warms each server up (its first push compiles the reading and scanning code) and is not counted.
for run in $(seq 0 "$runs"); do
  for mode in on off; do
    new_repo "$mode" "commit-$run"
    start=$(seconds)
    status=$(curl -s -o "$work/answer" -w '%{http_code}' -H "Authorization: Bearer ${token[$mode]}" -H 'content-type: application/x-ndjson' \
      --data-binary @"$work/commit.ndjson" "${base[$mode]}/api/models/admin/commit-$run/commit/main")
    elapsed=$(echo "$(seconds) - $start" | bc)
    [[ $status == 200 ]] || { echo "commit ($mode) answered $status: $(cat "$work/answer")" >&2; exit 1; }
    (( run > 0 )) && commit_times[$mode]+="$elapsed "

    new_repo "$mode" "push-$run"
    url="${base[$mode]/http:\/\//http://user:${token[$mode]}@}/admin/push-$run"
    start=$(seconds)
    git -C "$work/source" push -q --force "$url" "$commit:refs/heads/main" 2>"$work/push.err" \
      || { echo "push ($mode) failed: $(cat "$work/push.err")" >&2; exit 1; }
    elapsed=$(echo "$(seconds) - $start" | bc)
    (( run > 0 )) && push_times[$mode]+="$elapsed "
    printf 'run %d  protection %-3s  push of the history %6.3f s%s\n' "$run" "$mode" "$elapsed" "$( (( run > 0 )) || echo '   (warm-up, not counted)')"
  done
done

# Where protection's time went, from the protected server's log: blobs read, time to read and scan, to decide.
grep -ho 'Push protection read.*' "${data[on]}/log" | sed 's/^/  /' || true

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
for what in commit push; do
  declare -n times="${what}_times"
  on=$(echo "${times[on]}" | median); off=$(echo "${times[off]}" | median)
  printf '%-6s median: protection on %.3f s, off %.3f s, on/off %.2f\n' "$what" "$on" "$off" "$(echo "$on / $off" | bc -l)"
done
