"""Send reads to a read replica when one is configured (DATABASE_REPLICA_URL).

Writes, migrations and everything inside a transaction stay on the primary: a replica lags
behind, and a transaction must read what it has just written. Both aliases hold the same
data, so relations between objects loaded from either are allowed.
"""

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_DB_ALIAS = "replica"
# Read right after they are written, on the next request: a lagging replica would log the
# user out (a session it has not received yet).
PRIMARY_ONLY_APPS = {"sessions"}


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        instance = hints.get("instance")
        if instance is not None and instance._state.db == DEFAULT_DB_ALIAS:
            # Following a relation of an object just saved: read where it was written.
            return DEFAULT_DB_ALIAS
        return REPLICA_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
