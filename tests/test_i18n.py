"""Every word on screen exists in both languages, and every key the code asks for exists."""

from __future__ import annotations

import re

import pytest

from geo import i18n, vocab
from geo.config import REPO_ROOT


def test_every_text_has_both_languages() -> None:
    for key, (en, zh) in i18n.TEXTS.items():
        assert en.strip() and zh.strip(), key
        assert set(re.findall(r"\{(\w+)\}", en)) == set(re.findall(r"\{(\w+)\}", zh)), key


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]")
#: Latin words a Chinese text may hold: formats, systems, units and a command to type.
_ZH_LATIN = {
    "PDF",
    "Word",
    "Excel",
    "CSV",
    "GeoJSON",
    "geojson",
    "KML",
    "GPKG",
    "GeoPackage",
    "Shapefile",
    "zip",
    "WGS",
    "GCJ",
    "BD",
    "EPSG",
    "CGCS",
    "OpenStreetMap",
    "QR",
    "URL",
    "OSRM",
    "xlsx",
    "xls",
    "csv",
    "docx",
    "pdf",
    "km",
    "SSO",
    "MB",
    "python",
    "geo",
    "demo",
    "init",
    "migrate",
    "m",
    "Ctrl",
    "UTC",
    "png",
    "JPEG",
    "PNG",
    "WebP",
    "prj",
}


def test_each_language_speaks_only_itself() -> None:
    """An English text holds no Chinese, a Chinese text no English words (placeholders such
    as {name} aside): what a screen says is in one language."""
    for key, (en, zh) in i18n.TEXTS.items():
        assert not _CJK.search(re.sub(r"\{\w+[^}]*\}", "", en)), (key, en)
        words = set(re.findall(r"[A-Za-z]+", re.sub(r"\{\w+[^}]*\}", "", zh))) - _ZH_LATIN
        assert not words, (key, words, zh)


def test_every_code_has_a_label() -> None:
    for kind, codes in i18n.CODE_KINDS.items():
        for code in codes:
            assert f"{kind}.{code}" in i18n.TEXTS


def test_keys_used_in_code_exist() -> None:
    sources = [*REPO_ROOT.glob("geo/**/*.py"), *REPO_ROOT.glob("pages/*.py"), REPO_ROOT / "app.py"]
    used = set()
    for path in sources:
        text = path.read_text("utf-8")
        used |= set(re.findall(r"""\b(?:tr|t|Term\.of)\(\s*["']([a-z_]+\.[a-z_.0-9]+)["']""", text))
        # A refusal's key is a text under "refusal." (geo.refusals).
        used |= {f"refusal.{k}" for k in re.findall(r"""\bRefusal\(\s*["']([a-z_]+)["']""", text)}
    assert len(used) > 40 and any(k.startswith("refusal.") for k in used)
    assert sorted(used - set(i18n.TEXTS)) == []


@pytest.mark.parametrize(
    ("kind", "code", "lang", "expected"),
    [
        ("stage", "building", "zh", "在建"),
        ("stage", "building", "en", "Under construction"),
        ("category", "urban", "zh", "城建及其它"),
        ("stage", "mystery", "en", "mystery"),
        ("stage", None, "en", ""),
    ],
)
def test_label(kind: str, code: str | None, lang: str, expected: str) -> None:
    assert i18n.label(kind, code, lang) == expected


def test_codes_are_the_documented_ones() -> None:
    # The command line's contract (issue: "Category keys are the codes …").
    assert list(vocab.CATEGORIES) == [
        "industry",
        "agriculture",
        "transport",
        "services",
        "social",
        "urban",
        "other",
    ]
    assert list(vocab.STAGES)[0] == "planned" and list(vocab.STAGES)[-1] == "at_capacity"
