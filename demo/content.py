"""The demo newsroom's content: the Musk-Bezos dinner at Mar-a-Lago and the stories around it.

Data only; demo.loader builds it through the services editors' work goes through.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from actors.models import Actor, Relationship
from articles.models import Article

# For the demo only: printed on screen by load_demo, which refuses to run with DEBUG off.
DEMO_PASSWORD = "demo-password-2024"  # noqa: S105

PARIS = ZoneInfo("Europe/Paris")
SCHEDULED_IN = dt.timedelta(days=30)


def _paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)


# The Wednesday of the dinner.
DINNER_DAY = dt.date(2024, 12, 18)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    group: str = ""  # Empty for the superuser, who needs none.

    @property
    def role(self) -> str:
        return self.group or "superuser"


USERS = (
    DemoUser("admin", "Admin", "Démo"),
    DemoUser("editor", "Hélène", "Garnier", group="Editor"),
    DemoUser("reporter", "Karim", "Benali", group="Reporter"),
    DemoUser("exporter", "Sophie", "Moreau", group="Export staff"),
)

# (slug, name, description, position)
SECTIONS = (
    ("tech", "Tech", "Les entreprises et les patrons de la technologie.", 1),
    ("politique", "Politique", "Le pouvoir, les élections et leur financement.", 2),
    ("espace", "Espace", "Agences, lanceurs et conquête spatiale.", 3),
)


@dataclass(frozen=True)
class DemoActor:
    slug: str
    name: str
    kind: str
    description: str
    sort_name: str = ""
    wikidata_id: str = ""
    website: str = ""
    aliases: tuple[str, ...] = ()


PERSON = Actor.Kind.PERSON
ORG = Actor.Kind.ORGANISATION

ACTORS = (
    DemoActor(
        "elon-musk", "Elon Musk", PERSON, "Entrepreneur, patron de SpaceX et de Tesla.",
        sort_name="Musk, Elon", wikidata_id="Q317521", aliases=("Musk",),
    ),
    DemoActor(
        "jeff-bezos", "Jeff Bezos", PERSON,
        "Fondateur d'Amazon et de Blue Origin, propriétaire du Washington Post.",
        sort_name="Bezos, Jeff", wikidata_id="Q312556", aliases=("Bezos", "Jeffrey Bezos"),
    ),
    DemoActor(
        "donald-trump", "Donald Trump", PERSON,
        "Président élu des États-Unis en novembre 2024, propriétaire de Mar-a-Lago.",
        sort_name="Trump, Donald", wikidata_id="Q22686", aliases=("Trump", "Donald J. Trump"),
    ),
    DemoActor(
        "lauren-sanchez", "Lauren Sánchez", PERSON,
        "Ancienne journaliste de télévision et pilote d'hélicoptère, fiancée de Jeff Bezos.",
        sort_name="Sánchez, Lauren", aliases=("Lauren Sanchez",),
    ),
    DemoActor(
        "mark-zuckerberg", "Mark Zuckerberg", PERSON, "Fondateur et patron de Meta.",
        sort_name="Zuckerberg, Mark", wikidata_id="Q36215", aliases=("Zuckerberg",),
    ),
    DemoActor(
        "sundar-pichai", "Sundar Pichai", PERSON, "Directeur général de Google.",
        sort_name="Pichai, Sundar", wikidata_id="Q3503829", aliases=("Pichai",),
    ),
    DemoActor(
        "sam-altman", "Sam Altman", PERSON, "Directeur général d'OpenAI.",
        sort_name="Altman, Sam", wikidata_id="Q7407093", aliases=("Altman",),
    ),
    DemoActor(
        "spacex", "SpaceX", ORG, "Entreprise spatiale américaine dirigée par Elon Musk.",
        wikidata_id="Q193701", website="https://www.spacex.com/",
        aliases=("Space Exploration Technologies",),
    ),
    DemoActor(
        "blue-origin", "Blue Origin", ORG, "Entreprise spatiale fondée par Jeff Bezos.",
        website="https://www.blueorigin.com/",
    ),
    DemoActor(
        "nasa", "NASA", ORG,
        "Agence spatiale américaine, qui attribue les contrats de lancement et d'atterrisseurs.",
        wikidata_id="Q23548", website="https://www.nasa.gov/",
        aliases=("National Aeronautics and Space Administration",),
    ),
    DemoActor(
        "tesla", "Tesla", ORG, "Constructeur américain de voitures électriques.",
        wikidata_id="Q478214", website="https://www.tesla.com/", aliases=("Tesla Inc.",),
    ),
    DemoActor(
        "amazon", "Amazon", ORG, "Géant du commerce en ligne et de l'informatique en nuage.",
        wikidata_id="Q3884", website="https://www.amazon.com/", aliases=("Amazon.com",),
    ),
    DemoActor(
        "meta", "Meta", ORG, "Maison mère des réseaux sociaux Facebook et Instagram.",
        wikidata_id="Q380", website="https://www.meta.com/", aliases=("Meta Platforms",),
    ),
    DemoActor(
        "openai", "OpenAI", ORG, "Entreprise d'intelligence artificielle, éditrice de ChatGPT.",
        wikidata_id="Q21708200", website="https://openai.com/",
    ),
    DemoActor(
        "google", "Google", ORG, "Géant américain de la recherche en ligne et de la publicité.",
        wikidata_id="Q95", website="https://www.google.com/",
    ),
    DemoActor(
        "the-washington-post", "The Washington Post", ORG,
        "Quotidien américain détenu par Jeff Bezos depuis 2013.",
        sort_name="Washington Post, The", wikidata_id="Q166032",
        website="https://www.washingtonpost.com/", aliases=("Washington Post",),
    ),
    DemoActor(
        "fonds-investiture-trump", "Fonds d'investiture de Donald Trump", ORG,
        "Structure qui a collecté les dons destinés aux cérémonies d'investiture de 2025.",
        aliases=("Trump inauguration fund", "fonds d'investiture"),
    ),
    DemoActor(
        "groupes-pro-republicains", "Groupes pro-républicains", ORG,
        "Comités d'action politique favorables aux candidats républicains en 2024.",
        aliases=("pro-Republican groups", "super PAC pro-républicains"),
    ),
    DemoActor(
        "mar-a-lago", "Mar-a-Lago", Actor.Kind.PLACE,
        "Club privé de Donald Trump à Palm Beach, en Floride.",
        aliases=("Mar-a-Lago Club",),
    ),
    DemoActor(
        "diner-de-mar-a-lago", "Dîner de Mar-a-Lago", Actor.Kind.EVENT,
        "Dîner réunissant Elon Musk, Jeff Bezos et Donald Trump un mercredi soir de décembre 2024.",
        aliases=("Mar-a-Lago dinner",),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class DemoStory:
    slug: str
    title: str
    kicker: str
    standfirst: str
    body: str
    section: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    about: tuple[str, ...]
    mentions: tuple[str, ...]
    language: str = Article.Language.FRENCH
    # A fixed date keeps re-runs and screenshots stable; None with scheduled=False is a draft.
    publish_at: dt.datetime | None = None
    scheduled: bool = False
    lead_image: str = ""  # the key of one of demo.pictures.PICTURES


MAIN_STORY = "musk-bezos-diner-trump-mar-a-lago"

MAIN_BODY = """\
Il y a quelques mois encore, la scène aurait paru improbable. Mercredi soir, Elon Musk et Jeff
Bezos se sont retrouvés à la table de Donald Trump, dans son club de Mar-a-Lago, à Palm Beach
(Floride). Le président élu recevait ainsi deux des hommes les plus riches du monde, que presque
tout opposait depuis une décennie.

