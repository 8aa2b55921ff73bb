"""Everything of the key-project dashboard that is not a page.

One module per concern, named for the users' concepts:

- ``config``: settings from the environment over the office's stored ones; ``office``: the
  first-run setup; ``areas``: China's areas and their real outlines
- ``i18n``/``vocab``: words and codes; ``refusals``: refusals said in the UI's language
- ``ledger``/``importer``/``exporter``: ledgers in (every column accounted for) and out
- ``models``/``store``/``migrations``: the schema and the one way to the database
- ``measures``: completion rate, time schedule, behind schedule, groupings
- ``snapshot``/``filters``: all projects at an as-of date, and which ones a view shows
- ``problems``/``drilldown``: problem-list rules and one project's drill-down
- ``zones``/``maps``/``colors``/``assets``: geometry, the folium map, offline Leaflet
- ``charts``/``tables``/``formatting``/``ui``: what Streamlit shows, and how
- ``demo``: the demo county; ``cli``: ``python -m geo``
"""
