"""The Italian word lists of the language work, in one home (as spaCy's ``lang/it``).

Closed classes only: articles, prepositions, titles, name particles and the like,
each list saying what it holds and, where two lists look alike, why they differ.
Lexicons that come from data files (roles, places, aliases, the NER rule tables)
live in ``data/`` and are read elsewhere (``tui/nlp/lexicon.py``, ``tui/nlp/ner/rules.py``).
Every list is compared with lower-case words unless its name or comment says otherwise.
"""

from __future__ import annotations

# --------------------------------------------------------------------------
# articles and prepositions
# --------------------------------------------------------------------------

#: Articles, prepositions, articulated prepositions and the conjunctions "e", "ed", "o",
#: written without an apostrophe (the words of a text cut at spaces and apostrophes):
#: the words trimmed off the edges of an organisation's or a place's name ("la Russia",
#: "Lega Navale di"), and the words an acronym may skip ("Organizzazione mondiale della
#: sanità" is "Oms").
FUNCTION_WORDS = frozenset("""
il lo la i gli le l un uno una del dello della dei degli delle dal dallo dalla dai dagli
dalle al allo alla ai agli alle nel nello nella nei negli nelle sul sullo sulla sui sugli
sulle col coi di a ad da in con su per tra fra e ed o verso presso contro
""".split())

#: Besides FUNCTION_WORDS, the words an acronym may skip: English links of foreign names
#: ("Bank of America") and elided prepositions ("d'", "dell'": "Consiglio nazionale
#: dell'economia e del lavoro" is "Cnel").
ACRONYM_SKIPPED_WORDS = FUNCTION_WORDS | frozenset({"of", "the", "and", "for", "d", "dell", "dall",
                                                    "all", "nell", "sull", "l"})

#: Words a name never ends with ("Consiglio del", "palazzo di"), as the words of a span cut at
#: spaces: so with their elided forms ("dell'"), and the English and French links of
#: foreign names ("of", "the", "des").
NAME_TAIL_WORDS = frozenset("""
di del della dello dei degli delle dell' d' da dal dalla dallo dai dagli dalle dall'
a al alla allo ai agli alle all' in nel nella nello nei negli nelle nell' su sul sulla
con per tra fra e ed o il lo la i gli le l' un una uno un' of the and de des du
""".split())

#: Prepositions after which a person's name may begin with the place that ends a role
#: ("il sindaco di Valdimare Ettore Brancaleoni"), apostrophes as "'".
ROLE_PLACE_PREPOSITIONS = frozenset("di del della dello dei degli delle dell' d' da a in per".split())

#: Articles and prepositions that elide before a vowel ("l'Onu", "dell'Ucraina",
#: "d'Alema"), in the order they are tried (a longer form before the shorter one it starts with).
ELIDED_PREFIXES = ("l", "dell", "dall", "all", "nell", "sull", "coll", "pell", "quell", "un", "d")

#: Names whose elided article belongs to them: "L'Aquila", "L'Espresso" (folded, with "'").
ELIDED_ARTICLE_NAMES = ("l'aquila", "l'avana", "l'aia", "l'oreal", "l'espresso", "l'unita",
                        "l'equipe", "l'osservatore", "l'eco", "l'union")

#: The definite articles, as the first word of a folded comparison key ("la russia"): a
#: leading article the text also leaves out ("Russia") is not part of the name.
DEFINITE_ARTICLE_KEYS = frozenset("il lo la l i gli le".split())

#: Articles written with a capital, as at the start of a sentence ("Il presidente Macron").
CAPITALISED_ARTICLES = frozenset({"Il", "Lo", "La", "I", "Gli", "Le", "Un", "Una", "Uno"})

#: The capitalised articles that never begin a surname: "La Russa", "Le Pen" and "Lo Russo"
#: are names, "Il", "Gli", "Un" before a name are not.
CAPITALISED_ARTICLES_NOT_IN_SURNAMES = frozenset({"Il", "I", "Gli", "Un", "Uno", "Una"})

# --------------------------------------------------------------------------
# people's names
# --------------------------------------------------------------------------

#: Titles and other words that may precede a person's name and are not part of it
#: (compared in lower case, without a final dot).
PERSON_TITLES = frozenset("""
presidente presidentessa premier ministro ministra vicepremier vicepresidente viceministro
sottosegretario sottosegretaria segretario segretaria senatore senatrice sen deputato
deputata on onorevole sindaco sindaca governatore governatrice cancelliere cancelliera
pontefice generale colonnello capitano
ammiraglio maresciallo comandante dott dottor dottore dottoressa dott.ssa dr prof professor
professore professoressa avv avvocato avvocata ing ingegnere sig signor signore signora
sig.ra sig.na mr mrs ms sir lady lord cardinale monsignor mons arcivescovo vescovo imam
ayatollah sceicco emiro sultano zar leader ex neo capo portavoce ambasciatore ambasciatrice
commissario commissaria giudice procuratore procuratrice magistrato pm allenatore mister
tecnico presidenti ministri
""".split())

