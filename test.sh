#!/usr/bin/env bash
# Runs every test. Installs and starts what the tests need (PostgreSQL, SoftHSM2, the Hugging Face
# JS client), each on loopback or in a temp dir, and stops them afterwards.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Tokens").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

source scripts/test-services.sh
trap stop_services EXIT
start_services

dotnet build Strongroom.slnx -c Release -nologo -v quiet

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
dotnet test Strongroom.slnx -c Release --no-build -nologo --logger "trx;LogFilePrefix=tests" --results-directory "$results" "$@" 2>&1 | tee "$log" || status=$?
[[ ${PIPESTATUS[0]} -ne 0 ]] && status=1

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
