"""Cue words for guessing a new name's kind (``actors.suggestions.kinds``), in French and
English, folded (lower case, no accents: ``common.text.fold``), as the name and the words
around it are before they are compared; only the words that tell the languages apart keep
their accents.

Decisions an editor may meet:
- A building is a place, even when it stands for the people in it ("la Maison Blanche a
  annoncé"): the editor can still make it an organisation.
- Mars is a month as well as a planet: only "sur Mars"/"on Mars" makes it a place.
"""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    """One phrase a line."""
    return frozenset(line.strip() for line in text.strip().splitlines() if line.strip())


# A word of the name that makes it an event: "Sommet de l'IA de Paris", "World Cup". A year
# in the name does too ("CES 2027"), checked apart.
EVENT_WORDS = _words(
    """
    sommet summit coupe cup jeux games olympiques olympics olympic paralympiques paralympics
    festival salon forum conference conferences convention expo exposition exhibition show
    fair foire biennale election elections primaire primary referendum guerre war bataille
    battle proces trial championnat championship championships tournoi tournament marathon
    grand-prix rallye rally cop jo ouragan hurricane tempete storm typhon typhoon cyclone
    seisme earthquake attentat attentats massacre crise crisis revolution week semaine gala
    ceremonie ceremony oscars cesar cesars grammys emmys
    """
)
# Holidays, and events known by one word.
KNOWN_EVENTS = _words(
    """
    noel christmas paques easter thanksgiving halloween ramadan hanoucca hanukkah
    toussaint pentecote aid eid diwali
    wimbledon roland-garros berlinale mostra coachella glastonbury
    """
)
# Events named by several words, none an event on its own ("Tour Eiffel" is a place).
EVENT_PHRASES = _phrases(
    """
    grand prix
    world series
    super bowl
    tour de france
    us open
    ligue des champions
    champions league
    """
)

# The last word of an event's name, and no event elsewhere: "Eras Tour" but "Tour Eiffel",
# "Australian Open" but "Open Society".
EVENT_LAST_WORDS = _words("tour open")

# A word of the name that makes it an organisation: "Government Accountability Office",
# "Dassault Aviation", "Mistral AI". Checked after the event words: "Forum économique
# mondial" is an event, "Bank of America" an organisation.
ORGANISATION_WORDS = _words(
    """
    office agency agence administration administracion inc incorporated corp corporation
    group groupe company compagnie co cie bank banque commission ministere ministry
    department departement universite university college ecole school fondation foundation
    institut institute conseil council parti party post times journal herald tribune
    gazette news monde figaro liberation airlines airways aviation motors systems
    technologies technology tech sa sas sarl gmbh ltd llc plc ag nv holdings holding labs
    lab capital partners ventures investments fund fonds association federation federal
    foundations syndicat union club league committee comite direction service services bureau
    authority autorite tribunal court cour senat senate assemblee assembly parlement
    parliament congress police gendarmerie armee army navy force forces reserve ai ia
    pharmaceuticals pharma energy energies telecom telecoms media medias networks network
    studios pictures records entertainment industries industrie software robotics dynamics
    aerospace laboratories laboratoire laboratoires hopital hospital clinic clinique church
    eglise team equipe fc
    """
)

# Buildings and other whole names that are places.
PLACE_NAMES = _phrases(
    """
    maison blanche
    white house
    elysee
    matignon
    kremlin
    capitole
    capitol
    capitol hill
    downing street
    lune
    moon
    terre
    earth
    """
)
# A word of the name that makes it a place: "Lac Léman", "Boca Chica Beach", "Saint-Denis".
PLACE_WORDS = _words(
    """
    saint sainte st ste mont mount mt lac lake lakes river riviere fleuve city ville county
    comte street rue avenue av boulevard bd road route place square plaza beach plage
    island islands ile iles valley vallee bay baie cap cape key keys gulf golfe mer sea
    ocean canyon desert park parc stadium stade arena airport aeroport port harbor harbour
    bridge pont station village province region canton hills heights springs falls
    peninsula peninsule strait detroit coast cote garden gardens jardin jardins quartier
    """
)

