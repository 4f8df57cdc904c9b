"""What a reader finds first, on PostgreSQL (stems, ts_rank) and SQLite (prefixes, bm25) alike.

A small newsroom where each query has stories that must come first: a headline beats a
standfirst, which beats a body; a story tagging the actor named beats one that merely says
the name; equal matches list the newest first; a quoted phrase finds its words together.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from search.query import MAX_ACTORS
from tests.factories import ActorFactory, AliasFactory, ArticleActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

FILLER = "Le conseil a siégé mardi. Le gouvernement a présenté un rapport sur les transports."


def story(key: str, title: str, body: str = FILLER, *, days: int = 5, **fields):
    return ArticleFactory(
        slug=key,
        title=title,
        standfirst=fields.pop("standfirst", "Un chapeau court."),
        body=body,
        publish_at=timezone.now() - timezone.timedelta(days=days),
        **fields,
    )


def tag(article, actor):
    ArticleActorFactory(article=article, actor=actor)


@pytest.fixture
def newsroom():
    story("election-floride", "L'élection présidentielle se joue en Floride", days=20)
    # Neither a draft nor a story scheduled for tomorrow is found.
    story("draft", "L'élection truquée", status="draft", days=0)
    story("scheduled", "L'élection de demain", days=-1)
    story("budget", "Le budget des hôpitaux", "Un mot de l'élection, en passant.", days=1)
    story("xolotl", "Une découverte au Mexique", "Le temple de Xolotl a été fouillé.", days=300)
    story("rocket", "SpaceX tests a new rocket", "It flew.", days=30, language="en")
    story("launch", "A launch day", "The rocket flew, then landed.", days=2, language="en")
    story("wildfires", "Wildfires spread in California", "Smoke.", days=9, language="en")
    story("banque", "Les marchés attendent", "La banque centrale a relevé ses taux.", days=8)
    story("centrale", "Une centrale au charbon", "La banque du village a prêté.", days=3)
    lagarde = ActorFactory(name="Christine Lagarde")
    tag(
        story("portrait", "Portrait d'une présidente", "Elle dirige l'institution.", days=40),
        lagarde,
    )
    story("breve", "Une brève", "Christine Lagarde a parlé des taux.", days=1)
    bce = ActorFactory(name="Banque centrale européenne", kind="organisation")
    AliasFactory(actor=bce, name="BCE")
    tag(story("francfort", "À Francfort, une tour", "Le siège.", days=50), bce)
    for n in range(MAX_ACTORS + 2):  # a surname more actors share than search follows
        martin = ActorFactory(name=f"Prénom{n} Martin")
        tag(story(f"martin-{n}", f"Un inconnu numéro {n}", days=2), martin)
    story("docteur", "Le docteur Martin soigne les élus", days=60)
    for n in range(2):  # a surname two actors share: both are followed
        dupont = ActorFactory(name=f"Prénom{n} Dupont")
        AliasFactory(actor=dupont, name="Dupont")
        tag(story(f"dupont-{n}", f"Une affaire numéro {n}", days=70), dupont)
    story("dupont-cite", "Une autre affaire", "Un certain Dupont est cité.", days=1)
    royal = ActorFactory(name="Ségolène Royal")
    tag(story("poitou", "Retour dans le Poitou", "Un meeting.", days=12), royal)
    story("moratoire-chapeau", "Une décision", standfirst="Un moratoire est décidé.", days=30)
    story("moratoire-texte", "Une autre décision", "Un moratoire, dit-on.", days=4)
    story("marathon-2023", "Le marathon de Paris en 2023", "Une course.", days=400)
    story("marathon-2024", "Le marathon de Paris en 2024", "Une course.", days=30)
    story("bezos-post", "Bezos et le Post", "Le quotidien de Washington.", days=15)
    story("bezos-origin", "Bezos et Blue Origin", "Des fusées.", days=6)
    story("mar-a-lago", "Un dîner à Mar-a-Lago", "Des invités.", days=7)
    story("climat", "Le climat se réchauffe", "Les glaciers fondent.", days=11)
    story("gouvernement", "Le gouvernement tombe", "Une motion de censure.", days=90)
    for n in range(6):
        story(f"filler-{n}", f"Chronique numéro {n}", days=n)


# (query, the stories that must come first, in this order; a set when their order is free)
# and, after "only", when nothing else may be found.
EXPECTED = [
    ("élection", ["election-floride", "budget"], "only"),
    ("ELECTION", ["election-floride"], ""),
    ("presidentielle", ["election-floride"], "only"),
    ("Xolotl", ["xolotl"], "only"),
    ("rocket", ["rocket", "launch"], "only"),
    ("SPACEX", ["rocket"], "only"),
    ("wildfire", ["wildfires"], "only"),
    ('"banque centrale"', ["banque"], "only"),
    ("banque centrale", [{"banque", "centrale"}], ""),
    ("Christine Lagarde", ["portrait", "breve"], "only"),
    ("christine lagardé", ["portrait", "breve"], "only"),
    ("BCE", ["francfort"], "only"),
    ("Martin", ["docteur"], "only"),
    ("Dupont", [{"dupont-0", "dupont-1"}, "dupont-cite"], "only"),
    ("segolene royal", ["poitou"], "only"),
    ("moratoire", ["moratoire-chapeau", "moratoire-texte"], "only"),
    ("marathon", ["marathon-2024", "marathon-2023"], "only"),
    ("Bezos quotidien", ["bezos-post"], "only"),
    ("fusée", ["bezos-origin"], "only"),
    ("Mar-a-Lago", ["mar-a-lago"], "only"),
    ("le climat", ["climat"], ""),
    ("gouvernement", ["gouvernement"], ""),
    ("Floride élection", ["election-floride"], "only"),
    ("zzyzx", [], "only"),
]


def found(client, query) -> list[str]:
    response = client.get(reverse("search:results"), {"q": query})
    assert response.status_code == 200
    return [article.slug for article in response.context["articles"]]


def first(slugs: list[str], expected: list) -> list:
    """``slugs``' head in the shape of ``expected`` (sets where the order is free)."""
    shaped, position = [], 0
    for item in expected:
        width = len(item) if isinstance(item, set) else 1
        head = slugs[position : position + width]
        shaped.append(set(head) if isinstance(item, set) else (head or [None])[0])
        position += width
    return shaped


def test_the_relevance_set_is_large_enough():
    assert len(EXPECTED) >= 20
    assert len({query for query, _, _ in EXPECTED}) == len(EXPECTED)


def test_each_query_lists_its_stories_first(client, newsroom):
    misses = {}
    for query, expected, only in EXPECTED:
        slugs = found(client, query)
        width = sum(len(item) if isinstance(item, set) else 1 for item in expected)
        if first(slugs, expected) != expected or (only and len(slugs) != width):
            misses[query] = slugs
    assert misses == {}


def test_a_surname_many_actors_share_names_none_of_them(client, newsroom):
    response = client.get(reverse("search:results"), {"q": "Martin"})
    assert response.context["matched_actors"] == []
    dupont = client.get(reverse("search:results"), {"q": "Dupont"})
    assert len(dupont.context["matched_actors"]) == 2
