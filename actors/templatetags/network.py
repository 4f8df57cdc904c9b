"""A server-rendered SVG picture of an actor's relationships: no JavaScript, no CDN.

The actor sits in the middle, the actors it relates to on a circle around it, each line
labelled from the actor's side ("owns"). Labels are never cut: they wrap onto as many lines
as they need and the picture grows to hold them. Each dot and name links to that actor's
page, each line and its label to the page of the pair; the list under the picture gives
the same relationships with the same links, and the picture's <title> and <desc> say what
it shows in words.
"""

import math
import textwrap
from dataclasses import dataclass, field

from django import template

from actors import relationships

register = template.Library()

WIDTH, HEIGHT = 640, 480
CENTRE = (WIDTH / 2, HEIGHT / 2)
RADIUS_X, RADIUS_Y = 215, 170
MAX_NODES = 12
WRAP = 20  # characters per line: about 130 px at the caption's size, clear of neighbours
LINE = 15  # px between lines
MARGIN = 12


def wrap(text: str) -> list[str]:
    """Whole words per line; a word longer than a line is split, never dropped."""
    return textwrap.wrap(text, WRAP, break_on_hyphens=False) or [text]


@dataclass
class Line:
    text: str
    y: float


@dataclass
class Node:
    name: str
    url: str
    pair_url: str
    labels: list[str]
    x: float
    y: float
    name_lines: list[Line] = field(default_factory=list)
    caption_lines: list[Line] = field(default_factory=list)

    @property
    def caption(self) -> str:
        return ", ".join(dict.fromkeys(self.labels))


def _place_text(node: Node) -> None:
    """Name then caption, above the dot in the top half and below it in the bottom half, so
    that the text runs away from the middle."""
    names, captions = wrap(node.name), wrap(node.caption)
    count = len(names) + len(captions)
    first = node.y - 13 - (count - 1) * LINE if node.y < CENTRE[1] else node.y + 24
    ys = [round(first + index * LINE, 1) for index in range(count)]
    node.name_lines = [Line(text, y) for text, y in zip(names, ys, strict=False)]
    node.caption_lines = [Line(text, y) for text, y in zip(captions, ys[len(names) :], strict=True)]


def _layout(actor, groups) -> tuple[list[Node], int]:
    """One node per other actor (several relationships with it share the node)."""
    others: dict[int, dict] = {}
    for group in groups:
        for item in group["items"]:
            other = item["other"]
            entry = others.setdefault(
                other.pk,
                {
                    "name": other.name,
                    "url": other.get_absolute_url(),
                    "pair_url": relationships.pair_url(actor, other),
                    "labels": [],
                },
            )
            entry["labels"].append(group["label"])
    shown = list(others.values())[:MAX_NODES]
    nodes = []
    for index, entry in enumerate(shown):
        # Start at the top and go clockwise so that a single neighbour sits above.
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(shown), 1)
        x = CENTRE[0] + RADIUS_X * math.cos(angle)
        y = CENTRE[1] + RADIUS_Y * math.sin(angle)
        node = Node(x=round(x, 1), y=round(y, 1), **entry)
        _place_text(node)
        nodes.append(node)
    return nodes, len(others) - len(shown)


def _view_box(nodes) -> tuple[float, float]:
    """The top and the height that hold every line of text (long labels make it taller)."""
    ys = [line.y for node in nodes for line in node.name_lines + node.caption_lines]
    top = min([0.0, *(y - LINE - MARGIN for y in ys)])
    bottom = max([float(HEIGHT), *(y + MARGIN for y in ys)])
    return round(top, 1), round(bottom - top, 1)


@register.inclusion_tag("includes/actor_network.svg")
def actor_network(actor, groups):
    nodes, hidden = _layout(actor, groups)
    top, height = _view_box(nodes)
    return {
        "actor": actor,
        "nodes": nodes,
        "hidden": hidden,
        "groups": groups,
        "width": WIDTH,
        "top": top,
        "height": height,
        "cx": CENTRE[0],
        "cy": CENTRE[1],
    }


@register.simple_tag
def pair_url(a, b) -> str:
    return relationships.pair_url(a, b)
