#!/usr/bin/env python3
"""Rebuild the running text of a GUM document (UD English GUM, `not-to-release/sources/*.conllu`).

    scripts/gum-to-text.py GUM_news_asylum.conllu > news-asylum.txt

GUM keeps each sentence's text in a `# text = ` comment and marks paragraph starts with
`# newpar`. The output is one paragraph a line, sentences joined by one space, a blank line
between paragraphs; the title (the first paragraph) is kept as the first line. Used to build
the Wikinews part of the suggestion development set (tests/fixtures/suggest/SOURCE.md).
"""
import sys

def main():
    paras, cur = [], []
    for line in open(sys.argv[1], encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# newpar") and not line.startswith("# newpar_block"):
            if cur:
                paras.append(" ".join(cur))
            cur = []
        elif line.startswith("# text = "):
            cur.append(line[len("# text = "):].strip())
    if cur:
        paras.append(" ".join(cur))
    sys.stdout.write("\n\n".join(paras) + "\n")

if __name__ == "__main__":
    main()
