#!/usr/bin/env python3
"""Turn quick attribution notes into a brat .ann (PolNeAR scheme) for the suggestion dev set.

    scripts/suggest-annotate.py X.txt X.notes > X.ann

Each line of X.notes is one attribution, in text order:

    CONTENT ## CUE ## SOURCE

CONTENT is the exact text of the content; a discontinuous content lists its fragments separated
by " ... ". SOURCE may be empty (no source mention). A CUE
written ">CUE" is taken at its first occurrence after the content. The content is found at its first
occurrence at or after the previous line's content (else anywhere; "@N CONTENT" takes the Nth), the cue at the occurrence
nearest the content, the source at the occurrence nearest the cue. Lines starting with # are
comments. Offsets are code points, half-open, as brat wants them.
"""
import sys

def occurrences(text, s):
    out, i = [], text.find(s)
    while i >= 0:
        out.append(i)
        i = text.find(s, i + 1)
    return out

def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    t = e = 0
    cursor = 0
    for n, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("##")]
        if len(parts) != 3:
            sys.exit(f"{sys.argv[2]}:{n}: want CONTENT ## CUE ## SOURCE")
        content, cue, source = parts
        nth = None
        if content.startswith("@") and " " in content:
            nth, content = content[1:].split(" ", 1)
            nth = int(nth) - 1
        frags = []
        pos = None
        for f in content.split(" ... "):
            occ = occurrences(text, f)
            if not occ:
                sys.exit(f"{sys.argv[2]}:{n}: content fragment not found: {f!r}")
            after = [o for o in occ if o >= (cursor if pos is None else pos)]
            o = occ[nth] if nth is not None and pos is None else (after or occ)[0]
            frags.append((o, o + len(f)))
            pos = o + len(f)
        cursor = frags[0][0]
        mid = frags[0][0]
        after_only = cue.startswith(">")
        cue = cue.lstrip(">")
        occ = occurrences(text, cue)
        if after_only:
            occ = [o for o in occ if o >= frags[-1][1]]
        if not occ:
            sys.exit(f"{sys.argv[2]}:{n}: cue not found: {cue!r}")
        def dist(o, l):
            return min(abs(o - a) + abs(o + l - b) for a, b in frags) if frags else 0
        c = min(occ, key=lambda o: min(abs(o - fb) if o >= fb else abs(fa - o - len(cue)) for fa, fb in frags) if not any(fa <= o < fb for fa, fb in frags) else 10**6)
        cue_span = (c, c + len(cue))
        src_span = None
        if source:
            occ = occurrences(text, source)
            if not occ:
                sys.exit(f"{sys.argv[2]}:{n}: source not found: {source!r}")
            s = min(occ, key=lambda o: abs(o - c))
            src_span = (s, s + len(source))
        def tb(kind, spans):
            nonlocal t
            t += 1
            rng = ";".join(f"{a} {b}" for a, b in spans)
            txt = " ".join(text[a:b] for a, b in spans).replace("\n", " ")
            print(f"T{t}\t{kind} {rng}\t{txt}")
            return t
        ts = tb("Source", [src_span]) if src_span else None
        tq = tb("Cue", [cue_span])
        tc = tb("Content", frags)
        ta = tb("Attribution", [cue_span])
        e += 1
        if ts:
            print(f"E{e}\tAttribution:T{ta} Content:T{tc} Cue:T{tq} Source:T{ts}")
        else:
            print(f"E{e}\tAttribution-no-source:T{ta} Content:T{tc} Cue:T{tq}")

main()
