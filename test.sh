#!/usr/bin/env bash
# Runs every test. Installs and starts what the tests need (PostgreSQL, SoftHSM2, the Hugging Face
# JS client), each on loopback or in a temp dir, and stops them afterwards.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

source scripts/test-services.sh
trap stop_services EXIT
start_services

dotnet build Strongroom.slnx -c Release -nologo -v quiet
status=0
dotnet test Strongroom.slnx -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" || status=$?
exit $status
