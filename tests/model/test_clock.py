import time

from model import clock


def test_local_text_shows_the_computers_time_zone(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert clock.local_text("2026-11-02T01:17:00+00:00") == "2026-11-02 09:17"
        assert clock.month_of("2026-10-31T16:30:00+00:00") == "2026-11"
    finally:
        monkeypatch.undo()
        time.tzset()
