#!/usr/bin/env bash
# Builds (or reuses) bench/corpus/files: at least 100 MB of real source trees found on the machine,
# text files only (by extension, then NUL-free), so every tool reads the same bytes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
corpus="$here/../corpus/files"
if [[ -f "$corpus/.complete" ]]; then
  exit 0
fi
command -v cpio >/dev/null || { apt-get update -qq && apt-get install -y -qq cpio >/dev/null; }
rm -rf "$corpus"
mkdir -p "$corpus"
copy_tree() { # source, name
  local source="$1" name="$2"
  [[ -d "$source" ]] || return 0
  (cd "$source" && find . -type f -size -4M \( -name '*.h' -o -name '*.hpp' -o -name '*.c' -o -name '*.cc' -o -name '*.py' \
      -o -name '*.js' -o -name '*.mjs' -o -name '*.ts' -o -name '*.json' -o -name '*.md' -o -name '*.txt' -o -name '*.xml' \
      -o -name '*.yml' -o -name '*.yaml' -o -name '*.toml' -o -name '*.cfg' -o -name '*.ini' -o -name '*.sh' -o -name '*.pl' \
      -o -name '*.pm' -o -name '*.rst' -o -name '*.html' -o -name '*.css' -o -name '*.cs' -o -name '*.go' -o -name '*.rs' \) \
      -print0 | cpio -0 -pdm --quiet "$corpus/$name" 2>/dev/null) || true
}
copy_tree /usr/include include
for python in /usr/lib/python3.*; do copy_tree "$python" "lib-$(basename "$python")"; done
copy_tree /usr/share/perl perl
copy_tree /usr/share/perl5 perl5
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
for pack in "$dotnet_root"/packs/*/*/ref; do
  name="${pack#"$dotnet_root"/packs/}"
  copy_tree "$pack" "dotnet-$(echo "${name%/ref}" | tr / -)"
done
# Not named node_modules: secretlint skips that name by default, and every tool must read the same files.
copy_tree "$here/node_modules" npm-packages
# Drop anything that is not text after all (a NUL byte in its first 8000 bytes), as every scanner would.
find "$corpus" -type f -print0 | xargs -0 -n 200 -P 2 sh -c 'for f; do head -c 8000 "$f" | tr -d -c "\000" | grep -q . 2>/dev/null && rm -f "$f"; done; true' sh
# No ignore files: every tool must read the same files.
find "$corpus" -name .gitignore -delete -o -name .ignore -delete -o -name .rgignore -delete
bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "corpus: $(find "$corpus" -type f | wc -l) files, $((bytes / 1000000)) MB" >&2
if (( bytes < 100000000 )); then
  echo "corpus too small (< 100 MB)" >&2
  exit 1
fi
touch "$corpus/.complete"
