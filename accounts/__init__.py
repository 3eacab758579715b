"""Identity: users, organisations, partner API keys, tokens, and the security audit log."""
