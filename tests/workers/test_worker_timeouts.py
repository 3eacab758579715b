"""arq re-runs a job whose worker died when its "in progress" mark expires: the longest function
timeout of the worker plus 10 s. Every function's timeout is bounded so that this is minutes."""

from __future__ import annotations

from datetime import timedelta

from core.settings import Settings
from workers.worker import MAX_JOB_TIMEOUT, create_worker


async def test_every_job_has_its_own_timeout_of_at_most_three_minutes() -> None:
    worker = create_worker(Settings(redis_url="redis://127.0.0.1:6379/5", env="development"))
    timeouts = {name: function.timeout_s for name, function in worker.functions.items()}
    assert None not in timeouts.values(), timeouts
    assert max(t for t in timeouts.values() if t is not None) <= MAX_JOB_TIMEOUT.total_seconds()
    assert timeouts["run_valuation"] == 60
    assert timeouts["cron:sweep_stalled_jobs"] == 30


async def test_arq_redelivers_a_lost_job_within_three_minutes_and_ten_seconds() -> None:
    worker = create_worker(Settings(redis_url="redis://127.0.0.1:6379/5", env="development"))
    redelivery = timedelta(seconds=worker.in_progress_timeout_s)
    assert redelivery == MAX_JOB_TIMEOUT + timedelta(seconds=10)
    assert redelivery <= timedelta(minutes=3, seconds=10)
