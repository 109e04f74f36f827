"""The named-entity layer around the statistical model.

- ``gazetteer``, ``lemmatizer``: the shipped pipeline's own spaCy components;
- ``rules``: the rule layer over the model's spans (one registry, two stages);
- ``propagate``: name propagation over the whole article;
- ``mentions``: the spans trimmed to names and numbered as mentions.

``tui.nlp.analyze.post_process`` runs the rules and the propagation in their order.
"""
