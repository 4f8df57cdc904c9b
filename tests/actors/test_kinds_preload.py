"""gunicorn loads the French model once, before its workers fork (gunicorn.conf.py)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import runpy, sys
conf = runpy.run_path("gunicorn.conf.py")
import django
django.setup()
conf["when_ready"](None)
from actors.suggestions import kinds
print("spacy" in sys.modules, kinds.load_seconds() > 0)
"""


@pytest.mark.parametrize("preload, expected", [("1", "True True"), ("0", "False False")])
def test_gunicorn_preloads_the_model_unless_told_not_to(preload, expected):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "1",
        "NEWSROOM_PRELOAD_NER": preload,
    }
    done = subprocess.run(  # noqa: S603 - our interpreter, a fixed script
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == expected
