"""Resource limits of the pipeline's child processes (workers, feed parsers)."""

from __future__ import annotations

import resource


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space at `megabytes` MiB (0: leave it as it is)."""
    if megabytes > 0:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = megabytes * 2**20 if hard == resource.RLIM_INFINITY else min(megabytes * 2**20, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
