"""A live test server that can really go down and come back on the same address.

pytest-django's `live_server` runs for the whole session and cannot be stopped in the middle of a
test. A station screen must survive its server going away, so this one can: `stop()` closes the
listening socket *and* every open keep-alive connection (a browser would otherwise go on talking to
the old server through them), and `start()` listens again on the same port. Database connections
are shared with the server thread exactly as pytest-django's live server shares them (only
in-memory SQLite needs it); tests using it need `transactional_db`.
"""

import socket
import threading

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler


class _StoppableWSGIServer(ThreadedWSGIServer):
    """Keeps track of its open connections and the threads serving them, so that stopping it cuts
    the connections and waits for the threads (they use the shared database connection)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._open_connections = set()
        self._workers = set()
        self._lock = threading.Lock()

    def process_request(self, request, client_address):
        worker = threading.Thread(
            target=self.process_request_thread, args=(request, client_address), daemon=True
        )
        with self._lock:
            self._open_connections.add(request)
            self._workers.add(worker)
        worker.start()

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._workers.discard(threading.current_thread())

    def shutdown_request(self, request):
        with self._lock:
            self._open_connections.discard(request)
        super().shutdown_request(request)

    def close_open_connections(self, timeout: float = 10) -> None:
        with self._lock:
            open_connections, workers = list(self._open_connections), list(self._workers)
        for connection in open_connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed by the other end
        for worker in workers:
            worker.join(timeout)


class _RestartableServerThread(LiveServerThread):
    server_class = _StoppableWSGIServer

    def _create_server(self, connections_override=None):
        # Reuse the address: the previous run's connections may linger in TIME_WAIT on this port.
        return self.server_class(
            (self.host, self.port),
            QuietWSGIRequestHandler,
            allow_reuse_address=True,
            connections_override=connections_override,
        )

    def terminate(self):
        if hasattr(self, "httpd"):
            self.httpd.shutdown()
            self.httpd.close_open_connections()
            self.httpd.server_close()
        self.join()


class RestartableLiveServer:
    def __init__(self, host: str = "localhost"):
        self.host = host
        self.port = 0
        self.thread = None
        # As pytest-django does: only an in-memory SQLite database must share its connection.
        self._shared_connections = {
            connection.alias: connection
            for connection in connections.all()
            if connection.vendor == "sqlite" and connection.is_in_memory_db()
        }

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self.thread is not None

    def start(self) -> None:
        thread = _RestartableServerThread(
            self.host,
            static_handler=StaticFilesHandler,
            connections_override=self._shared_connections,
            port=self.port,
        )
        thread.daemon = True
        for connection in self._shared_connections.values():
            connection.inc_thread_sharing()
        thread.start()
        thread.is_ready.wait()
        self.thread = thread
        if thread.error:
            self.stop()
            raise thread.error
        self.port = thread.port

    def stop(self) -> None:
        if self.thread is None:
            return
        self.thread.terminate()
        self.thread = None
        for connection in self._shared_connections.values():
            connection.dec_thread_sharing()
