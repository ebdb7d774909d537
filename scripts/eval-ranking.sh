#!/usr/bin/env bash
# Ranking quality of the release binary on the shared test collections, each against its floor
# (scored by ../shared/tools/eval_ranking.py through eval_dateline_time.sh); fails when a figure
# is below it:
#   TREC AP 1989 newswire, 71 dev topics typed as titles ("Airbus Subsidies") and as sentences:
#     nDCG@10, MAP and R@100 at least SQLite FTS5's on the same topics
#     (titles 0.347 / 0.199 / 0.476, sentences 0.355 / 0.183 / 0.422);
#   TIME magazine, 42 dev queries: nDCG@10 at least 0.64.
# The AP dispatches are written once into target/ap89 by ../shared/tools/trec_to_dispatches.py.
#   usage: scripts/eval-ranking.sh [BINARY]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

shared=../shared
binary=${1:-target/release/dateline}
ap89=target/ap89
if [ ! -d "$shared/corpora" ]; then
    echo "skipped: $shared/corpora is not present beside the checkout; no ranking figures checked"
    exit 0
fi
[ -x "$binary" ] || cargo build --release --locked --quiet --bin dateline

failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# score NAME QUERIES QRELS DISPATCHES MIN_NDCG MIN_MAP MIN_R100
score() {
    local name=$1 queries=$2 qrels=$3 dispatches=$4 min_ndcg=$5 min_map=$6 min_recall=$7
    if ! bash "$shared/tools/eval_dateline_time.sh" "$binary" "$queries" "$qrels" "$dispatches" \
        >"$out" 2>&1; then
        cat "$out"
        echo "FAIL: $name: the evaluation did not run cleanly"
        failed=1
        return
    fi
    local figures
    figures=$(tail -n 1 "$out")
    echo "$name: $figures"
    local metric value floor
    for metric in nDCG@10:$min_ndcg MAP:$min_map R@100:$min_recall; do
        floor=${metric#*:}
        metric=${metric%%:*}
        [ "$floor" = - ] && continue
        value=$(sed -n "s/.*$metric=\([0-9.]*\).*/\1/p" <<<"$figures")
        if [ -z "$value" ]; then
            echo "FAIL: $name: no $metric in the evaluation's output"
            failed=1
        elif awk -v v="$value" -v m="$floor" 'BEGIN { exit !(v + 0 < m + 0) }'; then
            echo "FAIL: $name: $metric $value is below $floor"
            failed=1
        else
            echo "PASS: $name: $metric $value >= $floor"
        fi
    done
}

ap_dev=$shared/corpora/trec-ap89/dev
if [ -d "$ap_dev" ] && [ -d "$shared/corpora/trec-ap89/raw" ]; then
    if [ ! -d "$ap89/1989" ]; then
        python3 "$shared/tools/trec_to_dispatches.py" "$shared/corpora/trec-ap89/raw" "$ap89"
    fi
    score "AP89 titles" "$ap_dev/queries.title.tsv" "$ap_dev/qrels.paths.trec" "$ap89" 0.347 0.199 0.476
    score "AP89 sentences" "$ap_dev/queries.desc.tsv" "$ap_dev/qrels.paths.trec" "$ap89" 0.355 0.183 0.422
else
    echo "skipped: $ap_dev not found"
fi

time_dev=$shared/corpora/time/dev
if [ -d "$time_dev" ]; then
    score "TIME" "$time_dev/queries.tsv" "$time_dev/qrels.paths.trec" "$shared/corpora/time/dispatches" 0.64 - -
else
    echo "skipped: $time_dev not found"
fi

exit $failed
