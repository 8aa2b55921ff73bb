"""Everything of the key-project dashboard that is not a page, in layers (each imports only
from its own layer or lower ones; ``tests/test_layers.py`` checks it):

0. the modules directly here, the foundation: ``config`` (settings), ``vocab`` and ``i18n``
   (codes and words), ``refusals``, ``formatting``, ``colors``, ``tiles``, ``coords``,
   ``weights``, ``lazy``;
1. :mod:`geo.storage`: the one door to the database;
2. :mod:`geo.ingest` (ledgers, zones, photos in), :mod:`geo.core` (measures and rules),
   :mod:`geo.workflow` (the office's work), :mod:`geo.reports` (documents),
   :mod:`geo.views` (map, charts, tables);
3. :mod:`geo.ui` (Streamlit) and :mod:`geo.ops` (``python -m geo``, the web route, tools).
"""
