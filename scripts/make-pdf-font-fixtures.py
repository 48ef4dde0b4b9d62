#!/usr/bin/env python3
"""Make the font and layout class fixtures in tests/fixtures/pdf/ (issue 22, point 8), each
with the text it should read as beside it (NAME.txt: one paragraph a line, written here, never
by the code under test):

- simple-encoding.pdf: a Type1C (CFF) font whose built-in encoding is StandardEncoding, used
  with /Encoding /WinAnsiEncoding, and the same font with an /Encoding dictionary of
  /Differences (AGL names, "uniXXXX" names, "f_i" ligature names, ".sc" suffixed names), no
  ToUnicode map: "é" is 0xE9, which StandardEncoding calls "Oslash" (Ø).
- cid-identity-h.pdf: a Type0 font (CIDFontType2, Identity-H, embedded TrueType subset) whose
  /W array uses the range form "first last width" as well as "first [w ...]", drawn in the
  ways producers place CID text: TJ arrays with kerning and word gaps given as offsets (no space
  glyph), one glyph at a time with its own Td, horizontal scaling (Tz), character spacing (Tc),
  a text matrix that scales x and y differently at font size 1.
- tounicode-gaps.pdf: Type0 fonts whose ToUnicode CMap leaves some glyphs out (they are in the
  embedded font's cmap), maps others to nothing (<0000>), uses bfrange with an array of
  destinations and multi-character destinations ("ffi"), a bfrange destination run, and a
  simple TrueType font whose ToUnicode lacks some codes that its /Encoding has.
- dashes-and-quote.pdf: line ends on a kept dash (en dash in "FAA–2020–0686", "206–231–3195",
  em dash between words, a hyphen in "bien-être"), and indented block quotes (same size and
  smaller) with a line-end hyphen inside ("experi-/ence").
- letter-gaps.pdf: a CID font (Identity-H TrueType) whose letters stand more than a tenth of
  an em apart: with space glyphs drawn between the words (letters apart by TJ offsets of up
  to 0.13 em, as a PDF re-rendered with other metrics has them), and without space glyphs
  (letters 0.12-0.16 em apart, words 0.5 em).
- junk-title.pdf: document information /Title "88300 162..177" and a larger heading on page 1.
- junk-title-plain.pdf: /Title "office-2007", the heading in the body's size and bold.

Needs pikepdf and fonttools (pip), the DejaVu fonts (Debian fonts-dejavu-core) and the URW base
35 fonts (fonts-urw-base35). The outputs are committed; run this only to change them. Same
licence as the project.
"""
import io
import pathlib
import zlib

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name

root = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pdf"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
NIMBUS = "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf"
W, H = 612, 792
LEFT, RIGHT = 72, 540


def new_pdf(title=None):
    pdf = pikepdf.new()
    if title is not None:
        pdf.docinfo[Name.Title] = title
        pdf.docinfo[Name.Producer] = "make-pdf-font-fixtures.py"
    return pdf


def add_page(pdf, content: bytes, fonts: dict):
    page = pdf.add_blank_page(page_size=(W, H))
    page.obj.Resources = Dictionary(Font=Dictionary({"/" + k: v for k, v in fonts.items()}))
    page.obj.Contents = pdf.make_stream(content)
    return page


def wrap(words, width_of, measure):
    """Greedy line breaking: lists of words whose width (with one space each) fits."""
    lines, cur = [], []
    for w in words:
        trial = cur + [w]
        if cur and width_of(" ".join(trial)) > measure:
            lines.append(cur)
            cur = [w]
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


def subset_font(path, text, keep_gids):
    f = TTFont(path)
    opts = subset.Options()
    opts.glyph_names = True
    opts.retain_gids = keep_gids
    opts.notdef_outline = True
    opts.layout_features = []
    opts.name_IDs = ["*"]
    s = subset.Subsetter(opts)
    s.populate(text=text)
    s.subset(f)
    buf = io.BytesIO()
    f.save(buf)
    return buf.getvalue()


