"""Entry point: page setup, sidebar and navigation. Run with `make run`."""

import streamlit as st

from geo import ui

# Sections of the navigation ("nav.<section>") and their pages: (page file and URL, icon);
# titles come from the translation table as "page.<name>".
SECTIONS = {
    "map": (
        ("overview", ":material/map:"),
        ("project", ":material/assignment:"),
        ("trends", ":material/trending_up:"),
    ),
    "supervision": (
        ("board", ":material/report:"),
        ("problem", ":material/task_alt:"),
        ("meetings", ":material/groups:"),
    ),
    "tours": (
        ("tour", ":material/route:"),
        ("present", ":material/slideshow:"),
        ("scoring", ":material/leaderboard:"),
    ),
    "office": (
        ("ranking", ":material/military_tech:"),
        ("bulletin", ":material/newspaper:"),
        ("report", ":material/edit_calendar:"),
        ("data", ":material/upload_file:"),
    ),
}

ui.page_setup()
ui.sidebar()
navigation = st.navigation(
    {
        ui.tr(f"nav.{section}"): [
            st.Page(
                f"pages/{name}.py",
                title=ui.tr(f"page.{name}"),
                icon=icon,
                url_path=name,
                default=name == "overview",
            )
            for name, icon in pages
            if ui.page_allowed(name)
        ]
        for section, pages in SECTIONS.items()
    },
    expanded=True,  # all thirteen pages in view, not "View 3 more"
)
navigation.run()
