"""Provider adapters: upstreams translated into the standard models of `providers.models`."""
