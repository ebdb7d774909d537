#!/usr/bin/env bash
# Ranking quality of the release binary on the TIME test collection's dev queries.
# Prints nDCG@10, MAP, P@10 and R@100 (scored by ../shared/tools/eval_ranking.py) and fails
# when nDCG@10 is below MIN_NDCG (default 0.64).
#   usage: scripts/eval-ranking.sh [BINARY]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

min_ndcg=${MIN_NDCG:-0.64}
shared=../shared
binary=${1:-target/release/dateline}
if [ ! -d "$shared/corpora/time/dev" ]; then
    echo "skipped: $shared/corpora/time/dev is not present beside the checkout"
    exit 0
fi
[ -x "$binary" ] || cargo build --release --locked --quiet --bin dateline

out=$(mktemp)
trap 'rm -f "$out"' EXIT
bash "$shared/tools/eval_dateline_time.sh" "$binary" \
    "$shared/corpora/time/dev/queries.tsv" "$shared/corpora/time/dev/qrels.paths.trec" \
    "$shared/corpora/time/dispatches" >"$out" 2>&1 || { cat "$out"; echo "FAIL: evaluation did not run cleanly"; exit 1; }
figures=$(tail -n 1 "$out")
echo "$figures"
ndcg=$(sed -n 's/.*nDCG@10=\([0-9.]*\).*/\1/p' <<<"$figures")
if [ -z "$ndcg" ]; then
    cat "$out"
    echo "FAIL: no nDCG@10 in the evaluation's output"
    exit 1
fi
if awk -v v="$ndcg" -v m="$min_ndcg" 'BEGIN { exit !(v + 0 < m + 0) }'; then
    echo "FAIL: nDCG@10 $ndcg is below $min_ndcg"
    exit 1
fi
echo "PASS: nDCG@10 $ndcg >= $min_ndcg"
