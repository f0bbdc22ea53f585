#!/usr/bin/env bash
# Whole-process TCP adaptor benchmarks, each compared with references measured in the same run:
#   1. iperf3 throughput (1 and 4 streams): direct, through skrouterd (tcpListener -> tcpConnector), through
#      haproxy (tcp mode); Gbit/s and the forwarding process's CPU seconds per GB.
#   2. connection rate: short flows (connect, 64-byte echo, close) per second at concurrency 20.
#   3. memory: RSS growth of skrouterd per idle flow held open (9,000 by default: a flow through one router
#      holds two sockets there, and this machine allows 20,000 descriptors per process).
# Needs iperf3 and haproxy (Debian packages). Usage: bench/tcp/run-tcp.sh [seconds-per-run] [idle-flows]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS=${1:-8}
IDLE=${2:-9000}
OUT=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$OUT"; }
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

for tool in iperf3 haproxy; do
    command -v $tool >/dev/null || { echo "needs $tool (apt-get install -y iperf3 haproxy)"; exit 1; }
done

dotnet build src/Router.Daemon -c Release -nologo -v q >/dev/null
dotnet build bench/TcpLoad -c Release -nologo -v q >/dev/null
ROUTER="dotnet src/Router.Daemon/bin/Release/net10.0/skrouterd.dll"
LOAD="dotnet bench/TcpLoad/bin/Release/net10.0/TcpLoad.dll"

P_IPERF=27001 P_ECHO=27002 P_R_IPERF=27100 P_R_ECHO=27101 P_H_IPERF=27200 P_H_ECHO=27201 P_AMQP=27300
CLK=$(getconf CLK_TCK)
cpu() { awk -v clk="$CLK" '{ printf "%.3f", ($14 + $15) / clk }' /proc/$1/stat; }
rss_kb() { awk '/VmRSS/ { print $2 }' /proc/$1/status; }
wait_port() { for _ in $(seq 1 200); do ss -ltn "sport = :$1" | grep -q LISTEN && return 0; sleep 0.05; done; echo "port $1 not listening"; exit 1; }

iperf3 -s -p $P_IPERF >/dev/null 2>&1 & PIDS+=($!)
$LOAD echo-server $P_ECHO >/dev/null & PIDS+=($!)

cat > "$OUT/router.json" <<JSON
[
  ["router", {"mode": "standalone", "id": "bench"}],
  ["listener", {"host": "127.0.0.1", "port": "$P_AMQP"}],
  ["tcpConnector", {"name": "iperf-c", "host": "127.0.0.1", "port": "$P_IPERF", "address": "iperf"}],
  ["tcpListener", {"name": "iperf-l", "host": "127.0.0.1", "port": "$P_R_IPERF", "address": "iperf"}],
  ["tcpConnector", {"name": "echo-c", "host": "127.0.0.1", "port": "$P_ECHO", "address": "echo"}],
  ["tcpListener", {"name": "echo-l", "host": "127.0.0.1", "port": "$P_R_ECHO", "address": "echo"}],
  ["log", {"module": "DEFAULT", "enable": "warning+"}]
]
JSON
$ROUTER -c "$OUT/router.json" 2>"$OUT/router.log" & ROUTER_PID=$!; PIDS+=($ROUTER_PID)

cat > "$OUT/haproxy.cfg" <<CFG
global
    maxconn 9000
    nbthread 2
defaults
    mode tcp
    timeout connect 5s
    timeout client 120s
    timeout server 120s
frontend fe_iperf
    bind 127.0.0.1:$P_H_IPERF
    default_backend be_iperf
backend be_iperf
    server s1 127.0.0.1:$P_IPERF
frontend fe_echo
    bind 127.0.0.1:$P_H_ECHO
    default_backend be_echo
backend be_echo
    server s1 127.0.0.1:$P_ECHO
CFG
haproxy -f "$OUT/haproxy.cfg" -db >/dev/null 2>&1 & HAPROXY_PID=$!; PIDS+=($HAPROXY_PID)
for p in $P_IPERF $P_ECHO $P_R_IPERF $P_R_ECHO $P_H_IPERF $P_H_ECHO; do wait_port $p; done

