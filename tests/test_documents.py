"""PDFs draw every character they are given, or say where one could not be drawn (□)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest
from pypdf import PdfReader

from geo import documents


def _pdf_text(blocks: list) -> str:
    pdf = documents.to_pdf(documents.Document(blocks=tuple(blocks)))
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def fallback_fonts(chinese_font: Path) -> list[str]:
    found = [f for f in documents.FALLBACK_FONTS if Path(f).is_file()]
    if not found:
        pytest.skip("no fallback fonts (make test installs fonts-dejavu-core and fonts-symbola)")
    return found


def test_arabic_emoji_and_direction_marks_are_drawn_not_dropped(fallback_fonts: list[str]) -> None:
    texts = ["مشروع الطريق", "项目 🏗 进展", "\u202eevil\u202c 反向", "普通项目"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # fpdf2 warns of every glyph it drops
        text = _pdf_text([documents.Paragraph(t) for t in texts])
    assert "🏗" in text and "反向" in text and "普通项目" in text
    assert "م" in text and "ط" in text  # Arabic letters are there (shaped)
    assert "live" in text  # the override turned its own word only, not 反向 after it


def test_a_character_no_font_has_is_shown_as_a_box(fallback_fonts: list[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text = _pdf_text([documents.Paragraph("\U00020bb7野家")])  # 𠮷: not in WQY
    assert "□野家" in text


def test_tables_hold_hostile_cells(fallback_fonts: list[str]) -> None:
    table = documents.Table(header=("项目", "说明"), rows=(("\u202eabc", "超长" * 200),))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text = _pdf_text([table])
    assert "…" in text and "超长" in text
