"""uvicorn's server, stopping as soon as a test is done with it (``running_server``)."""

from __future__ import annotations

import asyncio
import contextlib
import socket

import uvicorn


class PromptServer(uvicorn.Server):
    """uvicorn's ``Server``, whose main loop looks whether to exit every 0.1 s: a tenth of a
    second more for each test's server to stop, and a test suite starts hundreds. This one
    leaves its main loop as soon as ``stop()`` is called, from any thread; until then it
    ticks as uvicorn's does (the Date header each second, the request limit). Shutting
    down, it waits for its connections to close, as uvicorn's, but not the tenth of a second
    uvicorn sleeps first whether or not any is open."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._stopping: tuple[asyncio.AbstractEventLoop, asyncio.Event] | None = None

    async def main_loop(self) -> None:
        stopping = asyncio.Event()
        self._stopping = (asyncio.get_running_loop(), stopping)
        counter = 0
        should_exit = await self.on_tick(counter)
        while not should_exit:
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), 0.1)
            should_exit = await self.on_tick(counter)

    def stop(self) -> None:
        """Shut down now: as setting ``should_exit``, without waiting for the next tick."""
        self.should_exit = True
        if self._stopping is not None:
            loop, stopping = self._stopping
            with contextlib.suppress(RuntimeError):  # its loop is closed: it has stopped
                loop.call_soon_threadsafe(stopping.set)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's shutdown: no new connection; an idle one closed, a request being
        answered answered first; then the app's lifespan shutdown."""
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        while self.server_state.connections or self.server_state.tasks:
            await asyncio.sleep(0.005)  # polls until they are done; no logic depends on timing
        for server in self.servers:
            await server.wait_closed()
        await self.lifespan.shutdown()
