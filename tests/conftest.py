"""Hypothesis profiles: deterministic in CI, longer locally with TEXTFIX_HYPOTHESIS=long."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.register_profile("long", deadline=None, max_examples=2000)
settings.load_profile(os.environ.get("TEXTFIX_HYPOTHESIS", "ci" if os.environ.get("CI") else "dev"))
