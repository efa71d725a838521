"""How much one device may ask of the server: messages per connection (a token bucket), and
connections per address, open at once and opened per minute. A school network shares the
server among thirty devices; none may crowd out the others."""

from __future__ import annotations

import time
from collections import defaultdict, deque

import attrs


@attrs.frozen
class Limits:
    messages_per_second: float = 20.0  # a team clicks a few times a second at most
    message_burst: int = 40
    flood: int = 200  # refused messages in a row after which the connection is closed
    open_per_address: int = 40  # a laptop may hold a team page, a board and the console, many times over
    opened_per_minute: int = 120  # reloads and reconnects of one address


class Bucket:
    """A connection's message allowance: it refills at rate per second up to burst."""

    def __init__(self, rate: float, burst: int, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.left, self.at = float(burst), clock()
        self.refused = 0  # refused in a row

    def take(self) -> bool:
        now = self.clock()
        self.left = min(self.burst, self.left + (now - self.at) * self.rate)
        self.at = now
        if self.left >= 1.0:
            self.left -= 1.0
            self.refused = 0
            return True
        self.refused += 1
        return False


class Doors:
    """Connections per address: how many are open, and when each of the last minute's was opened."""

    def __init__(self, limits: Limits, clock=time.monotonic):
        self.limits, self.clock = limits, clock
        self.open: dict[str, int] = defaultdict(int)
        self.opened: dict[str, deque] = defaultdict(deque)

    def admit(self, address: str) -> str:
        """'' when the address may open one more connection (it is counted), else why not."""
        now = self.clock()
        recent = self.opened[address]
        while recent and now - recent[0] > 60.0:
            recent.popleft()
        if self.open[address] >= self.limits.open_per_address:
            return "too many connections from this address"
        if len(recent) >= self.limits.opened_per_minute:
            return "too many new connections from this address; wait a minute"
        recent.append(now)
        self.open[address] += 1
        return ""

    def leave(self, address: str) -> None:
        self.open[address] = max(0, self.open[address] - 1)
        if not self.open[address] and not self.opened[address]:
            del self.open[address]
