"""Wikidata items (a JSON Lines subset of Wikidata's dump) as the fields of an actor.

An item names its classes (``"class": "Q5"``, a list of them, or ``claims.P31`` as in the
dump); the first class this newsroom knows gives the actor's kind. Labels, aliases and
descriptions may be plain strings or Wikidata's ``{"language": …, "value": …}`` objects.
Only the newsroom's languages are read: a dump's item carries hundreds of labels, which
would make hundreds of aliases.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from actors.models import Actor

PERSON, ORGANISATION, PLACE, EVENT = (
    Actor.Kind.PERSON,
    Actor.Kind.ORGANISATION,
    Actor.Kind.PLACE,
    Actor.Kind.EVENT,
)

# Classes ("instance of", P31) and the kind of actor they make. Items of other classes need
# --default-kind: guessing would file a ship or a film among people.
CLASS_KINDS = {
    "Q5": PERSON,  # human
    **dict.fromkeys(
        [
            "Q43229",  # organization
            "Q4830453",  # business
            "Q783794",  # company
            "Q891723",  # public company
            "Q167037",  # corporation
            "Q6881511",  # enterprise
            "Q7278",  # political party
            "Q7210356",  # political organization
            "Q327333",  # government agency
            "Q2659904",  # government organization
            "Q484652",  # international organization
            "Q163740",  # nonprofit organization
            "Q15911314",  # association
            "Q48204",  # voluntary association
            "Q178790",  # trade union
            "Q3918",  # university
            "Q31855",  # research institute
            "Q1331793",  # media company
            "Q11032",  # newspaper
            "Q41298",  # magazine
            "Q1616075",  # television station
            "Q14350",  # radio station
            "Q2085381",  # publisher
            "Q22687",  # bank
            "Q476028",  # association football club
        ],
        ORGANISATION,
    ),
    **dict.fromkeys(
        [
            "Q6256",  # country
            "Q3624078",  # sovereign state
            "Q515",  # city
            "Q1549591",  # big city
            "Q5119",  # capital
            "Q3957",  # town
            "Q532",  # village
            "Q486972",  # human settlement
            "Q484170",  # commune of France
            "Q6465",  # department of France
            "Q36784",  # region of France
            "Q35657",  # U.S. state
            "Q82794",  # geographic region
            "Q2221906",  # geographic location
            "Q5107",  # continent
            "Q23442",  # island
            "Q4022",  # river
            "Q8502",  # mountain
            "Q41176",  # building
            "Q483110",  # stadium
            "Q33506",  # museum
            "Q16917",  # hospital
            "Q1248784",  # airport
        ],
        PLACE,
    ),
    **dict.fromkeys(
        [
            "Q1656682",  # event
            "Q1190554",  # occurrence
            "Q175331",  # demonstration
            "Q40231",  # election
            "Q2761147",  # meeting
            "Q132241",  # festival
            "Q18608583",  # recurring sporting event
            "Q16510064",  # sporting event
            "Q500834",  # tournament
            "Q198",  # war
            "Q178561",  # battle
            "Q49776",  # strike
            "Q124757",  # riot
            "Q2223653",  # terrorist attack
            "Q8065",  # natural disaster
            "Q7944",  # earthquake
        ],
        EVENT,
    ),
}


class ItemError(ValueError):
    """One bad part of an item: ``field`` is its path, e.g. ``labels.fr``."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def is_item(doc: dict) -> bool:
    """A Wikidata item rather than one of our own rows (which have a ``name``)."""
    return "labels" in doc or ("id" in doc and "name" not in doc)


def languages() -> list[str]:
    """The desk's language first, then the site's others: the order a name is looked for."""
    first = settings.LANGUAGE_CODE.split("-")[0]
    others = [code.split("-")[0] for code, _name in settings.LANGUAGES]
    return list(dict.fromkeys([first, *others]))