#: Titles that go with a first name only ("papa Francesco", "re Carlo"): they stay in the
#: mention and keep the name apart from other people's first names (Francesco Lollobrigida).
REGNAL_TITLES = frozenset("""
papa re regina principe principessa imperatore imperatrice zar zarina duca duchessa
granduca arciduca
""".split())

#: Name particles, attached to the word that follows ("von der" Leyen, "bin" Salman,
#: "al"-Assad, "De" Luca). Lower-case ones are optional when names are compared
#: ("al-Assad" is "Assad").
NAME_PARTICLES = frozenset("""
de di da del della dello dei degli delle dal dalla des du van von der den ter ten la le lo
bin ibn bint ben abu al el dos das do y
""".split())

#: The particles that stay particles when written with a capital ("Von der Leyen", "De Luca");
#: the others, capitalised, are words of the name ("Al Gore", "Ben Ali").
NAME_PARTICLES_CAPITALISED = frozenset("""
de di da del della dello dei degli delle dal dalla des du van von der den ter ten la le lo
bin ibn bint
""".split())

#: Particles that, written with a capital, belong to an Italian surname ("De Luca" is not
#: "Luca", "Di Maio", "La Russa", "Le Pen"); the others ("Von der Leyen", "Bin Salman")
#: stay optional.
SURNAME_PARTICLES = frozenset("""
de di da del della dello dei degli delle dal dalla la le lo
""".split())

#: Particles that may begin a person's mention when written in lower case ("von der Leyen",
#: "bin Salman", "da Silva"); the Italian prepositions among NAME_PARTICLES do not
#: ("di Mario Draghi" is "Mario Draghi").
LEADING_PARTICLES = frozenset("de da du dos das van von der den ter ten bin ibn bint ben abu".split())

#: Generational suffixes after a name, by their normal form ("Jr.", "Junior" -> "jr").
NAME_SUFFIXES = {"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii",
                 "iii": "iii", "iv": "iv"}

#: Abbreviations whose final dot belongs to the name ("Donald Trump Jr.", "Fincantieri Spa.").
ABBREVIATIONS_WITH_DOT = frozenset({"jr.", "sr.", "inc.", "ltd.", "co.", "corp.", "bros.",
                                    "spa.", "srl.", "st.", "mt.", "ft.", "dr.", "mr.", "mrs.",
                                    "ms."})

# --------------------------------------------------------------------------
# capitalised words that are not names
# --------------------------------------------------------------------------

#: Capitalised words that start sentences and are never names on their own: articles,
#: prepositions, conjunctions and adverbs, and titles ("Presidente", "Papa", "Signora");
#: name propagation never spreads them.
NEVER_NAMES_ALONE = frozenset({
    "Il", "Lo", "La", "Le", "Gli", "Un", "Una", "Uno", "Per", "Con", "Non", "Nel", "Nella", "Del",
    "Della", "Dei", "Che", "Chi", "Come", "Dove", "Quando", "Anche", "Ma", "Se", "Ieri", "Oggi",
    "Domani", "Secondo", "Dopo", "Prima", "Tra", "Fra", "Questo", "Questa", "Presidente", "Ministro",
    "Stato", "Governo", "Signor", "Signora", "Santo", "San", "Santa", "Papa", "Don", "Mr", "Mrs",
})

# --------------------------------------------------------------------------
# roles (tui/nlp/roles/): the closed classes of the role phrases
# --------------------------------------------------------------------------
# Words as the tokenizer cuts them, apostrophes kept ("l'", "dell'").

#: Articles, elided forms included ("l'", "un'").
ROLE_ARTICLES = frozenset({"il", "lo", "la", "l'", "i", "gli", "le", "un", "uno", "una", "un'"})

#: The plural definite articles ("i ministri Alfano e Lupi").
ROLE_PLURAL_ARTICLES = frozenset({"i", "gli", "le"})

#: Articulated prepositions ("del", "all'", "sulle", "coi").
ROLE_ARTICULATED_PREPOSITIONS = frozenset({
    "del", "dello", "della", "dell'", "dei", "degli", "delle",
    "al", "allo", "alla", "all'", "ai", "agli", "alle",
    "dal", "dallo", "dalla", "dall'", "dai", "dagli", "dalle",
    "nel", "nello", "nella", "nell'", "nei", "negli", "nelle",
    "sul", "sullo", "sulla", "sull'", "sui", "sugli", "sulle",
    "col", "coi",
})

