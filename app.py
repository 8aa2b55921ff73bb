"""Entry point: page setup, sidebar and navigation. Run with `make run`."""

import streamlit as st

from geo import ui

ui.page_setup()
ui.sidebar()
navigation = st.navigation(
    [
        st.Page(
            "pages/overview.py",
            title=ui.tr("page.overview"),
            icon=":material/map:",
            url_path="overview",
            default=True,
        ),
        st.Page(
            "pages/project.py",
            title=ui.tr("page.project"),
            icon=":material/assignment:",
            url_path="project",
        ),
        st.Page(
            "pages/board.py",
            title=ui.tr("page.board"),
            icon=":material/report:",
            url_path="board",
        ),
        st.Page(
            "pages/problem.py",
            title=ui.tr("page.problem"),
            icon=":material/task_alt:",
            url_path="problem",
        ),
        st.Page(
            "pages/meetings.py",
            title=ui.tr("page.meetings"),
            icon=":material/groups:",
            url_path="meetings",
        ),
        st.Page(
            "pages/report.py",
            title=ui.tr("page.report"),
            icon=":material/edit_calendar:",
            url_path="report",
        ),
        st.Page(
            "pages/data.py",
            title=ui.tr("page.data"),
            icon=":material/upload_file:",
            url_path="data",
        ),
    ]
)
navigation.run()
