"""Bodies and paragraphs shared across articles: paragraph fingerprints computed where an article is
audited (prints), postings dealt into fingerprint buckets (postings), and the index that groups
them and confirms candidate pairs on the bodies (index).
Enters: fingerprints per article, and a function that reads bodies back. Leaves: ReuseLink lists.
"""
