"""Reading a .po file in tests, without a dependency: one entry at a time."""

from pathlib import Path


def po_entries(path: Path):
    """(fields, block) of every entry of a .po file: fields maps msgid, msgid_plural,
    msgstr, msgstr[n] to their text; block is the entry as written (its flags included)."""
    for block in path.read_text(encoding="utf-8").split("\n\n")[1:]:
        fields, current = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            keyword, _, rest = line.partition(" ")
            if keyword.startswith("msg"):
                current, line = keyword, rest
            fields[current] = fields.get(current, "") + line.strip()[1:-1]
        if "msgid" in fields:
            yield fields, block


def translations(fields: dict) -> list[str]:
    return [value for key, value in fields.items() if key.startswith("msgstr")]