def _value(value, field: str) -> str:
    """A label as a string, from either spelling."""
    if isinstance(value, dict):
        value = value.get("value")
    if not isinstance(value, str):
        raise ItemError(field, _("expected text or a {language, value} object."))
    return value


def _by_language(doc: dict, key: str) -> dict:
    found = doc.get(key)
    if found is None:
        return {}
    if not isinstance(found, dict):
        raise ItemError(key, _("expected an object keyed by language, such as {'fr': …}."))
    return found


def _texts(value, field: str) -> list[str]:
    """Aliases in one language: a list of labels, or one label on its own."""
    if not isinstance(value, list):
        value = [value]
    return [_value(item, f"{field}[{index}]") for index, item in enumerate(value)]


def classes(doc: dict) -> list[str]:
    """The item's classes, in the order given: ``class``, else the dump's ``claims.P31``."""
    if "class" in doc:
        given = doc["class"]
        given = given if isinstance(given, list) else [given]
        if not all(isinstance(item, str) for item in given):
            raise ItemError("class", _("expected a class id such as Q5, or a list of them."))
        return given
    claims = doc.get("claims")
    if not isinstance(claims, dict):
        return []
    found = []
    for claim in claims.get("P31") or []:
        if isinstance(claim, str):  # a simplified dump: ["Q5"]
            found.append(claim)
            continue
        value = ((claim or {}).get("mainsnak") or {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            found.append(value["id"])
    return found


def kind_of(doc: dict, default_kind: str) -> str:
    if isinstance(doc.get("kind"), str) and doc["kind"]:
        return doc["kind"]  # a file that says it outright
    given = classes(doc)
    for item in given:
        if item in CLASS_KINDS:
            return CLASS_KINDS[item]
    if default_kind:
        return default_kind
    if not given:
        raise ItemError("class", _("missing: the item says no class (such as Q5, a human)."))
    raise ItemError(
        "class",
        _(
            "%(classes)s is not a class this newsroom files as a person, organisation, place "
            "or event; import such items with --default-kind KIND."
        )
        % {"classes": ", ".join(given)},
    )


def _website(doc: dict) -> str:
    """``website``, or the dump's official website (P856)."""
    if "website" in doc:
        return doc["website"]
    claims = doc.get("claims")
    for claim in (claims.get("P856") or []) if isinstance(claims, dict) else []:
        value = claim if isinstance(claim, str) else None
        if isinstance(claim, dict):
            value = ((claim.get("mainsnak") or {}).get("datavalue") or {}).get("value")
        if isinstance(value, str):
            return value
    return ""


def item_fields(doc: dict, default_kind: str) -> tuple[dict, dict]:
    """The actor's fields (those of a row of our own) read from a Wikidata item, and where
    in the item each was found (errors name the item's own field)."""
    order = languages()
    labels = _by_language(doc, "labels")
    names = {lang: _value(labels[lang], f"labels.{lang}") for lang in order if lang in labels}
    names = {lang: label for lang, label in names.items() if label.strip()}
    if not names:
        raise ItemError("labels", _("no label in %(languages)s.") % {"languages": ", ".join(order)})
    name_language = next(lang for lang in order if lang in names)
    aliases = [label for lang, label in names.items() if lang != name_language]
    given = _by_language(doc, "aliases")
    for lang in order:
        if lang in given:
            aliases += _texts(given[lang], f"aliases.{lang}")
    descriptions = _by_language(doc, "descriptions")
    description, where = "", {"name": f"labels.{name_language}", "wikidata_id": "id"}
    for lang in order:
        if lang in descriptions:
            description = _value(descriptions[lang], f"descriptions.{lang}")
            where["description"] = f"descriptions.{lang}"
            if description.strip():
                break
    where["kind"] = "kind" if doc.get("kind") else "class"
    return {
        "name": names[name_language],
        "kind": kind_of(doc, default_kind),
        "aliases": aliases,
        "wikidata_id": doc.get("id", ""),
        "description": description,
        "website": _website(doc),
    }, where
