"""Secrets at rest (provider OAuth tokens), encrypted with Fernet keys from settings.

The first key in `IPOVAL_ENCRYPTION_KEYS` encrypts; every key decrypts. To rotate: prepend a new
key, run `ipoval secrets rotate` (re-encrypts every stored secret with the new key), then drop the
old key. No stored token is lost at any step.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from core.errors import IpovalError
from core.settings import Settings


class SecretUnreadable(IpovalError):
    """No configured key decrypts this secret (its key was dropped before rotation)."""


class SecretBox:
    def __init__(self, settings: Settings) -> None:
        keys = [key.strip() for key in settings.encryption_keys.split(",") if key.strip()]
        self._fernet = MultiFernet([Fernet(key) for key in keys])

    def encrypt(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode()).decode()

    def decrypt(self, ciphertext: str) -> str:
        try:
            return self._fernet.decrypt(ciphertext.encode()).decode()
        except InvalidToken as error:
            raise SecretUnreadable(
                "A stored secret cannot be decrypted with the keys set."
            ) from error

    def rotate(self, ciphertext: str) -> str:
        """The same secret, encrypted with the current first key."""
        try:
            return self._fernet.rotate(ciphertext.encode()).decode()
        except InvalidToken as error:
            raise SecretUnreadable(
                "A stored secret cannot be decrypted with the keys set."
            ) from error
