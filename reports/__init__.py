"""PDF and spreadsheet output (ReportLab). Never imports PySide6.

The notices, bulletins and spreadsheet exports of later issues live here.
"""
