"""Entry point: page setup, sidebar and navigation. Run with `make run`."""

import streamlit as st

from geo import ui

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
        for section, pages in ui.PAGE_SECTIONS.items()
    },
    expanded=True,  # every page in view, not "View 3 more"
)
navigation.run()