Elon Musk, devenu un habitué des lieux depuis l'élection, a décrit la soirée comme une
« conversation enrichissante ». Lauren Sánchez, la fiancée de Jeff Bezos, était également de la
partie : des photos d'elle, prises sur place, ont rapidement circulé sur les réseaux sociaux.
Aucun des convives n'a précisé les sujets abordés pendant le repas.

## Vingt ans de rivalité spatiale

Le rapprochement frappe d'autant plus que la rivalité entre les deux entrepreneurs compte parmi
les plus vives de la tech américaine. Leurs sociétés spatiales, SpaceX pour Musk et Blue Origin
pour Bezos, se disputent depuis des années les contrats de la NASA, qu'il s'agisse de lancements
ou de l'atterrisseur qui doit ramener des astronautes sur la Lune.

La compétition a débordé jusque sur le terrain juridique. En 2021, Blue Origin a contesté
l'attribution à SpaceX d'un contrat lunaire de 2,9 milliards de dollars, d'abord auprès d'un
organe de contrôle du Congrès, puis devant un tribunal fédéral, sans obtenir gain de cause. Jeff
Bezos a critiqué publiquement les projets spatiaux de son concurrent ; Elon Musk, lui, n'a jamais
manqué une occasion de railler les résultats de Blue Origin.

