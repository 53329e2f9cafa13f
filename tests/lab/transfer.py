#!/usr/bin/env python3
"""Deterministic, time-bounded TCP transfer for the mssck lab (stdlib only).

Both ends run with the same byte counts and follow one fixed script:

  1. the client sends HELLO bytes, the server answers with HELLO bytes
     (a small exchange that always fits in one segment);
  2. the client sends UP bytes in a single write, waits until they are all
     acknowledged, then shuts down its side (FIN);
  3. the server reads exactly UP bytes and the EOF, sends DOWN bytes in a
     single write, waits until they are acknowledged, and closes;
  4. the client reads exactly DOWN bytes and the EOF, and closes.

The exit status is 0 only when every byte arrived, 1 when the deadline passed
or the peer misbehaved (the expected outcome of the black-hole scenarios), and
2 on usage errors.  Nothing here retries: a retry would add packets to the
capture that the kernel did not decide on.
"""

import argparse
import fcntl
import socket
import struct
import sys
import termios
import time

# Large enough that each single write lands in the socket buffer at once, so
# segment boundaries depend only on the MSS and not on when the writer wakes up.
SEND_BUFFER = 1 << 20
CHUNK = 65536
# Pinned per socket: a namespace inherits the host's default (BBR on some
# hosts, with pacing that changes segment timing and TSO sizes).
CONGESTION_CONTROL = b"cubic"


def tcp_socket(address: str) -> socket.socket:
    sock = socket.socket(family_of(address), socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted sockets inherit both from the listener.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, CONGESTION_CONTROL)
    return sock


def payload(size: int) -> bytes:
    """Fixed content: the same bytes on every run."""
    pattern = bytes(range(32, 127))
    return (pattern * (size // len(pattern) + 1))[:size]


class Deadline:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def arm(self, sock: socket.socket) -> None:
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        sock.settimeout(left)


def send_all(sock: socket.socket, data: bytes, deadline: Deadline) -> None:
    view = memoryview(data)
    while view:
        deadline.arm(sock)
        sent = sock.send(view)
        view = view[sent:]


def receive_exactly(sock: socket.socket, size: int, deadline: Deadline) -> int:
    """Read SIZE bytes; return how many arrived before EOF or the deadline."""
    got = 0
    while got < size:
        deadline.arm(sock)
        chunk = sock.recv(min(CHUNK, size - got))
        if not chunk:
            break
        got += len(chunk)
    return got


def wait_until_acknowledged(sock: socket.socket, deadline: Deadline) -> None:
    """Wait (bounded) until the peer has acknowledged everything we sent.

    Sending the FIN only then keeps it in a segment of its own on every run;
    otherwise it rides on the last data segment or not, depending on timing.
    """
    while time.monotonic() < deadline.end:
        unacknowledged = fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ,
                                     struct.pack("i", 0))
        if struct.unpack("i", unacknowledged)[0] == 0:
            return
        time.sleep(0.001)


def expect_eof(sock: socket.socket, deadline: Deadline) -> bool:
    deadline.arm(sock)
    return sock.recv(1) == b""


def family_of(address: str) -> int:
    return socket.AF_INET6 if ":" in address else socket.AF_INET


def run_server(args: argparse.Namespace) -> int:
    deadline = Deadline(args.timeout)
    listener = tcp_socket(args.address)
    listener.bind((args.address, args.port))
    listener.listen(1)
    if args.ready_file:
        with open(args.ready_file, "w") as ready:
            ready.write("listening\n")

    got_hello = got_up = 0
    eof = False
    try:
        deadline.arm(listener)
        conn, _ = listener.accept()
        with conn:
            got_hello = receive_exactly(conn, args.hello, deadline)
            if got_hello == args.hello:
                send_all(conn, payload(args.hello), deadline)
                got_up = receive_exactly(conn, args.up, deadline)
            if got_up == args.up:
                eof = expect_eof(conn, deadline)
            if eof:
                send_all(conn, payload(args.down), deadline)
                wait_until_acknowledged(conn, deadline)
    except (OSError, TimeoutError) as error:
        print(f"server: {error}", file=sys.stderr)
    finally:
        listener.close()

    done = got_hello == args.hello and got_up == args.up and eof
    print(f"server: received hello {got_hello}/{args.hello} "
          f"bulk {got_up}/{args.up} eof={'yes' if eof else 'no'} "
          f"-> {'complete' if done else 'INCOMPLETE'}")
    return 0 if done else 1


def run_client(args: argparse.Namespace) -> int:
    deadline = Deadline(args.timeout)
    sock = tcp_socket(args.address)
    # A fixed source port keeps the captures identical from run to run.
    sock.bind(("", args.source_port))

    got_hello = got_down = 0
    eof = False
    try:
        deadline.arm(sock)
        sock.connect((args.address, args.port))
        send_all(sock, payload(args.hello), deadline)
        got_hello = receive_exactly(sock, args.hello, deadline)
        if got_hello == args.hello:
            send_all(sock, payload(args.up), deadline)
            wait_until_acknowledged(sock, deadline)
            sock.shutdown(socket.SHUT_WR)
            got_down = receive_exactly(sock, args.down, deadline)
        if got_down == args.down:
            eof = expect_eof(sock, deadline)
    except TimeoutError as error:
        print(f"client: {error}", file=sys.stderr)
        # Give up as most applications do after a timeout: abort the
        # connection, which sends a RST at the next unsent sequence number.
        # A capture at the receiver sees it, and with it the data that never came.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError as error:
        print(f"client: {error}", file=sys.stderr)
    finally:
        sock.close()

    done = got_hello == args.hello and got_down == args.down and eof
    print(f"client: received hello {got_hello}/{args.hello} "
          f"bulk {got_down}/{args.down} eof={'yes' if eof else 'no'} "
          f"-> {'complete' if done else 'INCOMPLETE'}")
    return 0 if done else 1


def parse_arguments(argv: list) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("role", choices=["server", "client"])
    parser.add_argument("address", help="server address (to bind or to connect to)")
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--source-port", type=int, default=40001,
                        help="client source port")
    parser.add_argument("--hello", type=int, default=100,
                        help="bytes of the small exchange, each way")
    parser.add_argument("--up", type=int, default=0,
                        help="bulk bytes client -> server")
    parser.add_argument("--down", type=int, default=0,
                        help="bulk bytes server -> client")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="overall deadline in seconds")
    parser.add_argument("--ready-file", help="server: create once listening")
    args = parser.parse_args(argv)
    if args.hello < 1 or args.up < 0 or args.down < 0:
        parser.error("--hello must be >= 1, --up/--down >= 0")
    return args


def main(argv: list) -> int:
    args = parse_arguments(argv)
    return run_server(args) if args.role == "server" else run_client(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
