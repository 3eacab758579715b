"""Identity: users, organisations, partner API keys, tokens, and the audit log of security events."""