Les piques sont parfois devenues personnelles. Elon Musk a ainsi affirmé que Jeff Bezos avait
conseillé à des proches de vendre leurs actions Tesla et SpaceX, ce que le fondateur d'Amazon a
démenti.

## La Silicon Valley se presse à Mar-a-Lago

Le dîner de Mar-a-Lago s'inscrit dans un mouvement plus large. Depuis la victoire de Donald
Trump en novembre, les dirigeants de la tech défilent en Floride. Mark Zuckerberg, le patron de
Meta, et Sundar Pichai, celui de Google, y ont eux aussi été reçus ces dernières semaines.

Les gestes financiers suivent. Meta, Amazon et OpenAI, par l'intermédiaire de son directeur
général Sam Altman, ont chacun versé un million de dollars au fonds d'investiture du président
élu, qui finance les cérémonies du 20 janvier. Des sommes modestes à l'échelle de ces groupes,
mais un signal politique sans ambiguïté.

Pour Jeff Bezos, le virage est spectaculaire. Pendant le premier mandat de Donald Trump, les
relations entre les deux hommes étaient exécrables : le président attaquait sans relâche la
couverture du *Washington Post*, le quotidien que Bezos possède depuis 2013, et s'en prenait
volontiers à Amazon. Le milliardaire se dit aujourd'hui optimiste pour ce second mandat.

Elon Musk, lui, a choisi son camp depuis longtemps. Pendant la campagne, il a versé plus de
200 millions de dollars à des groupes pro-républicains, ce qui en fait l'un des principaux
soutiens financiers du vainqueur. SpaceX comme Tesla dépendent pourtant largement des décisions
de l'administration fédérale, qu'il s'agisse de commandes publiques ou de réglementation.

## Une trêve à confirmer

Reste à savoir si ce dîner marque la fin de la guerre entre les deux milliardaires ou une simple
trêve de circonstance. SpaceX et Blue Origin restent en concurrence frontale pour les prochaines
missions de la NASA, dont le budget et les priorités seront fixés par la nouvelle administration.

Pour l'un comme pour l'autre, l'enjeu dépasse largement une querelle d'ego : l'oreille du
président pourrait peser sur des contrats publics qui se chiffrent en milliards de dollars.
"""

CONTRACTS_BODY = """\
La rivalité entre Elon Musk et Jeff Bezos se joue d'abord au-dessus de nos têtes. SpaceX, la
société de Musk, et Blue Origin, celle de Bezos, visent le même client principal : la NASA, qui
attribue les contrats de lancement et de transport d'astronautes vers la Lune.

## Un atterrisseur lunaire devant les juges

L'épisode le plus âpre remonte à 2021. L'agence choisit alors SpaceX seule pour construire
l'atterrisseur du programme Artemis, un contrat de 2,9 milliards de dollars. Blue Origin, qui
espérait voir la NASA retenir deux fournisseurs, conteste la décision auprès du Government
Accountability Office, l'organe de contrôle du Congrès, puis devant un tribunal fédéral. Les deux
recours échouent, mais le chantier reste gelé pendant des mois.

La NASA a depuis rééquilibré la donne : en 2023, elle a retenu Blue Origin pour un second
atterrisseur, destiné à une mission ultérieure. Une manière de garder deux fournisseurs en
concurrence, comme le réclamait Bezos.

