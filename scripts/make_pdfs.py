"""Make the printable pages in docs/ from their Markdown sources: each source becomes one A4 page (PDF).

Usage: .venv/bin/python scripts/make_pdfs.py [--check]
Writes docs/worksheet.pdf and docs/teacher-summary.pdf from docs/worksheet.md and docs/teacher-summary.md,
drawn in the game's own fonts. The Markdown is the small part these pages use: # and ## headings,
paragraphs (a line ending in a backslash breaks the line), "- " lists, tables, **bold** and *italic*.
Each PDF records a fingerprint of its source and of this script, so --check (and a test) can tell a page
that is out of date; --check writes nothing and exits 1 when one is. The text shrinks until the page fits.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from game.ui.window import text  # noqa: E402

DOCS = ROOT / "docs"
SOURCES = ("worksheet", "teacher-summary")
DPI = 200
PAGE = (1654, 2339)  # A4 at 200 dots per inch
MARGIN = 120
BODY_PX = 31  # about 11 points at 200 dpi
SMALLEST_PX = 18
INK, RULE, HEAD_FILL = (20, 22, 26), (150, 158, 170), (232, 237, 244)
MADE = time.strptime("2023-01-01", "%Y-%m-%d")  # a fixed date: the same source, the same file
MARK = "source-sha256:"


def fingerprint(source: Path) -> str:
    """What a page is made from: its Markdown and this script."""
    h = hashlib.sha256(source.read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()


def blocks(markdown: str) -> list[tuple[str, object]]:
    """The source as ("h1"|"h2"|"p"|"li", text) and ("table", rows) blocks."""
    out: list[tuple[str, object]] = []
    para: list[str] = []

    def close():
        if para:
            out.append(("p", "".join(para).strip()))
            para.clear()

    for line in markdown.splitlines():
        stripped = line.strip()
        if not stripped:
            close()
        elif stripped.startswith("|"):
            close()
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            if out and out[-1][0] == "table":
                out[-1][1].append(cells)
            else:
                out.append(("table", [cells]))
        elif stripped.startswith("#"):
            close()
            level = len(stripped) - len(stripped.lstrip("#"))
            out.append(("h1" if level == 1 else "h2", stripped.lstrip("#").strip()))
        elif stripped.startswith("- "):
            close()
            out.append(("li", stripped[2:]))
        else:
            broken = stripped.endswith("\\")  # a backslash at the end breaks the line there
            para.append(stripped[:-1].rstrip() + "\n" if broken else stripped + " ")
    close()
    return out


def runs(words: str, base: str = "regular") -> list[tuple[str, str]]:
    """(word, style) pieces of a line with **bold** and *italic*; a newline stays a piece of its own."""
    out = []
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", words.replace("`", "")):
        style = base
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            part, style = part[2:-2], "bold"
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            part, style = part[1:-1], "italic"
        if part[:1].isspace() and out and out[-1][0] != "\n":  # the space after a bold or italic run
            out[-1] = (out[-1][0].rstrip() + " ", out[-1][1])
        for line_no, line in enumerate(part.split("\n")):
            if line_no:
                out.append(("\n", style))
            out.extend((w, style) for w in re.findall(r"\S+\s*", line))
    return out


def lay_out(pieces, px: int, width: int) -> list[list[tuple[str, str, int]]]:
    """The pieces wrapped into lines of (word, style, x) within width."""
    lines: list[list[tuple[str, str, int]]] = [[]]
    x = 0
    for word, style in pieces:
        if word == "\n":
            lines.append([])
            x = 0
            continue
        w = text.size(word.rstrip(), px, style)[0]
        if x and x + w > width:
            lines.append([])
            x = 0
        lines[-1].append((word.rstrip(), style, x))
        x += text.size(word, px, style)[0] if word != word.rstrip() else w
    return lines


def draw_lines(page, lines, px: int, x: int, y: int, colour=INK) -> int:
    """Draw wrapped lines from (x, y); returns the y below them."""
    lh = text.line_height(px)
    for line in lines:
        for word, style, dx in line:
            if word:
                page.blit(text.render(word, px, colour, style), (x + dx, y))
        y += lh
    return y


def table_height_and_draw(page, rows, px: int, x: int, y: int, width: int, draw: bool) -> int:
    """A table's height (and, with draw, the table itself): the first row a shaded header, cells wrapped."""
    n = max(len(r) for r in rows)
    natural = [max(text.size(r[c] if c < len(r) else "", px)[0] for r in rows) + px for c in range(n)]
    floor = [min(w, width // (2 * n)) for w in natural]
    spare = width - sum(floor)
    extra = [w - f for w, f in zip(natural, floor)]
    widths = [f + (e * spare // max(1, sum(extra)) if sum(extra) > spare else e) for f, e in zip(floor, extra)]
    pad = max(4, px // 4)
    top = y
    for k, row in enumerate(rows):
        cells = [
            lay_out(runs(row[c] if c < len(row) else "", "bold" if k == 0 else "regular"), px, w - 2 * pad)
            for c, w in enumerate(widths)
        ]
        h = max(len(c) for c in cells) * text.line_height(px) + 2 * pad
        if draw:
            cx = x
            for lines, w in zip(cells, widths):
                if k == 0:
                    pygame.draw.rect(page, HEAD_FILL, (cx, y, w, h))
                pygame.draw.rect(page, RULE, (cx, y, w, h), 1)
                draw_lines(page, lines, px, cx + pad, y + pad)
                cx += w
        y += h
    return y - top


def render(markdown: str, px: int, draw: bool = True) -> tuple[pygame.Surface, int]:
    """The page at body size px, and the height its content takes."""
    page = pygame.Surface(PAGE)
    page.fill((255, 255, 255))
    width = PAGE[0] - 2 * MARGIN
    y = MARGIN
    for kind, body in blocks(markdown):
        if kind == "table":
            y += table_height_and_draw(page, body, px, MARGIN, y, width, draw) + px // 2
            continue
        size = {"h1": round(px * 1.6), "h2": round(px * 1.15)}.get(kind, px)
        style = "bold" if kind in ("h1", "h2") else "regular"
        indent = px if kind == "li" else 0
        lines = lay_out(runs(body, style), size, width - indent)
        if kind == "li":
            page.blit(text.render("•", size, INK), (MARGIN, y))
        y = draw_lines(page, lines, size, MARGIN + indent, y)
        y += px // 3 if kind == "li" else px // 2
    return page, y - MARGIN


def page_of(markdown: str) -> pygame.Surface:
    """The largest text size, from BODY_PX down, at which the source fits one page."""
    px = BODY_PX
    while True:
        page, height = render(markdown, px, draw=False)
        if height <= PAGE[1] - 2 * MARGIN:
            return render(markdown, px)[0]
        if px <= SMALLEST_PX:
            raise SystemExit(f"the page does not fit on one sheet even at {px}px: shorten its source")
        px -= 1


def write_pdf(page: pygame.Surface, path: Path, title: str, mark: str) -> None:
    from PIL import Image

    image = Image.frombytes("RGB", page.get_size(), pygame.image.tobytes(page, "RGB")).convert("L")
    image.save(
        path,
        "PDF",
        resolution=float(DPI),
        quality=90,
        title=title,
        subject=MARK + mark,
        creationDate=MADE,
        modDate=MADE,
        producer="Deterrence or Dialogue scripts/make_pdfs.py",
    )


def recorded_mark(pdf: Path) -> str | None:
    """The source fingerprint a PDF was made from, or None."""
    try:
        data = pdf.read_bytes()
    except OSError:
        return None
    # the PDF's text strings are UTF-16 (Pillow writes them so)
    found = re.search(re.escape(MARK.encode("utf-16-be")) + rb"((?:\x00[0-9a-f]){64})", data)
    return found.group(1).decode("utf-16-be") if found else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say which PDFs are out of date")
    args = parser.parse_args(argv)
    stale = []
    for name in SOURCES:
        source, pdf = DOCS / f"{name}.md", DOCS / f"{name}.pdf"
        mark = fingerprint(source)
        if recorded_mark(pdf) == mark:
            continue
        stale.append(pdf.name)
        if not args.check:
            markdown = source.read_text(encoding="utf-8")
            title = blocks(markdown)[0][1] if markdown.startswith("#") else name
            write_pdf(page_of(markdown), pdf, str(title), mark)
            print(f"wrote {pdf.relative_to(ROOT)}")
    if args.check and stale:
        print(f"out of date: {', '.join(stale)} (run scripts/make_pdfs.py)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
