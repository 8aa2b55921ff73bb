"""PDFs draw every character they are given, or say where one could not be drawn (□)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest
from pypdf import PdfReader

from geo.reports import documents


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


def test_documents_drawn_together_are_each_their_own_pdf(
    chinese_font: Path, tmp_path: Path
) -> None:
    """A month's letters share one loading of the fonts, and each file holds its own pages,
    its own text and its own title, as if drawn alone."""
    many = [
        documents.Document(
            (
                documents.Title(f"关于交办事项的函（{n}）"),
                *(documents.Paragraph(f"第{n}号函 第{i}段：{'推进' * 40}") for i in range(n * 12)),
            ),
            meta={"title": f"函{n}", "author": "县重点办"},
        )
        for n in (1, 4, 2)
    ]
    together = [PdfReader(io.BytesIO(data)) for data in documents.to_pdfs(many, chinese_font)]
    alone = [PdfReader(io.BytesIO(documents.to_pdf(d, chinese_font))) for d in many]
    for n, (joint, single) in zip((1, 4, 2), zip(together, alone, strict=True), strict=True):
        assert len(joint.pages) == len(single.pages) and len(joint.pages) >= 1
        text = "".join(page.extract_text() for page in joint.pages)
        assert f"关于交办事项的函（{n}）" in text and f"第{n}号函" in text
        assert all(f"第{m}号函" not in text for m in (1, 4, 2) if m != n)
        assert joint.metadata.title == f"函{n}" and joint.metadata.author == "县重点办"
    jobs = [
        (many[0], tmp_path / "a.pdf"),
        (many[0], tmp_path / "a.docx"),
        (many[1], tmp_path / "b.pdf"),
    ]
    assert documents.write_all(jobs) == [out for _d, out in jobs]
    assert len(PdfReader(tmp_path / "b.pdf").pages) == len(alone[1].pages)
    assert "关于交办事项的函（1）" in documents.paragraphs_of((tmp_path / "a.docx").read_bytes())
    with pytest.raises(ValueError, match="write a .docx or a .pdf"):
        documents.write_all([(many[0], tmp_path / "a.txt")])