def write_truth(name, paragraphs):
    (root / (name + ".txt")).write_text("\n".join(paragraphs) + "\n", encoding="utf-8")


def utf16hex(s):
    return s.encode("utf-16-be").hex().upper()


# ---------------------------------------------------------------- simple-encoding.pdf

FR = [
    "Le médecin a évalué l’état général du patient âgé de soixante-dix ans. Selon l’équipe "
    "soignante, la fièvre a cédé après trois jours ; la créatinine est restée élevée, et une "
    "échographie rénale a été réalisée à l’hôpital.",
    "Les résultats préliminaires, présentés lors d’une réunion à Besançon, montrent que la "
    "thérapie réduit de moitié la durée du séjour. « Nous sommes très encouragés », a déclaré "
    "la coordinatrice de l’étude, qui a précisé que les effets indésirables étaient rares.",
    "Ce chapitre décrit également les critères de qualité : sécurité, efficacité, équité et "
    "continuité des soins, ainsi que le rôle du pharmacien dans la révision des traitements.",
]
FR2 = [
    "Deuxième série : les données ont été vérifiées par un comité indépendant, présidé par "
    "Élise Côté, qui a confirmé l’efficacité du protocole et a salué la rigueur des équipes.",
    "Après la réunion, le directeur a affirmé que le financement fédéral était assuré pour "
    "l’année prochaine, ce qui permettra d’élargir l’étude à d’autres régions.",
]
# Codes 128… of the /Differences font: glyph names as producers write them.
DIFF = [
    ("é", "eacute"), ("è", "egrave"), ("à", "agrave"), ("ç", "ccedilla"), ("ô", "ocircumflex"),
    ("’", "quoteright"), ("ê", "uni00EA"), ("É", "Eacute"), ("â", "acircumflex"),
    ("î", "icircumflex"), ("û", "ucircumflex"), ("Ô", "Ocircumflex"), ("ï", "idieresis"),
    ("«", "guillemotleft"), ("»", "guillemotright"), ("œ", "oe"), ("ù", "ugrave"),
    ("fi", "f_i"), ("ff", "f_f"), ("fl", "f_l"),
]


