#!/usr/bin/env bash
# Side-by-side benchmark of `strongroom scan` against its peers, in one run on one machine:
#   - throughput on a corpus of real source trees (>= 100 MB, bench/corpus/files, built on first use):
#     strongroom scan, secretlint (recommended preset) and rg searching the rule keywords (the floor);
#   - git history: strongroom scan --git against `git log -p --all > /dev/null` on a repository with
#     3,100 commits built from the corpus (bench/corpus/history.git).
# Each timing is the best of $RUNS runs (secretlint: of 2) after the page cache is warm.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="$root/bench/corpus/files"
history="$root/bench/corpus/history.git"
results="$here/results"
jobs="${JOBS:-2}"
runs="${RUNS:-3}"
mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- tools
command -v rg >/dev/null || { apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; }
[[ -x "$here/node_modules/.bin/secretlint" ]] || (cd "$here" && npm install --no-audit --no-fund --no-package-lock >/dev/null)
# `strongroom scan` is the native scanner that ./strongroom builds (.build/scan/strongroom-scan), run
# directly as an installed copy would be (the wrapper's rebuild check adds ~15-40 ms); the managed
# CLI (ReadyToRun, .build/cli) runs the same scan code under the .NET runtime, for comparison.
STRONGROOM_SCAN=native "$root/strongroom" scan --list-rules >/dev/null   # builds the native scanner when needed
STRONGROOM_SCAN=managed "$root/strongroom" version >/dev/null             # builds the CLI when needed
strongroom=("$root/.build/scan/strongroom-scan")
managed=(dotnet "$root/.build/cli/strongroom.dll" scan)

# --- corpus and history repository
"$here/build-corpus.sh"
if [[ ! -f "$history/.complete" ]]; then
  rm -rf "$history" && git init -q --bare "$history"
  python3 "$here/make_history.py" "$corpus" | git -C "$history" fast-import --quiet
  git -C "$history" repack -a -d -q
  touch "$history/.complete"
fi
"${strongroom[@]}" --list-rules | awk -F'\t' '$3 == "on" { for (i = 4; i <= NF; i++) print $i }' | sort -u > "$results/keywords.txt"
bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
files=$(find "$corpus" -type f | wc -l)
history_bytes=$(git -C "$history" rev-list --all --objects | cut -d' ' -f1 \
  | git -C "$history" cat-file --batch-check='%(objecttype) %(objectsize)' | awk '$1 == "blob" { s += $2 } END { print s }')
find "$corpus" -type f -print0 | xargs -0 cat > /dev/null   # warm the page cache for everyone

best() { # runs command N times, prints the best wall time in seconds
  local n="$1"; shift
  local best=""
  for ((i = 0; i < n; i++)); do
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true   # scanners exit 1 when they find something
    end=$(date +%s.%N)
    best=$(awk -v a="$best" -v s="$start" -v e="$end" 'BEGIN { t = e - s; if (a == "" || t < a) print t; else print a }')
  done
  echo "$best"
}

t_strongroom=$(best "$runs" "${strongroom[@]}" "$corpus" --no-progress -j "$jobs")
t_managed=$(best "$runs" "${managed[@]}" "$corpus" --no-progress -j "$jobs")
t_rg=$(best "$runs" rg -uu -F -f "$results/keywords.txt" -c -j "$jobs" "$corpus")
t_secretlint=$(best 2 sh -c "cd '$corpus' && '$here/node_modules/.bin/secretlint' --secretlintrc '$here/.secretlintrc.json' '**/*'")
t_gitlog=$(best "$runs" sh -c "git -C '$history' log -p --all > /dev/null")
t_history=$(best "$runs" "${strongroom[@]}" --git "$history" --no-progress -j "$jobs")

{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); jobs=$jobs; best of $runs"
  echo "Corpus: $files files, $((bytes / 1000000)) MB; $(wc -l < "$results/keywords.txt") keywords"
  echo
  echo "| tool | seconds | MB/s | strongroom is |"
  echo "|---|---:|---:|---:|"
  awk -v b="$bytes" -v s="$t_strongroom" -v m="$t_managed" -v r="$t_rg" -v l="$t_secretlint" 'BEGIN {
    printf "| strongroom scan (native) | %.2f | %.0f | - |\n", s, b / 1e6 / s
    printf "| strongroom scan (managed CLI, ReadyToRun) | %.2f | %.0f | %.2fx its speed |\n", m, b / 1e6 / m, m / s
    printf "| rg -F (rule keywords only) | %.2f | %.0f | %.2fx its speed |\n", r, b / 1e6 / r, r / s
    printf "| secretlint (preset-recommend) | %.2f | %.1f | %.1fx faster |\n", l, b / 1e6 / l, l / s
  }'
  echo
  echo "History: $(git -C "$history" rev-list --all --count) commits, $((history_bytes / 1000000)) MB of blobs"
  echo
  echo "| command | seconds |"
  echo "|---|---:|"
  awk -v g="$t_gitlog" -v h="$t_history" 'BEGIN {
    printf "| git log -p --all > /dev/null | %.2f |\n", g
    printf "| strongroom scan --git | %.2f (%.2fx the time of git log -p) |\n", h, h / g
  }'
} | tee "$results/latest.md"