printf '\n== iperf3 (%ss per run)\n' "$SECS"
printf '%-10s %-8s %10s %14s\n' "path" "streams" "Gbit/s" "CPU s/GB"
declare -A GBPS CPUGB
for streams in 1 4; do
    for path in direct router haproxy; do
        case $path in
            direct) port=$P_IPERF; pid="";;
            router) port=$P_R_IPERF; pid=$ROUTER_PID;;
            haproxy) port=$P_H_IPERF; pid=$HAPROXY_PID;;
        esac
        before=0; [ -n "$pid" ] && before=$(cpu $pid)
        timeout $((SECS + 30)) iperf3 -c 127.0.0.1 -p $port -t "$SECS" -P $streams -J > "$OUT/iperf.json"
        after=0; [ -n "$pid" ] && after=$(cpu $pid)
        read -r bps bytes < <(python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["end"]["sum_received"]; print(e["bits_per_second"], e["bytes"])' "$OUT/iperf.json")
        gbps=$(python3 -c "print(f'{$bps/1e9:.2f}')")
        cpugb=$( [ -n "$pid" ] && python3 -c "print(f'{($after-$before)/($bytes/1e9):.3f}')" || echo "-")
        GBPS[$path$streams]=$gbps; CPUGB[$path$streams]=$cpugb
        printf '%-10s %-8s %10s %14s\n' "$path" "$streams" "$gbps" "$cpugb"
    done
    python3 -c "print(f'  router / haproxy throughput: {${GBPS[router$streams]}/${GBPS[haproxy$streams]}:.2f}   router / direct: {${GBPS[router$streams]}/${GBPS[direct$streams]}:.2f}')"
done

printf '\n== connection rate (64-byte echo, concurrency 20, %ss per run; router and haproxy alternate, 3 rounds)\n' "$SECS"
# Warm-up: the router's connection set-up code reaches its optimised (tiered JIT) form; haproxy gets the same run.
timeout 30 $LOAD connrate $P_R_ECHO 20 3 >/dev/null
timeout 30 $LOAD connrate $P_H_ECHO 20 1 >/dev/null
connrate() { # port -> flows per second
    timeout $((SECS + 30)) $LOAD connrate "$1" 20 "$SECS" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["perSecond"]))'
}
DIRECT_RATE=$(connrate $P_ECHO)
printf '%-10s %10s flows/s\n' "direct" "$DIRECT_RATE"
RATIOS=()
for round in 1 2 3; do
    r=$(connrate $P_R_ECHO); h=$(connrate $P_H_ECHO)
    ratio=$(python3 -c "print(f'{$r/$h:.2f}')")
    RATIOS+=("$ratio")
    printf 'round %s    router %6s flows/s   haproxy %6s flows/s   router / haproxy %s\n' "$round" "$r" "$h" "$ratio"
done
python3 -c "import statistics; print(f'  router / haproxy, median of the rounds: {statistics.median([${RATIOS[0]},${RATIOS[1]},${RATIOS[2]}]):.2f}')"

printf '\n== memory: %s idle flows (a fresh skrouterd, then haproxy)\n' "$IDLE"
# The router is restarted so the figure is that of a process that has only ever held these flows.
kill $ROUTER_PID; wait $ROUTER_PID 2>/dev/null || true
$ROUTER -c "$OUT/router.json" 2>>"$OUT/router.log" & ROUTER_PID=$!; PIDS+=($ROUTER_PID)
wait_port $P_R_ECHO
idle_kib() { # pid port -> KiB of RSS growth per idle flow
    local pid=$1 port=$2 rss0 rss1
    # Warm-up: 200 flows opened and closed first, so code paged in and compiled on the first flows is not counted
    # as per-flow memory (the same for both processes).
    rm -f "$OUT/hold0" "$OUT/idle0.out"
    $LOAD idle "$port" 200 "$OUT/hold0" > "$OUT/idle0.out" & IDLE_PID=$!; PIDS+=($IDLE_PID)
    for _ in $(seq 1 300); do grep -q ready "$OUT/idle0.out" 2>/dev/null && break; sleep 0.1; done
    touch "$OUT/hold0"; wait $IDLE_PID || true
    sleep 1
    rss0=$(rss_kb "$pid")
    rm -f "$OUT/hold" "$OUT/idle.out"
    $LOAD idle "$port" "$IDLE" "$OUT/hold" > "$OUT/idle.out" & IDLE_PID=$!; PIDS+=($IDLE_PID)
    for _ in $(seq 1 1200); do grep -q ready "$OUT/idle.out" 2>/dev/null && break; sleep 0.1; done
    grep -q ready "$OUT/idle.out" || { echo "idle flows did not open" >&2; exit 1; }
    sleep 2
    rss1=$(rss_kb "$pid")
    touch "$OUT/hold"; wait $IDLE_PID || true
    echo "$rss0 $rss1" | python3 -c "import sys; a,b=map(int,sys.stdin.read().split()); print(f'{(b-a)/$IDLE:.2f} {a} {b}')"
}
read -r R_KIB R0 R1 < <(idle_kib $ROUTER_PID $P_R_ECHO)
printf 'skrouterd  RSS %s -> %s KiB: %s KiB per flow\n' "$R0" "$R1" "$R_KIB"
read -r H_KIB H0 H1 < <(idle_kib $HAPROXY_PID $P_H_ECHO)
printf 'haproxy    RSS %s -> %s KiB: %s KiB per flow\n' "$H0" "$H1" "$H_KIB"
python3 -c "print(f'  router / haproxy memory per flow: {$R_KIB/max($H_KIB,0.01):.2f}')"
