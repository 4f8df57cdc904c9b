"""The official standards files (ninjs, sitemap XSDs, schema.org) that output is validated against.

They live outside the repository, in settings.NEWSROOM_STANDARDS_DIR. Without them the tests
that need them skip and say how to provide them; REQUIRE_STANDARDS=1 (CI) makes that a failure,
as REQUIRE_POSTGRES=1 does for PostgreSQL.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings


def standards_file(*parts: str) -> Path:
    path = Path(settings.NEWSROOM_STANDARDS_DIR, *parts)
    if path.is_file():
        return path
    message = (
        f"standards file {path} is missing: set NEWSROOM_STANDARDS_DIR to the folder "
        "holding ninjs/, sitemaps/ and schemaorg/"
    )
    if os.environ.get("REQUIRE_STANDARDS") == "1":
        pytest.fail(f"REQUIRE_STANDARDS=1 but the {message}", pytrace=False)
    pytest.skip(message)
