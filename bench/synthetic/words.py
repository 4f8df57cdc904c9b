"""Built-in vocabulary for the synthetic corpus, shipped with it: nothing is downloaded.

Names, places and kinds are here; the sentence vocabulary of each language (subjects, verbs,
objects, quotes and the sentence patterns) is in data/fr.json and data/en.json. Phrases are
whole noun and verb groups so that sentences stay grammatical without any agreement logic:
French subjects are singular and verbs are in the passé composé. The lists are kept dense by
hand (fmt: off) so that the data reads as data.
"""

import json
from pathlib import Path
from typing import Any

# fmt: off

# (slug, French name, position) for the sections the corpus files stories under.
SECTIONS = [
    ("politique", "Politique", 10),
    ("economie", "Économie", 20),
    ("international", "International", 30),
    ("societe", "Société", 40),
    ("planete", "Planète", 50),
    ("sciences", "Sciences", 60),
    ("technologies", "Technologies", 70),
    ("culture", "Culture", 80),
    ("sport", "Sport", 90),
    ("idees", "Idées", 100),
]

# Reporters who sign the stories: (first name, last name).
REPORTERS = [
    ("Camille", "Laurent"),
    ("Hugo", "Mercier"),
    ("Léa", "Fontaine"),
    ("Karim", "Benali"),
    ("Sophie", "Marchand"),
    ("Thomas", "Girard"),
    ("Inès", "Moreau"),
    ("Julien", "Rousseau"),
    ("Claire", "Dubois"),
    ("Mehdi", "Haddad"),
    ("Emma", "Walker"),
    ("Daniel", "Osei"),
]

# Topical keywords: (French, English). They become taggit tags and appear in the text.
TOPICS = [
    ("retraites", "pensions"),
    ("climat", "climate"),
    ("élections", "elections"),
    ("intelligence artificielle", "artificial intelligence"),
    ("espace", "space"),
    ("santé", "health"),
    ("éducation", "education"),
    ("immigration", "immigration"),
    ("énergie", "energy"),
    ("nucléaire", "nuclear power"),
    ("logement", "housing"),
    ("transports", "transport"),
    ("agriculture", "farming"),
    ("justice", "justice"),
    ("sécurité", "policing"),
    ("défense", "defence"),
    ("Ukraine", "Ukraine"),
    ("Proche-Orient", "Middle East"),
    ("Union européenne", "European Union"),
    ("États-Unis", "United States"),
    ("Chine", "China"),
    ("Afrique", "Africa"),
    ("budget", "budget"),
    ("impôts", "taxes"),
    ("inflation", "inflation"),
    ("emploi", "jobs"),
    ("chômage", "unemployment"),
    ("industrie", "industry"),
    ("automobile", "carmakers"),
    ("aérien", "aviation"),
    ("numérique", "digital"),
    ("réseaux sociaux", "social media"),
    ("cybersécurité", "cybersecurity"),
    ("médias", "media"),
    ("cinéma", "cinema"),
    ("musique", "music"),
    ("livres", "books"),
    ("football", "football"),
    ("rugby", "rugby"),
    ("tennis", "tennis"),
    ("cyclisme", "cycling"),
    ("Jeux olympiques", "Olympic Games"),
    ("biodiversité", "biodiversity"),
    ("eau", "water"),
    ("océans", "oceans"),
    ("pollution", "pollution"),
    ("sécheresse", "drought"),
    ("inondations", "floods"),
    ("recherche", "research"),
    ("médecine", "medicine"),
    ("vaccins", "vaccines"),
    ("hôpital", "hospitals"),
    ("banques", "banking"),
    ("Bourse", "stock markets"),
    ("cryptomonnaies", "cryptocurrencies"),
    ("start-up", "start-ups"),
    ("commerce", "trade"),
    ("droits des femmes", "women's rights"),
    ("laïcité", "secularism"),
    ("religions", "religion"),
    ("famille", "family"),
    ("jeunesse", "youth"),
    ("handicap", "disability"),
    ("prisons", "prisons"),
    ("terrorisme", "terrorism"),
    ("diplomatie", "diplomacy"),
    ("Parlement", "Parliament"),
    ("municipales", "local elections"),
    ("présidentielle", "presidential election"),
    ("syndicats", "trade unions"),
    ("grèves", "strikes"),
    ("fiscalité", "taxation"),
    ("patrimoine", "heritage"),
    ("tourisme", "tourism"),
    ("gastronomie", "food"),
    ("mode", "fashion"),
    ("architecture", "architecture"),
    ("urbanisme", "urban planning"),
    ("astronomie", "astronomy"),
    ("archéologie", "archaeology"),
]

