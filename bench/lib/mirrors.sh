# Sourced by the benchmarks on real repositories: mirror_of OWNER/NAME prints a bare repository holding it,
# the local mirror $MIRRORS/<owner>+<name>/repo when MIRRORS names a folder of them, else a clone from
# GitHub made once into bench/corpus/mirrors. Needs $here (the repository root).
mirror_of() {
  local local_mirror="${MIRRORS:+$MIRRORS/${1/\//+}/repo}" cached="$here/bench/corpus/mirrors/${1/\//+}.git"
  if [[ -n "$local_mirror" && -d "$local_mirror" ]]; then echo "$local_mirror"; return; fi
  [[ -d "$cached" ]] || { mkdir -p "$(dirname "$cached")" && git clone -q --bare "https://github.com/$1" "$cached"; }
  echo "$cached"
}
