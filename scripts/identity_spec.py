#!/usr/bin/env python3
"""Turn the hand annotations of source identity (tests/fixtures/identity/spec/NAME.spec) into
the fixture the test reads (tests/fixtures/identity/NAME.tsv: start, end, mention, entity; char
offsets into NAME.txt).

A spec line is `SURFACE<TAB>WHICH<TAB>ENTITY`. WHICH is `*` (every whole-word occurrence of
SURFACE, case-sensitive, not inside a span taken by an earlier line), `#N` (the Nth whole-word
occurrence only, 0-based, counted among all of them), or a number: the Nth
(0-based) third-person pronoun of the text, counted case-insensitively among he, him, his,
she, her, hers, they, them, their, it, its, himself, herself, itself, themselves — SURFACE
must be that pronoun. The entity ids are the annotator's, shared across articles."""
import re, sys, pathlib

PRON = r"\b(he|him|his|she|her|hers|they|them|their|it|its|himself|herself|itself|themselves)\b"

def convert(spec: pathlib.Path):
    txt = spec.parent.parent / (spec.stem + ".txt")
    text = txt.read_text(encoding="utf-8")
    pronouns = list(re.finditer(PRON, text, re.I))
    taken = []
    rows = []
    def free(s, e):
        return all(e <= a or s >= b for a, b in taken)
    for line in spec.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        surface, which, entity = line.split("\t")
        if which.startswith("#"):
            pat = r"(?<![\w’'])" + re.escape(surface) + r"(?![\w])"
            m = list(re.finditer(pat, text))[int(which[1:])]
            taken.append((m.start(), m.end()))
            rows.append((m.start(), m.end(), surface, entity))
        elif which == "*":
            pat = r"(?<![\w’'])" + re.escape(surface) + r"(?![\w])"
            n = 0
            for m in re.finditer(pat, text):
                if free(m.start(), m.end()):
                    taken.append((m.start(), m.end()))
                    rows.append((m.start(), m.end(), surface, entity))
                    n += 1
            if n == 0:
                sys.exit(f"{spec}: {surface!r} is not in the text")
        else:
            m = pronouns[int(which)]
            if m.group(0) != surface:
                sys.exit(f"{spec}: pronoun {which} is {m.group(0)!r}, not {surface!r}")
            taken.append((m.start(), m.end()))
            rows.append((m.start(), m.end(), surface, entity))
    rows.sort()
    out = spec.parent.parent / (spec.stem + ".tsv")
    # Offsets in chars (Python str indexes are code points).
    out.write_text("".join(f"{s}\t{e}\t{m}\t{ent}\n" for s, e, m, ent in rows), encoding="utf-8")
    print(f"{out.name}: {len(rows)} mentions, {len(set(r[3] for r in rows))} entities")

for spec in sorted(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/identity/spec").glob("*.spec")):
    convert(spec)
