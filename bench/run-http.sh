#!/usr/bin/env bash
# The TechEmpower test types, side by side (issue 11): samples/Bench (Reinhardt, Native AOT and JIT) against the
# hand-written peers of bench/peers (Minimal API + raw Microsoft.Data.Sqlite, AOT and JIT: the limit; + Dapper;
# + EF Core 6), each on a fresh copy of the same seeded SQLite file. Method: ../shared/BENCHMARKING.md.
#
#   bench/run-http.sh                                   # ROUNDS=2 DURATION=10 WARMUP=5 CONNECTIONS=64 THREADS=1
#   DURATION=2 WARMUP=1 ROUNDS=1 bench/run-http.sh      # a quick end-to-end check
#   PUBLISH=0 bench/run-http.sh                         # reuse the apps published by the previous run
#   ENDPOINTS="/db /fortunes" CONTENDERS="reinhardt-aot raw-aot" bench/run-http.sh
#
# Each run starts a fresh server pinned to core 0 (taskset), verifies it against TechEmpower's rules once
# (bench/verify-tfb.sh), warms it up with wrk for WARMUP s, then measures DURATION s with wrk pinned to core 1:
# requests/s, p50/p99 latency, non-2xx and socket errors, server CPU time per request (/proc/PID/stat). Contenders
# alternate per round (A B C ... A B C). Then startup to first 200 (median of STARTS), RSS after warm-up and
# binary size for Reinhardt AOT, Reinhardt JIT and the raw Minimal API AOT. The result replaces the section
# between the run-http markers of docs/benchmarks.md (WRITE_DOCS=0 to skip). Needs wrk (Debian package).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${ROUNDS:-2}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-5}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-1}"
STARTS="${STARTS:-7}"
PORT="${PORT:-5090}"
OUT="${OUT:-/tmp/reinhardt-run-http}"
WRITE_DOCS="${WRITE_DOCS:-1}"
PUBLISH="${PUBLISH:-1}" # 0: reuse the apps already published under OUT (publish only the missing ones)
read -ra ENDPOINTS <<<"${ENDPOINTS:-/plaintext /json /db /queries?queries=20 /fortunes /updates?queries=20}"
read -ra CONTENDERS <<<"${CONTENDERS:-reinhardt-aot raw-aot reinhardt-jit raw-jit dapper-jit efcore-jit}"
URL="http://127.0.0.1:$PORT"
TICKS="$(getconf CLK_TCK)"
COMMAND="ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS THREADS=$THREADS bench/run-http.sh"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
: >"$RESULTS"

publish() { # name project [extra publish arguments]
    local name="$1" project="$2"
    shift 2
    if [[ "$PUBLISH" == "0" && -d "$OUT/$name" ]]; then
        return 0
    fi
    echo "Publishing $name..." >&2
    dotnet publish "$ROOT/$project" -c Release -o "$OUT/$name" -nologo -v quiet "$@" >"$OUT/publish-$name.log" 2>&1 \
        || { cat "$OUT/publish-$name.log" >&2; exit 1; }
    if grep -qE "warning|error" "$OUT/publish-$name.log"; then
        echo "$name: publish warnings:" >&2
        grep -E "warning|error" "$OUT/publish-$name.log" | sort -u >&2
    fi
}

publish reinhardt-aot samples/Bench/Bench.csproj -r linux-x64 -p:PublishAot=true
publish reinhardt-jit samples/Bench/Bench.csproj -p:PublishAot=false
publish raw-aot bench/peers/MinimalApi.Raw/MinimalApi.Raw.csproj -r linux-x64 -p:PublishAot=true
publish raw-jit bench/peers/MinimalApi.Raw/MinimalApi.Raw.csproj -p:PublishAot=false
publish dapper-jit bench/peers/MinimalApi.Dapper/MinimalApi.Dapper.csproj
publish efcore-jit bench/peers/MinimalApi.EfCore/MinimalApi.EfCore.csproj

label() {
    case "$1" in
        reinhardt-aot) echo "Reinhardt (AOT)" ;; reinhardt-jit) echo "Reinhardt (JIT)" ;;
        raw-aot) echo "Minimal API + raw ADO.NET (AOT)" ;; raw-jit) echo "Minimal API + raw ADO.NET (JIT)" ;;
        dapper-jit) echo "Minimal API + Dapper (JIT)" ;; efcore-jit) echo "Minimal API + EF Core 6 (JIT)" ;;
    esac
}

