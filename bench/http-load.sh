#!/usr/bin/env bash
# Loopback HTTP load: Reinhardt (bench/Http/Reinhardt.Http.Bench) against the hand-written Minimal API
# (bench/Http/MinimalApi.Http.Bench), both Native AOT (net9.0, linux-x64), run alternately in one script.
# Method: ../shared/BENCHMARKING.md; results: docs/benchmarks.md.
#
#   bench/http-load.sh                  # 4 rounds of 10 s per contender and endpoint (about 6 minutes)
#   ROUNDS=3 DURATION=10 bench/http-load.sh
#   PROFILE=1 bench/http-load.sh        # also Reinhardt with parts of UseReinhardt switched off by configuration
#   PROFILE=1 ROUNDS=3 ENDPOINTS=/plaintext bench/http-load.sh
#
# The server is pinned to core 0 and wrk to core 1. Each run starts a fresh server, warms it up with
# wrk for WARMUP seconds, then measures DURATION seconds: requests/s, p50/p99 latency, and the
# server's CPU time per request from /proc/PID/stat (utime+stime before and after the measured run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${ROUNDS:-4}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
CONNECTIONS="${CONNECTIONS:-64}"
PORT="${PORT:-5080}"
PROFILE="${PROFILE:-0}"
OUT="${OUT:-/tmp/reinhardt-http-load}"
read -ra ENDPOINTS <<<"${ENDPOINTS:-/plaintext /json}"
URL="http://127.0.0.1:$PORT"
TICKS="$(getconf CLK_TCK)"

if ! command -v wrk >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq wrk
fi

mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
: >"$RESULTS"

publish() {
    echo "Publishing $1 (Native AOT, net9.0, linux-x64)..." >&2
    dotnet publish "$ROOT/bench/Http/$1/$1.csproj" -c Release -f net9.0 -r linux-x64 -o "$OUT/$1" -nologo -v quiet \
        -p:TreatWarningsAsErrors=true >"$OUT/publish-$1.log" 2>&1 || { cat "$OUT/publish-$1.log" >&2; exit 1; }
}

publish Reinhardt.Http.Bench
publish MinimalApi.Http.Bench

server_pid=""
stop_server() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
trap stop_server EXIT

SECRET_KEY=$(head -c 48 /dev/urandom | base64 -w0)

start_server() { # app [extra arguments]
    local app="$1"
    shift
    # Reinhardt needs a secret key outside Development (sessions, signing); the Minimal API ignores it
    taskset -c 0 "$OUT/$app/$app" --urls "$URL" --SecretKey="$SECRET_KEY" "$@" >"$OUT/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 2000); do
        if curl -fs -o /dev/null "$URL/plaintext"; then
            return 0
        fi
        sleep 0.005
    done
    echo "$app did not answer 200 on $URL/plaintext:" >&2
    cat "$OUT/server.log" >&2
    exit 1
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# wrk's latency ("812.00us", "1.20ms", "2.01s") in microseconds
to_us() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000; else if (v ~ /s$/) print n * 1000000; else print n }'; }

measure() { # label app endpoint round [extra server arguments]
    local label="$1" app="$2" endpoint="$3" round="$4"
    shift 4
    start_server "$app" "$@"
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "$URL$endpoint" >/dev/null
    local before after
    before="$(cpu_ticks "$server_pid")"
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$URL$endpoint" >"$OUT/wrk.txt"
    after="$(cpu_ticks "$server_pid")"
    stop_server
    if grep -qE "Non-2xx|Socket errors" "$OUT/wrk.txt"; then
        echo "$label $endpoint: errors during the run:" >&2
        cat "$OUT/wrk.txt" >&2
        exit 1
    fi
    local rps requests p50 p99 cpu
    rps="$(awk '/^Requests\/sec:/ { print $2 }' "$OUT/wrk.txt")"
    requests="$(awk '/ requests in / { print $1 }' "$OUT/wrk.txt")"
    p50="$(to_us "$(awk '$1 == "50%" { print $2 }' "$OUT/wrk.txt")")"
    p99="$(to_us "$(awk '$1 == "99%" { print $2 }' "$OUT/wrk.txt")")"
    cpu="$(awk -v t="$((after - before))" -v hz="$TICKS" -v n="$requests" 'BEGIN { printf "%.2f", t / hz * 1000000 / n }')"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$endpoint" "$label" "$round" "$rps" "$p50" "$p99" "$cpu" >>"$RESULTS"
    printf '%-10s %-34s round %s: %10.0f req/s  p50 %7.0f us  p99 %7.0f us  %6.2f us CPU/request\n' \
        "$endpoint" "$label" "$round" "$rps" "$p50" "$p99" "$cpu" >&2
}

