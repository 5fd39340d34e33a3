"""complaintkit is synchronous and nats-py is asyncio: one event loop on a daemon thread
per channel or publisher, and a blocking ``run`` for coroutines on it.

asyncio is imported as a bridge is made, not with the plugin, which complaintkit loads for
every command (see ``connection``)."""

from __future__ import annotations

import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class Bridge:
    def __init__(self, name: str) -> None:
        import asyncio  # noqa: PLC0415 - see the module docstring

        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name=name, daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run ``coroutine`` on the loop and wait for its result (or its exception)."""
        import asyncio  # noqa: PLC0415 - loaded by __init__

        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def close(self) -> None:
        """Stop the loop, cancelling first the tasks nats-py left running (a connection
        lost before it could close): destroyed pending, each was a warning on exit."""
        self.run(_cancel_the_rest())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()


async def _cancel_the_rest() -> None:
    import asyncio  # noqa: PLC0415 - loaded by Bridge.__init__

    rest = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in rest:
        task.cancel()
    await asyncio.gather(*rest, return_exceptions=True)
