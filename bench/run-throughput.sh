#!/usr/bin/env bash
# Whole-process throughput of skrouterd: builds Release, starts the daemon on a loopback port with a generated
# config, drives it with the load client (unsettled, then pre-settled), samples the router's CPU time
# (utime+stime, /proc/<pid>/stat) and peak RSS (VmHWM, /proc/<pid>/status), then runs the same load client
# client-to-client without a router (the reference) and prints the router's figures beside it and as ratios.
#
# Environment: MESSAGES (200000) WARMUP (20000) CREDIT (250) WINDOW (1000) BODY (1024) REPEAT (3 runs, median shown)
#              BUILD_TIMEOUT (600 s) RUN_TIMEOUT (180 s) KEEP=1 keeps the work directory (configs, logs, JSON).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MESSAGES=${MESSAGES:-200000}
WARMUP=${WARMUP:-20000}
CREDIT=${CREDIT:-250}
WINDOW=${WINDOW:-1000}
BODY=${BODY:-1024}
REPEAT=${REPEAT:-3}
BUILD_TIMEOUT=${BUILD_TIMEOUT:-600}
RUN_TIMEOUT=${RUN_TIMEOUT:-180}
CLK_TCK=$(getconf CLK_TCK)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/skrouterd-throughput.XXXXXX")
ROUTER_PID=""

log() { echo "== $*" >&2; }

for tool in dotnet jq bc timeout; do
    command -v "$tool" > /dev/null || { echo "run-throughput.sh needs $tool" >&2; exit 1; }
done

stop_router() {
    if [[ -n "$ROUTER_PID" ]] && kill -0 "$ROUTER_PID" 2>/dev/null; then
        kill -TERM "$ROUTER_PID" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 "$ROUTER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$ROUTER_PID" 2>/dev/null || true
        wait "$ROUTER_PID" 2>/dev/null || true
    fi
    ROUTER_PID=""
}

