"""Exit 0 when the PostgreSQL server named by a database URL answers, 1 otherwise.

Used by `make test` to decide whether the PostgreSQL run happens (or, with
REQUIRE_POSTGRES=1, whether it must fail).
"""

import sys

import dj_database_url
import psycopg


def main(url: str) -> int:
    config = dj_database_url.parse(url)
    try:
        # The test database does not exist yet; the maintenance database always does.
        psycopg.connect(
            host=config["HOST"] or None,
            port=config["PORT"] or None,
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.Error as exc:
        print(f"PostgreSQL not reachable at {config['HOST']}:{config['PORT']}: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
