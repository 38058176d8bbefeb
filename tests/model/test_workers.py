"""The session's photo worker processes: started once, reused, replaced when one dies."""

import os
import signal
import time
from concurrent.futures.process import BrokenProcessPool

import pytest

from model.photos.workers import PixelWorkers


def _worker_pids(workers: PixelWorkers) -> set[int]:
    return set(workers.map(_pid_after_a_nap, range(4 * workers.count)))


def _pid_after_a_nap(_: int) -> int:
    time.sleep(0.05)
    return os.getpid()


def test_the_same_processes_serve_one_call_after_another():
    with PixelWorkers(2) as workers:
        workers.warm()
        first = _worker_pids(workers)
        assert _worker_pids(workers) == first
        assert os.getpid() not in first


def test_a_killed_worker_fails_one_call_and_the_next_call_starts_afresh():
    with PixelWorkers(1) as workers:
        (pid,) = _worker_pids(workers)
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(BrokenProcessPool):
            _worker_pids(workers)
        (new_pid,) = _worker_pids(workers)
        assert new_pid != pid


def test_services_share_their_workers_with_a_second_connection(auditor_services):
    from usecases.services import Services
    second = Services.open_as(auditor_services.store.data_dir, auditor_services.user,
                              auditor_services.workers)
    second.close()  # must not stop the pool it borrowed
    assert _worker_pids(auditor_services.workers)
