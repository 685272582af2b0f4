#!/usr/bin/env bash
# Build-time cost of Reinhardt's generators (issue #11) on a generated project with 200 models, 50 forms, 300 routes
# and 100 templates (bench/buildtime/generate.py). Writes its tables into docs/benchmarks.md (between the
# buildtime markers) and prints them.
#
#   bench/buildtime/run.sh [RUNS=3] [EDITS=9]
#
# A = the project with the generators (UseReinhardt=true, as the samples); B = the baseline: the same user sources
# plus A's generated sources as plain files, the runtime and the analyzers referenced, the generators not: the same
# C# without generator time. A full build is `dotnet build --no-restore --no-dependencies --no-incremental` of the
# benchmark project alone (its references are built once before), timed wall-clock, with the Csc task's time from
# -clp:PerformanceSummary. A and B alternate (A B A B ...) after one warm-up build each; medians are quoted.
# The compiler server (VBCSCompiler) is kept warm (SERVER=1, the default, as on a developer machine); SERVER=0 runs
# a fresh csc process for each build (what this machine's environment, UseSharedCompilation=false, does by default).
# The generators' share comes from one more build of A with -p:ReportAnalyzer=true; the incremental path from
# bench/buildtime/IncrementalProbe (in process). Expect ~(2 RUNS + 3) builds of 20-60 s each on a quiet 2-core machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${1:-3}
EDITS=${2:-9}
SERVER=${SERVER:-1}
OUT=$ROOT/artifacts/buildtime
GEN=$OUT/gen
BASE=$OUT/base
EMIT=$OUT/emitted
LOG=$OUT/logs
mkdir -p "$LOG"
SHARED=$([ "$SERVER" = 1 ] && echo true || echo false)
export UseSharedCompilation=$SHARED

# VBCSCompiler processes this script starts are stopped at the end (by id; others' are left alone)
servers_before=$(pgrep -f VBCSCompiler || true)
stop_our_servers() {
    for pid in $(pgrep -f VBCSCompiler || true); do
        if ! grep -qx "$pid" <<<"$servers_before"; then kill "$pid" 2>/dev/null || true; fi
    done
}
trap stop_our_servers EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "== generating the project and building its references (load $(load))" >&2
python3 "$ROOT/bench/buildtime/generate.py" "$GEN"
dotnet restore "$GEN/Bench.csproj" -v:q >/dev/null
rm -rf "$EMIT"
dotnet build "$GEN/Bench.csproj" --no-restore -v:q -nologo "-p:BenchEmitTo=$EMIT" >"$LOG/prepare-gen.log" 2>&1 \
    || { tail -30 "$LOG/prepare-gen.log" >&2; exit 1; }
python3 "$ROOT/bench/buildtime/generate.py" "$BASE" --variant baseline --generated "$EMIT/Reinhardt.Generators"
dotnet restore "$BASE/Bench.csproj" -v:q >/dev/null
GENERATED_FILES=$(find "$EMIT/Reinhardt.Generators" -name '*.cs' | wc -l)
GENERATED_LINES=$(find "$EMIT/Reinhardt.Generators" -name '*.cs' -exec cat {} + | wc -l)
GENERATED_KIB=$(du -sk "$EMIT/Reinhardt.Generators" | cut -f1)
USER_LINES=$(find "$GEN" -path "$GEN/obj" -prune -o -path "$GEN/bin" -prune -o \( -name '*.cs' -o -name '*.html' \) -print | xargs cat | wc -l)

# one timed build: prints "wall_ms csc_ms load1"
build() {
    local project=$1 name=$2 extra=${3:-}
    local start end csc
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    dotnet build "$project/Bench.csproj" --no-restore --no-dependencies --no-incremental -nologo -v:q -clp:PerformanceSummary $extra >"$LOG/$name.log" 2>&1 \
        || { tail -30 "$LOG/$name.log" >&2; exit 1; }
    end=$(date +%s%N)
    csc=$(grep -E '^\s+[0-9]+ ms\s+Csc\s' "$LOG/$name.log" | awk '{print $1}' | head -1)
    echo "$(( (end - start) / 1000000 )) ${csc:-0} $(cut -d' ' -f1 /proc/loadavg)"
}

echo "== warm-up builds (load $(load))" >&2
build "$GEN" warmup-gen >/dev/null
build "$BASE" warmup-base >/dev/null

: >"$OUT/runs.txt"
for run in $(seq 1 "$RUNS"); do
    a=$(build "$GEN" "run$run-gen")
    b=$(build "$BASE" "run$run-base")
    echo "gen $a" >>"$OUT/runs.txt"
    echo "base $b" >>"$OUT/runs.txt"
    echo "   run $run: with generators $a | baseline $b (wall ms, csc ms, load)" >&2
done
med() { grep "^$1 " "$OUT/runs.txt" | awk -v c="$2" '{print $c}' | median; }
A_WALL=$(med gen 2); A_CSC=$(med gen 3); B_WALL=$(med base 2); B_CSC=$(med base 3)
A_LOADS=$(grep '^gen ' "$OUT/runs.txt" | awk '{print $4}' | paste -sd' ')
B_LOADS=$(grep '^base ' "$OUT/runs.txt" | awk '{print $4}' | paste -sd' ')