# Whole names of places in the news, French and English spellings where they differ:
# countries, continents, the American states, big cities.
KNOWN_PLACES = _words(
    """
    france allemagne germany espagne spain italie italy portugal belgique belgium suisse
    switzerland pays-bas netherlands royaume-uni angleterre england ecosse scotland irlande
    ireland pologne poland ukraine russie russia turquie turkey grece greece suede sweden
    norvege norway danemark denmark finlande finland autriche austria hongrie hungary
    roumanie romania europe afrique africa asie asia amerique america oceanie etats-unis
    canada mexique mexico bresil brazil argentine argentina chili chile colombie colombia
    venezuela cuba chine china japon japan coree korea inde india pakistan iran irak iraq
    israel gaza cisjordanie liban lebanon syrie syria jordanie jordan egypte egypt qatar
    emirats dubai maroc morocco algerie algeria tunisie tunisia libye libya senegal nigeria
    kenya ethiopie ethiopia australie australia taiwan vietnam indonesie indonesia
    philippines thailande thailand singapour singapore groenland greenland britain
    bretagne croatie croatia serbie serbia bulgarie bulgaria tchequie czechia slovaquie
    slovakia slovenie slovenia lituanie lithuania lettonie latvia estonie estonia
    bielorussie belarus moldavie moldova georgie armenie armenia azerbaidjan azerbaijan
    kazakhstan afghanistan bangladesh nepal birmanie myanmar cambodge cambodia malaisie
    malaysia perou peru bolivie bolivia equateur ecuador uruguay paraguay haiti
    jamaique jamaica soudan sudan somalie somalia mali niger tchad chad cameroun cameroon
    ghana congo rwanda ouganda uganda tanzanie tanzania mozambique angola zambie zambia
    zimbabwe madagascar yemen oman koweit kuwait bahrein bahrain arctique arctic
    antarctique antarctica alsace bretagne normandie provence corse occitanie bourgogne
    burgundy
    alabama alaska arizona arkansas californie california colorado connecticut delaware
    floride florida georgie georgia hawaii idaho illinois indiana iowa kansas kentucky
    louisiane louisiana maine maryland massachusetts michigan minnesota mississippi
    missouri montana nebraska nevada nouveau-mexique ohio oklahoma oregon pennsylvanie
    pennsylvania tennessee texas utah vermont virginie virginia washington
    virginie-occidentale wisconsin wyoming
    paris londres london berlin madrid rome bruxelles brussels moscou moscow pekin beijing
    tokyo chicago houston miami seattle boston austin shanghai kiev kyiv jerusalem geneve
    geneva lyon marseille toulouse bordeaux lille nice nantes strasbourg
    """
) | _phrases(
    """
    united kingdom
    united states
    coree du sud
    south korea
    coree du nord
    north korea
    nouvelle-zelande
    new zealand
    great britain
    grande-bretagne
    sri lanka
    costa rica
    arabie saoudite
    saudi arabia
    afrique du sud
    south africa
    new hampshire
    new jersey
    new mexico
    new york
    caroline du nord
    north carolina
    caroline du sud
    south carolina
    dakota du nord
    north dakota
    dakota du sud
    south dakota
    rhode island
    west virginia
    new delhi
    los angeles
    san francisco
    las vegas
    silicon valley
    hong kong
    tel aviv
    """
)

# All-capital names that are places, not organisations.
PLACE_ACRONYMS = _words("usa us uk rdc rca uae eau")
# All-capital names that are events.
EVENT_ACRONYMS = _words("ces cop jo jop mwc ifa")

