"""Entry point. Run with `make run` (`streamlit run app.py`).

Streamlit runs this file twice over: imported once as the server (``app`` below: Streamlit
with the route that sets the sign-in cookie, geo.ops.web), and run as ``__main__`` on every rerun
of every session (the frame, then the chosen page).
"""

from streamlit.starlette import App

if __name__ == "__main__":
    from geo import ui

    ui.run_app()
else:
    from geo.ops import web

    app = App(__file__, routes=web.routes())