#: "di" and its articulated forms: the complements a gloss can render with "of".
ROLE_DI = frozenset({"di", "d'", "del", "dello", "della", "dell'", "dei", "degli", "delle"})

#: Prepositions that may open a role's complement ("sindaco di", "ministro per", "alla").
ROLE_COMPLEMENT_PREPOSITIONS = ROLE_DI | frozenset({
    "per", "a", "ad", "al", "allo", "alla", "all'", "ai", "agli", "alle", "presso"})

#: Prepositions that open a role's complement only before a capitalised name
#: ("console in Francia", not "in vacanza").
ROLE_CAPITAL_ONLY_PREPOSITIONS = frozenset({"in", "nel", "nella", "nell'", "negli", "nei", "nelle"})

#: "and", which joins complements and roles.
ROLE_AND = frozenset({"e", "ed"})

#: Conjunctions that end a role phrase and start something else ("pittore, ma trapiantato").
ROLE_STOP_CONJUNCTIONS = frozenset({"ma", "però", "mentre", "oppure"})

#: Lower-case links inside a foreign proper name or title, between two capitalised words
#: ("The Clash of Generation", "Bank of America").
ROLE_FOREIGN_NAME_LINKS = frozenset({"of", "the", "and", "for", "on", "&"})

#: Nouns that make a complement a date, not part of the role ("del diciassettesimo secolo").
ROLE_TIME_NOUNS = frozenset({
    "secolo", "secoli", "anno", "anni", "decennio", "decenni", "epoca", "periodo",
    "millennio", "dopoguerra", "novecento", "ottocento", "settecento", "seicento",
    "cinquecento", "quattrocento"})

#: Function words of role phrases: never inflected as role nouns, never matched by form.
ROLE_FUNCTION_WORDS = (ROLE_COMPLEMENT_PREPOSITIONS | ROLE_ARTICLES | ROLE_CAPITAL_ONLY_PREPOSITIONS
                       | ROLE_AND | frozenset({"da", "con", "su", "tra", "fra"}))

#: Relative pronouns: a relative clause ends a role phrase.
ROLE_RELATIVE_PRONOUNS = frozenset({"che", "cui", "quale", "quali", "il quale", "la quale"})

#: Words that open a subordinate or relative clause, which may have a subject of its own.
ROLE_SUBORDINATORS = frozenset({
    "che", "cui", "quando", "mentre", "dove", "se", "perché", "poiché", "come", "dopo",
    "prima", "finché", "benché", "sebbene", "quale", "quali"})

#: Lemmas of the copulas of a predicate ("è", "diventa", "resta").
ROLE_COPULA_LEMMAS = frozenset({"essere", "diventare", "restare", "rimanere", "tornare"})

#: Forms of those copulas, for when the lemma is wrong (case kept: "É", "È").
ROLE_COPULA_FORMS = frozenset({
    "è", "era", "fu", "sarà", "sarebbe", "sono", "erano", "furono", "diventa", "diventò",
    "resta", "rimane", "torna", "e'", "É", "È"})

#: Past participles after a copula ("è stato", "è diventata").
ROLE_COPULA_PARTICIPLES = frozenset({
    "stato", "stata", "stati", "state", "diventato", "diventata", "tornato", "tornata",
    "rimasto", "rimasta"})

#: Lemmas of the verbs of an appointment ("è stato nominato", "rieletto").
ROLE_APPOINT_LEMMAS = frozenset({
    "eleggere", "nominare", "confermare", "rieleggere", "designare", "proclamare", "scegliere",
    "indicare", "insediare"})

#: Forms of those verbs, for when the lemma is wrong.
ROLE_APPOINT_FORMS = frozenset({
    "eletto", "eletta", "nominato", "nominata", "confermato", "confermata", "rieletto",
    "rieletta", "designato", "designata", "proclamato", "proclamata", "scelto", "scelta",
    "indicato", "indicata"})

#: Adverbs that may stand between a copula and its role ("è ora ministro").
ROLE_PREDICATE_ADVERBS = frozenset({
    "anche", "ora", "oggi", "invece", "attualmente", "adesso", "infatti", "quindi", "inoltre",
    "ancora", "poi", "allora"})

#: Capitalised words that may open a PER span and still be a title ("Papa Francesco").
ROLE_TITLES_IN_NAME = frozenset({
    "papa", "pontefice", "presidente", "ministro", "ministra", "premier", "cardinale",
    "monsignor", "monsignore", "re", "regina", "principe", "principessa", "sceicco",
    "ayatollah", "imam", "rabbino", "senatore", "senatrice", "onorevole", "generale",
    "colonnello", "sindaco", "governatore", "cancelliere", "ambasciatore", "commissario",
    "segretario", "sultano", "emiro", "ispettore", "capitano", "dottor", "dottore",
    "professor", "professore", "avvocato"})

