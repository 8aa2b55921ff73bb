"""Entry point: page setup, sidebar and navigation. Run with `make run`."""

import streamlit as st

from geo import ui

# (page file and URL, icon); titles come from the translation table as "page.<name>".
PAGES = (
    ("overview", ":material/map:"),
    ("project", ":material/assignment:"),
    ("board", ":material/report:"),
    ("problem", ":material/task_alt:"),
    ("meetings", ":material/groups:"),
    ("tour", ":material/route:"),
    ("present", ":material/slideshow:"),
    ("scoring", ":material/leaderboard:"),
    ("report", ":material/edit_calendar:"),
    ("data", ":material/upload_file:"),
)

ui.page_setup()
ui.sidebar()
navigation = st.navigation(
    [
        st.Page(
            f"pages/{name}.py",
            title=ui.tr(f"page.{name}"),
            icon=icon,
            url_path=name,
            default=name == "overview",
        )
        for name, icon in PAGES
    ]
)
navigation.run()