def make_simple_encoding():
    otf = TTFont(NIMBUS)
    cmap = otf.getBestCmap()
    chars = "".join(sorted(set("".join(FR + FR2)))) + "fi"
    data = subset_font(NIMBUS, chars, keep_gids=False)
    sub = TTFont(io.BytesIO(data))
    cff = sub.getTableData("CFF ")
    hmtx = otf["hmtx"]
    upem = otf["head"].unitsPerEm

    def adv(ch):
        g = cmap.get(ord(ch))
        return hmtx[g][0] * 1000 / upem if g else 500

    pdf = new_pdf()
    ff = pdf.make_stream(cff)
    ff.Subtype = Name.Type1C
    desc = pdf.make_indirect(Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/ABCDEF+NimbusRoman-Regular"), Flags=34,
        FontBBox=[-168, -281, 1000, 924], ItalicAngle=0, Ascent=683, Descent=-217,
        CapHeight=662, StemV=84, FontFile3=ff))
    # Font 1: /WinAnsiEncoding over the CFF's built-in StandardEncoding.
    widths1 = []
    for code in range(32, 256):
        try:
            ch = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            ch = None
        widths1.append(round(adv(ch)) if ch else 0)
    f1 = pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.Type1, BaseFont=Name("/ABCDEF+NimbusRoman-Regular"),
        FirstChar=32, LastChar=255, Widths=widths1, Encoding=Name.WinAnsiEncoding,
        FontDescriptor=desc))
    # Font 2: an /Encoding dictionary (no /Type, no /BaseEncoding) with /Differences from 128.
    diffs = Array([128] + [Name("/" + n) for _, n in DIFF])
    code_of = {}
    for i, (s, _) in enumerate(DIFF):
        code_of[s] = 128 + i
    widths2 = [round(adv(chr(c))) if c < 128 else 0 for c in range(32, 128)]
    for s, _ in DIFF:
        widths2.append(round(sum(adv(c) for c in s)))
    f2 = pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.Type1, BaseFont=Name("/ABCDEF+NimbusRoman-Regular"),
        FirstChar=32, LastChar=127 + len(DIFF), Widths=widths2,
        Encoding=Dictionary(Differences=diffs), FontDescriptor=desc))

    def enc2(text):
        out = bytearray()
        i = 0
        while i < len(text):
            two = text[i:i + 2]
            if two in code_of:
                out.append(code_of[two])
                i += 2
                continue
            c = text[i]
            out.append(code_of[c] if c in code_of else ord(c))
            i += 1
        return bytes(out)

    size, lead = 11, 14
    ops = []
    y = H - 90

    def para(text, font, encode):
        nonlocal y
        for line in wrap(text.split(), lambda s: sum(adv(c) for c in s) * size / 1000,
                         RIGHT - LEFT):
            s = encode(" ".join(line))
            esc = s.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"BT /%s %d Tf %d %d Td (" % (font, size, LEFT, y) + esc + b") Tj ET")
            y -= lead
        y -= 8

    for p in FR:
        para(p, b"F1", lambda s: s.encode("cp1252"))
    for p in FR2:
        para(p, b"F2", enc2)
    add_page(pdf, b"\n".join(ops), {"F1": f1, "F2": f2})
    pdf.save(root / "simple-encoding.pdf")
    write_truth("simple-encoding", FR + FR2)


# ---------------------------------------------------------------- CID fonts


class CidFont:
    """DejaVu Sans as a Type0 font: Identity-H, glyph ids as CIDs (the subset keeps them)."""

    def __init__(self, pdf, text, path=DEJAVU, tounicode=None, w_ranges=True):
        self.tt = TTFont(path)
        self.cmap = self.tt.getBestCmap()
        self.upem = self.tt["head"].unitsPerEm
        self.hmtx = self.tt["hmtx"]
        chars = sorted(set(text))
        self.gid = {c: self.tt.getGlyphID(self.cmap[ord(c)]) for c in chars if ord(c) in self.cmap}
        data = subset_font(path, "".join(chars), keep_gids=True)
        ff = pdf.make_stream(data)
        ff.Length1 = len(data)
        name = Name("/QWERTY+DejaVuSans")
        desc = pdf.make_indirect(Dictionary(
            Type=Name.FontDescriptor, FontName=name, Flags=32, FontBBox=[-1021, -463, 1793, 1232],
            ItalicAngle=0, Ascent=928, Descent=-236, CapHeight=729, StemV=80, FontFile2=ff))
        widths = {g: round(self.adv_units(g)) for g in sorted(self.gid.values())}
        cid = pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=name,
            CIDSystemInfo=Dictionary(Registry=pikepdf.String("Adobe"),
                                     Ordering=pikepdf.String("Identity"), Supplement=0),
            FontDescriptor=desc, CIDToGIDMap=Name.Identity, DW=1000,
            W=self.w_array(widths, w_ranges)))
        uni = {g: c for c, g in self.gid.items()}
        tu = tounicode(uni) if tounicode else bfchar_cmap(uni)
        self.font = pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.Type0, BaseFont=name, Encoding=Name("/Identity-H"),
            DescendantFonts=[cid], ToUnicode=pdf.make_stream(tu.encode())))

    @staticmethod
    def w_array(widths, ranges):
        """/W: runs of equal widths in the range form "first last w", others as "first [w…]"."""
        out = []
        gids = sorted(widths)
        i = 0
        while i < len(gids):
            j = i
            while j + 1 < len(gids) and gids[j + 1] == gids[j] + 1:
                j += 1
            run = gids[i:j + 1]
            k = 0
            while k < len(run):
                m = k
                while m + 1 < len(run) and widths[run[m + 1]] == widths[run[k]]:
                    m += 1
                if ranges and m > k:
                    out += [run[k], run[m], widths[run[k]]]
                else:
                    out += [run[k], Array([widths[g] for g in run[k:m + 1]])]
                k = m + 1
            i = j + 1
        return Array(out)

    def adv_units(self, gid):
        return self.hmtx[self.tt.getGlyphName(gid)][0] * 1000 / self.upem

    def adv(self, ch):
        return self.adv_units(self.gid[ch]) if ch in self.gid else 600

    def width(self, s, size):
        return sum(self.adv(c) for c in s) * size / 1000

    def hex(self, s):
        return b"<" + "".join("%04X" % self.gid[c] for c in s).encode() + b">"


