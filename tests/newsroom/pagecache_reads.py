"""Reading the page cache's answers in tests (X-Page-Cache: hit, miss, stale)."""


def pages(corner: dict) -> list[str]:
    return [corner[name] for name in ("story", "section", "topic", "actor")]


def warm(client, urls):
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert client.get(url)["X-Page-Cache"] == "hit", url


def states(client, urls) -> dict[str, str]:
    return {url: client.get(url)["X-Page-Cache"] for url in urls}
