"""The office's figures and plans: periods, dashboard, rankings with the negative list, month
plans and the bulletin's data.
"""