{picture:nasa-contracts}

## Des piques en public

Entre les deux patrons, les échanges ont souvent tourné à la moquerie. Jeff Bezos a mis en doute
l'idée de coloniser Mars, chère à son concurrent, en lui préférant de grandes stations spatiales.
Elon Musk raille régulièrement la cadence de Blue Origin, bien plus lente que celle de ses
propres fusées.

Le dîner de Mar-a-Lago, où les deux hommes se sont attablés mercredi avec Donald Trump, ne
change rien à l'équation industrielle : les deux sociétés se retrouveront face à face pour les
prochains appels d'offres de l'agence spatiale.
"""

DONATIONS_BODY = """\
Meta, Amazon and OpenAI have each given one million US dollars to the Trump inauguration fund,
which pays for the ceremonies around Donald Trump's swearing-in on January 20. In OpenAI's case
the money comes through its chief executive, Sam Altman.

The sums are small for companies of this size. The signal is not: three of the most powerful
groups in technology have lined up, within days of one another, behind a president-elect many of
their leaders once kept at arm's length.

## A change of tone

Mark Zuckerberg, Meta's chief executive, has had a stormy relationship with Trump, who was
suspended from Facebook and Instagram after the attack on the Capitol in January 2021. Zuckerberg
flew to Mar-a-Lago to dine with the president-elect after the election; Sundar Pichai, the head
of Google, has made the same trip.

For Amazon the gift follows years of open hostility between Trump and its founder, Jeff Bezos,
who also owns The Washington Post. Bezos now says he is optimistic about the second term.

Altman has said he wants to work with the new administration on artificial intelligence, a field
where Washington's choices on energy, chips and regulation will weigh heavily on his company.

## Old allies, new donors

None of them comes close to Elon Musk, who spent more than 200 million dollars backing
pro-Republican groups during the campaign and has become a fixture of the president-elect's
inner circle. For the newcomers, a million dollars buys something more modest: a seat at the
table while the next administration decides how hard to regulate them.
"""

POST_BODY = """\
Pendant quatre ans, Jeff Bezos a été l'une des cibles favorites de Donald Trump. Le président
républicain reprochait au *Washington Post*, que le fondateur d'Amazon a racheté en 2013, sa
couverture de la Maison Blanche, et l'accusait de servir les intérêts de son propriétaire.
Amazon subissait elle aussi régulièrement ses attaques.

## Un rapprochement par étapes

Le climat a changé au fil de l'année 2024. À l'automne, le *Post* a renoncé à soutenir un
candidat à l'élection présidentielle, une décision défendue par Jeff Bezos et vivement critiquée
au sein de la rédaction comme par une partie des abonnés. Après le scrutin, le milliardaire a
félicité le vainqueur, puis s'est dit publiquement optimiste pour le second mandat, en
particulier sur la promesse d'alléger la réglementation.

En décembre, Bezos a franchi une nouvelle étape en dînant à Mar-a-Lago avec Donald Trump et Elon
Musk, en compagnie de sa fiancée, Lauren Sánchez. Amazon a par ailleurs versé un million de
dollars au fonds d'investiture du président élu.

## Une rédaction inquiète

Au *Washington Post*, ce revirement nourrit les interrogations sur l'indépendance du journal.
Jeff Bezos a toujours affirmé ne pas intervenir dans le travail des journalistes. Mais les
intérêts en jeu sont considérables : Amazon, par son activité d'informatique en nuage, et Blue
Origin décrochent des contrats fédéraux qui se chiffrent en milliards de dollars.

Pour les journalistes du quotidien, la question n'est plus de savoir si leur propriétaire
parle au président, mais ce que ces conversations changeront, ou non, à leur travail.
"""

CAMPAIGN_BODY = """\
Les chiffres donnent la mesure de son engagement. Pendant la campagne présidentielle de 2024,
Elon Musk a versé plus de 200 millions de dollars à des groupes pro-républicains, selon les
déclarations déposées auprès des autorités électorales fédérales. L'essentiel est allé à des
comités d'action politique, ces structures qui peuvent lever et dépenser des fonds sans plafond
tant qu'elles ne se coordonnent pas directement avec les candidats.

