"""Roles: the office, title, job or function the text gives a person.

``attach_roles(doc, offset, ann)`` looks at one analysed chunk (a spaCy ``Doc``
whose text starts at ``offset`` in ``ann.text``) and appends a
:class:`~tui.document.Role` to the entity of every PER mention the chunk gives a
role to. The role is the exact phrase of the text ("ministro degli Esteri russo"),
without its article, with the mention it is attached to, the sentence it comes
from, and an English gloss built from the lexicons ("Russian foreign minister"), or
"" when a piece of the phrase is not in the lexicons.

How a role is found, one module a step:

1. :mod:`~tui.nlp.roles.matcher` -- *heads*. Every token (or run of tokens) that
   matches a role entry of ``data/roles_it.tsv`` is a candidate head: "ministro",
   "segretario di Stato", "amministratore delegato". Matching uses the surface
   form, the pipeline's lemma and the usual feminine/plural forms (ministra,
   presidentessa, segretari, direttrice); the POS must be a noun (or an adjective
   right after an article or right before a name: small taggers often call
   "portavoce" ADJ). Compounds with "vice" ("vicedirettore") are read as vice + role.
2. :mod:`~tui.nlp.roles.phrases` -- *extension* of each head into a role phrase
   (qualifiers, adjectives, places, complements; a date is not part of the role).
3. :mod:`~tui.nlp.roles.constructions` -- *candidates*: one function per
   construction (prefix, prefix across a comma, title inside the name, apposition,
   parenthesis, predicate), in a registry; each proposes phrases for a PER mention.
4. :mod:`~tui.nlp.roles.attach` -- runs the registry, then *records* each
   candidate once, with its gloss (:mod:`~tui.nlp.roles.gloss`).

The parse is used where it is reliable enough to help: sentence boundaries, POS,
lemmas and morphology (number, participles, articles); the attachment itself is
decided by token patterns, so that attachment errors of the parser do not move a
role to the wrong person. When unsure, no role.

Lexicons: :mod:`tui.nlp.lexicon` reads ``data/roles_it.tsv`` (role heads and
qualifiers) and ``data/places_it.tsv`` (nationalities, countries, cities,
organisations), and the files with the same names in the user's configuration
folder (:func:`tui.paths.config_dir`), which extend or override the shipped
entries. The closed word classes are in :mod:`tui.nlp.lang_it`.
"""

from tui.nlp.roles.attach import attach_roles

__all__ = ["attach_roles"]
