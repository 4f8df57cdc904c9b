"""A newsroom's authority file of actors: read, matched with the actors known, loaded.

The file is CSV (``name, kind, aliases, wikidata_id, description, website`` and optionally
``slug``; aliases separated by ``|``), JSON Lines with the same fields (``aliases`` a list),
or Wikidata items (``reading``, ``wikidata``). ``matching`` decides what each entry is
before anything is written; ``loading`` holds the service, ``actors_import``, which writes
through ``bulk`` and records ``history``.
"""

from actors.authority.loading import AuthorityReport, actors_import
from actors.authority.reading import AuthorityFailed, EntryError

__all__ = ["AuthorityFailed", "AuthorityReport", "EntryError", "actors_import"]
