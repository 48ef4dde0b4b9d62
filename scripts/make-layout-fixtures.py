#!/usr/bin/env python3
"""Make tests/fixtures/pdf/three-column-notice.pdf: a two-page, three-column notice laid out
like a Federal Register page, with the layout defects seen on real government PDFs:

- the section's name "Rules and Regulations" in large type (the running header repeats it), a
  sidebar box on page 1 in small type, and a larger title (the title must be the title);
- three columns of justified-looking text whose paragraphs start with a first-line indent;
- a running header (with the page number) and a running footer whose numbers change per page
  ("VerDate Sep<11>2014 ... Jkt 262001 PO 00000 Frm 00001 ...");
- text printed sideways in the left margin;
- accents drawn as separate spacing glyphs over or before their letter ("Age" "ˆ" "ncia",
  "Aviac" "‚" "a" "˜" "o", TeX-style "´" before a dotless "ı" in "Física", "¨" before "ı" in
  "naïve");
- a soft hyphen U+00AD at a line end and one mid-line, ordinary hyphens at line ends;
- a URL split at a line end ("https://www.faa.gov/" | "aircraft/...");
- a footnote in small type at the foot of a column and a figure caption in small type inside a
  column, both in the middle of a sentence that goes on after them, and a sentence that goes on
  across the page break.

Needs reportlab (pip install reportlab) and the DejaVu fonts (Debian's fonts-dejavu-core). The
output is committed; run this only to change it. Same licence as the project.
"""
import pathlib
import random

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

root = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pdf"
FONT_DIR = pathlib.Path("/usr/share/fonts/truetype/dejavu")
pdfmetrics.registerFont(TTFont("Serif", str(FONT_DIR / "DejaVuSerif.ttf")))
pdfmetrics.registerFont(TTFont("Serif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))

W, H = letter
MARGIN = 45
GUTTER = 12
COL_W = (W - 2 * MARGIN - 2 * GUTTER) / 3
TOP, BOTTOM = H - 70, 60
BODY, LEAD = 8.5, 10.5
SMALL = 6.5

# Accented words drawn as separate glyphs: (word as it should read, [(text, accent), ...]) where
# each piece is drawn as `text` then the spacing `accent` centred over the last letter of `text`
# ("after"), or, for ("before", accent, letter), the accent first and then the letter.
ACCENTED = {
    "Agência": [("Age", "ˆ"), ("ncia", None)],
    "Aviação": [("Aviac", "‚"), ("a", "˜"), ("o", None)],
    "Física": [("F", None), ("before", "´", "ı"), ("sica", None)],
    "naïve": [("na", None), ("before", "¨", "ı"), ("ve", None)],
    "Brasília": [("Bras", None), ("before", "´", "ı"), ("lia", None)],
}

rng = random.Random(18)
NOUNS = ["operator", "airplane", "inspection", "rule", "agency", "comment", "repair",
         "manufacturer", "assembly", "cost", "requirement", "procedure", "owner", "part",
         "bracket", "actuator", "wing spar", "fuel pump", "landing gear", "door seal", "manual",
         "schedule", "report", "valve", "sensor", "harness", "panel", "bulletin"]
VERBS = ["requires", "revises", "addresses", "includes", "affects", "describes", "limits",
         "supersedes", "clarifies", "extends"]
ADJ = ["affected", "final", "unsafe", "applicable", "new", "certain", "additional", "related",
       "corroded", "cracked", "revised", "original", "left", "right", "forward", "aft"]


def sentence():
    words = [rng.choice(["The", "Each", "This", "That", "An"]), rng.choice(ADJ), rng.choice(NOUNS),
             rng.choice(VERBS), "the", rng.choice(ADJ), rng.choice(NOUNS)]
    words += rng.choice([["before", "the", "next", "flight"], ["for", "every", "operator"],
                         ["within", "ninety", "days"], ["as", "described", "below"], []])
    return " ".join(words) + "."


def paragraph(n, extra=()):
    words = []
    for _ in range(n):
        words += sentence().split()
    words += list(extra)
    return words


# A word "a|b" breaks the line after "a" with no space ("regu-|lation", "https://x/|path").
PARAS = [
    "The FAA is adopting a new airworthiness directive (AD) for certain airplanes made in Brazil "
    "and certified by the Agência Nacional de Aviação Civil (ANAC), which is the aviation "
    "authority for Brazil. This AD was prompted by a report that a naïve reading of the Física "
    "de Voo manual led to an unsafe setting.".split(),
    paragraph(5),
    paragraph(4) + "For service information identified in this AD, contact the manufacturer, "
    "or visit https://www.faa.gov/|aircraft/air_cert/continued_operation. You may view this "
    "referenced service information at the FAA.".split(),
    paragraph(6, "The agency in Brasília has issued a regu-|lation on the same e\u00admail "
    "procedure.".split()),
    paragraph(5),
    paragraph(7),
    paragraph(6),
    paragraph(8),
    # This one is cut by the footnote and the page break ("§": the page ends after this line).
    paragraph(7) + "The ANAC reported that the operator did not comply with the in\u00ad|spection "
    "schedule because the|§ inspection program had not been revised since the last audit of the "
    "fleet.".split() + paragraph(3),
    paragraph(7),
    paragraph(8),
    paragraph(6),
    paragraph(9),
]


def wrap(words, width, font, size, indent):
    """Greedy line filling; a word with '|' forces a break at the bar (no space)."""
    lines, cur, first = [], [], True
    avail = width - (indent if first else 0)
    i = 0
    words = list(words)
    while i < len(words):
        w = words[i]
        if "|" in w:
            head, tail = w.split("|", 1)
            if cur and pdfmetrics.stringWidth(" ".join(cur + [head]), font, size) > avail:
                lines.append(" ".join(cur))
                cur, first = [], False
                avail = width
            cur.append(head)
            lines.append(" ".join(cur))
            cur, first = [], False
            avail = width
            words[i] = tail
            continue
        trial = " ".join(cur + [w])
        if cur and pdfmetrics.stringWidth(trial, font, size) > avail:
            lines.append(" ".join(cur))
            cur, first = [w], False
            avail = width
        else:
            cur.append(w)
        i += 1
    if cur:
        lines.append(" ".join(cur))
    return lines


def draw_line(c, x, y, text, font, size):
    """Draw a line, accented words as separate glyphs."""
    c.setFont(font, size)
    for k, word in enumerate(text.split(" ")):
        if k:
            x += pdfmetrics.stringWidth(" ", font, size)
        core = word.rstrip(".,;:)").lstrip("(")
        pre = word[: word.index(core)] if core else ""
        post = word[len(pre) + len(core):]
        if core in ACCENTED:
            if pre:
                c.drawString(x, y, pre)
                x += pdfmetrics.stringWidth(pre, font, size)
            for piece in ACCENTED[core]:
                if piece[0] == "before":
                    _, accent, letter_ = piece
                    lw = pdfmetrics.stringWidth(letter_, font, size)
                    aw = pdfmetrics.stringWidth(accent, font, size)
                    c.drawString(x + (lw - aw) / 2, y, accent)
                    c.drawString(x, y, letter_)
                    x += lw
                    continue
                part, accent = piece
                c.drawString(x, y, part)
                pw = pdfmetrics.stringWidth(part, font, size)
                if accent:
                    lw = pdfmetrics.stringWidth(part[-1], font, size)
                    aw = pdfmetrics.stringWidth(accent, font, size)
                    c.drawString(x + pw - lw + (lw - aw) / 2, y, accent)
                x += pw
            if post:
                c.drawString(x, y, post)
                x += pdfmetrics.stringWidth(post, font, size)
        else:
            c.drawString(x, y, word)
            x += pdfmetrics.stringWidth(word, font, size)


def furniture(c, page):
    c.setFont("Serif", 7)
    c.drawString(MARGIN, H - 40,
                 "Federal Register / Vol. 89, No. 61 / Friday, March 29, 2024 / Rules and Regulations")
    c.drawRightString(W - MARGIN, H - 40, f"{21959 + page}")
    c.setFont("Serif", 5.5)
    c.drawString(MARGIN, 30, f"VerDate Sep<11>2014 16:{40 + page} Mar 28, 2024 Jkt 26200{page} "
                             f"PO 00000 Frm 0000{page} Fmt 4700 Sfmt 4700 E:\\FR\\FM\\29MRR1.SGM "
                             f"29MRR{page}")
    # Sideways in the margin.
    c.saveState()
    c.translate(25, 300)
    c.rotate(90)
    c.setFont("Serif", 6)
    c.drawString(0, 0, f"jspears on DSK121TN23PROD with RULES{page}")
    c.restoreState()


def main():
    c = canvas.Canvas(str(root / "three-column-notice.pdf"), pagesize=letter)
    c.setTitle("")
    page, col = 1, 0
    furniture(c, page)
    y = TOP
    # Page 1: the sidebar box in column 1, the title across columns 2 and 3.
    c.setFont("Serif", SMALL)
    side = ("This section of the FEDERAL REGISTER contains regulatory documents having general "
            "applicability and legal effect, most of which are keyed to and codified in the Code "
            "of Federal Regulations.").split()
    # The section's name in large type above the sidebar (the running header repeats it).
    c.setFont("Serif-Bold", 16)
    c.drawString(MARGIN, TOP + 14, "Rules and Regulations")
    c.setFont("Serif", SMALL)
    c.rect(MARGIN - 2, TOP - 70, COL_W + 4, 80)
    sy = TOP - 4
    for line in wrap(side, COL_W - 4, "Serif", SMALL, 0):
        c.drawString(MARGIN, sy, line)
        sy -= SMALL + 2
    x2 = MARGIN + COL_W + GUTTER
    c.setFont("Serif-Bold", 13)
    c.drawString(x2, TOP, "Airworthiness Directives; Embraer")
    c.drawString(x2, TOP - 16, "S.A. Airplanes")
    y = TOP - 90
    footnote_done = caption_done = False

    def next_col():
        nonlocal col, y, page
        col += 1
        y = TOP - 90 if page == 1 else TOP
        if col == 3:
            c.showPage()
            page += 1
            furniture(c, page)
            col = 0
            y = TOP

    for pi, words in enumerate(PARAS):
        lines = wrap(words, COL_W, "Serif", BODY, 10)
        for li, line in enumerate(lines):
            # Page 1, column 3: a footnote at the foot, in the middle of paragraph 9.
            bottom = BOTTOM + (30 if (page == 1 and col == 2) else 0)
            if y < bottom:
                if page == 1 and col == 2 and not footnote_done:
                    footnote_done = True
                    fx = MARGIN + col * (COL_W + GUTTER)
                    c.setFont("Serif", SMALL)
                    c.line(fx, BOTTOM + 18, fx + 50, BOTTOM + 18)
                    c.drawString(fx, BOTTOM + 10, "1 The registry is kept by the FAA Aircraft")
                    c.drawString(fx, BOTTOM + 2, "Registration Branch in Oklahoma City.")
                next_col()
            # Page 2, column 1: a figure caption set apart, mid-paragraph.
            if page == 2 and col == 0 and not caption_done and y < TOP - 300:
                caption_done = True
                y -= 8
                c.setFont("Serif", SMALL)
                x = MARGIN + col * (COL_W + GUTTER)
                c.drawString(x, y, "Figure 1. The affected wing assembly, seen from")
                c.drawString(x, y - SMALL - 2, "below (photo: ANAC).")
                y -= 2 * (SMALL + 2) + 10
            x = MARGIN + col * (COL_W + GUTTER) + (10 if li == 0 else 0)
            force = line.startswith("§")
            if force:
                # The line before was the last of page 1: the footnote, then page 2.
                if not footnote_done:
                    footnote_done = True
                    fx = MARGIN + col * (COL_W + GUTTER)
                    c.setFont("Serif", SMALL)
                    c.line(fx, BOTTOM + 18, fx + 50, BOTTOM + 18)
                    c.drawString(fx, BOTTOM + 10, "1 The registry is kept by the FAA Aircraft")
                    c.drawString(fx, BOTTOM + 2, "Registration Branch in Oklahoma City.")
                while page == 1:
                    next_col()
                line = line[1:].lstrip()
            draw_line(c, x if not force else MARGIN + col * (COL_W + GUTTER), y, line, "Serif", BODY)
            y -= LEAD
    c.showPage()
    c.save()


main()
