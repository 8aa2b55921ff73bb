"""Official documents (公文) as a list of blocks, written out as Word or PDF.

Bulletins and letters are built once as blocks (title, headings, paragraphs, tables, the
issuing office) and rendered by :func:`to_docx` and :func:`to_pdf`, so the two files always
say the same thing. Word gets the fonts offices use (方正小标宋 for titles, 黑体 for headings,
仿宋_GB2312 for text) in the East-Asian font slots; the PDF embeds the WQY font so it prints
anywhere.
"""

from __future__ import annotations

import functools
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from fpdf import FPDF, FontFace, XPos, YPos

from geo.formatting import printable, without_direction_marks

TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"
_NUMERALS = "一二三四五六七八九十"

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
)
#: Fonts a PDF falls back to for what the Chinese font cannot draw: Arabic, Hebrew, Cyrillic
#: and symbols (DejaVu), emoji in outline (Symbola). Those found on the machine are used.
FALLBACK_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
    "/usr/share/fonts/truetype/ancient-scripts/Symbola.ttf",
)
#: Drawn in place of a character no embedded font has, so that nothing vanishes in silence.
NO_GLYPH = "□"
# Right-to-left letters and direction marks: text that needs the bidi algorithm and shaping.
_NEEDS_SHAPING = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067]")


