#!/usr/bin/env bash
# Benchmark of dateline against tantivy-cli and ripgrep on synthetic dispatch archives.
#
# Usage: bench/run.sh [SIZE...]    (default: 10000 100000; 1000000 on request, about an hour)
#
# For each SIZE (number of dispatches) it:
#   1. generates target/bench/SIZE/archive/ (and docs.jsonl for tantivy-cli) with
#      examples/gen_corpus.rs, seed $SEED; an existing corpus is reused;
#   2. indexes it from scratch with `dateline index` and with `tantivy index`, recording
#      seconds, MB/s, dispatches/s, peak RSS (/usr/bin/time %M) and index size, and with
#      `dateline index` the same dispatches as one JSON Lines file (docs.jsonl);
#   3. re-indexes the unchanged archive with dateline, next to a walk that stats every file
#      (`find ARCHIVE -name '*.txt' -printf '%s %T@\n'`);
#   4. times whole-process searches of eight query classes with hyperfine (warmup 3,
#      $RUNS runs, median and p95) for dateline, the floor (bench/floor_search.rs: tantivy's
#      own query for the same words and filters on dateline's index, 10 best documents
#      printed), tantivy-cli and ripgrep (`rg -l -i`);
#   5. times `places`, `timeline` of a common word and `export` (JSON Lines) with dateline;
#   6. records the machine's load (uptime) before and after.
# Memory is reported twice: peak RSS (/usr/bin/time %M, which counts the index files tantivy
# maps) and the process's own memory (peak RssAnon, sampled every 0.1 s).
# It prints a Markdown table and writes everything to target/bench/results-YYYY-MM-DD.md.
#
# It installs what is missing: hyperfine, ripgrep, jq, time (apt-get), and tantivy-cli
# (cargo install into target/bench-tools). Caches are warm: each tool reads the corpus
# once before it is timed, so the figures compare CPU work, not the disk.
#
# Environment:
#   SEED=42          corpus seed (same seed, same bytes; smaller corpora are prefixes)
#   RUNS=20          hyperfine runs per search (at least 20 for a meaningful p95)
#   SLOW_RUNS=$RUNS  hyperfine runs of tantivy-cli and ripgrep searches (seconds each at 1M)
#   INDEX_RUNS=2     from-scratch indexing runs per tool; the fastest is reported
#   THREADS=2        indexing threads given to tantivy-cli (dateline picks its own)
#   DATELINE=1       0 skips dateline (its rows then read "pending"): baselines only
#   BUILD=1          0 measures the target/release/dateline already built, without cargo build
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/target/bench
TOOLS=$ROOT/target/bench-tools
SEED=${SEED:-42}
RUNS=${RUNS:-20}
SLOW_RUNS=${SLOW_RUNS:-$RUNS}
INDEX_RUNS=${INDEX_RUNS:-2}
THREADS=${THREADS:-2}
DATELINE=${DATELINE:-1}
BUILD=${BUILD:-1}
TANTIVY=$TOOLS/bin/tantivy
GEN=$ROOT/target/release/examples/gen_corpus
FLOOR=$TOOLS/floor_search
# A private copy: target/ is shared, and a rebuild by someone else mid-run must not swap
# the binary under measurement.
DL=$TOOLS/dateline
STAMP=$(date +%F)
DL_VERSION=""
RESULTS=$BENCH/results-$STAMP.md
ROWS=$BENCH/rows-$STAMP.tsv

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
fi
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(10000 100000)

