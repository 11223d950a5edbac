"""The audit of one text: which lines are headlines (segment), which original each altered headline
came from (align), what changed between them (diff), and everything a note says about an
article (article), article by article over a stream of lines (stream) or, for a saved page,
from its headline candidates (page), with the rules, registries and settings it consults
(context). Enters: lines (and a page's PageInfo). Leaves: Article models, one per article.
"""
