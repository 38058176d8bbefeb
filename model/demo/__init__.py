"""The demo city (Taiyuan): four months of inspections, photos and notices made through the
program's own calls.
"""
