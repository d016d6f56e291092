#!/usr/bin/env bash
# strongroom-scan against ripgrep on real public repositories WITH their ignore files, in one
# hyperfine run (issue 14):
#   1. bench/corpus/repos: the repositories below at pinned commits, checked out as plain trees (no
#      .git: the ignore files decide, for both tools), root and nested .gitignore files included;
#      `strongroom-scan` against `rg -F -f <rule keywords> --hidden --no-require-git` (ripgrep then
#      honours the same .gitignore files and searches dotfiles, as the scanner does);
#      and once without base64 decoding (--max-decode-depth 0), to show what decoding costs;
#   2. the cost of a long .gitignore: one tree (bench/corpus/flat, the corpus without its ignore
#      files) scanned under a 400-line root .gitignore (real lines from the repositories' ignore files;
#      the files it would exclude are removed first) and under an empty one, swapped in before each
#      run (hyperfine --prepare): the same files and the same directories, only the patterns differ.
#      (Two hard-linked copies of the tree differed by more than the patterns did: 10-30%.)
# The repositories come from local bare mirrors when MIRRORS names a folder of them
# ($MIRRORS/<owner>+<name>/repo), or are cloned from GitHub into bench/corpus/mirrors on first use.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus_root="$root/bench/corpus"
corpus="$corpus_root/repos"
mirrors="${MIRRORS:-}"
results="$here/results"
jobs="${JOBS:-2}"
runs="${RUNS:-5}"
mkdir -p "$results"

# owner/name and commit: anyone can rebuild the same corpus.
repositories=(
  "bitwarden/server ac309aa19ed351406a56032d5f26a7a9a99f4abd"
  "dotnet/eShop 5624ad564d1602a927879df32a79b94522eb6101"
  "openiddict/openiddict-core 319511fa6dacaa9fa3793405fda102bebcba0079"
  "huggingface/huggingface_hub ee0a4510f4bc15e26cb722be2efc2bdb01383ca0"
  "huggingface/huggingface.js fe42e68017ffc76d09922ea8f9b38a6964345710"
  "trufflesecurity/trufflehog 3ab759fef4bb5935d4fe9ac68b503d05346b8364"
  "gitleaks/gitleaks b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b"
)

command -v rg >/dev/null || { apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; }
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
STRONGROOM_SCAN=native "$root/strongroom" scan --list-rules >/dev/null   # builds the native scanner when needed
scan="$root/.build/scan/strongroom-scan"

mirror_of() { # owner/name -> a bare repository holding it
  local local_mirror="$mirrors/${1/\//+}/repo" cached="$corpus_root/mirrors/${1/\//+}.git"
  if [[ -n "$mirrors" && -d "$local_mirror" ]]; then echo "$local_mirror"; return; fi
  [[ -d "$cached" ]] || git clone -q --bare "https://github.com/$1" "$cached"
  echo "$cached"
}

if [[ ! -f "$corpus/.complete" ]]; then
  rm -rf "$corpus" && mkdir -p "$corpus"
  index="$(mktemp)"
  for entry in "${repositories[@]}"; do
    read -r name commit <<< "$entry"
    mirror="$(mirror_of "$name")"
    # A private index, so the mirror itself is only read.
    GIT_INDEX_FILE="$index" git --git-dir="$mirror" read-tree "$commit"
    GIT_INDEX_FILE="$index" git --git-dir="$mirror" checkout-index -a -f --prefix="$corpus/${name/\//+}/"
  done
  rm -f "$index"
  touch "$corpus/.complete"
fi

# The 400-line .gitignore: distinct pattern lines of the corpus's ignore files (but the catch-alls
# "*" and "/*" of whitelist-style files, which would exclude the whole tree), padded with
# generated ones of the common shapes if there are too few.
flat="$corpus_root/flat"
if [[ ! -f "$flat/.complete" ]]; then
  rm -rf "$flat"
  cp -al "$corpus" "$flat"
  rm -f "$flat/.complete"
  set +o pipefail   # head closes the pipe early
  { find "$corpus" -name .gitignore -exec awk 1 {} + | sed 's/\r$//' | grep -v '^\s*#' | grep -v '^\s*$' | grep -vE '^/?\*+/?$' | awk '!seen[$0]++' | head -400
    for i in $(seq 1 400); do printf '*.gen%d\nbuild-%d/\n/out-%d\n' "$i" "$i" "$i"; done; } | head -400 > "$results/gitignore-400.txt"
  set -o pipefail
  : > "$results/gitignore-empty.txt"
  find "$flat" \( -name .gitignore -o -name .ignore -o -name .rgignore \) -delete
  cp "$results/gitignore-400.txt" "$flat/.gitignore"
  # Remove what the 400 lines exclude, so that both variants hold the same files.
  (cd "$flat" && rg --files --hidden --no-require-git . | sed 's|^\./||' | sort > "$results/.kept")
  (cd "$flat" && find . -type f | sed 's|^\./||' | sort > "$results/.all")
  comm -23 "$results/.all" "$results/.kept" | (cd "$flat" && tr '\n' '\0' | xargs -0 -r rm -f)
  rm -f "$results/.kept" "$results/.all"
  touch "$flat/.complete"
