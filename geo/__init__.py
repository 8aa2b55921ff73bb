"""Everything of the key-project dashboard that is not a page.

One module per concern, named for the users' concepts:

- ``config``: settings from the environment; ``i18n``/``vocab``: words and codes
- ``models``/``store``/``migrations``: the schema and the one way to the database
- ``measures``: completion rate, time schedule, behind schedule, groupings
- ``snapshot``/``filters``: all projects at an as-of date, and which ones a view shows
- ``problems``/``drilldown``: problem-list rules and one project's drill-down
- ``zones``/``maps``/``colors``/``assets``: geometry, the folium map, offline Leaflet
- ``charts``/``tables``/``formatting``/``ui``: what Streamlit shows, and how
- ``demo``: the demo county; ``cli``: ``python -m geo``
"""