def bfchar_cmap(uni, skip=(), empty=()):
    lines = []
    items = [(g, "" if g in empty else u) for g, u in sorted(uni.items()) if g not in skip]
    for k in range(0, len(items), 100):
        chunk = items[k:k + 100]
        lines.append("%d beginbfchar" % len(chunk))
        for g, u in chunk:
            lines.append("<%04X> <%s>" % (g, utf16hex(u) if u else "0000"))
        lines.append("endbfchar")
    return cmap_wrapper("\n".join(lines))


def cmap_wrapper(body):
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + body + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")


FABLE = [
    "A grasshopper spent the summer hopping about in the sun and singing to his heart's "
    "content. One day, an ant went hurrying by, looking very hot and weary.",
    "Why are you working on such a lovely day? said the grasshopper. I'm collecting food for "
    "the winter, said the ant, and I suggest you do the same.",
    "When the winter came, the grasshopper had nothing to eat, and he went to the ants to ask "
    "for food. The ants gave him some, but told him that they had worked all summer long.",
    "The grasshopper thanked them and promised that next year he would be ready, because he "
    "had learned that there is a time for work and a time for play.",
    "Hard work today brings comfort tomorrow; the careless singer learns that lesson when the "
    "snow covers the fields and the granaries of the industrious stay full.",
    "Several retellings add that the ants shared their grain with everyone who asked, which "
    "changes the moral entirely and makes the story about generosity instead.",
]


