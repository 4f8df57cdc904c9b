"""Summaries shared by every measurement: median and 95th percentile."""

import statistics


def median(values) -> float:
    return statistics.median(values)


def p95(values) -> float:
    values = sorted(values)
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def summary(values) -> dict:
    return {"median": median(values), "p95": p95(values), "n": len(values)}
