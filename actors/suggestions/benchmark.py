"""Time the matcher on a long story against a large alias table (no database needed).

``python manage.py suggest_actors --benchmark`` prints the result.
"""

import random
import statistics
import time
from dataclasses import dataclass

from actors.suggestions.engine import ActorMatcher

_SYLLABLES = (
    "ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo lu ma me mi mo mu na ne "
    "ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to va ve vi vo za ze zi zo"
).split()
_PROSE = (
    "le président a dit que la société et son patron ont annoncé mercredi un accord avec "
    "les autorités pour financer une nouvelle usine dans la région selon plusieurs sources "
    "proches du dossier qui évoquent des milliards de dollars d'investissement"
).split()


@dataclass(frozen=True)
class BenchmarkResult:
    aliases: int
    words: int
    build_seconds: float
    best_ms: float
    median_ms: float
    mentions: int

    def __str__(self) -> str:
        return (
            f"{self.words} words against {self.aliases} aliases: built in "
            f"{self.build_seconds:.2f} s; scan best {self.best_ms:.1f} ms, median "
            f"{self.median_ms:.1f} ms; {self.mentions} actor mentions found"
        )


def synthetic_names(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < count:
        parts = [
            "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            for _ in range(rng.randint(1, 3))
        ]
        names.add(" ".join(parts))
    return sorted(names)


def synthetic_text(words: int, names: list[str], seed: int = 11) -> str:
    """French-looking prose with a name every ~25 words, some elided ("d'…")."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < words:
        out.extend(rng.choice(_PROSE) for _ in range(rng.randint(15, 35)))
        name = rng.choice(names)
        out.append(f"d'{name}" if rng.random() < 0.2 else name)
        if rng.random() < 0.3:
            out[-1] += "."
    return " ".join(out[:words])


def benchmark(*, words: int = 5000, aliases: int = 100_000, repeat: int = 20) -> BenchmarkResult:
    names = synthetic_names(aliases)
    start = time.perf_counter()
    matcher = ActorMatcher((n, name) for n, name in enumerate(names))
    build = time.perf_counter() - start
    text = synthetic_text(words, names)
    timings, scan = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        scan = matcher.scan(text)
        timings.append((time.perf_counter() - start) * 1000)
    return BenchmarkResult(
        aliases=aliases,
        words=words,
        build_seconds=build,
        best_ms=min(timings),
        median_ms=statistics.median(timings),
        mentions=sum(scan.actors.values()) if scan else 0,
    )