def make_cid_identity_h():
    pdf = new_pdf()
    f = CidFont(pdf, "".join(FABLE) + " ")
    size, lead = 11, 15
    ops = []
    y = H - 90
    kern = {("A", " "): 0, ("a", "v"): 25, ("T", "h"): 0, ("r", "a"): 15, ("s", "s"): -10,
            ("o", "p"): 12, ("p", "p"): -8, ("e", "r"): 10, ("W", "h"): 30, ("y", "o"): 20}

    def lines_of(text, measure=RIGHT - LEFT, sz=size):
        return wrap(text.split(), lambda s: f.width(s, sz), measure)

    # 1. TJ arrays: kerning between letters, word gaps as offsets (no space glyph).
    for line in lines_of(FABLE[0]):
        parts = []
        for wi, word in enumerate(line):
            if wi:
                parts.append(b"%d" % -round(f.adv(" ")))
            run = ""
            for a, b in zip(word, word[1:] + "\0"):
                run += a
                k = kern.get((a, b))
                if k:
                    parts.append(f.hex(run))
                    parts.append(b"%d" % k)
                    run = ""
            if run:
                parts.append(f.hex(run))
        ops.append(b"BT /C1 %d Tf %d %d Td [" % (size, LEFT, y) + b" ".join(parts) + b"] TJ ET")
        y -= lead
    y -= 8
    # 2. One glyph at a time, each placed with its own Td (a layout engine's own advances).
    for line in lines_of(FABLE[1]):
        x = LEFT
        ops.append(b"BT /C1 %d Tf" % size)
        px, py = 0, 0
        for wi, word in enumerate(line):
            if wi:
                x += f.adv(" ") * size / 1000
            for c in word:
                ops.append(b"%.3f %.3f Td %s Tj" % (x - px, y - py, f.hex(c)))
                px, py = x, y
                x += f.adv(c) * size / 1000
        ops.append(b"ET")
        y -= lead
    y -= 8
    # 3. Horizontal scaling 80% (condensed) and 115% (expanded), space glyphs present.
    for tz, text in ((80, FABLE[2]), (115, FABLE[3])):
        for line in lines_of(text, (RIGHT - LEFT) * 100 / tz):
            ops.append(b"BT /C1 %d Tf %d Tz %d %d Td %s Tj ET"
                       % (size, tz, LEFT, y, f.hex(" ".join(line))))
            y -= lead
        y -= 8
    # 4. Character spacing: justified lines (Tc spreads the slack over the glyphs).
    lines = lines_of(FABLE[4], RIGHT - LEFT - 20)
    for i, line in enumerate(lines):
        text = " ".join(line)
        slack = (RIGHT - LEFT) - f.width(text, size)
        tc = slack / max(len(text) - 1, 1) if i + 1 < len(lines) else 0
        ops.append(b"BT /C1 %d Tf %.4f Tc %d %d Td %s Tj ET"
                   % (size, tc, LEFT, y, f.hex(text)))
        y -= lead
    y -= 8
    # 5. Font size 1 in a text matrix that scales x by 10.5 and y by 11; word gaps as offsets.
    for line in wrap(FABLE[5].split(), lambda s: f.width(s, 10.5), RIGHT - LEFT):
        parts = []
        for wi, word in enumerate(line):
            if wi:
                parts.append(b"%d" % -round(f.adv(" ")))
            parts.append(f.hex(word))
        ops.append(b"BT /C1 1 Tf 10.5 0 0 11 %d %d Tm [" % (LEFT, y) + b" ".join(parts)
                   + b"] TJ ET")
        y -= lead
    add_page(pdf, b"\n".join(ops), {"C1": f.font})
    pdf.save(root / "cid-identity-h.pdf")
    write_truth("cid-identity-h", FABLE)


# ---------------------------------------------------------------- tounicode-gaps.pdf

GAPS = [
    "The difference between the official figures and the survey is large, the office said, "
    "and the gap has been growing every year since the reform.",
    "Les malades desservies par le réseau rural attendent en moyenne deux semaines, selon le "
    "rapport, et les services d'urgence sont saturés pendant l'été.",
    "An efficient office finds the affidavits sufficient; the officials affirmed the "
    "final figures after the difficult audit of the offices in the north.",
]