# Words right before a name that make it a person: "Mme Nathalie Loiseau", "Senator Ted
# Cruz", "Amazon founder Jeff Bezos".
PERSON_TITLES = _words(
    """
    m mme mmes mlle mr mrs ms miss dr pr me sir dame lord lady
    president presidente ministre senateur senatrice juge pdg ceo depute deputee maire
    senator judge justice governor gouverneur gouverneure representative rep congressman
    congresswoman chancelier chanceliere chancellor secretary secretaire minister
    prince princesse princess roi king reine queen pape pope general colonel capitaine
    captain commissaire commissioner ambassadeur ambassadrice ambassador fondateur
    fondatrice founder cofondateur cofondatrice co-founder patron patronne boss executive
    astronaute astronaut acteur actrice actor actress chanteur chanteuse singer rapper
    journaliste journalist economiste economist avocat avocate lawyer attorney professeur
    professeure professor docteur docteure milliardaire billionaire entrepreneur
    entrepreneuse investisseur investisseuse investor mari husband epouse wife daughter
    frere brother soeur sister
    """
)
# What comes right before a name of a person: "…», a déclaré Gwynne Shotwell" (and, in
# kinds, "…," said Freya Lindqvist").
PERSON_BEFORE = _phrases(
    """
    a declare
    a dit
    a affirme
    a explique
    a indique
    a ajoute
    a estime
    a confie
    a precise
    a assure
    a souligne
    a repondu
    a raconte
    """
)
# What comes right after: "Jensen Huang said", "Lauren Sánchez a raconté".
PERSON_AFTER = _phrases(
    """
    said
    says
    told
    added
    wrote
    argued
    explained
    insisted
    recalled
    a declare
    a dit
    a affirme
    a explique
    a estime
    a confie
    a assure
    a raconte
    """
)
# Given names common in French and English news: a name of two or more words opening with
# one of them is a person's ("Lauren Sánchez").
FIRST_NAMES = _words(
    """
    jean pierre michel philippe alain jacques nicolas francois laurent eric christophe
    patrick stephane olivier thierry julien sebastien antoine emmanuel bruno gerald
    edouard gabriel jordan xavier yannick vincent arnaud benoit bernard claude daniel
    david didier dominique fabien franck frederic gilles guillaume henri hugo louis luc
    marc mathieu maxime paul raphael remi romain thomas yves marine marie anne sophie
    nathalie isabelle catherine christine sylvie valerie sandrine celine aurelie camille
    claire elisabeth elise emilie helene julie laure lea manon martine monique sarah segolene
    rachida agnes amelie yael yasmine fatima karim mohamed ahmed ali mehdi rachid
    elon jeff mark bill steve tim sundar satya jensen sam larry sergey jack peter john james
    robert michael william richard joseph charles christopher matthew anthony donald joe
    barack george ronald kamala hillary nancy ted mike kevin chuck bernie elizabeth
    alexandria gwynne lauren melania ivanka jared rupert warren tom brian chris andrew
    ryan jason justin eric scott greg gregory stephen jennifer jessica emily emma olivia
    sophia mary patricia linda barbara susan karen lisa margaret ruth rebecca rachel
    angela ursula olaf friedrich giorgia pedro keir rishi boris theresa vladimir volodymyr
    xi recep benjamin narendra javier luiz lula
    """
)
# What comes right before the name of a place, by language ("à" folds to "a", the English
# article): "à Bordeaux", "en Floride", "in Seattle", "flew to Kyiv".
PLACE_BEFORE = {
    "fr": _phrases(
        """
        a
        en
        au
        aux
        vers
        pres de
        pres d'
        quartier de
        quartier du
        ville de
        commune de
        region de
        departement de
        """
    ),
    "en": _phrases(
        """
        in
        near
        outside
        flew to
        flights to
        trip to
        visit to
        moved to
        city of
        town of
        state of
        """
    ),
}
# Planets are places only where something lands or lives on them: "sur Mars", "on Mars".
CELESTIAL = _words("mars venus jupiter saturne saturn mercure mercury lune moon")
CELESTIAL_BEFORE = _phrases(
    """
    sur
    sur la
    vers
    on
    on the
    to
    """
)
# What comes right before an event: "lors du Salon du Bourget", "during the Paris Air Show".
EVENT_BEFORE = _phrases(
    """
    lors du
    lors de la
    lors des
    au cours du
    pendant le
    pendant la
    pendant les
    during the
    ahead of the
    """
)
# A word right before the name that makes it an event: "la tempête Orso", "Storm Éowyn".
EVENT_TITLES = _words("tempete ouragan cyclone typhon storm hurricane typhoon")
# Words before a name that make it a thing, not a person: "le Washington Post".
ARTICLES = _words("le la les l' the")

# Frequent words that tell French from English prose (``kinds.detect_language``), as
# written, in lower case.
FRENCH_WORDS = _words(
    "le la les des du de et est une un dans pour qui que sur au aux ont pas avec par il elle "
    "ce cette son sa ses été sont mais plus"
)
ENGLISH_WORDS = _words(
    "the of and to in is was for on that with by as at from has have had said it its he she "
    "are were but more this"
)