server_cmd() { # contender -> the command line
    case "$1" in
        reinhardt-aot) echo "$OUT/reinhardt-aot/Bench" ;;
        reinhardt-jit) echo "dotnet $OUT/reinhardt-jit/Bench.dll" ;;
        raw-aot) echo "$OUT/raw-aot/MinimalApi.Raw" ;;
        raw-jit) echo "dotnet $OUT/raw-jit/MinimalApi.Raw.dll" ;;
        dapper-jit) echo "dotnet $OUT/dapper-jit/MinimalApi.Dapper.dll" ;;
        efcore-jit) echo "dotnet $OUT/efcore-jit/MinimalApi.EfCore.dll" ;;
    esac
}

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

# the seeded database: samples/Bench creates and fills it; every run gets a fresh copy
rm -f "$OUT"/seed.sqlite3*
start_server() { # contender database
    local cmd
    read -ra cmd <<<"$(server_cmd "$1")"
    START_NS=$(date +%s%N)
    taskset -c 0 "${cmd[@]}" --urls "$URL" "--ConnectionStrings:Default=Data Source=$2" --SecretKey="$SECRET_KEY" >"$OUT/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 20000); do
        if curl -fs -o /dev/null "$URL/plaintext" 2>/dev/null; then
            READY_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
            return 0
        fi
        sleep 0.001
    done
    echo "$1 did not answer on $URL/plaintext:" >&2
    cat "$OUT/server.log" >&2
    exit 1
}
start_server reinhardt-aot "$OUT/seed.sqlite3"
stop_server
sqlite3 "$OUT/seed.sqlite3" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
fresh_db() { rm -f "$OUT"/run.sqlite3*; cp "$OUT/seed.sqlite3" "$OUT/run.sqlite3"; echo "$OUT/run.sqlite3"; }

# every contender against TechEmpower's rules
for contender in "${CONTENDERS[@]}"; do
    db="$(fresh_db)"
    start_server "$contender" "$db"
    echo "--- verify $(label "$contender")" >&2
    "$ROOT/bench/verify-tfb.sh" "$URL" "$db" >&2 || { stop_server; echo "$contender fails TechEmpower's rules" >&2; exit 1; }
    stop_server
done

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
to_us() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000; else if (v ~ /s$/) print n * 1000000; else print n }'; }

measure() { # contender endpoint round
    local contender="$1" endpoint="$2" round="$3"
    start_server "$contender" "$(fresh_db)"
    taskset -c 1 wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$URL$endpoint" >/dev/null
    local before after
    before="$(cpu_ticks "$server_pid")"
    taskset -c 1 wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$URL$endpoint" >"$OUT/wrk.txt"
    after="$(cpu_ticks "$server_pid")"
    stop_server
    local rps requests p50 p99 cpu non2xx socket
    rps="$(awk '/^Requests\/sec:/ { print $2 }' "$OUT/wrk.txt")"
    requests="$(awk '/ requests in / { print $1 }' "$OUT/wrk.txt")"
    p50="$(to_us "$(awk '$1 == "50%" { print $2 }' "$OUT/wrk.txt")")"
    p99="$(to_us "$(awk '$1 == "99%" { print $2 }' "$OUT/wrk.txt")")"
    non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$OUT/wrk.txt")"
    socket="$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$OUT/wrk.txt")"
    cpu="$(awk -v t="$((after - before))" -v hz="$TICKS" -v n="$requests" 'BEGIN { printf "%.2f", (n > 0 ? t / hz * 1000000 / n : 0) }')"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$endpoint" "$contender" "$round" "$rps" "$p50" "$p99" "$cpu" "${non2xx:-0}" "${socket:-0}" >>"$RESULTS"
    printf '%-22s %-34s round %s: %10.0f req/s  p50 %7.0f us  p99 %8.0f us  %7.2f us CPU/req  non-2xx %s  socket errors %s\n' \
        "$endpoint" "$(label "$contender")" "$round" "$rps" "$p50" "$p99" "$cpu" "${non2xx:-0}" "${socket:-0}" >&2
}

for endpoint in "${ENDPOINTS[@]}"; do
    for round in $(seq 1 "$ROUNDS"); do
        for contender in "${CONTENDERS[@]}"; do
            measure "$contender" "$endpoint" "$round"
        done
    done
done

# startup to first 200, RSS after warm-up, size
FOOTPRINT="$OUT/footprint.tsv"
: >"$FOOTPRINT"
for contender in reinhardt-aot reinhardt-jit raw-aot; do
    times=()
    for _ in $(seq 1 "$STARTS"); do
        start_server "$contender" "$(fresh_db)"
        times+=("$READY_MS")
        stop_server
    done
    start_server "$contender" "$(fresh_db)"
    taskset -c 1 wrk -t1 -c16 -d3s "$URL/db" >/dev/null
    taskset -c 1 wrk -t1 -c16 -d2s "$URL/fortunes" >/dev/null
    rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status")"
    hwm="$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status")"
    stop_server
    case "$contender" in
        reinhardt-aot) size="$(stat -c %s "$OUT/reinhardt-aot/Bench")" ;;
        raw-aot) size="$(stat -c %s "$OUT/raw-aot/MinimalApi.Raw")" ;;
        *) size="$(du -sb "$OUT/$contender" | cut -f1)" ;;
    esac
    median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$contender" "$median" "$(printf '%s ' "${times[@]}")" "$rss" "$hwm" "$size" >>"$FOOTPRINT"
    echo "$(label "$contender"): start to first 200 median $median ms (${times[*]}), RSS $rss kB (peak $hwm kB), size $size B" >&2
