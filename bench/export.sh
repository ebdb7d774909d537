#!/usr/bin/env bash
# Speed and memory of `dateline export` on synthetic archives.
#
# Usage: bench/export.sh [SIZE...]    (default: 10000 100000)
#
# For each SIZE (number of dispatches) it generates target/bench/export/SIZE/archive with
# examples/gen_corpus.rs (seed $SEED; an existing one is reused), indexes it, then runs each
# export $RUNS times and reports the fastest: every dispatch as JSON Lines to stdout and to a
# file, for Elasticsearch and for Quickwit, and the 30% holding `harvest` as JSON Lines.
# For each it records wall seconds and peak RSS (/usr/bin/time %M), and the peak anonymous
# memory (RssAnon, sampled every 20 ms from /proc): RSS also counts the pages of the index's
# files that are mapped while they are read, which the kernel reclaims at will; the anonymous
# part is what the export itself holds.
# It prints a Markdown table and writes it to target/bench/export/results-YYYY-MM-DD.md.
#
# Environment: SEED=42, RUNS=2, BUILD=1 (0 measures target/release/dateline as built).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/target/bench/export
SEED=${SEED:-42}
RUNS=${RUNS:-2}
BUILD=${BUILD:-1}
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(10000 100000)

if [[ $BUILD == 1 ]]; then
    cargo build --release --bin dateline --example gen_corpus >&2
fi
[[ -x /usr/bin/time ]] || { apt-get update -q && apt-get install -y -q time; }
DL=$ROOT/target/release/dateline
GEN=$ROOT/target/release/examples/gen_corpus
mkdir -p "$BENCH"
RESULTS=$BENCH/results-$(date +%F).md

# Runs "$@" (stdout to $OUT) and prints "seconds peak_rss_kb peak_anon_kb".
measure() {
    local stats
    stats=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$stats" "$@" >"$OUT" &
    local pid=$! anon=0 a child
    while kill -0 "$pid" 2>/dev/null; do
        child=$(pgrep -P "$pid" | head -1 || true)
        if [[ -n $child ]]; then
            a=$(awk '/^RssAnon/ {print $2}' "/proc/$child/status" 2>/dev/null || echo 0)
            [[ -n $a && $a -gt $anon ]] && anon=$a
        fi
        sleep 0.02
    done
    wait "$pid"
    echo "$(cat "$stats") $anon"
    rm -f "$stats"
}

{
    echo "| dispatches | export | seconds | dispatches/s | output | peak RSS | peak anonymous |"
    echo "|---:|---|---:|---:|---:|---:|---:|"
} | tee "$RESULTS"
for size in "${SIZES[@]}"; do
    dir=$BENCH/$size
    if [[ ! -d $dir/archive ]]; then
        "$GEN" --count "$size" --seed "$SEED" "$dir/archive" >&2
    fi
    "$DL" index "$dir/archive" --index "$dir/index" --quiet
    count=$("$DL" export --index "$dir/index" --quiet | wc -l)
    # Read once first: the page cache is warm for every run.
    cat "$dir"/index/*.store >/dev/null
    while IFS='|' read -r name to_stdout args; do
        best=""
        for _ in $(seq "$RUNS"); do
            out=$dir/out
            rm -rf "$out" && mkdir -p "$out"
            OUT=/dev/null
            [[ $to_stdout == yes ]] && OUT=$out/stdout.jsonl
            # shellcheck disable=SC2086
            set -- $args
            read -r secs rss anon < <(measure "$DL" export --index "$dir/index" --quiet "${@//OUT/$out}")
            bytes=$(du -sb "$out" | cut -f1)
            if [[ -z $best ]] || awk "BEGIN {exit !($secs < ${best%% *})}"; then
                best="$secs $rss $anon $bytes"
            fi
        done
        read -r secs rss anon bytes <<<"$best"
        matched=$count
        [[ $args == harvest* ]] && matched=$("$DL" export harvest --index "$dir/index" --quiet | wc -l)
        rate=$(awk "BEGIN {printf \"%d\", $matched / $secs}")
        printf '| %s | %s | %s | %s | %s MB | %s MB | %s MB |\n' "$matched" "$name" "$secs" "$rate" \
            "$(awk "BEGIN {printf \"%.0f\", $bytes / 1e6}")" \
            "$(awk "BEGIN {printf \"%.0f\", $rss / 1024}")" \
            "$(awk "BEGIN {printf \"%.1f\", $anon / 1024}")" | tee -a "$RESULTS"
    done <<'EOF'
JSON Lines to stdout|yes|
JSON Lines to a file|no|--out OUT/all.jsonl
Elasticsearch|no|--format elasticsearch --out OUT/es
Quickwit|no|--format quickwit --out OUT/qw
JSON Lines, `harvest` (30%)|yes|harvest
EOF
done
echo "load: $(uptime)" | tee -a "$RESULTS"
