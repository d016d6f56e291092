#!/usr/bin/env bash
# Runs every test. Installs and starts what the tests need (PostgreSQL, SoftHSM2, the Hugging Face
# JS client), each on loopback or in a temp dir, and stops them afterwards.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Tokens").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Said before anything happens: what this may install, and that it needs root for it.
missing=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v softhsm2-util >/dev/null || missing+=(softhsm2)
command -v node >/dev/null || missing+=(nodejs npm)
command -v git >/dev/null || missing+=(git)
compgen -c | grep -E '^(clang(-[0-9]+)?|gcc)$' >/dev/null || missing+=(clang)
echo "test.sh: needs PostgreSQL, SoftHSM2, Node.js with npm (for the Hugging Face JS client in tests/hfjs), git (repositories are git repositories) and a C compiler (to link the native scanner)." >&2
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "test.sh: will install with apt-get, as root: ${missing[*]}" >&2
else
  echo "test.sh: all installed; nothing to apt-get." >&2
fi
echo "test.sh: PostgreSQL and SoftHSM2 run from a temp dir on loopback and are stopped at the end." >&2

source scripts/test-services.sh
trap stop_services EXIT
start_services

echo "test.sh: building the solution (Release; several minutes the first time, one line per project)..." >&2
started=$SECONDS
dotnet build Strongroom.slnx -c Release -nologo -v minimal -clp:NoSummary
echo "test.sh: built in $((SECONDS - started)) s" >&2

# `./strongroom scan` runs the natively compiled scanner, and NativeScannerTests run it: build it now
# (Native AOT links with clang or gcc) so that no test waits for it.
if ! compgen -c | grep -qE '^(clang(-[0-9]+)?|gcc)$'; then
  echo "test.sh: installing clang (to link the native scanner)" >&2
  apt_install clang
fi
STRONGROOM_SCAN=native ./strongroom scan --list-rules > /dev/null \
  || echo "test.sh: the native scanner did not build; NativeScannerTests will say why" >&2
log="$(mktemp)"
results="$(mktemp -d)"
status=0
# One test assembly at a time, each announced, so a long run shows where it is.
projects=(tests/*/*.Tests.csproj)
for i in "${!projects[@]}"; do
  name="$(basename "${projects[$i]}" .csproj)"
  echo "test.sh: [$((i + 1))/${#projects[@]}] $name..." >&2
  started=$SECONDS
  dotnet test "${projects[$i]}" -c Release --no-build -nologo --logger "trx;LogFilePrefix=$name" --results-directory "$results" "$@" 2>&1 \
    | tee -a "$log" || status=1
  echo "test.sh: $name took $((SECONDS - started)) s" >&2
done

# Per test class, what ran: the class names say which database and KMS provider each suite ran on
# (e.g. RuntimePostgresPkcs11Tests), so this shows every storage and API suite ran on both databases.
echo "Tests by class:"
cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*>' \
  | sed -E 's/.*testName="([^"(]*)[^"]*".*outcome="([^"]*)".*/\2\t\1/' \
  | awk -F'\t' '{ name = $2; sub(/\.[^.]*$/, "", name); count[name " " $1]++ }
      END { for (k in count) { split(k, p, " "); printf "  %-80s %5d %s\n", p[1], count[k], tolower(p[2]) } }' | sort

# One closing line for the whole run, summed over the test assemblies.
awk '/(Passed|Failed)! +- Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -rf "$log" "$results"
exit $status