done

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
SECTION="$OUT/section.md"
python3 - "$RESULTS" "$FOOTPRINT" "$COMMAND" "$LOAD_BEFORE" "$LOAD_AFTER" "$ROUNDS" "$DURATION" "$CONNECTIONS" "$THREADS" "$STARTS" >"$SECTION" <<'PY'
import datetime, os, platform, statistics, subprocess, sys
results, footprint, command, load_before, load_after, rounds, duration, connections, threads, starts = sys.argv[1:]
labels = {"reinhardt-aot": "Reinhardt (AOT)", "reinhardt-jit": "Reinhardt (JIT)", "raw-aot": "Minimal API + raw ADO.NET (AOT)",
          "raw-jit": "Minimal API + raw ADO.NET (JIT)", "dapper-jit": "Minimal API + Dapper (JIT)", "efcore-jit": "Minimal API + EF Core 6 (JIT)"}
cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
rows = [l.rstrip("\n").split("\t") for l in open(results) if l.strip()]
groups = {}
for endpoint, contender, _, rps, p50, p99, cpu, non2xx, socket in rows:
    groups.setdefault((endpoint, contender), []).append((float(rps), float(p50), float(p99), float(cpu), int(non2xx or 0), int(socket or 0)))
print("<!-- run-http:begin (written by bench/run-http.sh; everything up to the end marker is replaced on each run) -->")
print("### TechEmpower test types: the latest run of `bench/run-http.sh`")
print()
print(f"**Command**: `{command}` ({datetime.date.today().isoformat()})")
print()
print(f"**Machine**: {platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu_model}), .NET SDK {dotnet}; "
      f"load average (1/5/15 min) {load_before} before, {load_after} after. The server runs on core 0, wrk on core 1 "
      f"(`wrk -t{threads} -c{connections} -d{duration}s --latency`), medians of {rounds} alternating rounds, a fresh server and "
      f"database copy per run. Ratios: to the raw Minimal API of the same mode (AOT or JIT) in the same run.")
print()
print("| Endpoint | Contender | Requests/s | Ratio | p50 | p99 | Server CPU/request | Non-2xx | Socket errors |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for endpoint in dict.fromkeys(e for e, _ in groups):
    for contender in labels:
        values = groups.get((endpoint, contender))
        if not values:
            continue
        base = groups.get((endpoint, "raw-aot" if contender.endswith("aot") else "raw-jit"))
        rps = statistics.median(v[0] for v in values)
        ratio = f"{rps / statistics.median(b[0] for b in base):.2f}x" if base else "-"
        print(f"| {endpoint} | {labels[contender]} | {rps:,.0f} | {ratio} | {statistics.median(v[1] for v in values):,.0f} µs | "
              f"{statistics.median(v[2] for v in values):,.0f} µs | {statistics.median(v[3] for v in values):.1f} µs | "
              f"{sum(v[4] for v in values)} | {sum(v[5] for v in values)} |")
print()
print(f"**Startup and footprint** (start to the first 200 of `/plaintext`, polled with curl: median of {starts} starts on an "
      "existing database; RSS after 5 s of /db and /fortunes load; size: the AOT executable, or the JIT publish folder):")
print()
print("| App | Start to first 200 | All starts (ms) | RSS after warm-up | Peak RSS | Size |")
print("|---|---:|---|---:|---:|---:|")
for contender, median, times, rss, hwm, size in (l.rstrip("\n").split("\t") for l in open(footprint) if l.strip()):
    print(f"| {labels[contender]} | {median} ms | {times.strip()} | {int(rss) / 1024:.1f} MiB | {int(hwm) / 1024:.1f} MiB | {int(size) / 1048576:.1f} MiB |")
print()
print("<!-- run-http:end -->")
PY
cat "$SECTION"

if [[ "$WRITE_DOCS" == "1" ]]; then
    python3 - "$ROOT/docs/benchmarks.md" "$SECTION" <<'PY'
import re, sys
doc, section = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
text = open(doc).read()
pattern = re.compile(r"<!-- run-http:begin.*?<!-- run-http:end -->", re.S)
if pattern.search(text):
    text = pattern.sub(lambda _: section, text)
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
open(doc, "w").write(text)
PY
    echo "Wrote the section into docs/benchmarks.md" >&2
fi
