"""Gathering an article's mentions into entities: people by the structure of their names,
organisations and places by key, alias table and acronyms defined in the text.

- ``names``: ``fold_name``, comparison keys and the parsing of a person's name into units;
- ``people``: the clustering of people's names (variant classes, short forms, ambiguity);
- ``others``: the clustering of organisations, places and the rest (keys, aliases, acronyms);
- ``build``: :func:`~tui.nlp.entities.build.build_entities`, display names and labels;
- ``across``: grouping the entities of many articles (the library's people) by the same rules;
- ``unionfind``: the disjoint sets the three of them share.

Nothing here needs spaCy: reading an export back rebuilds its entities with
``build_entities``.
"""
