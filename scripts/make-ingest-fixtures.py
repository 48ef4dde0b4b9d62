#!/usr/bin/env python3
"""Make the generated PDF and DOCX test fixtures in tests/fixtures/{pdf,docx}/.

Needs reportlab and python-docx (pip install reportlab python-docx) and qpdf (apt) for the
encrypted PDF. The outputs are committed; run this only to change them.
"""
import datetime
import pathlib
import subprocess

from docx import Document
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

root = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures"
pdf_dir, docx_dir = root / "pdf", root / "docx"
pdf_dir.mkdir(parents=True, exist_ok=True)
docx_dir.mkdir(parents=True, exist_ok=True)

# A three-page report: a running header, "Page N of 3" footers, line-end hyphens (to undo and to
# keep), a paragraph that goes on across a page break, and accented text.
pages = [
    [
        ("title", "A Test Report on Attribution"),
        ("p", ["The ministry said on Tuesday that the new rules would",
               "take effect next month, according to a state-",
               "ment published on its website."]),
        ("p", ["Critics, including the Franco-",
               "German association of journalists, called the",
               "measure a self-",
               "employed reporters' nightmare."]),
        ("p", ["The committee, which met in Montréal for the"]),
    ],
    [
        ("p", ["second time this year, did not vote on the proposal",
               "before the deadline."]),
        ("p", ["\u201cWe will not comment,\u201d a spokes-",
               "woman told Reuters in a brief state-",
               "ment on Wednesday."]),
    ],
    [
        ("p", ["The final report, case 2023-",
               "0379, is due in June, officials said."]),
    ],
]
W, H = A4
c = canvas.Canvas(str(pdf_dir / "report.pdf"), pagesize=A4)
c.setTitle("A Test Report on Attribution")
c.setAuthor("Claimtrace Fixtures")
for n, page in enumerate(pages, 1):
    c.setFont("Helvetica", 9)
    c.drawString(72, H - 40, "Claimtrace Fixture Report \u2014 Draft for review")
    c.drawString(W / 2 - 20, 30, f"Page {n} of {len(pages)}")
    y = H - 100
    for kind, body in page:
        if kind == "title":
            c.setFont("Helvetica-Bold", 18)
            c.drawString(72, y, body)
            y -= 36
            continue
        c.setFont("Helvetica", 11)
        for line in body:
            c.drawString(72, y, line)
            y -= 14
        y -= 12
    c.showPage()
c.save()

# The same report, protected by a user password.
subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--",
                str(pdf_dir / "report.pdf"), str(pdf_dir / "encrypted.pdf")], check=True)

# A "scanned" page: only drawings, no text layer.
c = canvas.Canvas(str(pdf_dir / "scanned.pdf"), pagesize=A4)
for i in range(20):
    c.rect(72, H - 100 - i * 20, 400, 8, fill=1)
c.showPage()
c.save()

# A Word document with core properties, a title, a heading, runs split by formatting, list
# items, a table, an ampersand and a line break.
d = Document()
cp = d.core_properties
cp.title = "Council approves budget"
cp.author = "Jane Reporter"
cp.created = datetime.datetime(2024, 3, 5, 9, 30)
cp.modified = datetime.datetime(2024, 3, 6, 10, 0)
d.add_paragraph("Council Approves Budget", style="Title")
d.add_heading("Background", level=1)
p = d.add_paragraph("The council ")
p.add_run("approved").bold = True
p.add_run(" the budget on Monday, the mayor said.")
d.add_paragraph("Roads: €2 million", style="List Bullet")
d.add_paragraph("Schools: €3 million", style="List Bullet")
t = d.add_table(rows=2, cols=2)
t.cell(0, 0).text, t.cell(0, 1).text = "Item", "Cost"
t.cell(1, 0).text, t.cell(1, 1).text = "Parks", "€1 million"
p = d.add_paragraph("AT&T and Procter & Gamble declined to comment.")
p.add_run().add_break()
p.add_run("A second line.")
d.add_heading("Reaction", level=2)
d.add_paragraph("Re\u0301sidents were divided, a survey found.")
d.save(str(docx_dir / "council.docx"))
print("ok")