## Du porte-à-porte aux meetings

Ces fonds ont surtout financé des opérations de terrain dans les États décisifs : démarchage à
domicile, publicités ciblées, mobilisation des électeurs les moins assidus. Le milliardaire ne
s'est pas contenté de signer des chèques. Il s'est affiché en personne aux côtés de Donald Trump
lors de plusieurs meetings et a mis son réseau social au service de la campagne.

## Un investissement politique

Depuis la victoire, le patron de SpaceX et de Tesla est devenu un visiteur assidu de Mar-a-Lago
et un conseiller écouté du président élu. Ses détracteurs pointent les conflits d'intérêts
possibles : SpaceX vit en grande partie des contrats de la NASA et du Pentagone, et Tesla dépend
des régulateurs fédéraux de l'automobile.

Ses proches répondent qu'il défend depuis longtemps les mêmes idées, et que son engagement
relève de la conviction plus que du calcul. Les quatre prochaines années diront laquelle des
deux lectures l'emporte.
"""

WEDDING_BODY = """\
Fiancés depuis 2023, Jeff Bezos et Lauren Sánchez n'ont toujours pas fixé publiquement la date
de leur mariage. Plusieurs médias américains ont évoqué une cérémonie fastueuse dans le Colorado
pendant les fêtes ; le fondateur d'Amazon a démenti, jugeant ces informations fausses.

Ancienne journaliste de télévision devenue pilote d'hélicoptère, Lauren Sánchez accompagne
désormais Bezos dans la plupart de ses apparitions publiques. Elle était présente au dîner de
Mar-a-Lago avec Donald Trump et Elon Musk, en décembre ; des photos d'elle prises ce soir-là ont
largement circulé.

