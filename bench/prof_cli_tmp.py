import asyncio, sys, statistics
from bench.valuation_jobs import measure, _wait_for_directory
from bench.dashboard_rps import _wait_ready
port = int(sys.argv[1])
_wait_ready(port); _wait_for_directory(port)
asyncio.run(measure(port, 3))
lat, el = asyncio.run(measure(port, 50))
print("p50", statistics.median(lat), "p95", lat[int(0.95*len(lat))-1])