fi

"$scan" --list-rules | awk -F'\t' '$3 == "on" { for (i = 4; i <= NF; i++) print $i }' | sort -u > "$results/keywords.txt"
kw="$results/keywords.txt"
size() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d files, %d MB", NR, s / 1e6 }'; }
find "$corpus" "$flat" -type f -print0 | xargs -0 cat > /dev/null   # warm the page cache

{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); jobs=$jobs; $runs runs each"
  echo "Corpus: $(size "$corpus"), $(find "$corpus" -name .gitignore | wc -l) .gitignore files; $(wc -l < "$kw") keywords"
  echo "Scanned by strongroom-scan: $("$scan" "$corpus" --no-progress -j "$jobs" --format json | python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print(s["files"], "files,", s["bytes"] // 1000000, "MB")')"
  echo "Flat tree (400-line / empty root .gitignore swapped in): $(size "$flat")"
  echo
} | tee "$results/real-repos.md"

with400=(--prepare "cp $results/gitignore-400.txt $flat/.gitignore")
empty=(--prepare "cp $results/gitignore-empty.txt $flat/.gitignore")
hyperfine -N -i --warmup 1 -r "$runs" --export-json "$results/.hyperfine.json" \
  --prepare "true" -n "strongroom-scan repos" "$scan $corpus --no-progress -j $jobs" \
  --prepare "true" -n "strongroom-scan repos, no base64 decoding" "$scan $corpus --no-progress -j $jobs --max-decode-depth 0" \
  --prepare "true" -n "rg -F repos" "rg --hidden --no-require-git -F -f $kw -c -j $jobs $corpus" \
  "${with400[@]}" -n "strongroom-scan flat, 400-line .gitignore" "$scan $flat --no-progress -j $jobs" \
  "${empty[@]}" -n "strongroom-scan flat, empty .gitignore" "$scan $flat --no-progress -j $jobs" \
  "${with400[@]}" -n "rg -F flat, 400-line .gitignore" "rg --hidden --no-require-git -F -f $kw -c -j $jobs $flat" \
  "${empty[@]}" -n "rg -F flat, empty .gitignore" "rg --hidden --no-require-git -F -f $kw -c -j $jobs $flat"
# hyperfine runs each command's runs in a block, so load that drifts during the run (a shared
# machine) lands on one variant more than the other: the two .gitignore variants again, alternated
# run by run, PAIRS times each, with the mean wall and CPU time of each.
: > "$results/.alternating"
for ((i = 0; i < ${PAIRS:-12}; i++)); do
  for variant in 400 empty; do
    cp "$results/gitignore-$variant.txt" "$flat/.gitignore"
    /usr/bin/time -f "$variant %e %U %S" "$scan" "$flat" --no-progress -j "$jobs" > /dev/null 2>> "$results/.alternating" || true
  done
done
awk '$1 == "400" || $1 == "empty" { w[$1] += $2; c[$1] += $3 + $4; n[$1]++ }
  END { for (k in w) printf "| strongroom-scan flat, %s .gitignore, alternated | %.3f | - | %.3f |\n", k, w[k] / n[k], c[k] / n[k] }' \
  "$results/.alternating" | sort > "$results/.alternating.rows"

# secretlint (recommended preset, single-threaded, its own .secretlintignore rather than .gitignore):
# two runs, timed apart, as it takes 30x as long.
[[ -x "$here/node_modules/.bin/secretlint" ]] || (cd "$here" && npm install --no-audit --no-fund --no-package-lock >/dev/null)
(cd "$corpus" && hyperfine -N -i -r 2 --export-json "$results/.secretlint.json" \
  -n "secretlint repos" "$here/node_modules/.bin/secretlint --secretlintrc $here/.secretlintrc.json **/*" >/dev/null)
python3 - "$results/.secretlint.json" > "$results/.secretlint.row" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("| secretlint repos | %.3f | %.3f | %.3f |" % (r["mean"], r["min"], r["user"] + r["system"]))
PY

# Wall time moves with the other work on a shared machine; CPU time (user + system) much less.
python3 - "$results/.hyperfine.json" "$results/.alternating.rows" "$results/.secretlint.row" <<'PY' | tee -a "$results/real-repos.md"
import json, sys
rows = json.load(open(sys.argv[1]))["results"]
print("| command | mean s | min s | user+sys s |")
print("|---|---:|---:|---:|")
for r in rows:
    print(f"| {r['command']} | {r['mean']:.3f} | {r['min']:.3f} | {r['user'] + r['system']:.3f} |")
print(open(sys.argv[2]).read().rstrip())
print(open(sys.argv[3]).read().rstrip())
PY