**[À compléter avant relecture : date et lieu confirmés, réaction de l'entourage du couple.]**
"""

ANALYSIS_BODY = """\
Les patrons de la tech ont fait le voyage de Mar-a-Lago, signé des chèques pour l'investiture et
multiplié les déclarations conciliantes. Reste à savoir ce qu'ils attendent en retour du second
mandat de Donald Trump.

## Moins de règles, plus de contrats

Le premier vœu est commun : une régulation plus légère. Google et Meta font face à des procédures
antitrust lancées par les autorités fédérales, et espèrent un ton moins offensif. OpenAI et Sam
Altman plaident pour un cadre souple sur l'intelligence artificielle et pour un accès facilité à
l'énergie nécessaire à leurs centres de données. Amazon, de son côté, surveille à la fois ses
contrats publics d'informatique en nuage et la politique commerciale.

Le second enjeu est budgétaire. SpaceX et Blue Origin dépendent des choix de la NASA, et donc de
la Maison Blanche. Elon Musk, installé dans le premier cercle du président, a un accès que Jeff
Bezos, Mark Zuckerberg ou Sundar Pichai n'ont pas.

## Une alliance fragile

Tout ce beau monde n'a pas les mêmes intérêts. Les droits de douane promis pendant la campagne
pèseraient sur des chaînes d'approvisionnement très mondialisées, et les rivalités entre les
milliardaires eux-mêmes n'ont pas disparu. L'histoire récente invite à la prudence : lors du
premier mandat, les lunes de miel entre la Silicon Valley et la Maison Blanche ont rarement duré.
"""

STORIES = (
    DemoStory(
        slug=MAIN_STORY,
        kicker="Silicon Valley",
        title="Elon Musk et Jeff Bezos, rivaux de l'espace, à la même table chez Donald Trump",
        standfirst=(
            "Longtemps adversaires dans la course aux contrats de la NASA, les deux milliardaires "
            "ont dîné mercredi à Mar-a-Lago avec le président élu. Une scène qui résume la cour "
            "que les patrons de la tech font au futur locataire de la Maison Blanche."
        ),
        body=MAIN_BODY,
        section="tech",
        authors=("reporter", "editor"),
        tags=("espace", "politique", "tech", "milliardaires"),
        about=("elon-musk", "jeff-bezos", "donald-trump", "diner-de-mar-a-lago"),
        mentions=(
            "lauren-sanchez", "mar-a-lago", "spacex", "blue-origin", "nasa", "tesla", "amazon",
            "mark-zuckerberg", "meta", "sundar-pichai", "google", "openai", "sam-altman",
            "fonds-investiture-trump", "the-washington-post", "groupes-pro-republicains",
        ),
        publish_at=_paris(2024, 12, 19, 7, 30),
        lead_image="dinner",
    ),
    DemoStory(
        slug="spacex-blue-origin-bataille-contrats-nasa",
        kicker="Conquête spatiale",
        title="SpaceX contre Blue Origin, la longue bataille des contrats de la NASA",
        standfirst=(
            "Les sociétés d'Elon Musk et de Jeff Bezos se disputent depuis des années les "
            "commandes de l'agence spatiale américaine, jusque devant les tribunaux."
        ),
        body=CONTRACTS_BODY,
        section="espace",
        authors=("reporter",),
        tags=("espace", "tech", "nasa"),
        about=("spacex", "blue-origin"),
        mentions=("nasa", "elon-musk", "jeff-bezos", "diner-de-mar-a-lago", "donald-trump"),
        publish_at=_paris(2024, 12, 20, 11, 0),
        lead_image="rockets",
    ),
    DemoStory(
        slug="meta-amazon-openai-trump-inauguration-fund",
        kicker="Tech and power",
        title="Meta, Amazon and OpenAI's chief each give $1 million to Trump's inauguration",
        standfirst=(
            "Three of the biggest names in technology have written identical cheques to the "
            "president-elect's inauguration fund, a measure of how fast Silicon Valley is "
            "making its peace with Donald Trump."
        ),
        body=DONATIONS_BODY,
        language=Article.Language.ENGLISH,
        section="tech",
        authors=("editor",),
        tags=("politique", "tech", "investiture"),
        about=("meta", "amazon", "openai", "fonds-investiture-trump"),
        mentions=(
            "donald-trump", "sam-altman", "mark-zuckerberg", "mar-a-lago", "sundar-pichai",
            "google", "jeff-bezos", "the-washington-post", "elon-musk", "groupes-pro-republicains",
        ),
        publish_at=_paris(2024, 12, 14, 9, 0),
        lead_image="tech-money",
    ),
    DemoStory(
        slug="bezos-trump-washington-post-rapprochement",
        kicker="Médias",
        title="Jeff Bezos et Donald Trump, de la guerre ouverte à la main tendue",
        standfirst=(
            "Propriétaire du Washington Post, longtemps cible favorite du président, le "
            "fondateur d'Amazon se dit désormais optimiste pour le second mandat de Donald Trump."
        ),
        body=POST_BODY,
        section="politique",
        authors=("editor",),
        tags=("politique", "médias", "milliardaires"),
        about=("jeff-bezos", "donald-trump", "the-washington-post"),
        mentions=(
            "amazon", "mar-a-lago", "elon-musk", "lauren-sanchez", "fonds-investiture-trump",
            "blue-origin",
        ),
        publish_at=_paris(2025, 1, 8, 10, 0),
        lead_image="front-page",
    ),
    DemoStory(
        slug="elon-musk-200-millions-campagne-republicaine",
        kicker="Financement politique",
        title="Elon Musk a dépensé plus de 200 millions de dollars pour la campagne républicaine",
        standfirst=(
            "Les déclarations de fin de campagne confirment que le patron de SpaceX et de Tesla "
            "a été l'un des plus gros financeurs de l'élection présidentielle américaine."
        ),
        body=CAMPAIGN_BODY,
        section="politique",
        authors=("reporter",),
        tags=("politique", "élections", "milliardaires"),
        about=("elon-musk", "groupes-pro-republicains"),
        mentions=("donald-trump", "spacex", "tesla", "mar-a-lago", "nasa"),
        publish_at=_paris(2024, 12, 7, 9, 0),
        lead_image="ballot-box",
    ),
    DemoStory(
        slug="bezos-sanchez-projets-de-mariage",
        kicker="Portrait",
        title="Jeff Bezos et Lauren Sánchez, un mariage très attendu",
        standfirst=(
            "Fiancés depuis 2023, le fondateur d'Amazon et l'ancienne journaliste entretiennent "
            "le mystère sur la date de leurs noces."
        ),
        body=WEDDING_BODY,
        section="tech",
        authors=("reporter",),
        tags=("milliardaires",),
        about=("lauren-sanchez", "jeff-bezos"),
        mentions=("amazon", "diner-de-mar-a-lago", "donald-trump", "elon-musk"),
    ),
    DemoStory(
        slug="analyse-tech-second-mandat-trump",
        kicker="Analyse",
        title="Ce que les géants de la tech attendent du second mandat de Donald Trump",
        standfirst=(
            "Dons, dîners, déclarations conciliantes : la Silicon Valley a multiplié les gestes "
            "envers le président. Elle attend désormais un retour sur investissement."
        ),
        body=ANALYSIS_BODY,
        section="politique",
        authors=("editor",),
        tags=("politique", "tech", "analyse"),
        about=("donald-trump",),
        mentions=(
            "mar-a-lago", "google", "meta", "openai", "sam-altman", "amazon", "spacex",
            "blue-origin", "nasa", "elon-musk", "jeff-bezos", "mark-zuckerberg", "sundar-pichai",
        ),
        scheduled=True,
    ),
)  # fmt: skip

CONTRACTS = "spacex-blue-origin-bataille-contrats-nasa"
DONATIONS = "meta-amazon-openai-trump-inauguration-fund"
POST = "bezos-trump-washington-post-rapprochement"
CAMPAIGN = "elon-musk-200-millions-campagne-republicaine"
WEDDING = "bezos-sanchez-projets-de-mariage"
ANALYSIS = "analyse-tech-second-mandat-trump"

# Editor-picked related stories; each pair is shown from both ends.
RELATED = (
    (MAIN_STORY, CONTRACTS),
    (MAIN_STORY, DONATIONS),
    (MAIN_STORY, POST),
    (MAIN_STORY, CAMPAIGN),
    (DONATIONS, POST),
    (DONATIONS, CAMPAIGN),
    (WEDDING, MAIN_STORY),
    (ANALYSIS, MAIN_STORY),
    (ANALYSIS, DONATIONS),
)


@dataclass(frozen=True)
class DemoRelationship:
    source: str
    kind: str
    target: str
    note: str
    evidence: tuple[str, ...]  # Published stories only: evidence is shown to readers.
    status: str = Relationship.Status.REPORTED
    started_on: dt.date | None = None
    ended_on: dt.date | None = None
    amount: Decimal | None = None
    currency: str = ""


CONFIRMED = Relationship.Status.CONFIRMED
MILLION = Decimal("1000000")


def _at_dinner(source: str, kind: str, target: str, note: str, *extra: str) -> DemoRelationship:
    return DemoRelationship(
        source, kind, target, note, (MAIN_STORY, *extra),
        started_on=DINNER_DAY, ended_on=DINNER_DAY,
    )  # fmt: skip


RELATIONSHIPS = (
    DemoRelationship(
        "elon-musk", "rival-of", "jeff-bezos",
        "Rivalité de longue date, qui semble s'apaiser depuis le dîner de décembre 2024.",
        (MAIN_STORY, CONTRACTS),
    ),
    DemoRelationship(
        "spacex", "competes-with", "blue-origin",
        "Concurrence pour les contrats de la NASA, jusqu'à des recours sur leur attribution.",
        (CONTRACTS, MAIN_STORY), status=CONFIRMED,
    ),
    DemoRelationship(
        "elon-musk", "leads", "spacex", "Fondateur et patron.", (MAIN_STORY, CONTRACTS, CAMPAIGN),
        status=CONFIRMED,
    ),
    DemoRelationship(
        "elon-musk", "leads", "tesla", "Directeur général.", (MAIN_STORY, CAMPAIGN),
        status=CONFIRMED,
    ),
    DemoRelationship(
        "jeff-bezos", "founded", "amazon", "A fondé l'entreprise en 1994.", (MAIN_STORY, POST),
        status=CONFIRMED,
    ),
    DemoRelationship(
        "jeff-bezos", "founded", "blue-origin", "A fondé l'entreprise spatiale en 2000.",
        (MAIN_STORY, CONTRACTS), status=CONFIRMED,
    ),
    DemoRelationship(
        "jeff-bezos", "owns", "the-washington-post", "Propriétaire du quotidien depuis 2013.",
        (MAIN_STORY, POST, DONATIONS), status=CONFIRMED, started_on=dt.date(2013, 10, 1),
    ),
    DemoRelationship(
        "jeff-bezos", "engaged-to", "lauren-sanchez", "Fiancés depuis 2023.", (MAIN_STORY, POST),
        status=CONFIRMED,
    ),
    DemoRelationship(
        "mark-zuckerberg", "leads", "meta", "Fondateur et directeur général.",
        (MAIN_STORY, DONATIONS), status=CONFIRMED,
    ),
    DemoRelationship(
        "sundar-pichai", "leads", "google", "Directeur général.", (MAIN_STORY, DONATIONS),
        status=CONFIRMED,
    ),
    DemoRelationship(
        "sam-altman", "leads", "openai", "Directeur général.", (MAIN_STORY, DONATIONS),
        status=CONFIRMED,
    ),
    DemoRelationship(
        "meta", "donated-to", "fonds-investiture-trump",
        "Don pour l'investiture de janvier 2025.", (DONATIONS, MAIN_STORY),
        status=CONFIRMED, amount=MILLION, currency="USD",
    ),
    DemoRelationship(
        "amazon", "donated-to", "fonds-investiture-trump",
        "Don pour l'investiture de janvier 2025.", (DONATIONS, MAIN_STORY, POST),
        status=CONFIRMED, amount=MILLION, currency="USD",
    ),
    DemoRelationship(
        "openai", "donated-to", "fonds-investiture-trump",
        "Don annoncé par l'intermédiaire du directeur général, Sam Altman.",
        (DONATIONS, MAIN_STORY), status=CONFIRMED, amount=MILLION, currency="USD",
    ),
    DemoRelationship(
        "elon-musk", "donated-to", "groupes-pro-republicains",
        "Plus de 200 millions de dollars pendant la campagne présidentielle de 2024.",
        (CAMPAIGN, MAIN_STORY, DONATIONS), status=CONFIRMED,
        amount=Decimal("200000000"), currency="USD",
    ),
    DemoRelationship(
        "jeff-bezos", "in-tension-with", "donald-trump",
        "Des années de tension autour de la couverture du Washington Post ; apaisement en 2024.",
        (POST, MAIN_STORY, DONATIONS),
    ),
    _at_dinner("elon-musk", "attended", "diner-de-mar-a-lago", "Convive du président élu."),
    _at_dinner("jeff-bezos", "attended", "diner-de-mar-a-lago", "Venu avec sa fiancée.", CONTRACTS),
    _at_dinner("donald-trump", "attended", "diner-de-mar-a-lago", "Hôte du dîner."),
    _at_dinner("lauren-sanchez", "attended", "diner-de-mar-a-lago", "Accompagnait Jeff Bezos."),
    _at_dinner("diner-de-mar-a-lago", "took-place-at", "mar-a-lago", "Un mercredi soir."),
    _at_dinner("elon-musk", "met", "donald-trump", "Au dîner de Mar-a-Lago."),
    _at_dinner("jeff-bezos", "met", "donald-trump", "Au dîner de Mar-a-Lago.", POST),
    _at_dinner("elon-musk", "met", "jeff-bezos", "Les deux rivaux à la même table.", CONTRACTS),
    DemoRelationship(
        "mark-zuckerberg", "visited", "mar-a-lago", "Dîner avec le président élu, fin 2024.",
        (MAIN_STORY, DONATIONS),
    ),
    DemoRelationship(
        "sundar-pichai", "visited", "mar-a-lago", "Visite au président élu, fin 2024.",
        (MAIN_STORY, DONATIONS),
    ),
)  # fmt: skip