@functools.cache
def _glyphs(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont

    font = TTCollection(path).fonts[0] if path.endswith(".ttc") else TTFont(path, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (for numbering items up to 99)."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, units = divmod(n, 10)
    head = "" if tens == 1 else _NUMERALS[tens - 1]
    return head + "十" + (_NUMERALS[units - 1] if units else "")


def cjk_font() -> Path:
    """The Chinese font PDFs embed; ``ValueError`` says how to get one."""
    for candidate in (os.environ.get("GEO_CJK_FONT", ""), *FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise ValueError(
        "no Chinese font for the PDF: apt-get install fonts-wqy-microhei, or set GEO_CJK_FONT"
    )


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Masthead:
    """The issuing office's name in red over a red rule (版头), as letters carry it."""

    text: str


@dataclass(frozen=True)
class Centered:
    """A line under the title: the issue number (第10期), the issuing office."""

    text: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Addressee:
    """Whom a letter is to (主送机关), flush left above the text: "县住建局："."""

    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Relative column widths (PDF); equal when empty.
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class Signature:
    """The issuing office and the date, right-aligned at the end."""

    lines: tuple[str, ...]


Block = Masthead | Title | Centered | Heading | Paragraph | Addressee | Table | Signature


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    meta: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        """Everything a reader sees, one block or table row per line (for tests and previews)."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Table):
                lines.append(" | ".join(block.header))
                lines.extend(" | ".join(row) for row in block.rows)
            elif isinstance(block, Signature):
                lines.extend(block.lines)
            else:
                lines.append(block.text)
        return "\n".join(lines)


# --------------------------------------------------------------------------- Word


def set_font(run, name: str, size: float, bold: bool = False) -> None:
    """Font of a python-docx run, in the Latin and the East-Asian slots."""
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def add_paragraph(
    doc,
    text: str,
    *,
    size: float = 16,
    bold: bool = False,
    font: str = BODY_FONT,
    align=None,
    indent: bool = False,
) -> None:
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    set_font(paragraph.add_run(printable(text)), font, size, bold)


def _word_table(doc, block: Table) -> None:
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate((block.header, *block.rows)):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = ""
            run = cell.paragraphs[0].add_run(printable(value))
            set_font(run, HEADING_FONT if r == 0 else BODY_FONT, 12, bold=r == 0)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


#: The red of mastheads (公文版头).
RED = (200, 16, 16)


def _word_masthead(doc, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(printable(text))
    set_font(run, TITLE_FONT, 26)
    run.font.color.rgb = RGBColor(*RED)
    # The red rule under it: a bottom border on the paragraph (python-docx has no API for it).
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("val", "single"),
        ("sz", "18"),
        ("space", "6"),
        ("color", "{:02X}{:02X}{:02X}".format(*RED)),
    ):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def to_docx(document: Document) -> bytes:
    """The document as a Word file."""
    doc = WordDocument()
    for key, value in document.meta.items():
        setattr(doc.core_properties, key, value)
    for block in document.blocks:
        if isinstance(block, Masthead):
            _word_masthead(doc, block.text)
        elif isinstance(block, Title):
            add_paragraph(
                doc, block.text, size=22, font=TITLE_FONT, align=WD_ALIGN_PARAGRAPH.CENTER
            )
        elif isinstance(block, Centered):
            add_paragraph(doc, block.text, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif isinstance(block, Heading):
            add_paragraph(doc, block.text, font=HEADING_FONT, indent=True)
        elif isinstance(block, Paragraph):
            add_paragraph(doc, block.text, indent=True)
        elif isinstance(block, Addressee):
            add_paragraph(doc, block.text)
        elif isinstance(block, Table):
            _word_table(doc, block)
        else:
            for line in block.lines:
                add_paragraph(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- PDF


class CjkPdf(FPDF):
    """An A4 page with the Chinese font loaded as ``cjk``, and fallbacks for what it lacks.

    Every text passes :meth:`normalize_text`: control characters go, a character no
    embedded font can draw becomes □ (never dropped in silence), and text with right-to-left
    letters or direction marks is shaped and laid out by the bidi algorithm (HarfBuzz), its
    marks kept inside it; other text is drawn as it comes, without invisible marks.
    """

    def __init__(self, font: Path | None = None) -> None:
        super().__init__(format="A4")
        font = font or cjk_font()
        kwargs = {"collection_font_number": 0} if font.suffix.lower() == ".ttc" else {}
        self.add_font("cjk", fname=str(font), **kwargs)
        fallbacks = [f for f in FALLBACK_FONTS if Path(f).is_file()]
        names = []
        for n, path in enumerate(fallbacks):
            self.add_font(f"fallback{n}", fname=path)
            names.append(f"fallback{n}")
        self.set_fallback_fonts(names)
        self._drawable = frozenset().union(*(_glyphs(str(p)) for p in (font, *fallbacks)))
        self._shaping = False
        self.set_font("cjk", size=11)
        self.set_auto_page_break(True, margin=15)

    def normalize_text(self, text: str) -> str:
        text = printable(text)
        shaping = bool(_NEEDS_SHAPING.search(text))
        if shaping != self._shaping:
            self.set_text_shaping(shaping)
            self._shaping = shaping
        if not shaping:
            text = without_direction_marks(text)
        text = "".join(c if ord(c) in self._drawable or c in "\n\r\t" else NO_GLYPH for c in text)
        return super().normalize_text(text)

    def heading(self, text: str, size: int = 18) -> None:
        self.set_font("cjk", size=size)
        self.multi_cell(0, size * 0.55, printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("cjk", size=11)
        self.ln(2)

    def line_text(self, text: str, align: str = "L") -> None:
        self.multi_cell(0, 6, printable(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


#: A table cell on paper holds this much; longer text (a pasted essay) is cut with "…" so the
#: row still fits on a page (the Word file keeps it whole).
PDF_CELL_CHARS = 120


def _fits_a_cell(text: str) -> str:
    return text if len(text) <= PDF_CELL_CHARS else text[: PDF_CELL_CHARS - 1] + "…"


def _pdf_table(pdf: CjkPdf, block: Table) -> None:
    pdf.set_font("cjk", size=9)
    widths = block.widths or tuple(1 for _ in block.header)
    # The embedded font has no bold face: headings are shaded instead of emphasised.
    heading = FontFace(emphasis="", fill_color=(230, 236, 240))
    with pdf.table(
        col_widths=widths, text_align="CENTER", line_height=5.5, headings_style=heading
    ) as table:
        for row in (block.header, *block.rows):
            cells = table.row()
            for value in row:
                cells.cell(_fits_a_cell(printable(value)))
    pdf.set_font("cjk", size=11)
    pdf.ln(2)


def to_pdf(document: Document, font: Path | None = None) -> bytes:
    """The document as a PDF (needs the Chinese font, see :func:`cjk_font`)."""
    pdf = CjkPdf(font)
    for key, value in document.meta.items():
        getattr(pdf, f"set_{key}", lambda _v: None)(value)
    _draw(pdf, document)
    return bytes(pdf.output())


def to_pdfs(many: Sequence[Document], font: Path | None = None) -> list[bytes]:
    """Several documents, each its own PDF. Loading the fonts takes longer than drawing a
    letter, so a month's letters are drawn once, in one PDF with the fonts loaded once, and
    cut into one file per document (each embeds the glyphs all of them use)."""
    if len(many) < 2:
        return [to_pdf(document, font) for document in many]
    from pypdf import PdfReader, PdfWriter

    pdf = CjkPdf(font)
    pages = []
    for document in many:
        first = pdf.page + 1
        _draw(pdf, document)
        pages.append((first - 1, pdf.page))
    whole = PdfReader(io.BytesIO(bytes(pdf.output())))
    out = []
    for document, (start, stop) in zip(many, pages, strict=True):
        writer = PdfWriter()
        writer.append(whole, pages=(start, stop))
        writer.add_metadata({f"/{k.title()}": v for k, v in document.meta.items()})
        buffer = io.BytesIO()
        writer.write(buffer)
        out.append(buffer.getvalue())
    return out


def _draw(pdf: CjkPdf, document: Document) -> None:
    """The document's blocks, from a new page."""
    pdf.add_page()
    for block in document.blocks:
        if isinstance(block, Masthead):
            pdf.set_font("cjk", size=20)
            pdf.set_text_color(*RED)
            pdf.multi_cell(
                0, 12, printable(block.text), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.set_text_color(0, 0, 0)
            pdf.set_draw_color(*RED)
            pdf.set_line_width(0.8)
            pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
            pdf.set_draw_color(0, 0, 0)
            pdf.set_line_width(0.2)
            pdf.ln(6)
            pdf.set_font("cjk", size=11)
        elif isinstance(block, Title):
            pdf.set_font("cjk", size=18)
            pdf.multi_cell(
                0, 10, printable(block.text), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.set_font("cjk", size=11)
        elif isinstance(block, Centered):
            pdf.line_text(block.text, align="C")
        elif isinstance(block, Heading):
            pdf.ln(1)
            pdf.heading(block.text, 13)
        elif isinstance(block, Paragraph):
            pdf.line_text(block.text)
            pdf.ln(1)
        elif isinstance(block, Addressee):
            pdf.ln(2)
            pdf.line_text(block.text)
        elif isinstance(block, Table):
            _pdf_table(pdf, block)
        else:
            pdf.ln(4)
            for line in block.lines:
                pdf.line_text(line, align="R")


def write(document: Document, out: Path) -> Path:
    """Write ``document`` as ``.docx`` or ``.pdf``, chosen by the file name."""
    return write_all([(document, out)])[0]


def write_all(jobs: Sequence[tuple[Document, Path]]) -> list[Path]:
    """Write each document to its file, ``.docx`` or ``.pdf`` by the name; the PDFs are drawn
    together (:func:`to_pdfs`)."""
    for _document, out in jobs:
        if out.suffix.lower() not in (".docx", ".pdf"):
            raise ValueError(f"{out}: write a .docx or a .pdf file")
    pdfs = [(d, o) for d, o in jobs if o.suffix.lower() == ".pdf"]
    drawn = dict(zip((o for _d, o in pdfs), to_pdfs([d for d, _o in pdfs]), strict=True))
    for document, out in jobs:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(drawn[out] if out in drawn else to_docx(document))
    return [out for _document, out in jobs]


def paragraphs_of(docx_bytes: bytes) -> list[str]:
    """The paragraphs and table rows of a Word file, as text (reading documents back)."""
    doc = WordDocument(io.BytesIO(docx_bytes))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        lines.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    return lines


def rows_of_tables(docx_bytes: bytes) -> list[list[list[str]]]:
    """Each table of a Word file as a list of rows of cell texts."""
    doc = WordDocument(io.BytesIO(docx_bytes))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]