echo "== ReportAnalyzer build (load $(load))" >&2
RA=$(build "$GEN" report-analyzer "-p:ReportAnalyzer=true -v:d")
RA_LOAD=$(awk '{print $3}' <<<"$RA")
RA_CSC=$(awk '{print $2}' <<<"$RA")
ralog=$LOG/report-analyzer.log
gen_total=$(grep -m1 'Total generator execution time' "$ralog" | grep -oE '[0-9]+\.[0-9]+' || echo 0)
ana_total=$(grep -m1 'Total analyzer execution time' "$ralog" | grep -oE '[0-9]+\.[0-9]+' || echo 0)
reinhardt_gen=$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+Reinhardt\.Generators, ' "$ralog" | awk '{print $1}' | head -1)
reinhardt_ana=$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+Reinhardt\.Analyzers, ' "$ralog" | awk '{print $1}' | head -1)
illink=$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+ILLink\.RoslynAnalyzer, ' "$ralog" | awk '{print $1}' | head -1)
per_gen=$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+Reinhardt\.Generators\.[A-Za-z.]+Generator\s*$' "$ralog" \
    | awk '{n=split($3,p,"."); printf "| %s | %s s |\n", p[n], $1}')

echo "== incremental probe (load $(load))" >&2
dotnet build "$ROOT/bench/buildtime/IncrementalProbe" -c Release -v:q -nologo >"$LOG/probe-build.log" 2>&1 \
    || { tail -30 "$LOG/probe-build.log" >&2; exit 1; }
PROBE_LOAD_BEFORE=$(load)
PROBE=$(dotnet "$ROOT/bench/buildtime/IncrementalProbe/bin/Release/net10.0/IncrementalProbe.dll" "$GEN" "$EDITS" 3)
PROBE_LOAD_AFTER=$(load)

pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", 100 * a / b; else print "-" }'; }
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
TABLE=$(cat <<EOF
<!-- buildtime:begin (written by bench/buildtime/run.sh; do not edit by hand) -->
## Build-time cost of the generators (issue 11)

Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) vCPU ($CPU), $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), .NET SDK $(dotnet --version);
compiler server $([ "$SERVER" = 1 ] && echo "on and warm (SERVER=1)" || echo "off: a fresh csc per build (SERVER=0)"). Command: \`SERVER=$SERVER bench/buildtime/run.sh $RUNS $EDITS\`.
Load average (1 min) is given with each figure: this machine is shared, so figures under load are upper bounds.

The project (\`bench/buildtime/generate.py\`, written to \`artifacts/buildtime/gen\`): 200 \`[Model]\`s in 4 apps (13 field types,
a ForeignKey chain per app and nullable cross-app keys), a \`[Database]\`, 50 forms (16 \`[ModelForm]\`), 20 \`[View]\` classes
with 300 named routes (int, long and slug parameters), 100 templates (plus 5 layouts) with \`{% extends %}\`, blocks,
\`block.super\`, loops with \`{% empty %}\`/\`{% cycle %}\`/\`forloop\`, \`{% with %}\`, filters and \`{% url %}\` to those routes,
each with a \`[Template]\` context record; $USER_LINES lines of C# and HTML. The generators write $GENERATED_FILES files,
$GENERATED_LINES lines ($GENERATED_KIB KiB). The project is \`IsAotCompatible\` like the samples, so the trim/AOT analyzers run.

Baseline (without generators): the same user sources plus the generators' output of A copied in as plain \`.cs\` files,
with the runtime and the Reinhardt analyzers referenced and the generators not: the same C# to compile, minus the
generators' own time. A full build is \`dotnet build --no-restore --no-dependencies --no-incremental\` of that project.

| full build (median of $RUNS, after a warm-up) | wall | Csc task | load (1 min) per run |
|---|---:|---:|---|
| A: with Reinhardt's generators | $A_WALL ms | $A_CSC ms | $A_LOADS |
| B: baseline, generated code as plain sources | $B_WALL ms | $B_CSC ms | $B_LOADS |
| A − B | $((A_WALL - B_WALL)) ms ($(pct $((A_WALL - B_WALL)) "$A_WALL") % of A) | $((A_CSC - B_CSC)) ms ($(pct $((A_CSC - B_CSC)) "$A_CSC") % of A) | |

One more build of A with \`-p:ReportAnalyzer=true\` (Csc $RA_CSC ms, load $RA_LOAD): all generators ${gen_total} s, Reinhardt's
generators ${reinhardt_gen:-?} s = $(pct "${reinhardt_gen:-0}" "$(awk -v c="$RA_CSC" 'BEGIN {print c / 1000}')") % of the Csc task; all analyzers ${ana_total} s
summed over threads (Reinhardt.Analyzers ${reinhardt_ana:-?} s, ILLink's trim/AOT analyzers ${illink:-?} s).

| Reinhardt generator (ReportAnalyzer) | time |
|---|---:|
$per_gen

The incremental path, in process (\`dotnet bench/buildtime/IncrementalProbe/bin/Release/net10.0/IncrementalProbe.dll artifacts/buildtime/gen $EDITS 3\`,
load $PROBE_LOAD_BEFORE before, $PROBE_LOAD_AFTER after): a \`CSharpGeneratorDriver\` over the project's sources, templates
and build properties; \`GetTimingInfo()\` per generator; each edit is applied to the project generated once, then the
same driver reruns.

$PROBE
<!-- buildtime:end -->
EOF
)

DOC=$ROOT/docs/benchmarks.md
printf '%s\n' "$TABLE" >"$OUT/table.md"
python3 - "$DOC" "$OUT/table.md" <<'PY'
import re, sys
doc_path, table_path = sys.argv[1], sys.argv[2]
doc = open(doc_path, encoding="utf-8").read()
new = open(table_path, encoding="utf-8").read().rstrip("\n")
pattern = re.compile(r"<!-- buildtime:begin.*?<!-- buildtime:end -->", re.S)
doc = pattern.sub(lambda m: new, doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + new + "\n"
open(doc_path, "w", encoding="utf-8").write(doc)
PY
cat "$OUT/table.md"
