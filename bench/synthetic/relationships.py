"""Relationships between the synthetic actors, and the stories that report them.

About one relationship per two actors, each of a kind that suits the two kinds of actor
(``words.RELATIONSHIP_KINDS_BY_ACTORS``); the stories written afterwards pick from
``run.relationships`` to tag both ends and stand as evidence.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from actors.models import Relationship
from bench.synthetic import words
from bench.synthetic.text import zipf_cum_weights

# Relationships concentrate on well-known actors too, but less: a few hundred at most each.
RELATIONSHIP_ZIPF = 0.6

RELATIONSHIP_FIELDS = (
    "id", "source_id", "kind_id", "target_id", "started_on", "ended_on", "amount", "currency",
    "status", "note", "needs_review", "version", "created_at", "updated_at",
)  # fmt: skip


def write_relationships(run, kinds, first_id, using):
    """About one relationship per two actors, between actors of kinds that suit the kind."""
    count = len(run.actor_names) // 2
    if count == 0 or not kinds:
        return
    rng = run.rng
    ranked = list(range(len(run.actor_names)))
    rng.shuffle(ranked)
    cum = zipf_cum_weights(len(ranked), RELATIONSHIP_ZIPF)
    seen, rows = set(), []
    attempts = 0
    while len(rows) < count and attempts < count * 5:
        attempts += 1
        source, target = rng.choices(ranked, cum_weights=cum, k=2)
        pair = (run.actor_kinds[source], run.actor_kinds[target])
        if pair not in words.RELATIONSHIP_KINDS_BY_ACTORS:
            source, target, pair = target, source, pair[::-1]
        choices = [
            slug for slug in words.RELATIONSHIP_KINDS_BY_ACTORS.get(pair, ()) if slug in kinds
        ]
        if source == target or not choices:
            continue
        slug = rng.choice(choices)
        started = (
            run.now.date() - dt.timedelta(days=rng.randint(30, 5500))
            if rng.random() < 0.7
            else None
        )
        key = (source, slug, target, started)
        if key in seen:
            continue
        seen.add(key)
        ended = None
        if started and rng.random() < 0.15:
            ended = started + dt.timedelta(days=rng.randint(1, 1500))
        amount, currency = None, ""
        if slug in ("donated-to", "owns") and rng.random() < 0.6:
            amount = Decimal(rng.randint(10, 5_000_000)) * 1000
            currency = rng.choice(["EUR", "USD", "GBP"])
        status = rng.choices(
            ["reported", "confirmed", "alleged", "denied", "ended"], weights=[50, 30, 10, 5, 5]
        )[0]
        relationship_id = first_id + len(rows)
        rows.append(
            (relationship_id, run.first_actor_id + source, kinds[slug], run.first_actor_id + target,
             started, ended, amount, currency, status, "", rng.random() < 0.02, 1, run.now,
             run.now)
        )  # fmt: skip
        run.relationships.append((relationship_id, slug, source, target))
    with transaction.atomic(using=using):
        run.stats.counts["relationships"] += run.sink.write(Relationship, RELATIONSHIP_FIELDS, rows)
