"""The site register (点位) and the assignments of sites to auditors by period.
"""
