"""Inspections and their results: recording, drafts, the navigator's lists, review, evidence
rules and the roll-up tallies.
"""
