"""The newsroom bundle: stories with everything their public pages show, in one ZIP file.

A bundle moves a newsroom: ``export_stories --format bundle`` writes it (``writing``), and
``import_stories BUNDLE.zip`` restores it into another, even an empty one (``restoring``),
with the same stable ids, slugs, dates and picture files. Its members:

- ``manifest.json``: the format version, when and from which site, and how many of each;
- ``stories.jsonl``: the stories, the same records as ``--format jsonl`` (one definition);
- one JSON Lines member per kind of row the stories show (``members.ROWS``);
- ``pictures/``: each picture's master file and its renditions, byte for byte.
"""
