import io

import pytest
from django.core.management import CommandError, call_command

from actors.models import Actor
from articles.models import Article, ArticleActor
from exports.plaintext import parse_plain_text
from tests.factories import ActorFactory, AliasFactory, SectionFactory

MANUSCRIPT = """Elon Musk rencontre Jeff Bezos à Palm Beach

Les deux milliardaires ont dîné mercredi soir.
La NASA n'a pas commenté.

Vingt ans de rivalité

Leurs sociétés se disputent les contrats de l'agence, selon Bezos.

Fin
"""


def test_first_line_is_the_headline_paragraphs_kept_subheadings_found():
    story = parse_plain_text(MANUSCRIPT)
    assert story.title == "Elon Musk rencontre Jeff Bezos à Palm Beach"
    assert story.body == (
        "Les deux milliardaires ont dîné mercredi soir.\nLa NASA n'a pas commenté.\n\n"
        "## Vingt ans de rivalité\n\n"
        "Leurs sociétés se disputent les contrats de l'agence, selon Bezos.\n\n"
        "Fin"  # last: not between paragraphs
    )


@pytest.mark.parametrize(
    "block, heading",
    [
        ("Un intertitre court", True),
        ("Une phrase qui finit par un point.", False),
        ("Une question ?", False),
        ("- un élément de liste", False),
        ("> une citation", False),
        ("## Déjà un intertitre", False),
        ("— Victor Hugo", False),
        ("x" * 81, False),
    ],
)
def test_what_counts_as_a_subheading(block, heading):
    story = parse_plain_text(f"Titre\n\nAvant.\n\n{block}\n\nAprès.")
    assert ("## " + block in story.body) is heading


def test_front_matter_gives_the_headline_and_more():
    story = parse_plain_text(
        "---\ntitle: « Un titre »\nstandfirst: Le chapeau.\ntags: [espace, nasa]\n"
        "language: en\n---\n\nPremier paragraphe.\r\n\r\nSecond.\r\n"
    )
    assert story.title == "« Un titre »"
    assert story.meta["standfirst"] == "Le chapeau."
    assert story.tags == ["espace", "nasa"]
    assert story.body == "Premier paragraphe.\n\nSecond."


def test_markdown_heading_as_first_line():
    assert parse_plain_text("# Le titre\n\nTexte.").title == "Le titre"


@pytest.fixture
def actors(db):
    musk = ActorFactory(name="Elon Musk", slug="elon-musk")
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos")
    AliasFactory(actor=bezos, name="Bezos")
    nasa = ActorFactory(name="NASA", slug="nasa", kind=Actor.Kind.ORGANISATION)
    return musk, bezos, nasa


def run(path, *args) -> str:
    out = io.StringIO()
    call_command("import_article", str(path), *args, stdout=out)
    return out.getvalue()


def test_command_creates_a_draft_and_prints_suggestions(actors, tmp_path):
    SectionFactory(slug="espace")
    path = tmp_path / "story.txt"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    output = run(path, "--section", "espace", "--language", "fr")
    story = Article.objects.get()
    assert story.status == Article.Status.DRAFT
    assert story.section.slug == "espace"
    assert "## Vingt ans de rivalité" in story.body
    assert "Draft created: Elon Musk rencontre Jeff Bezos à Palm Beach" in output
    assert "Suggested actors:" in output
    for name in ("Elon Musk", "Jeff Bezos", "NASA"):
        assert name in output
    assert not story.actor_tags.exists()


def test_tag_suggested_tags_them_as_mentions(actors, tmp_path):
    path = tmp_path / "story.md"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    run(path, "--tag-suggested")
    story = Article.objects.get()
    tags = {tag.actor.slug: tag.role for tag in story.actor_tags.all()}
    assert tags == dict.fromkeys(["elon-musk", "jeff-bezos", "nasa"], ArticleActor.Role.MENTIONS)


def test_a_second_file_with_the_same_headline_gets_its_own_slug(db, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Même titre\n\nTexte.", encoding="utf-8")
    run(path)
    run(path)
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "meme-titre",
        "meme-titre-2",
    ]


def test_command_errors(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no headline"):
        run(empty)
    story = tmp_path / "story.txt"
    story.write_text("Titre\n\nTexte.", encoding="utf-8")
    with pytest.raises(CommandError, match='Unknown section: "sport"'):
        run(story, "--section", "sport")
    with pytest.raises(CommandError, match="invalid choice: 'de'"):
        run(story, "--language", "de")
    assert not Article.objects.exists()