#: Role heads that are also common function words: a head only after an article
#: ("l'ad di Fiat").
ROLE_HEADS_NEEDING_ARTICLE = frozenset({"ad"})

#: Role words that are also common adjectives (or nouns used as adjectives): a head only
#: when tagged as a noun, right after an article, or right before a name.
ROLE_WORDS_ALSO_ADJECTIVES = frozenset({
    "generale", "legale", "politico", "tecnico", "militare", "industriale", "fisico",
    "chimico", "storico", "esperto", "responsabile", "leader", "capo", "titolare", "dirigente",
    "rappresentante", "pilota", "modello", "socio", "agente", "maestro", "campione",
    "difensore", "delegato", "inviato", "candidato", "informatico", "comico", "interprete",
    "artista", "consulente", "designer", "manager", "matematico", "reale", "critico",
    "intellettuale", "medico", "ufficiale", "vigile", "concorrente", "statistico",
    "teorico", "ottico", "ortopedico", "sportivo", "professionista", "dilettante", "volontario",
    "militante", "esponente", "protagonista", "esordiente", "debuttante", "finalista",
    "ambulante", "iscritto", "tesserato", "collezionista", "custode", "guida", "punta", "ala"})

#: Role words that are also common verb forms ("capitano" = they happen).
ROLE_WORDS_ALSO_VERBS = frozenset({"pilota", "capitano", "arbitro", "arbitra", "guida", "dirige",
                                   "consiglia"})

#: The words "one" of a partitive ("uno dei fondatori") and the prepositions after it.
ROLE_PARTITIVE_ONE = frozenset({"uno", "una", "un'"})
ROLE_PARTITIVE_OF = frozenset({"dei", "degli", "delle", "tra", "fra"})
ROLE_PARTITIVE_AMONG = frozenset({"tra", "fra"})

#: The prefix of vice-compounds ("vicedirettore" is vice + direttore).
ROLE_VICE_PREFIX = "vice"

#: Possessives stepped over between an article and a role ("il suo avvocato, X,").
ROLE_POSSESSIVES = frozenset({"suo", "sua", "suoi", "sue", "loro", "mio", "mia", "nostro",
                              "nostra", "vostro", "vostra", "proprio", "propria"})

#: The prefix of ex-compounds written as one token ("ex-cantante" is ex + cantante).
ROLE_EX_PREFIX = "ex-"

#: Prepositions that open an adverbial phrase after a role ("ministro dell'Interno durante
#: la presidenza di Mubarak", "interprete dalla comicità debordante"): the role may end there.
ROLE_PHRASE_END_PREPOSITIONS = frozenset({
    "durante", "dopo", "fino", "sino", "sotto", "tra", "fra", "dal", "dallo", "dalla", "dall'",
    "dai", "dagli", "dalle", "nel", "nello", "nella", "nell'", "nei", "negli", "nelle", "in",
    "con", "col", "per"})

#: "years", as in "X, 49 anni, ingegnere".
ROLE_YEARS = "anni"

#: Titles and honorifics written before a name (with or without their full stop): never a
#: role, and stepped over between a role and its name ("il procuratore capo di Palermo,
#: dott. Francesco Messineo").
ROLE_HONORIFICS = frozenset({
    "dott", "dottor", "dott.ssa", "dr", "d.r", "prof", "prof.ssa", "professor", "don", "donna",
    "mons", "monsignor", "monsignore", "signor", "signore", "signora", "signorina", "sig",
    "sig.ra", "on", "onorevole", "sen", "avv", "ing", "arch", "geom", "rag", "cav", "comm",
    "commendator", "rev", "reverendo", "fra", "frate", "suor", "padre", "sir", "lord", "lady",
    "mr", "mrs", "ms", "madame", "monsieur", "mister", "miss", "herr", "frau", "dom", "mgr"})

#: Forms of role words that are far more often something else ("la politica del governo",
#: "la fisica"): never a role head.
ROLE_NOT_HEAD_FORMS = frozenset({
    "politica", "politiche", "critica", "critiche", "tecnica", "tecniche", "fisica", "chimica",
    "matematica", "logica", "statistica", "informatica", "meccanica", "ottica", "pratica",
    "storica", "medica", "militari", "guide", "punte", "ali", "astrofisica", "geofisica",
    "biochimica", "diplomatica", "botanica", "ortopedica", "economica", "giuridica"})