def make_tounicode_gaps():
    pdf = new_pdf()
    text = "".join(GAPS) + " ﬁﬃﬀ"
    # Font 1: ToUnicode without the CIDs of "n" and "e" (they are in the font's cmap).
    holder = {}

    def tu_missing(uni):
        holder["uni"] = uni
        skip = {g for g, u in uni.items() if u in "ne"}
        return bfchar_cmap(uni, skip=skip)

    f1 = CidFont(pdf, text, tounicode=tu_missing)
    # Font 2: ToUnicode in bfrange form: a run of destinations, an array of destinations,
    # multi-character destinations for ligature glyphs, "s" and "u" mapped to nothing.
    tt = TTFont(DEJAVU)
    lig = {"ﬁ": "fi", "ﬃ": "ffi", "ﬀ": "ff"}

    def tu_ranges(uni):
        items = sorted(uni.items())
        body = []
        ranges, arrays, chars = [], [], []
        i = 0
        while i < len(items):
            g, u = items[i]
            j = i
            while (j + 1 < len(items) and items[j + 1][0] == items[j][0] + 1
                   and len(items[j + 1][1]) == 1 and len(u) == 1
                   and ord(items[j + 1][1]) == ord(items[j][1]) + 1):
                j += 1
            if j > i:
                ranges.append((g, items[j][0], u))
            else:
                chars.append((g, u))
            i = j + 1
        # Single glyphs two by two as bfrange arrays where ids follow each other.
        singles = []
        for g, u in chars:
            if singles and singles[-1][-1][0] + 1 == g and len(singles[-1]) < 2:
                singles[-1].append((g, u))
            else:
                singles.append([(g, u)])
        body.append("%d beginbfrange" % (len(ranges) + len([s for s in singles if len(s) > 1])))
        for lo, hi, u in ranges:
            body.append("<%04X> <%04X> <%s>" % (lo, hi, utf16hex(u)))
        for s in singles:
            if len(s) > 1:
                dst = " ".join("<%s>" % utf16hex(lig.get(u, u)) for _, u in s)
                body.append("<%04X> <%04X> [%s]" % (s[0][0], s[-1][0], dst))
        body.append("endbfrange")
        lone = [s[0] for s in singles if len(s) == 1]
        body.append("%d beginbfchar" % len(lone))
        for g, u in lone:
            dst = "0000" if u in "su" else utf16hex(lig.get(u, u))
            body.append("<%04X> <%s>" % (g, dst))
        body.append("endbfchar")
        return cmap_wrapper("\n".join(body))

    f2 = CidFont(pdf, text, tounicode=tu_ranges)
    size, lead = 11, 15
    ops = []
    y = H - 90
    for pi, p in enumerate(GAPS):
        font = f1 if pi < 2 else f2
        fname = b"C1" if pi < 2 else b"C2"
        if pi == 2:
            # The ligature glyphs stand for "ffi", "fi", "ff" in this paragraph.
            shown = p.replace("ffi", "ﬃ").replace("fi", "ﬁ").replace("ff", "ﬀ")
        else:
            shown = p
        for line in wrap(shown.split(), lambda s: font.width(s, size), RIGHT - LEFT):
            ops.append(b"BT /%s %d Tf %d %d Td %s Tj ET"
                       % (fname, size, LEFT, y, font.hex(" ".join(line))))
            y -= lead
        y -= 8
    del tt
    add_page(pdf, b"\n".join(ops), {"C1": f1.font, "C2": f2.font})
    pdf.save(root / "tounicode-gaps.pdf")
    write_truth("tounicode-gaps", GAPS)


# ---------------------------------------------------------------- dashes-and-quote.pdf

class Helv:
    """Base-14 Helvetica (WinAnsi), widths from the Nimbus Sans metrics (same as Helvetica)."""

    def __init__(self):
        self.tt = TTFont("/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf")
        self.cmap = self.tt.getBestCmap()
        self.hmtx = self.tt["hmtx"]
        self.upem = self.tt["head"].unitsPerEm

    def width(self, s, size):
        tot = 0
        for c in s:
            g = self.cmap.get(ord(c))
            tot += self.hmtx[g][0] * 1000 / self.upem if g else 500
        return tot * size / 1000


def text_op(font, size, x, y, s):
    b = s.encode("cp1252")
    b = b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"BT /%s %s Tf %.2f %.2f Td (" % (font, str(size).encode(), x, y) + b + b") Tj ET"


def helv_font(pdf, bold=False):
    return pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.Type1,
        BaseFont=Name("/Helvetica-Bold" if bold else "/Helvetica"),
        Encoding=Name.WinAnsiEncoding))