# the response each contender sends (Reinhardt adds Django's security headers)
for app in Reinhardt.Http.Bench MinimalApi.Http.Bench; do # (the Minimal API without its optional headers)
    start_server "$app"
    for endpoint in "${ENDPOINTS[@]}"; do
        echo "--- $app $endpoint: $(curl -si "$URL$endpoint" | wc -c) bytes" >&2
        curl -si "$URL$endpoint" >&2
        echo >&2
    done
    stop_server
done

# contenders alternately: A B A B ... per endpoint
CONTENDERS=(
    "Reinhardt|Reinhardt.Http.Bench"
    "Minimal API|MinimalApi.Http.Bench"
    "Minimal API + Django's headers|MinimalApi.Http.Bench|--Bench:SecurityHeaders=true"
)
if [[ "$PROFILE" == "1" ]]; then
    # UseReinhardt with parts switched off by configuration, to see what each costs
    CONTENDERS+=(
        "Reinhardt, no security headers|Reinhardt.Http.Bench|--Security:FrameOptions= --Security:ReferrerPolicy= --Security:CrossOriginOpenerPolicy= --Security:ContentTypeNosniff=false"
        "Reinhardt, no static files|Reinhardt.Http.Bench|--StaticFiles:Enabled=false"
        "Reinhardt, 30 s request timeout|Reinhardt.Http.Bench|--RequestLimits:Timeout=00:00:30"
    )
fi

for endpoint in "${ENDPOINTS[@]}"; do
    for round in $(seq 1 "$ROUNDS"); do
        for contender in "${CONTENDERS[@]}"; do
            IFS='|' read -r label app extra <<<"$contender"
            read -ra extras <<<"$extra"
            measure "$label" "$app" "$endpoint" "$round" "${extras[@]}"
        done
    done
done

# medians, and the ratio to the Minimal API of the same run
python3 - "$RESULTS" "$ROUNDS" "$DURATION" "$CONNECTIONS" <<'PY'
import statistics, sys
path, rounds, duration, connections = sys.argv[1:]
rows = [line.rstrip("\n").split("\t") for line in open(path) if line.strip()]
groups = {}
for endpoint, label, _, rps, p50, p99, cpu in rows:
    groups.setdefault((endpoint, label), []).append((float(rps), float(p50), float(p99), float(cpu)))
print()
print(f"Medians of {rounds} alternating rounds, {duration} s each, wrk -t1 -c{connections} --latency on core 1, server on core 0 (Native AOT):")
print()
print("| Endpoint | Contender | Requests/s | Ratio | p50 | p99 | Server CPU/request | Ratio |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for endpoint in dict.fromkeys(e for e, _ in groups):
    base = groups[(endpoint, "Minimal API")]
    base_rps = statistics.median(r[0] for r in base)
    base_cpu = statistics.median(r[3] for r in base)
    for (e, label), values in groups.items():
        if e != endpoint:
            continue
        rps = statistics.median(v[0] for v in values)
        p50 = statistics.median(v[1] for v in values)
        p99 = statistics.median(v[2] for v in values)
        cpu = statistics.median(v[3] for v in values)
        print(f"| {endpoint} | {label} | {rps:,.0f} | {rps / base_rps:.3f}x | {p50:.0f} us | {p99:.0f} us | {cpu:.2f} us | {cpu / base_cpu:.3f}x |")
PY
