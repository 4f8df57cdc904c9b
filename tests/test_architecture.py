"""The codebase stays readable: no module grows past what one sitting can read.

The import layering is checked by import-linter (`lint-imports`, pyproject's
[tool.importlinter]); this test holds the size rule of docs/style.md point 1.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400


def python_modules() -> list[Path]:
    """Every module of the project's packages (the apps, bench, common, newsroom, tests)."""
    packages = sorted(path.parent for path in ROOT.glob("*/__init__.py"))
    return [
        module
        for package in packages
        for module in sorted(package.rglob("*.py"))
        # Migrations are generated, not read; they are exempt.
        if "migrations" not in module.relative_to(ROOT).parts
    ]


def test_the_packages_are_all_walked():
    walked = {module.relative_to(ROOT).parts[0] for module in python_modules()}
    assert {"articles", "actors", "bench", "common", "newsroom", "tests"} <= walked


def test_no_module_is_over_400_lines():
    too_long = {
        str(module.relative_to(ROOT)): lines
        for module in python_modules()
        if (lines := len(module.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    listing = ", ".join(f"{path} ({lines})" for path, lines in too_long.items())
    assert not too_long, f"Over {MAX_LINES} lines, split into packages: {listing}"
