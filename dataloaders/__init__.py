"""Per-request DataLoaders, named <Thing>By<Key>Loader: each batch is one call per tick."""

from dataloaders.loaders import Loaders, build_loaders

__all__ = ["Loaders", "build_loaders"]
