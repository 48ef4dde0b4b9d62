#!/usr/bin/env python3
"""Word errors of `claimtrace extract` and of pdftotext (and pdfplumber, when installed) on the
PDF fixtures that have their text beside them (tests/fixtures/pdf/NAME.txt, written by
scripts/make-pdf-font-fixtures.py).

    scripts/pdf-word-errors.py [PATH/TO/claimtrace]

A word error is one word substituted, dropped or added (the word-level edit distance between
the reference and the output, words split at white space, NFC). pdftotext keeps the PDF's line
breaks, so a line-end hyphen stays a hyphen there; that is counted as it reads. Also prints
the paragraph count beside the reference's. Same licence as the project.
"""
import json
import pathlib
import shutil
import subprocess
import sys
import unicodedata

root = pathlib.Path(__file__).resolve().parent.parent
fixtures = root / "tests" / "fixtures" / "pdf"
binary = sys.argv[1] if len(sys.argv) > 1 else str(root / "target" / "debug" / "claimtrace")


def words(text):
    return unicodedata.normalize("NFC", text).split()


def distance(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y))
        prev = cur
    return prev[-1]


def claimtrace(pdf):
    out = subprocess.run([binary, "extract", "--json", str(pdf)], capture_output=True, text=True)
    if out.returncode != 0:
        return None, out.stderr.strip()
    x = json.loads(out.stdout)
    return x["text"], x.get("title")


def pdftotext(pdf):
    if not shutil.which("pdftotext"):
        return None
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         text=True)
    return out.stdout if out.returncode == 0 else None


def pdfplumber_text(pdf):
    try:
        import pdfplumber
    except ImportError:
        return None
    with pdfplumber.open(pdf) as doc:
        return "\n".join(p.extract_text() or "" for p in doc.pages)


def main():
    rows = []
    for truth_file in sorted(fixtures.glob("*.txt")):
        pdf = truth_file.with_suffix(".pdf")
        if not pdf.exists():
            continue
        truth = truth_file.read_text(encoding="utf-8")
        ref = words(truth)
        paras = len([p for p in truth.splitlines() if p.strip()])
        ct, title = claimtrace(pdf)
        ct_err = distance(ref, words(ct)) if ct is not None else None
        ct_paras = len([p for p in ct.split("\n\n") if p.strip()]) if ct else None
        pt = pdftotext(pdf)
        pp = pdfplumber_text(pdf)
        rows.append((pdf.name, len(ref), paras, ct_err, ct_paras,
                     distance(ref, words(pt)) if pt is not None else None,
                     distance(ref, words(pp)) if pp is not None else None))
    print(f"{'fixture':24} {'words':>5} {'paras':>5} | {'claimtrace':>10} {'paras':>5} | "
          f"{'pdftotext':>9} | {'pdfplumber':>10}")
    for name, n, paras, ce, cp, pe, pp in rows:
        fmt = lambda v: "-" if v is None else str(v)
        print(f"{name:24} {n:5} {paras:5} | {fmt(ce):>10} {fmt(cp):>5} | {fmt(pe):>9} | "
              f"{fmt(pp):>10}")


if __name__ == "__main__":
    main()
