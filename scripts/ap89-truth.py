#!/usr/bin/env python3
"""Dateline ground truth for TREC AP newswire dispatches, from the raw SGML's <DATELINE> tags.

Usage: scripts/ap89-truth.py RAW_DIR DISPATCH_DIR TRUTH_FILE
  RAW_DIR       the TREC SGML, one file a day, optionally gzipped (../shared/corpora/trec-ap89/raw)
  DISPATCH_DIR  the dispatches written from it (YYYY/MM/DD/DOCNO.txt)
  TRUTH_FILE    written: one JSON line per dispatch (kept outside DISPATCH_DIR, which other
                checks index as an archive: a .jsonl inside would be read as dispatches)

One JSON object per dispatch present in DISPATCH_DIR, in the fields examples/dateline_accuracy.rs
reads: `path`, `dateline` (the tag as written, or null), `location`, `dateline_month_day` (AP
datelines of 1989 carry no date, so always null: the expected date is the path's) and
`dateline_shape`. The paragraphs are those of the <TEXT>s, laid out as the dispatch converter
lays them out (after the headline), each <DATELINE> tag in front of the paragraph it precedes,
without furniture (notes to editors, byline lines ending in "=", paragraphs with no word). The
dateline is the first paragraph's, or the second's after a paragraph that does not end in a
colon (which introduces the entries of a list or a round-up).
  tagged    the paragraph has a <DATELINE> ("LIMA, Peru (AP)"); the location is the tag
            without its "(AP)" credit, trailing commas and typesetting leftovers.
  in-text   no tag, but the paragraph opens with "PLACE (AP) _" (the tag was left in the text)
            or "PLACE _" (filed without its credit: PLACE's city in capitals and named by some
            tag of the corpus, the next paragraph not opening the same way, as the entries of
            round-ups, lists of car makes and budgets do, and not after a paragraph of more
            than 60 characters).
  undated   the tag (or the text) says UNDATED: the wire's word for "no place"; location null.
  none      no dateline (summaries, columns, transcripts, lists); location null.
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
IN_TEXT = re.compile(r"^([A-Z][^_()]{1,60}?)(?:\s*(\((?i:AP|A|AM|A P)\s*\))\s*|\s+)[_-](\s|$)")
EDITORS_NOTE = re.compile(r"^(EDS|Eds|EDITORS|Editors|EDITOR'?S NOTE|Editor'?s [Nn]ote)\b")
# A paragraph this short is a headline's stray line.
SHORT = 60


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
    """A <TEXT>'s paragraphs as the dispatch converter joins them (an indented line starts one)."""
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


def furniture(para):
    """A note to editors, a byline line ("By JANE DOE="), or a paragraph with no word."""
    letters = sum(c.isalpha() for c in para)
    return letters <= 1 or para.endswith("=") or EDITORS_NOTE.match(para) is not None


def opening(doc):
    """The dispatch's first paragraphs that are not furniture, each with the <DATELINE> tag in
    front of it (or of the furniture before it), if any."""
    out, pending = [], None
    for m in re.finditer(r"<(DATELINE|TEXT)>(.*?)</\1>", doc, re.S):
        body = m.group(2)
        if m.group(1) == "DATELINE":
            pending = " ".join(html.unescape(body).split())
            continue
        for para in paragraphs(html.unescape(body)):
            if furniture(para):
                continue
            out.append((pending, para))
            pending = None
        if len(out) >= 3:
            break
    return out


def capitals(place):
    city = (place or "").split(",")[0].strip()
    return sum(c.isupper() for c in city) > sum(c.islower() for c in city)


def in_text(para, next_para, known_cities, after_long):
    """The place of a dateline left in the paragraph's text, or None. After a long paragraph (an
    editor's introduction), only a dateline with its credit counts."""
    m = IN_TEXT.match(para)
    if not m:
        return None
    place = location_of(m.group(1))
    if m.group(2):
        return place
    if after_long:
        return None
    city = (place or "").split(",")[0].strip().upper()
    n = IN_TEXT.match(next_para or "")
    listed = n is not None and capitals(location_of(n.group(1)))
    if capitals(place) and not listed and city in known_cities | {"UNDATED"}:
        return place
    return None


def truth(doc, path, known_cities):
    paras = opening(doc)
    dateline, location, shape = None, None, "none"
    for i, (tag, para) in enumerate(paras[:2]):
        if tag:
            dateline, location, shape = tag, location_of(tag), "tagged"
            break
        next_para = paras[i + 1][1] if i + 1 < len(paras) else None
        place = in_text(para, next_para, known_cities, after_long=i > 0 and len(paras[0][1]) > SHORT)
        if place:
            location, shape = place, "in-text"
            break
        if para.endswith(":"):
            break
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
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    raw_dir, out, truth_file = sys.argv[1], sys.argv[2], sys.argv[3]
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
    with open(truth_file, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    shapes = {}
    for r in records:
        shapes[r["dateline_shape"]] = shapes.get(r["dateline_shape"], 0) + 1
    print(f"{len(records)} dispatches -> {truth_file}", shapes)


if __name__ == "__main__":
    main()