#: Nouns a name right after modifies ("il governo De Gasperi", "il gabinetto Bonomi", "il
#: caso Moro"): what follows the name is about that noun, not a role of the person.
ROLE_NAME_MODIFIED_NOUNS = frozenset({
    "governo", "governi", "gabinetto", "ministero", "esecutivo", "giunta", "amministrazione",
    "era", "epoca", "caso", "legge", "decreto", "riforma", "piano", "proposta", "proposte",
    "giorno", "metodo", "sistema", "progetto", "emendamento", "mozione", "premio", "coppa",
    "trofeo", "memorial", "stadio", "via", "viale", "piazza", "corso", "ospedale", "aeroporto",
    "istituto", "fondazione", "liceo", "scuola", "teatro", "museo", "teorema", "effetto",
    "sindrome", "morbo", "regime", "dottrina", "presidenza", "segreteria", "direzione", "clan",
    "banda", "tomba", "processo", "inchiesta", "dossier", "rapporto", "lodo", "operazione",
    "film", "telefilm", "serie", "libro", "romanzo", "saga", "album", "canzone", "brano",
    "disco", "singolo", "spettacolo", "programma", "show", "opera", "fiction", "cartone"})

#: Words that give a plural apposition to every name of a list ("A e B, entrambi inviati"),
#: and the number words of "i due volontari".
ROLE_DISTRIBUTIVES = frozenset({"entrambi", "entrambe", "ambedue", "tutti", "tutte"})
ROLE_NUMBER_WORDS = frozenset({"due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove",
                               "dieci"})

#: Suffixes of nouns of people ("oncologo", "umorista", "questore", "cancelliera"): an
#: unknown noun with one of them is read as a role, with no gloss, where only a role can
#: stand (right after "X, (il)", right after a copula of X, between an article and X).
ROLE_PERSON_SUFFIXES = (
    "ista", "isti", "iste", "tore", "tori", "trice", "trici", "ologo", "ologa", "ologi",
    "ologhe", "iere", "iera", "ieri", "ente", "enti", "ante", "anti", "iatra", "iatri")

#: Nouns with those suffixes that are not people.
ROLE_SUFFIX_NOT_PEOPLE = frozenset({
    "settore", "settori", "motore", "motori", "fattore", "fattori", "vettore", "colore",
    "valore", "errore", "amore", "dolore", "favore", "timore", "rumore", "sapore", "odore",
    "calore", "onore", "terrore", "orrore", "vapore", "stupore", "umore", "liquore", "sudore",
    "rancore", "tenore", "pallore", "fervore", "furore", "clamore", "candore", "splendore",
    "territorio", "ambiente", "ambienti", "accidente", "continente", "incidente", "incidenti",
    "componente", "corrente", "presente", "dente", "denti", "mente", "gente", "niente",
    "occidente", "oriente", "torrente", "serpente", "detergente", "ente", "enti", "parente",
    "parenti", "quartiere", "quartieri", "cantiere", "cantieri", "bicchiere", "mestiere",
    "paniere", "pista", "piste", "vista", "viste", "lista", "liste", "conquista", "intervista",
    "interviste", "rivista", "riviste", "catalogo", "dialogo", "monologo", "prologo",
    "epilogo", "decalogo", "ante", "anti", "restante", "istante", "contante", "contanti",
    "amante", "amanti", "elefante", "diamante", "volante", "brillante",
    "carburante", "lubrificante", "ristorante", "ristoranti", "abitante", "abitanti",
    "cliente", "clienti", "paziente", "pazienti", "utente", "utenti", "pensieri", "pensiero", "sentieri", "forestieri", "forestiere",
    "misteri", "cavalieri", "tante", "tanti", "quante", "quanti", "davanti", "avanti",
    "durante", "mediante", "nonostante", "ieri", "tentativo", "fiera", "bandiera", "carriera",
    "frontiera", "barriera", "miniera", "maniera", "preghiera", "costiera", "riviera",
    "tastiera", "scogliera", "raggiera", "ringhiera", "primavera", "intera", "sera", "cera",
    "vera", "era", "fiere", "costa", "piante", "tenente", "emittente", "emittenti",
    # party and creed: an affiliation, not a role ("il leghista Calderoli")
    "leghista", "leghisti", "forzista", "forzisti", "comunista", "comunisti", "socialista",
    "socialisti", "fascista", "fascisti", "neofascista", "nazista", "nazisti", "neonazista",
    "dipietrista", "sovranista", "sovranisti", "populista", "populisti", "estremista",
    "estremisti", "integralista", "separatista", "separatisti", "indipendentista",
    "autonomista", "secessionista", "nazionalista", "nazionalisti", "marxista", "leninista",
    "trotzkista", "maoista", "stalinista", "peronista", "chavista", "gollista", "laburista",
    "laburisti", "riformista", "liberista", "centrista", "centristi", "progressista",
    "progressisti", "pacifista", "pacifisti", "animalista", "femminista", "islamista",
    "islamisti", "renziano", "grillino", "juventino", "interista", "milanista", "romanista",
    "laziale", "napoletano",
    # statuses and parts, not roles (and words the lexicon leaves out on purpose)
    "azionista", "azionisti", "protagonista", "protagonisti", "coprotagonista", "vincitore",
    "vincitori", "vincitrice", "vincitrici", "residente", "residenti", "manifestante",
    "manifestanti", "passante", "passanti", "migrante", "migranti", "richiedente", "richiedenti",
    "conoscente", "conoscenti", "credente", "credenti", "partecipante", "partecipanti",
    "spettatore", "spettatori", "ascoltatore", "ascoltatori", "telespettatore", "elettore",
    "elettori", "sostenitore", "sostenitori", "simpatizzante", "simpatizzanti", "aggressore",
    "aggressori", "assalitore", "assalitori", "successore", "predecessore", "genitore",
    "genitori", "antenato"})

