"""Alembic migrations; they run on SQLite (embedded) and PostgreSQL alike."""
