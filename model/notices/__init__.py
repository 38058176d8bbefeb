"""Rectification notices (整改通知书): numbering, the record, letterhead, working-day deadlines and
the follow-up to closing (销号).
"""
