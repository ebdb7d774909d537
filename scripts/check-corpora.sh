#!/usr/bin/env bash
# Quality figures on the shared corpora beside the checkout (../shared/corpora), each with its
# target; any figure below target fails the run. Without ../shared it says so and skips.
#   dateline accuracy on Reuters-21578 (>= 99.9% on the standard, punctuation-variant and
#   leading-junk shapes) and on the 1989 AP newswire (>= 99.9% of all dispatches, location and
#   date, against the raw SGML's <DATELINE> tags), place resolution and place search on
#   Reuters-21578, ranking on the AP newswire's dev topics (at least SQLite FTS5's nDCG@10, MAP
#   and R@100, titles and sentences) and on TIME (nDCG@10 >= 0.64): scripts/eval-ranking.sh;
#   versions of one story grouped on Reuters-21578 with versions derived from it (pairwise
#   precision >= 0.99, recall >= 0.95): examples/story_accuracy.rs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

corpora=../shared/corpora
reuters=$corpora/reuters21578/dispatches
ap89_raw=$corpora/trec-ap89/raw
ap89=target/ap89

if [ ! -d "$corpora" ]; then
    echo "skipped: $corpora is not present beside the checkout; no corpus figures checked"
    exit 0
fi

cargo build --release --locked --quiet --bin dateline --example dateline_accuracy --example place_coverage \
    --example story_accuracy

if [ -d "$reuters" ]; then
    echo "-- dateline accuracy on $reuters"
    target/release/examples/dateline_accuracy "$reuters"
    echo "-- place resolution on $reuters"
    target/release/examples/place_coverage "$reuters"
    echo "-- place search on $reuters"
    bash scripts/check-places.sh
    echo "-- stories on $reuters, with versions derived from it"
    target/release/examples/story_accuracy "$reuters" --work target/story-accuracy --check
else
    echo "skipped: $reuters not found"
fi

if [ -d "$ap89_raw" ]; then
    echo "-- dateline accuracy on the 1989 AP newswire ($ap89_raw)"
    # The dispatches are written once (about 30 s); the truth is derived again on every run.
    if [ ! -d "$ap89/1989" ]; then
        python3 ../shared/tools/trec_to_dispatches.py "$ap89_raw" "$ap89"
    fi
    python3 scripts/ap89-truth.py "$ap89_raw" "$ap89" target/ap89-truth.jsonl
    target/release/examples/dateline_accuracy "$ap89" --truth=target/ap89-truth.jsonl --gate=all
else
    echo "skipped: $ap89_raw not found"
fi

echo "-- ranking on the AP newswire and TIME (dev queries)"
bash scripts/eval-ranking.sh
