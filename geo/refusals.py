"""Refusals: what the rules will not do, said in the language of whoever asked.

A rule that refuses raises :class:`Refusal` with a text key of :mod:`geo.i18n`
(``refusal.<key>``) and the values to fill in. ``str()`` is the English text, for the command
line, the logs and the tests; a page shows :meth:`Refusal.text` in the UI's language, so a
clerk working in Chinese is never told "title is required".

Values are shown as given, except a :class:`Term` (words that are themselves translated,
such as a field's name or a kind of record), a tuple (a list, as the language writes one)
and dates (ISO in both languages).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """Words inside a refusal that are said in the reader's language: a text key and its
    values (``Term.of("record.problems")``)."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, /, **values: object) -> Term:
        return cls(key, tuple(values.items()))

    def text(self, lang: str) -> str:
        from geo.i18n import t  # i18n's code lists come from vocab, which refuses through here

        return t(self.key, lang, **{name: _said(v, lang) for name, v in self.values})

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class Setting(Term):
    """An office setting as a message names it: its label in the reader's language; in
    English also its variable, for the server's operator (``Setting.named("GEO_TILES")``)."""

    @classmethod
    def named(cls, variable: str) -> Setting:
        return cls(f"setting.{variable}")

    def text(self, lang: str) -> str:
        label = super().text(lang)
        return label if lang == "zh" else f"{label} ({self.key.removeprefix('setting.')})"


def _said(value: object, lang: str) -> object:
    if isinstance(value, Term):
        return value.text(lang)
    if isinstance(value, tuple):  # a list, as the language writes one; "none" when empty
        from geo.i18n import t

        items = [str(_said(v, lang)) for v in value]
        return ("、" if lang == "zh" else ", ").join(items) or t("refusal.none", lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class Refusal(ValueError):
    """A request the rules refuse; see the module.

    >>> str(Refusal("required", field=Term.of("meetings.title")))
    'Title is required'
    >>> Refusal("required", field=Term.of("meetings.title")).text("zh")
    '请填写会议名称'
    """

    def __init__(self, key: str, /, **values: object) -> None:
        self.term = Term.of(f"refusal.{key}", **values)
        super().__init__(self.text("en"))

    @property
    def key(self) -> str:
        return self.term.key.removeprefix("refusal.")

    def text(self, lang: str) -> str:
        return self.term.text(lang)


def said(error: BaseException, lang: str) -> str:
    """What a person is told of ``error``: a refusal in their language, anything else as it
    says itself."""
    return error.text(lang) if isinstance(error, Refusal) else str(error)


def record_term(table: str, ident: object, name: object = None) -> Term:
    """A record named for people: "problem #12 (供电线路迁改)" / "问题 #12（供电线路迁改）"."""
    kind = Term.of(f"record.{table}")
    if ident is None:  # not saved yet
        return Term.of("refusal.what.new", kind=kind, name=name or "")
    if name:
        return Term.of("refusal.what.named", kind=kind, id=ident, name=name)
    return Term.of("refusal.what.record", kind=kind, id=ident)
