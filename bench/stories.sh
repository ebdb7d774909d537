#!/usr/bin/env bash
# What grouping stories costs: indexing throughput and search latency of dateline built from
# another commit (BEFORE, default `main`) and of the working tree, side by side in one run on
# the same synthetic archive (bench/run.sh's corpus, examples/gen_corpus.rs).
#
# Usage: bench/stories.sh [SIZE]    (default 20000 dispatches)
#
#   1. builds dateline at BEFORE (from `git archive`, in target/stories-bench/before-src,
#      sharing this checkout's target directory for dependencies) and at the working tree;
#   2. generates target/bench/SIZE/archive with seed $SEED unless it is there;
#   3. indexes it from scratch with each binary, alternating (and which goes first), $INDEX_RUNS
#      times each, and reports the median and fastest run of each and their ratio;
#   4. times the query classes of bench/run.sh with hyperfine, both binaries in one
#      hyperfine run per query (warmup 3, $RUNS runs), and reports median and p95.
# It prints a Markdown table and writes it to target/stories-bench/results-SIZE.md.
#
# Environment: BEFORE=main, SEED=42, RUNS=20, INDEX_RUNS=3.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SIZE=${1:-20000}
BEFORE=${BEFORE:-main}
SEED=${SEED:-42}
RUNS=${RUNS:-20}
INDEX_RUNS=${INDEX_RUNS:-3}
WORK=$ROOT/target/stories-bench
ARCHIVE=$ROOT/target/bench/$SIZE/archive
RESULTS=$WORK/results-$SIZE.md
mkdir -p "$WORK"

log() { printf '>> %s\n' "$*" >&2; }

command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is needed (apt-get install jq)" >&2; exit 2; }

# --- binaries --------------------------------------------------------------------------------
before_rev=$(git rev-parse --short "$BEFORE")
after_rev="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo +changes)"
log "building dateline at $BEFORE ($before_rev)"
rm -rf "$WORK/before-src"
mkdir -p "$WORK/before-src"
git archive "$BEFORE" | tar -x -C "$WORK/before-src"
# Both trees share one target directory, and cargo names the library of either tree's binary
# alike: a tree whose sources are older than the library the other tree last built would link
# that library, not its own (the binaries still differ, by main.rs alone). Touching every
# source of the tree before building it makes cargo compile each tree's own library.
find "$WORK/before-src/src" -name '*.rs' -exec touch {} +
(cd "$WORK/before-src" && CARGO_TARGET_DIR=$ROOT/target cargo build --release --quiet --bin dateline)
cp target/release/dateline "$WORK/dateline-before"
log "building dateline at the working tree ($after_rev)"
find src -name '*.rs' -exec touch {} +
cargo build --release --quiet --bin dateline --example gen_corpus
cp target/release/dateline "$WORK/dateline-after"
if cmp -s "$WORK/dateline-before" "$WORK/dateline-after"; then
    echo "the two binaries are the same file: nothing to compare" >&2
    exit 2
fi

# --- corpus ----------------------------------------------------------------------------------
if [[ ! -d $ARCHIVE ]]; then
    log "generating $SIZE dispatches into $ARCHIVE"
    target/release/examples/gen_corpus --count "$SIZE" --seed "$SEED" "$ARCHIVE"
fi
# Warm the page cache so both binaries read from memory.
find "$ARCHIVE" -type f -exec cat {} + >/dev/null

# --- indexing --------------------------------------------------------------------------------
declare -A best all
for run in $(seq "$INDEX_RUNS"); do
    # Alternating which goes first, so that both see the same drift in the machine's speed.
    order="before after"
    ((run % 2 == 0)) && order="after before"
    for which in $order; do
        index=$WORK/index-$which
        rm -rf "$index"
        start=$(date +%s.%N)
        "$WORK/dateline-$which" index "$ARCHIVE" --index "$index" --quiet
        end=$(date +%s.%N)
        seconds=$(echo "$end - $start" | bc -l)
        log "index $which run $run: $seconds s"
        all[$which]="${all[$which]:-} $seconds"
        if [[ -z ${best[$which]:-} ]] || (($(echo "$seconds < ${best[$which]}" | bc -l))); then
            best[$which]=$seconds
        fi
    done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
median_before=$(median "${all[before]}")
median_after=$(median "${all[after]}")

# --- searching -------------------------------------------------------------------------------
QUERIES=(
    "common word|harvest"
    "rare word|zeppelin"
    "two words|'harvest drought'"
    "phrase|'\"central bank\"'"
    "sentence (8 words)|'police said the central bank would raise rates'"
    "--place alone|--place Nairobi"
    "date range alone|--from 2001-01 --to 2001-06"
    "words + place + dates|harvest --place Nairobi --from 1990 --to 2009"
)
rows=()
i=0
for q in "${QUERIES[@]}"; do
    IFS='|' read -r name query <<<"$q"
    i=$((i + 1))
    log "search: $name"
    json=$WORK/q$i.json
    hyperfine --style none --warmup 3 --runs "$RUNS" --export-json "$json" \
        -n before "$WORK/dateline-before search $query --index $WORK/index-before" \
        -n after "$WORK/dateline-after search $query --index $WORK/index-after" >/dev/null
    cell() {
        jq -r --arg n "$1" '.results[] | select(.command == $n) | .times | sort
            | "\((.[(length / 2 | floor)] * 1000 * 10 | round) / 10) / \((.[((length * 0.95) | floor)] * 1000 * 10 | round) / 10)"' "$json"
    }
    rows+=("| $name | \`$query\` | $(cell before) | $(cell after) |")
done

rate() { echo "scale=0; $SIZE / $1" | bc -l; }
{
    echo "Stories, before ($BEFORE, $before_rev) and after ($after_rev), $SIZE dispatches, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg):"
    echo
    echo "| indexing from scratch ($INDEX_RUNS alternating runs) | median s | best s | dispatches/s (median) |"
    echo "|---|---:|---:|---:|"
    printf '| before | %.2f | %.2f | %s |\n' "$median_before" "${best[before]}" "$(rate "$median_before")"
    printf '| after | %.2f | %.2f | %s |\n' "$median_after" "${best[after]}" "$(rate "$median_after")"
    printf '| after / before | %.3f | %.3f | throughput %+.1f %% |\n' \
        "$(echo "$median_after / $median_before" | bc -l)" "$(echo "${best[after]} / ${best[before]}" | bc -l)" \
        "$(echo "($median_before / $median_after - 1) * 100" | bc -l)"
    echo
    echo "Every run, seconds: before${all[before]}; after${all[after]}."
    echo
    echo "| search (whole process, ms median / p95, $RUNS runs) | query | before | after |"
    echo "|---|---|---:|---:|"
    printf '%s\n' "${rows[@]}"
} | tee "$RESULTS"