FIRST_NAMES = [
    "Marie", "Jean", "Pierre", "Nathalie", "Isabelle", "François", "Nicolas", "Catherine",
    "Philippe", "Sylvie", "Michel", "Valérie", "Laurent", "Sandrine", "Olivier", "Céline",
    "Stéphane", "Aurélie", "Christophe", "Élodie", "Sébastien", "Hélène", "Frédéric", "Agnès",
    "Jérôme", "Anaïs", "Benoît", "Chloé", "Rachida", "Yasmina", "Farid", "Aïcha", "Moussa",
    "Fatou", "Amadou", "Lucie", "Gaëlle", "Hervé", "Joël", "Noémie", "Zoé", "Théo", "Maël",
    "Solène", "Bérénice", "Clément", "Arnaud", "Ségolène", "Jean-Luc", "Marie-Claire",
    "John", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "James",
    "Elizabeth", "William", "Susan", "Richard", "Karen", "Joseph", "Nancy", "Charles", "Lisa",
    "Kwame", "Priya", "Hiroshi", "Mei", "Carlos", "Lucía", "Giulia", "Matteo", "Anna", "Lars",
    "Ingrid", "Olga", "Dmitri", "Ayşe", "Mehmet", "Nour", "Omar", "Leila", "Sven", "Björn",
]

LAST_NAMES = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont",
    "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau",
    "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu",
    "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson",
    "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier",
    "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Pérez", "Marchand",
    "Dufour", "Blanchard", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin",
    "Fernandez", "Benali", "Haddad", "Traoré", "Diallo", "Koné", "Mendy", "Okafor", "Mensah",
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
    "Taylor", "Moore", "Jackson", "White", "Harris", "Clark", "Lewis", "Walker", "Young",
    "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell",
    "Rossi", "Bianchi", "Schneider", "Fischer", "Weber", "Novak", "Kowalski", "Andersson",
    "Tanaka", "Suzuki", "Kim", "Park", "Chen", "Wang", "Singh", "Patel", "Yılmaz", "Ivanova",
]

# Syllables for invented names of organisations and places: unlimited, pronounceable names.
SYLLABLES = [
    "val", "mont", "nor", "via", "tel", "cor", "ly", "an", "sa", "ber", "ga", "lis", "ter",
    "ra", "mo", "vel", "do", "ri", "qua", "sen", "tis", "bel", "or", "na", "zan", "ko", "lu",
    "mi", "ren", "sol", "ta", "vi", "gar", "pel", "es", "lon", "dra", "fi", "cel", "ma",
]

ORGANISATION_FORMS = [
    "Groupe {}", "Banque {}", "Fondation {}", "Institut {}", "Compagnie {}", "Société {}",
    "Union {}", "Association {}", "Agence {}", "Laboratoires {}", "Éditions {}", "{} Énergie",
    "{} Industries", "{} Technologies", "{} Capital", "{} Media", "{} Airlines", "{} Pharma",
    "Club {}", "Collectif {}", "Parti {}", "Mouvement {}", "Syndicat {}", "{} Motors",
]

PLACES = [
    "Paris", "Lyon", "Marseille", "Toulouse", "Nice", "Nantes", "Strasbourg", "Montpellier",
    "Bordeaux", "Lille", "Rennes", "Reims", "Le Havre", "Saint-Étienne", "Toulon", "Grenoble",
    "Dijon", "Angers", "Nîmes", "Clermont-Ferrand", "Brest", "Limoges", "Tours", "Amiens",
    "Perpignan", "Metz", "Besançon", "Orléans", "Rouen", "Mulhouse", "Caen", "Nancy",
    "Bruxelles", "Genève", "Lausanne", "Montréal", "Québec", "Dakar", "Abidjan", "Alger",
    "Tunis", "Casablanca", "Londres", "Berlin", "Madrid", "Rome", "Lisbonne", "Varsovie",
    "Kyiv", "Washington", "New York", "San Francisco", "Pékin", "Tokyo", "Séoul", "New Delhi",
    "São Paulo", "Buenos Aires", "Nairobi", "Lagos",
]

