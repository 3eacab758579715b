"""Salesforce: a partner organisation's CRM, reached with the OAuth 2.0 JWT bearer flow."""
