"""The kernel every other package stands on: settings, errors, logging, the database engine, Redis,
migrations, outage classification and secrets at rest. It imports no other project package."""
