"""What the matcher makes of capitalised words beyond the actors' own names: headlines where
capitals prove nothing, whether a matched name is only part of a longer one ("Kimbal Musk",
"Météo-France"), and later short forms of a person named in full ("Sánchez", "M. Musk"); the
word lists the new names (``unknown``) share."""

import re
from bisect import bisect_right
from itertools import islice

from actors.suggestions import cues
from actors.suggestions.tokens import CAPITALISED, END, FOLDED, SENTENCE_START, START, STOP

# Lower-case words that may sit inside a name: "Charles de Gaulle", "Bank of America".
CONNECTORS = frozenset("de du des d' d van von der den di da del dos of y bin ibn al el".split())
# Articles inside a name, only after "de": "Place de la Concorde", "Ministère de l'Intérieur"
# (not "au Grand Palais le Sommet").
ARTICLES = frozenset("la le les l'".split())
# Words before a surname that make a short form of it: "M. Musk", "Mme Sánchez", "Dr Pan".
TITLES = frozenset("m mm mme mmes mlle me dr pr mr mrs ms miss sir".split())
# Capitalised words that start sentences or dates rather than names.
NOT_NAMES = frozenset(
    """
    le la les l' l un une des du de d' au aux ce cet cette ces il elle ils elles on nous vous je
    tu mais et ou donc or ni car pour par dans en sur sous avec sans selon depuis pendant apres
    avant lors quand si comme chez entre vers contre ainsi alors aussi encore deja puis enfin
    reste tout tous toute toutes leur leurs son sa ses mon ma mes notre nos votre vos qui que
    quoi dont ou ici la-bas oui non monsieur madame m mme mr mrs ms dr
    the a an this that these those it its he she they we you i his her their our my your in on
    at to for from with without by of and but or nor so yet as if when while after before
    since during about into over under between among despite however yesterday today unlike
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
    """.split()
)
# French writes days and months in lower case: capitalised, they open a sentence or name
# something else ("sur Mars").
FRENCH_DATES = frozenset(
    """
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin
    juillet aout septembre octobre novembre decembre
    """.split()
)
# Capitalised on their own by convention, not names: "les États membres", "the Post said"
# (the name is "The Washington Post"; alone, the word only stands for it), and the heads of
# institutions' names, which alone stand for one named earlier ("la Commission").
COMMON_CAPITALISED = frozenset(
    """
    etat etats gouvernement president presidente premier ministre state states post
    commission cour parti ligue parquet federation conseil assemblee tribunal
    noel christmas
    """.split()
)
# Nationalities and their like, capitalised in English and for French nouns.
DEMONYMS = frozenset(
    """
    francais francaise anglais anglaise danois danoise allemand allemande americain americaine
    britannique europeen europeenne chinois chinoise russe espagnol espagnole italien
    italienne belge suisse japonais japonaise canadien canadienne ukrainien ukrainienne
    american americans european europeans chinese british russian russians western eastern
    english french german germans spanish spaniard italian japanese canadian ukrainian
    belgian dutch swiss african asian democrat democrats republican republicans conservative
    conservatives labour liberal liberals swifties
    """.split()
)
# French institutions write the words after their head in lower case: "Assemblée nationale",
# "Parquet national financier", "Ligue des champions". After such a head, the name goes on
# through adjectives and one "des …" complement.
HEADS = frozenset(
    """
    assemblee parti cour federation ligue parquet rassemblement congres conseil front
    banque caisse autorite agence office commission comite tribunal union confederation
    mouvement syndicat ministere institut musee fondation chambre haute haut direction
    coupe championnat jeux festival salon ecole universite parlement massif stade fete
    orchestre observatoire
    """.split()
)
# Lower-case French words that open a place's name: "place Masséna", "vallée du Rhône".
PLACE_HEADS = frozenset(
    """
    place rue avenue boulevard quai pont vallee pays golfe mer mont lac ile parc foret col
    cap baie detroit plateau canal gare
    """.split()
)
ADJECTIVE = re.compile(
    r"(?:ale?s?|aux|aine?s?|aise?s?|oise?s?|iens?|iennes?|enne?s?|iques?|ifs?|ives?|els?|"
    r"elles?|aires?|iers?|ieres?|ees?|istes?|ise|ises|eure?s?|rice)$"
)
NOT_A_NAME_ALONE = NOT_NAMES | COMMON_CAPITALISED | DEMONYMS | TITLES | cues.PERSON_TITLES
_LINE = re.compile(r"^.+$", re.MULTILINE)
_NEWLINE = re.compile("\n")
_WORDS = re.compile(r"[^\W\d_]+")
# An upper-case line of several words is a headline shouted in capitals: its words say
# nothing about which are names.
_SHOUTED = re.compile(r"^[^\S\n]*(?=[^\n]*[A-ZÀ-Þ]{2})[^a-zß-ÿ\n]*$", re.MULTILINE)


