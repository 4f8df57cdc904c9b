"""A server-rendered SVG picture of an actor's relationships: no JavaScript, no CDN.

The actor sits in the middle, the actors it relates to on a circle around it, each line
labelled from the actor's side ("owns"). The list on the page stays the accessible source; the
picture carries a <title> and a <desc> that say the same in words.
"""

import math
from dataclasses import dataclass

from django import template

from actors import relationships

register = template.Library()

WIDTH, HEIGHT = 640, 480
CENTRE = (WIDTH / 2, HEIGHT / 2)
RADIUS_X, RADIUS_Y = 215, 170
MAX_NODES = 12
MAX_LABEL = 22


@dataclass
class Node:
    name: str
    labels: list[str]
    x: float
    y: float
    name_y: float
    caption_y: float

    @property
    def caption(self) -> str:
        text = ", ".join(dict.fromkeys(self.labels))
        return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"

    @property
    def short_name(self) -> str:
        return self.name if len(self.name) <= MAX_LABEL else self.name[: MAX_LABEL - 1] + "…"


def _layout(groups) -> tuple[list[Node], int]:
    """One node per other actor (several relationships with it share the node)."""
    others: dict[int, dict] = {}
    for group in groups:
        for item in group["items"]:
            other = item["other"]
            entry = others.setdefault(other.pk, {"name": other.name, "labels": []})
            entry["labels"].append(group["label"])
    shown = list(others.values())[:MAX_NODES]
    nodes = []
    for index, entry in enumerate(shown):
        # Start at the top and go clockwise so that a single neighbour sits above.
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(shown), 1)
        x = CENTRE[0] + RADIUS_X * math.cos(angle)
        y = CENTRE[1] + RADIUS_Y * math.sin(angle)
        # Text centred on the dot, away from the middle: above it in the top half, below it
        # in the bottom half, so nothing runs past the picture's edges.
        if y < CENTRE[1]:
            name_y, caption_y = y - 28, y - 13
        else:
            name_y, caption_y = y + 24, y + 39
        nodes.append(
            Node(
                x=round(x, 1),
                y=round(y, 1),
                name_y=round(name_y, 1),
                caption_y=round(caption_y, 1),
                **entry,
            )
        )
    return nodes, len(others) - len(shown)


@register.inclusion_tag("includes/actor_network.svg")
def actor_network(actor, groups):
    nodes, hidden = _layout(groups)
    return {
        "actor": actor,
        "nodes": nodes,
        "hidden": hidden,
        "groups": groups,
        "width": WIDTH,
        "height": HEIGHT,
        "cx": CENTRE[0],
        "cy": CENTRE[1],
    }


@register.simple_tag
def pair_url(a, b) -> str:
    return relationships.pair_url(a, b)