# --------------------------------------------------------------------------
# aliases the text states, and names that are not people's
# --------------------------------------------------------------------------

#: Words between a name and another that say the second names the first ("Luigi
#: Bruschelli, detto Trecciolino", "Leone XIV, al secolo Robert Francis Prevost",
#: "l'Inter, il cui nome ufficiale è ..."), compared ignoring case.
ALIAS_CUES = frozenset({
    "detto", "detta", "detti", "soprannominato", "soprannominata", "alias", "al secolo",
    "in arte", "nome d'arte", "all'anagrafe", "noto come", "nota come", "noto anche come",
    "nota anche come", "conosciuto come", "conosciuta come", "meglio noto come",
    "meglio nota come", "conosciuto anche come", "conosciuta anche come",
    "il cui nome ufficiale è", "il cui vero nome è", "il cui nome completo è",
    "la cui denominazione ufficiale è", "nome ufficiale", "vero nome",
})

#: First words of the names of institutions, places and things named after a person
#: ("Fondazione Giorgio Cini", "Aeroporto Leonardo da Vinci"): such a name tagged ORG or
#: LOC stays so, even beside the person tagged PER.
ORG_HEAD_WORDS = frozenset("""
fondazione istituto premio stadio aeroporto via viale piazza piazzale corso largo vicolo
lungomare ospedale policlinico clinica università ateneo liceo scuola teatro museo centro
villa palazzo ponte porto banca casa coppa trofeo gruppo associazione comitato partito
movimento lista sala galleria parco monte san santa sant santo torre caserma stazione
hotel aula accademia biblioteca archivio circolo club collegio conservatorio ente
festival basilica chiesa cattedrale duomo cappella parrocchia carcere tribunale procura
arena cinema auditorium nave operazione legge decreto riforma piano governo giunta fondo
progetto cooperativa studio agenzia compagnia società azienda fabbrica holding
""".split())

#: "in qualità di", "nelle vesti di": the role follows (words as the tokenizer cuts them).
ROLE_CAPACITY_LINKS = (("in", "qualità", "di"), ("nelle", "vesti", "di"), ("in", "veste", "di"),
                  ("nel", "ruolo", "di"), ("con", "il", "ruolo", "di"), ("col", "ruolo", "di"),
                  ("in", "quanto"))
#: "si è dimesso da", "dimessosi da": the role follows "da" (or "dalla carica di").
ROLE_RESIGNED_FORMS = frozenset({"dimesso", "dimessa", "dimessi", "dimesse", "dimette", "dimettono",
                            "dimise", "dimisero", "dimessosi", "dimessasi", "dimettersi",
                            "dimettendosi"})
ROLE_RESIGNATION_NOUNS = frozenset({"dimissioni"})
ROLE_RESIGNED_FROM = frozenset({"da"})
ROLE_RESIGNED_OFFICE = (("dalla", "carica", "di"), ("dall'", "incarico", "di"), ("da",))
#: "nonché": "X era membro del CIO, nonché presidente di ...".
ROLE_AS_WELL_AS = frozenset({"nonché", "nonchè"})

#: particles before a surname that are never Italian words ("von der Leyen", "bin Salman")
FOREIGN_PARTICLES = frozenset("von van der den ter ten bin ibn bint dos das".split())

#: Nouns used as adjectives after a role ("il ministro leghista") end like this.
ROLE_ADJECTIVAL_NOUN_ENDINGS = ("ista", "isti", "iste")
#: First halves of compound adjectives of a role ("premier ceceno filo-russo").
ROLE_COMPOUND_ADJECTIVE_PREFIXES = frozenset({"filo", "anti", "pro", "post", "ex"})

