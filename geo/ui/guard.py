"""Every page runs inside a guard: an unexpected error shows one short message in the UI's
language with an error id, and its traceback goes to the server's log under that id, never
to the screen. Expected refusals (access, a stale version, bad input) are shown where they
happen, in their own words, and never reach the guard."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from geo.ui.text import tr

log = logging.getLogger("geo.pages")
if not log.handlers:  # the server's log is its standard error, as Streamlit's own
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)
    log.propagate = False

#: Set (to anything) by the test suite: the error is shown *and* raised, so that a test of a
#: page fails on it instead of reading a polite message.
RAISE_ENV = "GEO_RAISE_PAGE_ERRORS"


def error_id() -> str:
    """A short id a person can read out over the phone: ``E-7F3A9C``."""
    return f"E-{secrets.token_hex(3).upper()}"


@contextmanager
def page_guard(page: str) -> Iterator[None]:
    """Run a page; on an unexpected exception show the guard's message (see the module)."""
    try:
        yield
    except Exception:
        # Streamlit's stop/rerun/switch-page signals are BaseExceptions and pass through.
        ident = error_id()
        log.exception("page %s failed (%s)", page, ident)
        with st.container(key="page_error"):
            st.error(tr("app.page_failed", id=ident), icon=":material/error:")
        if os.environ.get(RAISE_ENV):
            raise
