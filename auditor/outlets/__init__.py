"""Who the body cites and who published it: the outlet, organisation and platform registries
matched in one automaton pass (registry), the role of each mention from the words around it
(roles), the citations of an article (citations), and the likely first publisher from
datelines, bylines, self-references and house styles (publisher).
Enters: an article body. Leaves: Citation and Publisher models.
"""