#: the elided particles that, written with a capital, are part of the surname
ELIDED_SURNAME_PARTICLES = frozenset({"d", "dell", "dall", "de"})

#: capitalised, these are words of a name ("Al Gore", "Ben Ali") unless the text writes the
#: same surname with them as a particle ("al-Sisi", "el-Baradei")
ARTICLE_PARTICLES = ("al", "el")

# --------------------------------------------------------------------------
# quotations: reporting cues (QUOTES.md)
# --------------------------------------------------------------------------

#: Lemmas of speech and writing verbs that introduce a quotation, direct ("ha dichiarato:
#: «…»", "«…», ha detto") or indirect ("ha detto che …"). Mined by
#: training/mine_quote_cues.py (UD: verbs with a "che"/"di" clausal complement or a colon
#: and a quotation mark; KIND: the word after a closing mark or before ": «") and reviewed
#: by hand, with the verbs of the same family the corpora hold once. Left out on review:
#: opinion and knowledge verbs (pensare, credere, ritenere, sapere, sperare, capire,
#: vedere), verbs of permission or proof (permettere, dimostrare, consentire) and
#: "parlare" (a topic, not content: "ha parlato di economia").
QUOTE_CUE_LEMMAS = frozenset("""
dire affermare dichiarare sostenere aggiungere spiegare sottolineare precisare ribadire
commentare osservare rispondere replicare confermare ammettere raccontare riferire rivelare
scrivere annunciare avvertire denunciare assicurare garantire ricordare evidenziare
insistere concludere esordire comunicare proclamare esclamare urlare gridare sussurrare
mormorare domandare chiedere chiarire puntualizzare rimarcare lamentare auspicare
ammonire ripetere avvisare riportare rilevare negare smentire minacciare accusare promettere confessare
annotare obiettare incalzare tuonare attaccare twittare postare scandire
riconoscere premettere giurare ribattere dettare argomentare constatare intervenire
specificare ironizzare polemizzare protestare sentenziare rassicurare
""".split())

#: Of those, the ones that report words as "di" + infinitive: a statement ("ha affermato
#: di essere pronto") or a request ("ha chiesto di intervenire", reported speech too).
QUOTE_CUE_DI_LEMMAS = frozenset("""
dire affermare dichiarare sostenere ammettere negare assicurare garantire confermare
raccontare riferire rivelare annunciare promettere giurare confessare ribadire ricordare
precisare spiegare scrivere smentire riconoscere aggiungere ripetere chiedere domandare
avvertire avvisare
""".split())

#: Verb forms a small tagger lemmatises badly, read as the cue lemma they are.
QUOTE_CUE_FORMS = {
    "detto": "dire", "dice": "dire", "disse": "dire", "dicono": "dire", "dicendo": "dire",
    "dichiara": "dichiarare", "scrive": "scrivere", "scritto": "scrivere", "spiega": "spiegare",
    "aggiunge": "aggiungere", "aggiunto": "aggiungere", "conclude": "concludere",
    "risposto": "rispondere", "risponde": "rispondere", "ammesso": "ammettere",
    "ammette": "ammettere", "promesso": "promettere", "chiesto": "chiedere",
    "ribatte": "ribattere", "ribattuto": "ribattere", "sottolinea": "sottolineare",
    "commenta": "commentare", "racconta": "raccontare", "osserva": "osservare",
    "precisa": "precisare", "afferma": "affermare", "annuncia": "annunciare",
    "replica": "replicare", "conferma": "confermare", "avverte": "avvertire",
    "insiste": "insistere", "incalza": "incalzare", "tuona": "tuonare", "attacca": "attaccare",
}

#: Verbs that report words only right after a quotation ("«…», ha previsto", "«…»,
#: ha scherzato"): before a clause they say something else ("il piano prevede che").
#: Forms as well as lemmas: a small lemmatiser leaves "previsto" as it is.
QUOTE_AFTER_ONLY = frozenset("""
prevedere previsto prevede scherzare scherzato scherza sbottare sbottato sbotta chiosare
chiosato chiosa sospirare sospirato sospira continuare continuato continua proseguire
proseguito prosegue ironizzato ironizza
""".split())

#: Nouns of speech before a colon and a quotation ("le parole di Draghi: «…»").
QUOTE_SPEECH_NOUNS = frozenset("""
parole parola dichiarazione dichiarazioni frase frasi messaggio commento risposta replica
appello monito avvertimento annuncio tweet post intervista promessa accusa denuncia nota
comunicato lettera lettere discorso
""".split())

