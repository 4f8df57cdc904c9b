"""Built-in vocabulary for the synthetic corpus: no download, no external file.

Phrases are whole noun and verb groups so that sentences stay grammatical without any
agreement logic: French subjects are singular and verbs are in the passé composé. The lists
are kept dense by hand (fmt: off) so that the data reads as data.
"""

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

FR = {
    "subjects": [
        "le gouvernement", "la ministre de la Santé", "le Premier ministre", "l'opposition",
        "la majorité", "le syndicat", "la direction", "le conseil municipal", "la Commission",
        "le tribunal", "le parquet", "la préfecture", "l'entreprise", "le groupe",
        "la banque centrale", "l'association", "le collectif", "la fédération", "le maire",
        "la présidente de la région", "le rapporteur", "l'Assemblée nationale", "le Sénat",
        "le Conseil constitutionnel", "l'agence", "le régulateur", "la police", "l'armée",
        "l'hôpital", "l'université", "le laboratoire", "l'équipe", "l'entraîneur", "le club",
        "la chaîne", "l'institut", "l'ONG", "le patronat", "le ministère", "la mairie",
    ],
    "verbs": [
        "a annoncé", "a présenté", "a dévoilé", "a rejeté", "a critiqué", "a défendu",
        "a confirmé", "a démenti", "a suspendu", "a lancé", "a signé", "a reporté", "a validé",
        "a contesté", "a proposé", "a obtenu", "a financé", "a retiré", "a examiné",
        "a publié", "a réclamé", "a dénoncé", "a salué", "a adopté", "a promis", "a détaillé",
        "a maintenu", "a révisé", "a soutenu", "a relancé",
    ],
    "title_verbs": [
        "annonce", "présente", "dévoile", "rejette", "critique", "défend", "confirme", "dément",
        "suspend", "lance", "signe", "reporte", "valide", "conteste", "propose", "obtient",
        "finance", "retire", "publie", "réclame", "dénonce", "salue", "adopte", "promet",
    ],
    "objects": [
        "un plan d'investissement", "une réforme", "le projet de loi", "un accord",
        "de nouvelles mesures", "un rapport", "le budget", "une enquête", "des sanctions",
        "un moratoire", "sa candidature", "un partenariat", "une hausse des tarifs",
        "la fermeture du site", "un contrat", "des aides", "une stratégie", "le calendrier",
        "l'amendement", "une plainte", "un recours", "des excuses", "la proposition",
        "un appel d'offres", "le dispositif", "une étude", "la décision", "un compromis",
        "des garanties", "un programme", "un audit", "la liste des projets retenus",
    ],
    "complements": [
        "mardi soir", "lundi", "ce mercredi", "jeudi matin", "vendredi", "dimanche",
        "à Paris", "à Bruxelles", "à Lyon", "à Marseille", "devant les députés",
        "après des mois de négociations", "dans un communiqué", "lors d'une conférence de presse",
        "selon nos informations", "au grand dam des syndicats", "malgré les critiques",
        "sans attendre le vote", "à la surprise générale", "pour la deuxième fois cette année",
        "en fin de journée", "depuis Washington", "à quelques semaines du scrutin",
        "face à la pression", "dans la soirée", "en marge du sommet", "sur son site",
        "devant la presse", "au terme d'une longue réunion", "dans une lettre ouverte",
    ],
    "connectors": [
        "Par ailleurs", "Selon plusieurs sources", "Dans le même temps", "De son côté",
        "En revanche", "Pourtant", "Ainsi", "Surtout", "À terme", "Pour l'heure", "En coulisses",
        "D'après un proche du dossier", "Depuis", "Enfin",
    ],
    "facts": [
        "Le montant atteint {n} millions d'euros.",
        "Près de {p} % des personnes interrogées se disent inquiètes.",
        "Le texte doit être examiné dans {n} jours.",
        "Plus de {n} salariés sont concernés.",
        "La mesure coûterait {n} millions d'euros par an.",
        "Les ventes ont reculé de {p} % sur un an.",
        "Quelque {n} personnes ont manifesté dans le calme.",
        "Le chantier devrait durer {p} mois.",
    ],
    "quotes": [
        "Nous ne lâcherons rien", "C'est une étape importante", "Il faut aller plus vite",
        "Rien n'est encore décidé", "Nous avons été entendus", "Ce n'est qu'un début",
        "La situation reste fragile", "Nous assumons ce choix", "Les chiffres parlent d'eux-mêmes",
        "Nous resterons vigilants", "Personne ne peut ignorer ce signal",
        "Le dialogue doit reprendre",
    ],
    "said": ["a déclaré", "a affirmé", "a estimé", "a assuré", "a insisté", "a reconnu"],
    "subheadings": [
        "Un calendrier serré", "Des réactions contrastées", "Ce qui change",
        "Les prochaines étapes", "Un dossier sensible", "En coulisses", "Le précédent",
        "Une facture élevée",
    ],
    "kickers": ["Enquête", "Analyse", "Reportage", "Décryptage", "Portrait", "Récit", "Entretien"],
    "topic_sentence": "Sur le dossier « {topic} », {subject} {verb} {object} {complement}.",
    "topic_title": "{topic} : {subject} {verb} {object}",
    "place_sentence": "À {name}, {subject} {verb} {object} {complement}.",
    "event_sentence": "Lors du {name}, {subject} {verb} {object}.",
    "quote_sentence": "« {quote} », {said} {name} {complement}.",
    "relationship": "{source} {phrase} {target} {complement}.",
}

