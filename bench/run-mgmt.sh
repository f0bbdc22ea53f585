#!/usr/bin/env bash
# Management QUERY latency with many open connections: starts skrouterd (Release), then bench/MgmtQuery measures
# QUERY of `connection` (all attributes) and of `router` with only its own connection, then with N idle AMQP
# connections held open (reference and loaded figures come from the same run).
# Usage: bench/run-mgmt.sh [connections=1000] [queries=50]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
Q=${2:-50}
PORT=28700
OUT=$(mktemp -d)
trap 'kill $RPID 2>/dev/null || true; rm -rf "$OUT"' EXIT
dotnet build src/Router.Daemon -c Release -nologo -v q >/dev/null
dotnet build bench/MgmtQuery -c Release -nologo -v q >/dev/null
cat > "$OUT/r.json" <<JSON
[
  ["router", {"mode": "standalone", "id": "bench"}],
  ["listener", {"host": "127.0.0.1", "port": "$PORT", "idleTimeoutSeconds": 60}],
  ["log", {"module": "DEFAULT", "enable": "warning+"}]
]
JSON
dotnet src/Router.Daemon/bin/Release/net10.0/skrouterd.dll -c "$OUT/r.json" 2>"$OUT/router.log" & RPID=$!
for _ in $(seq 1 200); do ss -ltn "sport = :$PORT" | grep -q LISTEN && break; sleep 0.05; done
timeout 300 dotnet bench/MgmtQuery/bin/Release/net10.0/MgmtQuery.dll $PORT "$N" "$Q"
