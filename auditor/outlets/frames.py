"""The words an outlet's name ends in (Times, Post, News, ...) or opens with (Radio, TV, Channel).

The search for outlets the registry lacks (``unlisted``) needs one of them in a line; the
matcher's automaton looks for them in the same pass as the registry's names, so that search
reads only the few lines that hold one. Written with a capital, as in a name.
"""

from __future__ import annotations

# Masthead words safe after any name ...
STRONG_ENDS = (
    "Times News Herald Tribune Journal Gazette Chronicle Press Daily Telegraph Inquirer Enquirer Dispatch Courant "
    "Register Examiner Observer Sentinel Bulletin Courier Ledger Mercury Statesman Reporter Wire Newspaper "
    "Magazine TV Radio Television Broadcasting Channel Weekly Monthly Online Today Insider Digest"
).split()
# ... those that are also surnames or common words ("told Emily Post"): they count only after "the" ...
WEAK_ENDS = (
    "Post Star Sun Bee Globe Mail Express Mirror Record Standard Leader Citizen Advocate Review Monitor Voice".split()
)
# ... and those that name an outlet only beside a media word ("News Agency", not "Protection Agency").
MEDIA_ONLY_ENDS = "Agency Network Service".split()
BROADCAST_OPENERS = "Radio TV Channel Kanal Canal".split()
FRAME_WORDS: tuple[str, ...] = tuple(dict.fromkeys(STRONG_ENDS + WEAK_ENDS + MEDIA_ONLY_ENDS + BROADCAST_OPENERS))