# Each paragraph as lines (the breaks are part of the test).
DASH_PARAS = [
    ("p", ["The Federal Aviation Administration opened docket FAA–2020–",
           "0686 for comments on the proposal, which would revise the",
           "inspection schedule for the wing spar fittings."]),
    ("p", ["Questions may be sent to the program office by telephone at 206–231–",
           "3195 or by mail, and the office will answer within thirty days."]),
    ("p", ["The inspector said the operator had done everything right—",
           "and that the delay was the manufacturer's own doing."]),
    ("p", ["Le programme vise le bien-être des résidents ; selon la directrice, le bien-",
           "être des familles compte autant, et le porte-parole de la ville l'a confirmé."]),
    ("p", ["The report then quotes the panel's chair at length, in a passage that is",
           "set apart from the body text by a wider left and right margin:"]),
    ("quote", ["We did not expect the results to be so clear. Every site we visited",
               "told the same story, and the inspectors' own logs, which we read line by",
               "line, confirm what the operators told us about their experi-",
               "ence with the old schedule, year after year."]),
    ("p", ["The chair added that the panel would publish its full findings in the",
           "spring, after the operators had had a chance to respond to them."]),
    ("small-quote", ["A smaller quotation follows in the notes of the panel, set in a",
                     "smaller size and indented on both sides, with a hyphen at a line end",
                     "in the word main-",
                     "tenance, which must be joined."]),
    ("p", ["The agency will consider all comments received by the closing date before",
           "it acts on the proposal."]),
]


def dash_truth():
    out = []
    joined = {
        0: "The Federal Aviation Administration opened docket FAA–2020–0686 for comments on the "
           "proposal, which would revise the inspection schedule for the wing spar fittings.",
        1: "Questions may be sent to the program office by telephone at 206–231–3195 or by mail, "
           "and the office will answer within thirty days.",
        2: "The inspector said the operator had done everything right—and that the delay was "
           "the manufacturer's own doing.",
        3: "Le programme vise le bien-être des résidents ; selon la directrice, le bien-être des "
           "familles compte autant, et le porte-parole de la ville l'a confirmé.",
        5: "We did not expect the results to be so clear. Every site we visited told the same "
           "story, and the inspectors' own logs, which we read line by line, confirm what the "
           "operators told us about their experience with the old schedule, year after year.",
        7: "A smaller quotation follows in the notes of the panel, set in a smaller size and "
           "indented on both sides, with a hyphen at a line end in the word maintenance, which "
           "must be joined.",
    }
    for i, (_, lines) in enumerate(DASH_PARAS):
        out.append(joined.get(i, " ".join(lines)))
    return out


def make_dashes_and_quote():
    pdf = new_pdf()
    f = helv_font(pdf)
    ops = []
    y = H - 90
    size, lead = 10.5, 13.5
    for kind, lines in DASH_PARAS:
        if kind == "p":
            for i, line in enumerate(lines):
                ops.append(text_op(b"F1", size, LEFT + (18 if i == 0 else 0), y, line))
                y -= lead
        elif kind == "quote":
            y -= 4
            for line in lines:
                ops.append(text_op(b"F1", size, LEFT + 36, y, line))
                y -= lead
            y -= 4
        else:
            y -= 4
            for line in lines:
                ops.append(text_op(b"F1", 9.5, LEFT + 36, y, line))
                y -= 12
            y -= 4
    add_page(pdf, b"\n".join(ops), {"F1": f})
    pdf.save(root / "dashes-and-quote.pdf")
    write_truth("dashes-and-quote", dash_truth())


# ---------------------------------------------------------------- junk titles

