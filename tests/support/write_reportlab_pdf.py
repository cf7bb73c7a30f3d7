#!/usr/bin/env python3
"""Writes a PDF the way real producers do (embedded TrueType subset, ToUnicode map) for the document tests.

usage: write_reportlab_pdf.py OUT.pdf TEXT.txt

The text (UTF-8) is set in DejaVu Sans 10 pt on A4 pages, paragraphs as in the file, lines broken at spaces
only and never after a word that ends in '-' (so that the extractor has no line-end hyphen to join and its
words must equal the text's words exactly).
"""
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def main():
    out, source = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        text = f.read()
    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    width, height = A4
    left, right, top, bottom, size, leading = 50, width - 50, height - 50, 50, 10, 12
    y = top

    def line_out(line):
        nonlocal y
        if y < bottom:
            c.showPage()
            y = top
        if line:
            # A word wider than the page (a long URL) is set smaller: text off the page is not on it.
            fitted = min(size, size * (right - left) / max(pdfmetrics.stringWidth(line, "DejaVuSans", size), 1))
            c.setFont("DejaVuSans", fitted)
            c.drawString(left, y, line)
        y -= leading

    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            line_out("")
            continue
        line = ""
        for word in words:
            candidate = word if not line else line + " " + word
            fits = pdfmetrics.stringWidth(candidate, "DejaVuSans", size) <= right - left
            if line and not fits and not line.endswith("-"):
                line_out(line)
                line = word
            else:
                line = candidate
        line_out(line)
    c.showPage()
    c.save()


if __name__ == "__main__":
    main()
