"""A local simulator of the four upstreams (ASX, ABN Lookup, RBA, Capital IQ) in their real
formats, serving the sample dataset, with injectable latency and faults."""

from providers.simulator.app import create_simulator_app
from providers.simulator.env import simulator_env
from providers.simulator.faults import Faults
from providers.simulator.server import running_simulator
from providers.simulator.state import Credentials

__all__ = ["Credentials", "Faults", "create_simulator_app", "running_simulator", "simulator_env"]
