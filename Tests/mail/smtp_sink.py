"""A local SMTP server for the mail tests: aiosmtpd on 127.0.0.1 only, keeping every message it is given with the
envelope's recipients, so a test can compare what the sendmail command (msmtp) delivered with what the desk meant."""
import socket
import threading

from aiosmtpd.controller import Controller


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Sink:
    """Every message received, in order: (envelope recipients, raw bytes)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append((list(envelope.rcpt_tos), bytes(envelope.original_content or envelope.content)))
        return "250 OK"

    def count(self):
        with self.lock:
            return len(self.received)

    def since(self, n):
        with self.lock:
            return list(self.received[n:])


def start():
    """Starts the server on a free port of 127.0.0.1; returns (sink, controller, port)."""
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    return sink, controller, port