def _title_case(line: str) -> bool:
    """A headline in title case ("Musk's Case Against OpenAI Heads to a Jury"): a short line
    not ended as a sentence, every word of four letters or more capitalised, three at least."""
    if line.rstrip().endswith((".", "!", "?", "\u2026", ":", ";")):
        return False  # a sentence, not a headline
    words = [word.group() for word in islice(_WORDS.finditer(line), 21)]  # a paragraph is long
    long = [word for word in words if len(word) >= 4]
    return len(words) <= 20 and len(long) >= 3 and all(word[0].isupper() for word in long)


TITLE_CASE, SHOUTED = 1, 2


def shouted(text: str, tokens) -> bytearray:
    """For each token, SHOUTED in a headline written in capitals, TITLE_CASE in one in title
    case, else 0: in both, capitals say nothing about which words are names."""
    flags = bytearray(len(tokens))
    # Matched at each line's start only: searched for everywhere, the pattern cost more
    # than finding the names.
    lines = [0, *(newline.end() for newline in _NEWLINE.finditer(text))]
    shouts = filter(None, (_SHOUTED.match(text, start) for start in lines))
    spans = [(*m.span(), SHOUTED) for m in shouts if len(m.group().split()) > 1]
    spans += [(*m.span(), TITLE_CASE) for m in _LINE.finditer(text) if _title_case(m.group())]
    spans.sort()
    if spans:
        starts = [start for start, _, _ in spans]
        for index, token in enumerate(tokens):
            at = bisect_right(starts, token[START]) - 1
            if at >= 0 and token[START] < spans[at][1]:
                flags[index] = spans[at][2]
    return flags


def is_gap(between: str) -> bool:
    """Only spaces of any kind (line ends, tabs, no-break spaces), hyphens or an ampersand
    between two words, or an apostrophe ending the first ("Farmers' Union"): they may share
    a name."""
    if between == " ":  # by far the most common gap
        return True
    rest = between.lstrip("'\u2019").replace("-", " ").replace("\u2011", " ").strip()
    return rest in ("", "&")  # "Transport & Environment"


def is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _could_start_a_name(token, loud: int) -> bool:
    folded = token[FOLDED]
    return (
        token[CAPITALISED]
        and not loud
        and folded != STOP
        and (folded not in NOT_A_NAME_ALONE or folded in HEADS)
        and (not token[SENTENCE_START] or folded in cues.FIRST_NAMES)
    )


def inside_longer_name(text, tokens, match, leading, taken, loud) -> bool:
    """Whether a name found is only part of a longer, unknown one: a capitalised word right
    before it ("Kimbal Musk", "Météo-France", "Léonard de Vinci"), or, for people and places,
    right after it ("Paris Saint-Germain", "Musk Foundation")."""
    first, last, actor_ids = match
    before = first - 1
    if before > 0 and tokens[before][FOLDED] in ("de", "d'", "of"):
        if is_gap(text[tokens[before - 1][END] : tokens[before][START]]):
            before -= 1
    if before >= 0 and not taken[before]:
        token = tokens[before]
        between = text[token[END] : tokens[before + 1][START]]
        if between == "-" and token[CAPITALISED] and not loud[before]:
            return True  # "Météo-France", "Hauts-de-France", even opening a sentence
        if _could_start_a_name(token, loud[before]) and is_gap(between):
            return True
    after = last + 1
    if after < len(tokens) and not taken[after] and not leading.isdisjoint(actor_ids):
        token = tokens[after]
        between = text[tokens[last][END] : token[START]]
        return (
            token[CAPITALISED]
            and not loud[after]
            and token[FOLDED] not in NOT_A_NAME_ALONE
            and between.strip(" \t\u00a0-") == ""
        )
    return False


def short_forms(text, tokens, covered, matches, persons, result) -> None:
    """A later surname ("Sánchez"), bare or after a title ("Mme Sánchez"), counts for the
    person named in full earlier in the text, when only one person so named fits."""
    named_at: dict[str, dict[int, int]] = {}  # surname -> {person: first full mention}
    for first, last, actor_ids in matches:
        surname = tokens[last][FOLDED]
        if last == first or surname in CONNECTORS:
            continue
        for actor_id in actor_ids:
            if actor_id in persons:
                named_at.setdefault(surname, {}).setdefault(actor_id, first)
    if not named_at:
        return
    for index, token in enumerate(tokens):
        fits = named_at.get(token[FOLDED])
        if covered[index] or not fits or not token[CAPITALISED]:
            continue
        earlier = [actor_id for actor_id, at in fits.items() if at < index]
        if len(earlier) != 1:
            continue
        first = index
        if index and tokens[index - 1][FOLDED] in TITLES and not covered[index - 1]:
            first = index - 1
        covered[first : index + 1] = b"\x01" * (index + 1 - first)
        result.count(earlier[0], text[tokens[first][START] : token[END]])
