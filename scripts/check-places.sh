#!/usr/bin/env bash
# Place search on real wire copy: indexes Reuters-21578 (../shared/corpora) with the release
# binary and checks that `--place Japan` finds every TOKYO dateline and `--place Argentina` every
# BUENOS AIRES one. Fails when one is missing; skips when the corpus is not present.
#   usage: scripts/check-places.sh [BINARY]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

reuters=../shared/corpora/reuters21578/dispatches
binary=${1:-target/release/dateline}
if [ ! -d "$reuters" ]; then
    echo "skipped: $reuters is not present beside the checkout"
    exit 0
fi
[ -x "$binary" ] || cargo build --release --locked --quiet --bin dateline

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The dispatches only: the folder's ground_truth.jsonl would be read as an export of its own.
mkdir "$work/archive"
cp -r "$reuters"/[0-9]* "$work/archive/"
"$binary" index "$work/archive" --index "$work/index" --quiet
status=0
for pair in "TOKYO:Japan" "BUENOS AIRES:Argentina"; do
    city=${pair%%:*}
    country=${pair#*:}
    "$binary" search --place "$country" --all-versions --index "$work/index" --limit 10000 --json >"$work/hits.jsonl" || true
    python3 - "$reuters/ground_truth.jsonl" "$work/hits.jsonl" "$city" "$country" <<'PY' || status=1
import json, sys
truth, hits, city, country = sys.argv[1:5]
wanted = {r["path"] for r in map(json.loads, open(truth)) if (r.get("location") or "").strip().upper() == city}
found = {json.loads(line)["path"] for line in open(hits) if line.strip()}
missing = sorted(wanted - found)
print(f"--place {country}: {len(found)} hits, {len(wanted) - len(missing)} of {len(wanted)} {city} datelines")
if missing:
    print("  missing:", ", ".join(missing[:10]))
    sys.exit(1)
PY
done
[ "$status" -eq 0 ] && echo "PASS: every TOKYO and BUENOS AIRES dateline is found by its country" || echo "FAIL"
exit "$status"
