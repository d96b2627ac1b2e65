"""A real SMTP server for Boardplan's tests: aiosmtpd on 127.0.0.1, each message it accepts
written whole to a folder (as NNN.eml, written aside then renamed). Prints its port on the
first line of standard output once it accepts connections, and stops when standard input
closes (or it is killed).

    python3 smtp_sink.py --dir DIR [--port N] [--user U --password P]
"""

import argparse
import logging
import os
import socket
import sys
import time
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.folder, "%d-%03d.eml" % (time.time_ns(), self.count))
        with open(name + ".part", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".part", name)
        return "250 Message accepted"


def checker(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode()
            and auth_data.password == password.encode()
        )
        return AuthResult(success=ok, handled=False)

    return check


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    # Plain AUTH without TLS is what the tests ask for: no warnings about it on every start.
    warnings.filterwarnings("ignore")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--user")
    p.add_argument("--password")
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    port = a.port or free_port()
    kwargs = {}
    if a.user:
        kwargs = dict(
            authenticator=checker(a.user, a.password or ""),
            auth_required=True,
            auth_require_tls=False,
        )
    c = Controller(Sink(a.dir), hostname="127.0.0.1", port=port, **kwargs)
    c.start()
    print(port, flush=True)
    try:
        sys.stdin.read()
    finally:
        c.stop()


if __name__ == "__main__":
    main()
