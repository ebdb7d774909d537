#!/usr/bin/env python3
"""Dateline ground truth for TREC AP newswire dispatches, from the raw SGML's <DATELINE> tags.

Usage: scripts/ap89-truth.py RAW_DIR DISPATCH_DIR
  RAW_DIR       the TREC SGML, one file a day, optionally gzipped (../shared/corpora/trec-ap89/raw)
  DISPATCH_DIR  the dispatches written from it (YYYY/MM/DD/DOCNO.txt); gets ground_truth.jsonl

One JSON object per dispatch present in DISPATCH_DIR, in the fields examples/dateline_accuracy.rs
reads: `path`, `dateline` (the tag as written, or null), `location`, `dateline_month_day` (AP
datelines of 1989 carry no date, so always null: the expected date is the path's) and
`dateline_shape`:
  tagged    the story's first paragraph has a <DATELINE> ("LIMA, Peru (AP)"); the location is the
            tag without its "(AP)" credit, trailing commas and typesetting leftovers ("LIMA, Peru").
  in-text   no tag, but the text opens with "PLACE (AP) _" (the tag was left in the text) or
            "PLACE _" (filed without its credit; PLACE's city in capitals and named by some tag
            of the corpus, and the next paragraph not opening the same way, as a list's entries
            do); also in the second paragraph after a stray headline line or an editors' note
            (not after a paragraph ending in a colon, which introduces a list).
  undated   the tag (or the text) says UNDATED: the wire's word for "no place"; location null.
  none      no dateline at all (summaries, columns, lists); location null.
The first paragraph is the one the dispatch converter puts first: the <DATELINE> pending before
the first <TEXT> that has any text.
"""
import gzip
import html
import json
import os
import re
import sys

CREDIT = re.compile(r"\s*\((?:AP|A|AM|A P)\s*\)\s*$", re.I)
# A dateline left in the text: PLACE, an optional AP credit (typos such as "(A)" included), then
# the wire's underscore or dash.
IN_TEXT = re.compile(r"^([A-Z][^_()]{1,60}?)\s*(\((?:AP|A|AM|A P)\s*\))?\s+[_-]\s")
EDITORS_NOTE = re.compile(r"^(EDS|Eds|EDITORS|Editors|EDITOR'S NOTE|Editor's Note)\b")


def location_of(dateline):
    """The place part of a dateline: without the credit, trailing commas, and the typesetting
    furniture some tags carry in front ("q WASHINGTON", "'NEW YORK", "Associated Press Writer=
    BEIRUT")."""
    place = CREDIT.sub("", dateline).strip().rstrip(",").strip()
    place = place.rsplit("=", 1)[-1]
    place = re.sub(r"^[^A-Za-z]+", "", place)
    place = re.sub(r"^[A-Za-z] (?=[A-Z]{2})", "", place)
    return place.strip() or None


def paragraphs(text):
    """The <TEXT>'s paragraphs as the dispatch converter joins them (an indented line starts one)."""
    paras, cur = [], []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if line.startswith("   ") and cur:
            paras.append(" ".join(cur))
            cur = []
        cur.append(line.strip())
    if cur:
        paras.append(" ".join(cur))
    return [" ".join(p.split()) for p in paras]


def first_dateline(doc):
    """The dateline tag in front of the first non-empty <TEXT>, and that text's paragraphs."""
    pending = None
    for m in re.finditer(r"<(DATELINE|TEXT)>(.*?)</\1>", doc, re.S):
        body = m.group(2)
        if m.group(1) == "DATELINE":
            pending = " ".join(html.unescape(body).split())
        elif body.strip():
            return pending, paragraphs(html.unescape(body))
    return pending, []


def in_text(paras, known_cities):
    """A dateline left in the first paragraph, or in the second when the first is a stray headline
    line or an editors' note (not one ending in a colon, which introduces a list)."""
    for i, para in enumerate(paras[:2]):
        m = IN_TEXT.match(para)
        if m:
            place = location_of(m.group(1))
            if m.group(2):
                return place
            # Without the credit: a city in capitals that some tag names, not the first of a
            # list of entries of the same shape (round-ups, car makes, budget lines).
            city = (place or "").split(",")[0].strip()
            capitals = sum(c.isupper() for c in city) > sum(c.islower() for c in city)
            listed = i + 1 < len(paras) and IN_TEXT.match(paras[i + 1])
            if capitals and not listed and city.upper() in known_cities | {"UNDATED"}:
                return place
        if i == 0 and (para.endswith(":") or not (len(para) <= 60 or EDITORS_NOTE.match(para))):
            break
    return None


def truth(doc, path, known_cities):
    dateline, paras = first_dateline(doc)
    if dateline:
        shape = "tagged"
        location = location_of(dateline)
    else:
        location = in_text(paras, known_cities)
        shape = "in-text" if location else "none"
    if location and location.upper() == "UNDATED":
        shape, location = "undated", None
    return {
        "path": path,
        "dateline": dateline,
        "location": location,
        "dateline_month_day": None,
        "dateline_shape": shape,
    }


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    raw_dir, out = sys.argv[1], sys.argv[2]
    docs = []
    for name in sorted(os.listdir(raw_dir)):
        p = os.path.join(raw_dir, name)
        opener = gzip.open if name.endswith(".gz") else open
        with opener(p, "rb") as f:
            docs.extend(re.findall(r"<DOC>(.*?)</DOC>", f.read().decode("latin-1"), re.S))
    known_cities = set()
    for doc in docs:
        for tag in re.findall(r"<DATELINE>(.*?)</DATELINE>", doc, re.S):
            place = location_of(" ".join(html.unescape(tag).split()))
            if place:
                known_cities.add(place.split(",")[0].strip().upper())
    records = []
    for doc in docs:
            m = re.search(r"<DOCNO>\s*AP(\d\d)(\d\d)(\d\d)-(\d+)\s*</DOCNO>", doc)
            if not m:
                continue
            docno = "AP%s%s%s-%s" % m.groups()
            path = "19%s/%s/%s/%s.txt" % (m.group(1), m.group(2), m.group(3), docno)
            if os.path.isfile(os.path.join(out, path)):
                records.append(truth(doc, path, known_cities))
    with open(os.path.join(out, "ground_truth.jsonl"), "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    shapes = {}
    for r in records:
        shapes[r["dateline_shape"]] = shapes.get(r["dateline_shape"], 0) + 1
    print(f"{len(records)} dispatches -> {out}/ground_truth.jsonl", shapes)


if __name__ == "__main__":
    main()
