"""Who the body cites and who published it: the outlet, organisation and platform registries
(registry: the data and its checks; regions, coverage: the region files and the README table),
matched in one automaton pass per body (matcher, with names and edges for how names are read and
where they end, frames for the words an unlisted outlet's name holds), the role of each mention
from the words around it (roles), the article-wide judgement of shared short names, ordinary-word
names and surnames (resolve), outlets the registry lacks (unlisted), the citations of an article
(citations), and the likely first publisher with its ranked evidence (publisher).
Enters: an article body (and a saved page's publisher metadata). Leaves: Citation and Publisher
models, or the reason no publisher is named.
"""