# English names of the places that have one: their aliases.
PLACE_EXONYMS = {
    "Bruxelles": "Brussels", "Genève": "Geneva", "Londres": "London", "Lisbonne": "Lisbon",
    "Varsovie": "Warsaw", "Pékin": "Beijing", "Séoul": "Seoul", "Alger": "Algiers",
    "Montréal": "Montreal", "Québec": "Quebec City", "Kyiv": "Kiev", "Rome": "Roma",
    "Marseille": "Marseilles", "Lyon": "Lyons", "Dunkerque": "Dunkirk", "New York": "NYC",
}

# Masculine forms only, so that French reads "lors du Sommet de Lyon 2024".
EVENT_FORMS = [
    "Sommet de {}", "Festival de {}", "Grand Prix de {}", "Salon de {}", "Forum de {}",
    "Congrès de {}", "Championnat de {}", "Marathon de {}",
]

# How a relationship of each default kind reads in a sentence: (French, English).
RELATIONSHIP_PHRASES = {
    "rival-of": ("est en rivalité avec", "is a rival of"),
    "competes-with": ("est en concurrence avec", "competes with"),
    "leads": ("dirige", "leads"),
    "founded": ("a fondé", "founded"),
    "owns": ("détient", "owns"),
    "works-for": ("travaille pour", "works for"),
    "engaged-to": ("s'est fiancé avec", "is engaged to"),
    "married-to": ("est marié avec", "is married to"),
    "donated-to": ("a fait un don à", "donated to"),
    "in-tension-with": ("est en conflit avec", "is at odds with"),
    "sued": ("a porté plainte contre", "sued"),
    "allied-with": ("s'est allié avec", "allied with"),
    "met": ("a rencontré", "met"),
    "visited": ("s'est rendu à", "visited"),
    "member-of": ("est membre de", "is a member of"),
    "attended": ("a participé au", "attended the"),
    "took-place-at": ("s'est tenu à", "took place in"),
}

# Which kinds make sense between two kinds of actor, source first. Pairs not listed are
# turned round (an organisation does not "work for" a person; the person works for it).
RELATIONSHIP_KINDS_BY_ACTORS = {
    ("person", "person"): [
        "rival-of", "met", "allied-with", "engaged-to", "married-to", "in-tension-with", "sued",
    ],
    ("person", "organisation"): ["works-for", "leads", "founded", "donated-to", "member-of"],
    ("organisation", "organisation"): [
        "competes-with", "owns", "sued", "allied-with", "in-tension-with",
    ],
    ("person", "place"): ["visited"],
    ("organisation", "place"): ["visited"],
    ("event", "place"): ["took-place-at"],
    ("person", "event"): ["attended"],
    ("organisation", "event"): ["attended"],
}

PERSON_DESCRIPTIONS = [
    "Ministre", "Députée", "Sénateur", "Maire", "Cheffe d'entreprise", "Économiste",
    "Syndicaliste", "Chercheuse", "Avocat", "Magistrate", "Diplomate", "Militante associative",
    "Entraîneur", "Romancière", "Réalisateur", "Investisseur", "Porte-parole", "Journaliste",
]
ORGANISATION_DESCRIPTIONS = [
    "Entreprise cotée", "Organisation non gouvernementale", "Parti politique", "Syndicat",
    "Fonds d'investissement", "Établissement public", "Club sportif", "Groupe de presse",
]

# fmt: on


def _language(code: str) -> dict[str, Any]:
    return json.loads(
        (Path(__file__).resolve().parent / "data" / f"{code}.json").read_text("utf-8")
    )


# Sentence vocabulary and patterns of each language, for bench.synthetic.text.Prose.
FR = _language("fr")
EN = _language("en")
