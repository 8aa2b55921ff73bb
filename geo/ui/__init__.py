"""Streamlit pieces the pages share.

Pages read widgets, call these and :mod:`geo`, and render; nothing here computes a measure.
One module per concern: ``state`` (what a session keeps, typed), ``resources`` (settings,
engine, cached data), ``text`` (words on screen), ``guard`` (a page's unexpected errors),
``auth`` (who acts), ``frame`` (sidebar, navigation), ``filters``, ``widgets``, ``maps``,
``documents``, ``escalation``, ``photos`` and ``share``.
"""

from geo.ui.accounts import accounts_section
from geo.ui.auth import (
    EDITING_PAGES,
    PRINCIPAL_KEY,
    authorize,
    page_allowed,
    principal,
    signed_in,
)
from geo.ui.documents import document_downloads, document_preview
from geo.ui.escalation import letters_ladder, problem_ladder
from geo.ui.filters import filter_sidebar, problem_filters
from geo.ui.frame import (
    PAGE_NAMES,
    PAGE_SECTIONS,
    entrypoint_guard,
    page_setup,
    require_data,
    run_app,
    sidebar,
)
from geo.ui.guard import page_guard
from geo.ui.ledger import column_mapping
from geo.ui.maps import (
    basemap_choices,
    basemap_label,
    drilldown_map,
    open_project,
    overview_map,
    problem_list,
    show_map,
)
from geo.ui.photos import photo_strip
from geo.ui.resources import (
    bulletin_facts,
    current_snapshot,
    engine,
    ensure_schema,
    first_run,
    office_area,
    office_settings_changed,
    quarterly_ranking,
    report_dates,
    report_history,
    served,
    settings,
)
from geo.ui.share import share_section
from geo.ui.signing import office_forms as signing_forms
from geo.ui.state import AS_OF_KEY, LANG_KEY, PROJECT_KEY, as_of, project_id, widget_key
from geo.ui.text import data, lang, md, said, tr
from geo.ui.widgets import (
    choose,
    form_key,
    headline_strip,
    messages,
    money_metric,
    project_rows,
    rate_metric,
    refused,
    run_and_rerun,
    save_upload,
    show_saved,
    table,
    version_seen,
)

__all__ = [
    "AS_OF_KEY",
    "EDITING_PAGES",
    "LANG_KEY",
    "PAGE_NAMES",
    "PAGE_SECTIONS",
    "accounts_section",
    "PRINCIPAL_KEY",
    "PROJECT_KEY",
    "as_of",
    "authorize",
    "basemap_choices",
    "basemap_label",
    "bulletin_facts",
    "choose",
    "column_mapping",
    "current_snapshot",
    "data",
    "document_downloads",
    "document_preview",
    "drilldown_map",
    "engine",
    "ensure_schema",
    "entrypoint_guard",
    "filter_sidebar",
    "first_run",
    "office_area",
    "office_settings_changed",
    "signed_in",
    "headline_strip",
    "lang",
    "letters_ladder",
    "md",
    "messages",
    "money_metric",
    "open_project",
    "overview_map",
    "page_allowed",
    "page_guard",
    "page_setup",
    "photo_strip",
    "share_section",
    "signing_forms",
    "principal",
    "problem_ladder",
    "problem_filters",
    "problem_list",
    "project_rows",
    "project_id",
    "quarterly_ranking",
    "rate_metric",
    "refused",
    "report_dates",
    "report_history",
    "require_data",
    "form_key",
    "run_and_rerun",
    "show_saved",
    "run_app",
    "said",
    "save_upload",
    "served",
    "show_map",
    "settings",
    "sidebar",
    "table",
    "tr",
    "version_seen",
    "widget_key",
]
