"""One window per data folder: a second start brings the first window forward.

Two windows on one data folder would each keep their own idea of the open inspection,
the lock screen and the signed-in user. The first start holds a lock file in the data
folder (``QLockFile``: a lock whose process died is taken over) and listens on a local
socket named after the folder; a second start that cannot take the lock asks the first,
over that socket, to come forward, and ends. When the first does not answer (it hangs,
or runs under another user), the second says which program holds the folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "civicaudit.lock"
RAISE = b"raise\n"
ANSWER_MS = 1500


def server_name(data_dir: Path) -> str:
    """The local socket's name for a data folder (the same folder, the same name)."""
    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"civicaudit-{digest}"


class SingleInstance(QObject):
    """The claim of this process on a data folder; :attr:`raise_asked` when another start
    asked for this window."""

    raise_asked = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._name = server_name(data_dir)
        self._lock = QLockFile(str(Path(data_dir) / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # never stale by age: only a dead holder frees it
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """Take the folder; True when this is the only window on it (then listen)."""
        Path(self._lock.fileName()).parent.mkdir(parents=True, exist_ok=True)
        if not self._lock.tryLock(100):
            return False
        QLocalServer.removeServer(self._name)  # left behind by a crashed first window
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_server_new_connection)
        self._server.listen(self._name)
        return True

    def ask_first_to_raise(self) -> bool:
        """Ask the window holding the folder to come forward; True when it answered."""
        socket = QLocalSocket(self)
        socket.connectToServer(self._name)
        if not socket.waitForConnected(ANSWER_MS):
            return False
        socket.write(RAISE)
        answered = socket.waitForBytesWritten(ANSWER_MS) and socket.waitForReadyRead(ANSWER_MS)
        socket.disconnectFromServer()
        return answered

    def holder(self) -> str:
        """Who holds the folder, in words for a message: 'process 1234 on host'."""
        pid, host, _app = self._lock.getLockInfo()
        return f"{pid} @ {host}" if pid else "?"

    def release(self) -> None:
        """Give the folder up (at exit)."""
        if self._server is not None:
            self._server.close()
        self._lock.unlock()

    def _on_server_new_connection(self) -> None:
        socket = self._server.nextPendingConnection()
        socket.readyRead.connect(lambda: self._on_request(socket))

    def _on_request(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            socket.write(b"ok\n")
            socket.flush()
            self.raise_asked.emit()
        socket.disconnectFromServer()
