#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian 12 machine with the .NET 10 SDK:
# installs what the tests need, builds, checks formatting, runs all test projects,
# and ends with one line of totals: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in python3-qpid-proton openssl curl; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== restore and build"
dotnet build Router.sln -c Release -nologo -v q >"$log" 2>&1
if [ $? -ne 0 ]; then
    grep -E "error|Error" "$log" | head -40
    echo "0 passed, 1 failed"
    exit 1
fi
tail -3 "$log"

echo "== formatting"
if dotnet format Router.sln --verify-no-changes --no-restore >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "formatting: ok"
else
    failed=$((failed + 1))
    head -40 "$log"
    echo "formatting: dotnet format --verify-no-changes reported changes"
fi

for project in tests/*/*.csproj; do
    echo "== $project"
    # Every test has a time limit: network tests carry their own (Fact(Timeout = ...)); the runner's hang timeout
    # stops any single test, synchronous ones included, that runs longer than 5 minutes.
    timeout 1500 dotnet test "$project" -c Release --no-build -nologo --blame-hang-timeout 5min --blame-hang-dump-type none 2>&1 | tee "$log" | grep -E "^\s*(Failed|Passed|Skipped) |error|Total tests|Passed!|Failed!|Aborted" | head -60
    # The reason for each failure (the summary above names the tests only).
    grep -E -A 12 "^\s*Failed [A-Za-z]" "$log" | grep -E -A 10 "Error Message" | head -80
    line=$(grep -E "(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+" "$log" | tail -1)
    if [ -n "$line" ]; then
        f=$(echo "$line" | sed -E 's/.*Failed: +([0-9]+).*/\1/')
        p=$(echo "$line" | sed -E 's/.*Passed: +([0-9]+).*/\1/')
        passed=$((passed + p))
        failed=$((failed + f))
    else
        echo "no test summary for $project (crash or timeout)"
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
