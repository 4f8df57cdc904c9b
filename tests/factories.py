import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from actors.models import Actor, Alias, Relationship, RelationshipKind
from articles.models import Article, ArticleActor, Byline, Correction, RelatedArticle, Section
from contributors.models import Contributor


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    is_staff = True
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


class SluggedFactory(factory.django.DjangoModelFactory):
    """Rows the migrations may already hold (sections, relationship kinds): found by slug."""

    class Meta:
        abstract = True
        django_get_or_create = ("slug",)


class SectionFactory(SluggedFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class ContributorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contributor

    name = factory.Sequence(lambda n: f"Camille Martin{n}")
    slug = factory.Sequence(lambda n: f"camille-martin-{n}")
    role = Contributor.Role.REPORTER


def sign(article: Article, *contributors: Contributor) -> None:
    """Add ``contributors`` to the end of the story's byline, in this order."""
    first = article.bylines.count()
    for position, contributor in enumerate(contributors, start=first):
        Byline.objects.create(article=article, contributor=contributor, position=position)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Une histoire numéro {n}")
    slug = factory.Sequence(lambda n: f"histoire-{n}")
    standfirst = "Un chapeau court."
    body = "Premier paragraphe.\n\nSecond paragraphe."
    language = "fr"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))
    # As article_publish would have set it: a published story was first published then.
    first_published_at = factory.LazyAttribute(
        lambda o: o.publish_at if o.status == Article.Status.PUBLISHED else None
    )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    kind = Actor.Kind.PERSON
    name = factory.Sequence(lambda n: f"Personne {n}")
    slug = factory.Sequence(lambda n: f"personne-{n}")


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alias

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class RelationshipKindFactory(SluggedFactory):
    class Meta:
        model = RelationshipKind

    label = factory.Sequence(lambda n: f"kind {n}")
    slug = factory.Sequence(lambda n: f"kind-{n}")


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    source = factory.SubFactory(ActorFactory)
    target = factory.SubFactory(ActorFactory)
    kind = factory.LazyFunction(lambda: RelationshipKind.objects.get(slug="rival-of"))


class ArticleActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleActor

    article = factory.SubFactory(ArticleFactory)
    actor = factory.SubFactory(ActorFactory)
    role = ArticleActor.Role.ABOUT


class RelatedArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedArticle

    from_article = factory.SubFactory(ArticleFactory)
    to_article = factory.SubFactory(ArticleFactory)


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    text = "Une date était fausse."