def make_junk_titles():
    body = ["The city council approved the budget on Monday after a long debate, the mayor",
            "said, and the new rates will apply from the first of July.",
            "Opposition members voted against the plan, which they called unfair to",
            "small businesses, according to the minutes of the meeting."]
    # A larger heading on page 1.
    pdf = new_pdf("88300 162..177")
    f, fb = helv_font(pdf), helv_font(pdf, bold=True)
    ops = [text_op(b"F2", 18, LEFT, H - 90, "Council Approves the 2021 Budget")]
    y = H - 130
    for line in body:
        ops.append(text_op(b"F1", 10.5, LEFT, y, line))
        y -= 13.5
    add_page(pdf, b"\n".join(ops), {"F1": f, "F2": fb})
    pdf.save(root / "junk-title.pdf")
    # The heading in the body's size, after a date line.
    pdf = new_pdf("office-2007")
    f, fb = helv_font(pdf), helv_font(pdf, bold=True)
    ops = [text_op(b"F1", 10.5, LEFT, H - 72, "12 March 2021"),
           text_op(b"F2", 10.5, LEFT, H - 100, "Council Approves the 2021 Budget")]
    y = H - 128
    for line in body:
        ops.append(text_op(b"F1", 10.5, LEFT, y, line))
        y -= 13.5
    add_page(pdf, b"\n".join(ops), {"F1": f, "F2": fb})
    pdf.save(root / "junk-title-plain.pdf")


# ---------------------------------------------------------------- letter-gaps.pdf

LETTER_GAPS = [
    "The municipal committee recommends that the council accept the construction of the "
    "community centre, whose cost the service estimates at four million dollars.",
    "Le comité consultatif d'urbanisme recommande au conseil municipal d'accepter la "
    "publication de l'avis concernant la séance publique du mois de juin.",
    "Inspectors reported that the spacing of the letters in this paragraph was set wide by "
    "the designer, and that every word still reads as one word.",
]


def make_letter_gaps():
    """Letters that stand apart by more than a tenth of an em, as in a PDF re-rendered with
    other metrics than the font it draws (cairo, print drivers) or set with wide tracking: a
    CID font (Identity-H TrueType), TJ arrays.

    1-2. Space glyphs drawn between the words; each letter followed by an offset of its own,
         from -0.04 to +0.13 em (after "c" the widest), as a font substitution leaves them.
    3.   No space glyph: letters 0.12 to 0.16 em apart, words 0.5 em apart.
    """
    pdf = new_pdf()
    f = CidFont(pdf, "".join(LETTER_GAPS) + " ")
    size, lead = 11, 15
    ops = []
    y = H - 90
    # Extra room after a letter, in thousandths of an em (negative TJ numbers move right).
    extra = {"c": 130, "m": 105, "i": 60, "u": 110, "e": -40, "o": 85, "t": 102, "a": 30,
             "n": 112, "s": 95, "l": 104, "r": 75, "d": 108, "p": 101}

    def lines_of(text, per_letter):
        return wrap(text.split(), lambda s: f.width(s, size) + len(s) * per_letter * size / 1000,
                    RIGHT - LEFT)

    for text in LETTER_GAPS[:2]:
        for line in lines_of(text, 130):
            parts = []
            s = " ".join(line)
            for a, b in zip(s, s[1:] + "\0"):
                parts.append(f.hex(a))
                if a != " " and b not in (" ", "\0"):
                    parts.append(b"%d" % -extra.get(a, 90))
            ops.append(b"BT /C1 %d Tf %d %d Td [" % (size, LEFT, y) + b" ".join(parts)
                       + b"] TJ ET")
            y -= lead
        y -= 8
    for line in lines_of(LETTER_GAPS[2], 160):
        parts = []
        for wi, word in enumerate(line):
            if wi:
                parts.append(b"-500")
            for k, c in enumerate(word):
                parts.append(f.hex(c))
                if k + 1 < len(word):
                    parts.append(b"%d" % -(120 + 10 * (k % 5)))
        ops.append(b"BT /C1 %d Tf %d %d Td [" % (size, LEFT, y) + b" ".join(parts) + b"] TJ ET")
        y -= lead
    add_page(pdf, b"\n".join(ops), {"C1": f.font})
    pdf.save(root / "letter-gaps.pdf")
    write_truth("letter-gaps", LETTER_GAPS)


if __name__ == "__main__":
    make_simple_encoding()
    make_cid_identity_h()
    make_tounicode_gaps()
    make_dashes_and_quote()
    make_junk_titles()
    make_letter_gaps()
    _ = zlib
