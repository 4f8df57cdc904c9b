""".env.example lists every environment variable the code reads, each under a comment."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SKIPPED_DIRS = {".venv", "node_modules", "tests", ".git", ".bench", ".cache", "build"}
# Set by the code for its own child processes, never by an operator.
INTERNAL = {"BENCH_PATHS"}  # bench/http.py hands wrk's script its list of paths

READS = re.compile(
    r"""(?:environ\.get|environ\[|getenv|env_bool|env_list|env_int)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)
LISTED = re.compile(r"^#?\s?([A-Z][A-Z0-9_]+)=", re.MULTILINE)


def names_read_by_the_code() -> dict[str, str]:
    found = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRS.intersection(relative.parts[:-1]):
            continue
        for name in READS.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, str(relative))
    return found


def test_every_environment_variable_the_code_reads_is_in_env_example():
    listed = set(LISTED.findall((ROOT / ".env.example").read_text(encoding="utf-8")))
    read = names_read_by_the_code()

    # The scan itself must see the variables it is known to read, or it proves nothing.
    assert {"DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DATABASE_URL", "GUNICORN_BIND"} <= set(read)
    missing = {name: where for name, where in read.items() if name not in listed | INTERNAL}
    assert missing == {}, f"add these to .env.example, with a comment: {missing}"


def test_every_variable_in_env_example_has_a_comment_line_above_it():
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    uncommented = [
        line
        for before, line in zip(lines, lines[1:], strict=False)
        if LISTED.match(line) and not (before.startswith("# ") and not LISTED.match(before))
    ]

    assert uncommented == []