#: Nouns of people that make "secondo X" the words of X ("secondo il suo compagno di
#: cordata, …"), besides names, roles and pronouns.
QUOTE_PERSON_NOUNS = frozenset("""
compagno compagna amico amica moglie marito padre madre figlio figlia fratello sorella
collega colleghi vicino vicina testimone testimoni residente residenti abitante abitanti
esperto esperti esperta analista analisti inquirenti investigatori avvocato avvocata
legale difensore medico medici ricercatori ricercatore studiosi studioso osservatori fonti
fonte sindacati sindacato organizzatori promotori autori autore autrice familiari parenti
""".split())

#: Phrases before a source that make what follows its statement ("secondo X, …",
#: "a detta di X", "come riportato da X"), lower case, as token sequences.
QUOTE_SOURCE_CUES = tuple(cue[:-1] + (da,) if cue[-1] == "da" else cue for cue in (

    ("secondo", "quanto", "riferito", "da"), ("secondo", "quanto", "dichiarato", "da"),
    ("secondo", "quanto", "riportato", "da"), ("secondo", "quanto", "spiegato", "da"),
    ("secondo", "quanto", "affermato", "da"), ("secondo", "quanto", "detto", "da"),
    ("stando", "a", "quanto", "riferito", "da"), ("stando", "a", "quanto", "dichiarato", "da"),
    ("a", "detta", "di"), ("a", "parere", "di"), ("a", "parere", "del"), ("a", "parere", "della"),
    ("a", "parere", "dell'"), ("a", "giudizio", "di"), ("a", "giudizio", "del"), ("come", "riportato", "da"), ("come", "riferito", "da"),
    ("come", "spiegato", "da"), ("come", "dichiarato", "da"), ("come", "sostiene"),
    ("come", "ammette"), ("come", "spiega"), ("come", "ricorda"), ("come", "sottolinea"),
    ("secondo",),
) for da in ("da", "dal", "dalla", "dallo", "dall'", "dai", "dagli", "dalle"))
QUOTE_SOURCE_CUES = tuple(dict.fromkeys(QUOTE_SOURCE_CUES))

#: Pronouns that stand for the last person spoken of ("lui ha aggiunto").
QUOTE_PERSON_PRONOUNS = frozenset({"lui", "lei", "egli", "ella", "questi", "costui", "costei"})

#: Role nouns that stand for another role of the same person ("il tecnico" of an
#: "allenatore", "il Guardasigilli" of the "ministro della Giustizia"), by role entry.
QUOTE_ROLE_SYNONYMS = {
    "tecnico": frozenset({"allenatore", "ct", "commissario tecnico", "mister", "selezionatore"}),
    "allenatore": frozenset({"tecnico", "ct", "mister"}),
    "premier": frozenset({"presidente", "primo", "capo"}),
    "presidente": frozenset({"premier", "governatore", "capo"}),
    "governatore": frozenset({"presidente"}),
    "pontefice": frozenset({"papa"}),
    "papa": frozenset({"pontefice"}),
    "guardasigilli": frozenset({"ministro"}),
    "cancelliere": frozenset({"capo"}),
    "capo": frozenset({"presidente", "premier", "leader", "segretario"}),
    "professore": frozenset({"docente", "virologo", "fisico", "economista", "storico",
                             "medico", "scienziato", "ricercatore"}),
}

#: Offices: a person the article gave one of these is not "il ministro" or "il sindaco"
#: of a later sentence unless that is their office too.
QUOTE_OFFICES = frozenset("""
ministro presidente sindaco governatore segretario procuratore prefetto questore senatore
deputato assessore consigliere ambasciatore portavoce direttore commissario cardinale
vescovo papa premier cancelliere generale comandante giudice leader capo
""".split())
#: Nouns of an occasion, not of an office: a complement about them ends the role
#: ("Presidente della Repubblica| al sesto scrutinio", "sindaco| al secondo mandato").
ROLE_OCCASION_NOUNS = frozenset({
    "scrutinio", "scrutini", "turno", "turni", "votazione", "votazioni", "mandato", "mandati",
    "tentativo", "tentativi", "giro", "giri", "volta", "volte", "posto", "classificato",
    "elezione", "elezioni", "ballottaggio", "legislatura"})
#: Ordinal words ("sesto", "ventesimo") when the tagger does not mark them.
ROLE_ORDINAL_ENDINGS = ("esimo", "esima", "esimi", "esime")
ROLE_ORDINALS = frozenset({
    "primo", "prima", "secondo", "seconda", "terzo", "terza", "quarto", "quarta", "quinto",
    "quinta", "sesto", "sesta", "settimo", "settima", "ottavo", "ottava", "nono", "nona",
    "decimo", "decima"})
