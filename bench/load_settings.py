"""Settings of the server that the locust scenario runs against (bench/locustfile.py).

The benchmark settings with the abuse limits raised: all 200 simulated people come
from 127.0.0.1, and the few demo members post more listings in a minute than a real
resident would in a month. Everything else is as in bench/settings.py.
"""

from bench.settings import *  # noqa: F403

QUARTIER_LISTING_MAX_PER_ACCOUNT = 100_000
QUARTIER_LISTING_MAX_PER_CLIENT = 100_000
QUARTIER_SIGNIN_MAX_FAILURES_PER_CLIENT = 100_000
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": "1000000/minute", "resident": "1000000/minute"}  # noqa: F405