log() { printf '>> %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------------------------

install_tools() {
    local missing=()
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    command -v rg >/dev/null || missing+=(ripgrep)
    command -v jq >/dev/null || missing+=(jq)
    [[ -x /usr/bin/time ]] || missing+=(time)
    if [[ ${#missing[@]} -gt 0 ]]; then
        log "installing ${missing[*]}"
        apt-get update -q
        apt-get install -y -q "${missing[@]}"
    fi
    if [[ ! -x $TANTIVY ]]; then
        log "installing tantivy-cli into $TOOLS"
        # tantivy-cli 0.24.0's lock file pins traitobject 0.1.0, which current rustc rejects
        # (E0119); without --locked cargo picks the fixed patch releases.
        cargo install tantivy-cli --locked --root "$TOOLS" ||
            cargo install tantivy-cli --root "$TOOLS"
    fi
}

build() {
    if [[ $DATELINE == 1 ]]; then
        if [[ $BUILD == 1 ]]; then
            log "cargo build --release"
            cargo build --release
        fi
        mkdir -p "$TOOLS"
        cp -p "$ROOT/target/release/dateline" "$DL"
        if [[ $BUILD == 1 ]]; then
            cargo build --release --example floor_search
        fi
        cp -p "$ROOT/target/release/examples/floor_search" "$FLOOR"
        # What was measured: the commit checked out when the binary was taken (+ "-dirty" when
        # the work tree had changes), and the binary's own build time.
        DL_VERSION="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo 'no commit'), built $(date -r "$DL" '+%F %T')"
    fi
    # The generator has no dependency; when the crate itself does not build (work in
    # progress), rustc alone still makes a byte-identical generator.
    if [[ -x $GEN && $BUILD == 0 ]]; then
        return
    fi
    if ! cargo build --release --example gen_corpus; then
        log "crate does not build; compiling the generator with rustc alone"
        mkdir -p "$(dirname "$GEN")"
        rustc --edition 2024 -O examples/gen_corpus.rs -o "$GEN"
    fi
}

# --- helpers ---------------------------------------------------------------------------------

# Appends one result row: size, section, metric, dateline, tantivy-cli, ripgrep/find,
# tantivy-cli counting hits without printing them (searches only), and the floor program.
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "${7:-}" "${8:-}" >>"$ROWS"; }

# Runs a command under /usr/bin/time while sampling its RssAnon; prints
# "seconds peak_rss_kb peak_anon_kb".
timed() {
    local out pid anon=0 a
    out=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        # The measured process is /usr/bin/time's child (or a shell's, exec'd in place).
        for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
            a=$(awk '/^RssAnon:/ { print $2 }' /proc/"$child"/status 2>/dev/null || true)
            if [[ -n $a && $a -gt $anon ]]; then anon=$a; fi
        done
        sleep 0.1
    done
    wait "$pid"
    echo "$(cat "$out") $anon"
    rm -f "$out"
}

# hyperfine over one command line (no shell; quoting as in a shell), $3 runs (default $RUNS);
# prints "median_ms p95_ms".
hf() {
    local json=$1 cmd=$2
    hyperfine -N --warmup 3 --runs "${3:-$RUNS}" -i --export-json "$json" -- "$cmd" >>"$BENCH/hyperfine.log" 2>&1
    jq -r '.results[0] | (.times | sort) as $t
        | [.median, $t[((($t | length) * 0.95) | ceil) - 1]]
        | map(. * 1000 * 100 | round / 100) | @tsv' "$json"
}

# Like hf but over a shell pipeline (for find | wc -l).
hf_shell() {
    local json=$1 cmd=$2
    hyperfine --warmup 1 --runs "${3:-10}" --export-json "$json" -- "$cmd" >>"$BENCH/hyperfine.log" 2>&1
    jq -r '.results[0].median * 1000 | round / 1000' "$json"
}

# Counts the lines a command line prints; a search without hits (exit 1) counts 0.
count() { { eval "$1" || true; } 2>/dev/null | wc -l; }

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.1f}" 'BEGIN { if (b > 0) printf f, a / b; else printf "-" }'; }

warm() { find "$1" -name '*.txt' -print0 | xargs -0 cat >/dev/null; }

load() { uptime | sed 's/.*load average: //'; }

# Creates an empty tantivy-cli index by answering `tantivy new`'s prompts: headline, dateline
# and body as stored text with positions (en_stem, like dateline's English analyzer), path
# stored only, date stored, fast and indexed: the same shape as dateline's searchable fields.
tantivy_new() {
    rm -rf "$1"
    mkdir -p "$1"
    printf '%s\n' \
        headline Text Y N Y Y Y Y Y \
        dateline Text Y N Y Y Y Y Y \
        body Text Y N Y Y Y Y Y \
        path Text Y N N Y \
        date Date Y Y Y N |
        "$TANTIVY" new -i "$1" >/dev/null
}

# --- one corpus size -------------------------------------------------------------------------

# Query classes: name, dateline arguments, tantivy-cli query, ripgrep arguments ("" = n/a),
# floor query (tantivy syntax over dateline's index), each quoted as on a shell command line
# (hyperfine -N and eval split them the same way). Plain words are OR-ed with all-words-first
# ranking in dateline, as in tantivy's parser.
QUERIES=(
    "common word|harvest|harvest|-e harvest|harvest"
    "rare word|zeppelin|zeppelin|-e zeppelin|zeppelin"
    "two words|'harvest drought'|'harvest drought'|-e harvest -e drought|'harvest drought'"
    "phrase|'\"central bank\"'|'\"central bank\"'|-e 'central bank'|'\"central bank\"'"
    "sentence (8 words)|'police said the central bank would raise rates'|'police said the central bank would raise rates'|-e police -e said -e the -e central -e bank -e would -e raise -e rates|'police said the central bank would raise rates'"
    "--place alone|--place Nairobi|dateline:nairobi||place:nairobi"
    "date range alone|--from 2001-01 --to 2001-06|'date:[2001-01-01T00:00:00Z TO 2001-07-01T00:00:00Z}'||'date:[2001-01-01T00:00:00Z TO 2001-07-01T00:00:00Z}'"
    "words + place + dates|harvest --place Nairobi --from 1990 --to 2009|'+harvest +dateline:nairobi +date:[1990-01-01T00:00:00Z TO 2010-01-01T00:00:00Z}'||'+harvest +place:nairobi +date:[1990-01-01T00:00:00Z TO 2010-01-01T00:00:00Z}'"
)

bench_size() {
    local n=$1 dir=$BENCH/$1
    local archive=$dir/archive jsonl=$dir/docs.jsonl
    mkdir -p "$dir"
    if [[ ! -f $dir/corpus.ok ]]; then
        log "generating $n dispatches"
        rm -rf "$archive" "$jsonl"
        "$GEN" --count "$n" --seed "$SEED" --jsonl "$jsonl" "$archive"
        echo "seed=$SEED" >"$dir/corpus.ok"
    fi
    local bytes files
    bytes=$(find "$archive" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')
    files=$(find "$archive" -name '*.txt' | wc -l)
    row "$n" corpus "dispatches / MB" "$files / $(mb "$bytes")" "" ""
    row "$n" load "load before (1/5/15 min)" "$(load)" "" ""

    # Indexing from scratch, fastest of INDEX_RUNS.
    local best_dl="" best_tv="" r t
    warm "$archive"
    cat "$jsonl" >/dev/null
    for ((r = 0; r < INDEX_RUNS; r++)); do
        if [[ $DATELINE == 1 ]]; then
            rm -rf "$dir/dl-index"
            log "dateline index ($n, run $((r + 1)))"
            t=$(timed "$DL" index "$archive" --index "$dir/dl-index" --quiet)
            if [[ -z $best_dl ]] || awk -v a="${t% *}" -v b="${best_dl% *}" 'BEGIN { exit !(a < b) }'; then best_dl=$t; fi
        fi
        tantivy_new "$dir/tv-index"
        log "tantivy index ($n, run $((r + 1)))"
        # The single quotes are on purpose: sh expands its own positional parameters.
        # shellcheck disable=SC2016
        t=$(timed sh -c 'exec "$1" index -i "$2" -t "$3" < "$4"' sh "$TANTIVY" "$dir/tv-index" "$THREADS" "$jsonl")
        if [[ -z $best_tv ]] || awk -v a="${t% *}" -v b="${best_tv% *}" 'BEGIN { exit !(a < b) }'; then best_tv=$t; fi
    done
    local tv_s tv_rss tv_anon tv_size dl_s="pending" dl_rss="" dl_anon="" dl_size=""
    read -r tv_s tv_rss tv_anon <<<"$best_tv"
    tv_size=$(du -sb "$dir/tv-index" | cut -f1)
    if [[ $DATELINE == 1 ]]; then
        read -r dl_s dl_rss dl_anon <<<"$best_dl"
        dl_size=$(du -sb "$dir/dl-index" | cut -f1)
        row "$n" index "seconds" "$dl_s" "$tv_s" ""
        row "$n" index "MB/s" "$(div "$(mb "$bytes")" "$dl_s")" "$(div "$(mb "$bytes")" "$tv_s")" ""
        row "$n" index "dispatches/s" "$(div "$files" "$dl_s" %.0f)" "$(div "$files" "$tv_s" %.0f)" ""
        row "$n" index "peak RSS MB (with mapped index files)" "$(div "$dl_rss" 1024)" "$(div "$tv_rss" 1024)" ""
        row "$n" index "peak own memory MB (RssAnon)" "$(div "$dl_anon" 1024)" "$(div "$tv_anon" 1024)" ""
        row "$n" index "dateline / tantivy-cli throughput" "$(div "$tv_s" "$dl_s" %.2fx)" "" ""
        row "$n" index "index MB" "$(mb "$dl_size")" "$(mb "$tv_size")" ""
        row "$n" index "index % of corpus" "$(div "$((dl_size * 100))" "$bytes")" "$(div "$((tv_size * 100))" "$bytes")" ""
        # The same dispatches as one JSON Lines export: a folder holding a hard link to the
        # generator's docs.jsonl (headline, dateline, body and date keys), fastest of INDEX_RUNS.
        mkdir -p "$dir/jsonl-archive"
        ln -f "$jsonl" "$dir/jsonl-archive/docs.jsonl"
        local best_jl=""
        for ((r = 0; r < INDEX_RUNS; r++)); do
            rm -rf "$dir/dl-jsonl-index"
            log "dateline index of docs.jsonl ($n, run $((r + 1)))"
            t=$(timed "$DL" index "$dir/jsonl-archive" --index "$dir/dl-jsonl-index" --quiet --max-file-size 4G)
            if [[ -z $best_jl ]] || awk -v a="${t% *}" -v b="${best_jl% *}" 'BEGIN { exit !(a < b) }'; then best_jl=$t; fi
        done
        row "$n" index-jsonl "seconds (files: $dl_s)" "${best_jl%% *}" "" ""
        local jl_s jl_rss jl_anon
        read -r jl_s jl_rss jl_anon <<<"$best_jl"
        row "$n" index-jsonl "peak RSS MB / own MB (RssAnon)" "$(div "$jl_rss" 1024) / $(div "$jl_anon" 1024)" "" ""
        "$DL" index "$archive" --index "$dir/dl-index" 2>>"$dir/dateline-index.log" >/dev/null || true
        log "re-index unchanged ($n)"
        local re find_s
        re=$(hf_shell "$dir/reindex.json" "$DL index $archive --index $dir/dl-index --quiet" 5)
        find_s=$(hf_shell "$dir/find.json" "find $archive -name '*.txt' -printf '%s %T@\\n' >/dev/null" 5)
        row "$n" reindex "seconds (find -printf '%s %T@' in the find column)" "$re" "" "$find_s"
        row "$n" reindex "dateline / find (target 2x)" "$(div "$re" "$find_s" %.2fx)" "" ""
    else
        row "$n" index "seconds" pending "$tv_s" ""
        row "$n" index "MB/s" pending "$(div "$(mb "$bytes")" "$tv_s")" ""
        row "$n" index "dispatches/s" pending "$(div "$files" "$tv_s" %.0f)" ""
        row "$n" index "peak RSS MB" pending "$(div "$tv_rss" 1024)" ""
        row "$n" index "index MB" pending "$(mb "$tv_size")" ""
        row "$n" index "index % of corpus" pending "$(div "$((tv_size * 100))" "$bytes")" ""
    fi

    # Searches: median / p95 in ms, and how many hits each tool reports.
    # tantivy-cli prints every hit's stored document (it has no top-k), so its time grows with
    # the hit count; the same query with a count aggregation (-a) prints nothing and shows
    # what matching alone costs.
    local count_agg='{"hits":{"value_count":{"field":"date"}}}'
    local q name dlq tvq rgq flq i=0 dl tv tvc rg fl hits
    for q in "${QUERIES[@]}"; do
        IFS='|' read -r name dlq tvq rgq flq <<<"$q"
        i=$((i + 1))
        log "search $n: $name"
        dl=pending tv="" rg="n/a" fl="" hits=""
        if [[ $DATELINE == 1 ]]; then
            dl=$(hf "$dir/q$i-dateline.json" "$DL search $dlq --index $dir/dl-index" | tr '\t' /)
            fl=$(hf "$dir/q$i-floor.json" "$FLOOR $dir/dl-index $flq" | tr '\t' /)
            hits="dateline $(count "\"$DL\" search $dlq --index \"$dir/dl-index\" --json --limit 10000")"
        fi
        tv=$(hf "$dir/q$i-tantivy.json" "$TANTIVY search -i $dir/tv-index -q $tvq" "$SLOW_RUNS" | tr '\t' /)
        tvc=$(hf "$dir/q$i-tantivy-count.json" "$TANTIVY search -i $dir/tv-index -q $tvq -a '$count_agg'" "$SLOW_RUNS" | tr '\t' /)
        hits="$hits tantivy $(count "\"$TANTIVY\" search -i \"$dir/tv-index\" -q $tvq")"
        if [[ -n $rgq ]]; then
            rg=$(hf "$dir/q$i-rg.json" "rg -l -i $rgq $archive" "$SLOW_RUNS" | tr '\t' /)
            hits="$hits rg $(count "rg -l -i $rgq \"$archive\"")"
        fi
        row "$n" search "$name (median/p95 ms)" "$dl" "$tv" "$rg" "$tvc" "$fl"
        row "$n" hits "$name" "$hits" "" ""
        if [[ $DATELINE == 1 ]]; then
            local rg_ratio="n/a"
            if [[ -n $rgq ]]; then rg_ratio=$(div "${rg%%/*}" "${dl%%/*}" %.0fx); fi
            row "$n" ratio "$name: dateline / floor; ripgrep / dateline" \
                "$(div "${dl%%/*}" "${fl%%/*}" %.2fx)" "" "$rg_ratio" "" ""
        fi
    done
    if [[ $DATELINE == 1 ]]; then
        t=$(timed "$DL" search harvest --index "$dir/dl-index")
        row "$n" search "peak RSS MB, common word" "$(div "$(cut -d' ' -f2 <<<"$t")" 1024)" \
            "$(div "$(timed "$TANTIVY" search -i "$dir/tv-index" -q harvest | cut -d' ' -f2)" 1024)" \
            "$(div "$(timed rg -l -i harvest "$archive" | cut -d' ' -f2)" 1024)"
        log "places, timeline, export ($n)"
        row "$n" other "places (median/p95 ms)" "$(hf "$dir/places.json" "$DL places --index $dir/dl-index" | tr '\t' /)" "" ""
        row "$n" other "timeline harvest (median/p95 ms)" "$(hf "$dir/timeline.json" "$DL timeline harvest --index $dir/dl-index" | tr '\t' /)" "" ""
        local ex ex_s
        ex=$(timed "$DL" export --index "$dir/dl-index" --format jsonl --out "$dir/export.jsonl" --quiet)
        ex_s=${ex%% *}
        row "$n" other "export JSON Lines: seconds, dispatches/s, own MB" "$ex_s, $(div "$files" "$ex_s" %.0f), $(div "${ex##* }" 1024)" "" ""
        rm -f "$dir/export.jsonl"
    fi
    row "$n" load "load after (1/5/15 min)" "$(load)" "" ""
}

# --- report ----------------------------------------------------------------------------------

report() {
    echo "| size | section | metric | dateline | tantivy-cli | ripgrep / find | tantivy-cli, count only | floor |"
    echo "| ---: | --- | --- | --- | --- | --- | --- | --- |"
    awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$ROWS"
}

main() {
    install_tools
    build
    mkdir -p "$BENCH"
    : >"$ROWS"
    : >"$BENCH/hyperfine.log"
    local n
    for n in "${SIZES[@]}"; do
        bench_size "$n"
    done
    {
        echo "# dateline benchmark, $(date -u '+%F %H:%M UTC')"
        echo
        echo "- machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB," \
            "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
        echo "- dateline ${DL_VERSION:-not measured} (binary sha256 $(sha256sum "$DL" 2>/dev/null | cut -c1-12))," \
            "$("$TANTIVY" --version), $(rg --version | head -1), $(hyperfine --version)"
        echo "- seed $SEED, $RUNS search runs (warmup 3), best of $INDEX_RUNS indexing runs," \
            "($SLOW_RUNS for tantivy-cli and ripgrep), tantivy-cli with -t $THREADS; warm page cache"
        echo
        report
    } >"$RESULTS"
    report
    log "raw results: $RESULTS, hyperfine JSON under $BENCH/<size>/"
}

main
