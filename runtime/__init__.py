"""The process's shared services (database engine, Redis, provider registry), opened once."""