EN = {
    "subjects": [
        "the government", "the health minister", "the prime minister", "the opposition",
        "the ruling party", "the union", "the management", "the city council", "the Commission",
        "the court", "the prosecutor", "the regional authority", "the company", "the group",
        "the central bank", "the charity", "the campaign group", "the federation", "the mayor",
        "the regional president", "the rapporteur", "the National Assembly", "the Senate",
        "the Constitutional Council", "the agency", "the regulator", "the police", "the army",
        "the hospital", "the university", "the laboratory", "the team", "the coach", "the club",
        "the broadcaster", "the institute", "the NGO", "the employers' body", "the ministry",
    ],
    "verbs": [
        "announced", "presented", "unveiled", "rejected", "criticised", "defended",
        "confirmed", "denied", "suspended", "launched", "signed", "postponed", "approved",
        "challenged", "proposed", "secured", "funded", "withdrew", "examined", "published",
        "demanded", "condemned", "welcomed", "adopted", "promised", "detailed", "upheld",
        "revised", "backed", "revived",
    ],
    "title_verbs": [
        "announces", "unveils", "rejects", "criticises", "defends", "confirms", "denies",
        "suspends", "launches", "signs", "postpones", "approves", "challenges", "proposes",
        "secures", "funds", "withdraws", "publishes", "demands", "condemns", "welcomes",
        "adopts", "promises", "revives",
    ],
    "objects": [
        "an investment plan", "a reform", "the bill", "an agreement", "new measures",
        "a report", "the budget", "an inquiry", "sanctions", "a moratorium", "its candidacy",
        "a partnership", "a price rise", "the closure of the plant", "a contract",
        "support payments", "a strategy", "the timetable", "the amendment", "a complaint",
        "an appeal", "an apology", "the proposal", "a tender", "the scheme", "a study",
        "the decision", "a compromise", "guarantees", "a programme", "an audit",
        "the list of selected projects",
    ],
    "complements": [
        "on Tuesday evening", "on Monday", "on Wednesday", "on Thursday morning", "on Friday",
        "on Sunday", "in Paris", "in Brussels", "in London", "in Washington",
        "before lawmakers", "after months of talks", "in a statement", "at a press conference",
        "according to people familiar with the matter", "to the dismay of the unions",
        "despite criticism", "without waiting for the vote", "to general surprise",
        "for the second time this year", "late in the day", "from Washington",
        "weeks before the election", "under mounting pressure", "in the evening",
        "on the sidelines of the summit", "on its website", "before reporters",
        "after a long meeting", "in an open letter",
    ],
    "connectors": [
        "Meanwhile", "According to several sources", "At the same time", "For its part",
        "However", "Yet", "As a result", "Above all", "Eventually", "For now",
        "Behind the scenes", "According to a person close to the matter", "Since then",
        "Finally",
    ],
    "facts": [
        "The amount reaches {n} million euros.",
        "Nearly {p}% of those surveyed say they are worried.",
        "The text is due to be examined within {n} days.",
        "More than {n} employees are affected.",
        "The measure would cost {n} million euros a year.",
        "Sales fell {p}% year on year.",
        "Some {n} people marched peacefully.",
        "The works are expected to last {p} months.",
    ],
    "quotes": [
        "We will not give up", "This is an important step", "We have to move faster",
        "Nothing has been decided yet", "We have been heard", "This is only the beginning",
        "The situation remains fragile", "We stand by this choice",
        "The figures speak for themselves", "We will remain vigilant",
        "Nobody can ignore this signal", "Talks must resume",
    ],
    "said": ["said", "told reporters", "argued", "insisted", "acknowledged", "added"],
    "subheadings": [
        "A tight timetable", "Mixed reactions", "What changes", "Next steps",
        "A sensitive file", "Behind the scenes", "The precedent", "A hefty bill",
    ],
    "kickers": ["Investigation", "Analysis", "Report", "Explainer", "Profile", "Interview"],
    "topic_sentence": "On {topic}, {subject} {verb} {object} {complement}.",
    "topic_title": "{topic}: {subject} {verb} {object}",
    "place_sentence": "In {name}, {subject} {verb} {object} {complement}.",
    "event_sentence": "At the {name}, {subject} {verb} {object}.",
    "quote_sentence": '"{quote}," {name} {said} {complement}.',
    "relationship": "{source} {phrase} {target} {complement}.",
}
# fmt: on
