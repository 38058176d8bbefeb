"""Checklist editions as data (never code), their CSV form, and the scoring rules that turn
answers into rates.
"""