cleanup() {
    stop_router
    if [[ "${KEEP:-0}" == 1 ]]; then
        log "work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A loopback port nothing listens on.
free_port() {
    local port
    for port in $(seq 25672 25772); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "no free port in 25672-25772" >&2
    return 1
}

# utime + stime of a process, in clock ticks (fields 14 and 15, counted after the ')' closing the command name).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

peak_rss_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

start_router() {
    local port=$1 name=$2
    cat > "$WORK/$name.json" <<JSON
[
    ["router", {"id": "bench-router", "mode": "standalone"}],
    ["listener", {"name": "amqp", "host": "127.0.0.1", "port": "$port", "role": "normal", "authenticatePeer": false, "saslMechanisms": "ANONYMOUS"}],
    ["log", {"module": "DEFAULT", "enable": "warning+"}]
]
JSON
    "$ROUTER" -c "$WORK/$name.json" > "$WORK/$name.log" 2>&1 &
    ROUTER_PID=$!
    for _ in $(seq 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return
        fi
        kill -0 "$ROUTER_PID" 2>/dev/null || { cat "$WORK/$name.log" >&2; echo "skrouterd exited" >&2; return 1; }
        sleep 0.1
    done
    echo "skrouterd did not listen on $port within 10 s" >&2
    return 1
}

client() {
    timeout --kill-after=5 "$RUN_TIMEOUT" "${CLIENT[@]}" --messages "$MESSAGES" --warmup "$WARMUP" --credit "$CREDIT" \
        --window "$WINDOW" --body-size "$BODY" --timeout 60 "$@"
}

log "building Release (skrouterd, loadclient)"
timeout "$BUILD_TIMEOUT" dotnet build "$ROOT/src/Router.Daemon/Router.Daemon.csproj" -c Release -nologo -v quiet > "$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; exit 1; }
timeout "$BUILD_TIMEOUT" dotnet build "$ROOT/bench/LoadClient/LoadClient.csproj" -c Release -nologo -v quiet >> "$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; exit 1; }
ROUTER="$ROOT/src/Router.Daemon/bin/Release/net10.0/skrouterd"
CLIENT=(dotnet "$ROOT/bench/LoadClient/bin/Release/net10.0/loadclient.dll")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# One run of the load client: against a fresh skrouterd ("router") or client to client ("direct").
# Writes its JSON (with the router's measured-window CPU and peak RSS for "router") to $WORK/$1-$2-$3.json.
run_once() {
    local run=$1 settlement=$2 i=$3 out="$WORK/$1-$2-$3.json" flag=()
    [[ $settlement == presettled ]] && flag=(--settled)
    if [[ $run == router ]]; then
        local port before after
        port=$(free_port)
        start_router "$port" "skrouterd-$settlement-$i"
        before=$(cpu_ticks "$ROUTER_PID")
        client --port "$port" --router-pid "$ROUTER_PID" "${flag[@]}" > "$out.tmp" || true
        after=$(cpu_ticks "$ROUTER_PID")
        [[ -s "$out.tmp" ]] || { echo "$run $settlement: the load client printed nothing (see $WORK/skrouterd-$settlement-$i.log)" >&2; exit 1; }
        # Script-side samples: peak RSS, and CPU over the whole client run (handshake and warm-up included).
        jq --argjson rss "$(peak_rss_kib "$ROUTER_PID")" --argjson ticks "$((after - before))" --argjson hz "$CLK_TCK" \
            '.router.peakRssKiB = $rss | .router.wholeRunCpuSeconds = ($ticks / $hz)' "$out.tmp" > "$out"
        stop_router
    else
        client --direct "${flag[@]}" > "$out" || true
        [[ -s "$out" ]] || { echo "$run $settlement: the load client printed nothing" >&2; exit 1; }
    fi
    local err
    err=$(jq -r '.error' "$out" 2>/dev/null || echo "no JSON from the load client")
    [[ $err == null ]] || { echo "$run $settlement: $err" >&2; exit 1; }
}

log "$REPEAT runs of each; the table shows the run with the median messages/s"
for settlement in unsettled presettled; do
    for run in router direct; do
        for i in $(seq "$REPEAT"); do
            log "$run, $settlement, run $i: $WARMUP + $MESSAGES messages"
            run_once "$run" "$settlement" "$i"
        done
        jq -s 'sort_by(.messagesPerSecond) | .[(length / 2 | floor)]' "$WORK/$run-$settlement-"[0-9]*.json > "$WORK/$run-$settlement.json"
        jq -s 'map(.messagesPerSecond)' -c "$WORK/$run-$settlement-"[0-9]*.json > "$WORK/$run-$settlement.rates"
    done
done

f() { jq -r "$2" "$WORK/$1.json"; }
div() { echo "scale=2; $1 / $2" | bc | sed 's/^\./0./'; }
mib() { echo "scale=1; $1 / 1024" | bc | sed 's/^\./0./'; }

echo
echo "$(f router-unsettled .messageBytes)-byte messages (1 KiB body), credit $CREDIT, $WARMUP warm-up + $MESSAGES measured messages per run,"
echo "median of $REPEAT runs by messages/s; $(nproc) cores; load average before: $LOAD_BEFORE"
echo
echo "| settlement | run | messages/s (all runs) | latency p50 / p99 µs | CPU s per 1M msgs | peak RSS MiB |"
echo "|---|---|---:|---:|---:|---:|"
for settlement in unsettled presettled; do
    r=router-$settlement d=direct-$settlement
    echo "| $settlement | skrouterd | $(f "$r" .messagesPerSecond) $(cat "$WORK/$r.rates") | $(f "$r" .latencyUs.p50) / $(f "$r" .latencyUs.p99) | $(f "$r" .router.cpuSecondsPerMillionMessages) (router) | $(mib "$(f "$r" .router.peakRssKiB)") (router) |"
    echo "| $settlement | direct client→client | $(f "$d" .messagesPerSecond) $(cat "$WORK/$d.rates") | $(f "$d" .latencyUs.p50) / $(f "$d" .latencyUs.p99) | $(f "$d" .client.cpuSecondsPerMillionMessages) (client) | $(mib "$(f "$d" .client.peakRssKiB)") (client) |"
    echo "| $settlement | **router / direct** | **$(div "$(f "$r" .messagesPerSecond)" "$(f "$d" .messagesPerSecond)")** | | **$(div "$(f "$r" .router.cpuSecondsPerMillionMessages)" "$(f "$d" .client.cpuSecondsPerMillionMessages)")** | **$(div "$(f "$r" .router.peakRssKiB)" "$(f "$d" .client.peakRssKiB)")** |"
done
echo
echo "load client CPU s per 1M msgs through the router: unsettled $(f router-unsettled .client.cpuSecondsPerMillionMessages), presettled $(f router-presettled .client.cpuSecondsPerMillionMessages)"
