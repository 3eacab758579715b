"""A local simulator of the four upstreams (ASX, ABN Lookup, RBA, Capital IQ) in their real
formats, serving the sample dataset, with injectable latency and faults.

A tool for the tests, the benchmarks and demonstrations (`ipoval upstream-sim`), kept apart from
the production adapters in providers/: it imports them, they never import it."""

from simulator.app import create_simulator_app
from simulator.env import simulator_env
from simulator.faults import Faults
from simulator.server import running_simulator
from simulator.state import Credentials

__all__ = ["Credentials", "Faults", "create_simulator_app", "running_simulator", "simulator_env"]
