"""The page's style sheet and its two small SVG charts: no script, no external resource."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from html import escape

CSS = """
:root{--ink:#1f2a1f;--muted:#5b665b;--paper:#fbfaf5;--card:#fff;--line:#dfe3d6;--accent:#2f6b3a}
*{box-sizing:border-box}
body{margin:0;background:var(--paper);color:var(--ink);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
header{padding:1.25rem 1rem .5rem;max-width:68rem;margin:auto}
h1{margin:0;font-size:1.8rem;color:var(--accent)}
header p{margin:.25rem 0 0;color:var(--muted)}
main{max-width:68rem;margin:auto;padding:.5rem 1rem 2rem;display:grid;gap:1rem;align-items:start}
section{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:.9rem 1rem;
min-width:0}
h2{margin:0;font-size:1.15rem}
.lead{margin:.15rem 0 .6rem;color:var(--muted);font-size:.92rem}
.empty{margin:0;color:var(--muted);font-style:italic}
ul,ol{margin:0;padding:0;list-style:none}
li{padding:.45rem 0;border-top:1px solid var(--line);overflow-wrap:anywhere;min-width:0}
li:first-child{border-top:0}
#gestures{border:2px solid var(--accent)}
#gestures ol{counter-reset:g}
#gestures li{counter-increment:g;padding-left:2rem;position:relative}
#gestures li::before{content:counter(g);position:absolute;left:0;top:.5rem;
width:1.5rem;height:1.5rem;
border-radius:50%;background:var(--accent);color:#fff;font-size:.85rem;text-align:center;
line-height:1.5rem}
.do{display:block;font-size:1.05rem}
a{color:#1d5a8c}
a.who{font-weight:600}
.meta,.src,.links{color:var(--muted);font-size:.88rem}
.links,.met,.act{display:block}
.act{font-size:.88rem}
.hint{font-size:.88rem;font-style:italic}
.kind,.state,.flag{display:inline-block;border-radius:999px;padding:0 .55rem;font-size:.8rem;
font-weight:600;border:1px solid transparent;vertical-align:middle}
.flag{background:#f8d7da;color:#842029}
.kind.moment{background:#ede4f7;color:#5a2d82}
.kind.ask{background:#fff1d6;color:#7a4a00}
.kind.date{background:#f3e8e0;color:#6b3b1f}
.kind.birthday{background:#fde2ec;color:#8a1d4a}
.kind.promise{background:#dde9f7;color:#1d4f82}
.kind.thanks{background:#d9f2ec;color:#19614f}
.kind.water{background:#dcefff;color:#1d5a8c}
.state.seedling{background:#eef7ea;color:#3c6e47;border:1px dashed #3c6e47}
.state.thriving{background:#dff0d8;color:#2d6a2d}
.state.due{background:#fff3cd;color:#6b5000}
.state.thirsty{background:#ffe0c2;color:#8a4500}
.state.wilting{background:#f8d7da;color:#842029}
.state.resting{background:#e2e8f0;color:#3f4b5b}
.row{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
.row>a.who{min-width:0}
.months{margin-left:auto;display:inline-flex;align-items:center;gap:.4rem;flex:none}
.scale{color:var(--muted);font-size:.8rem}
.spark{flex:none}
li.more{color:var(--muted);font-size:.92rem}
#contents{max-width:68rem;margin:auto;padding:0 1rem}
#contents ul{display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.92rem}
#contents li{border:0;padding:0}
.count{color:var(--muted)}
code{font-size:.9em;overflow-wrap:anywhere}
.spark path{fill:var(--accent)}
.spark path.zero{fill:var(--line)}
.chart{display:block;width:100%;max-width:36rem;height:auto;margin:auto}
.chart rect{fill:var(--accent)}
.chart text{fill:var(--muted);font-size:11px;text-anchor:middle}
@media (min-width:52rem){main{grid-template-columns:1fr 1fr}
#welcome,#gestures,#chart,#everyone,#problems,#unresolved{grid-column:1/-1}
#everyone ul{columns:2;column-gap:2rem}#everyone li{break-inside:avoid}}
@media (prefers-color-scheme:dark){:root{--ink:#e8eee4;--muted:#a9b4a5;--paper:#141a14;
--card:#1d251d;--line:#34402f;--accent:#7cc07f}a{color:#8cc4f0}#gestures li::before{color:#142014}}
""".strip()

_SPARK_BAR = 5
_SPARK_STEP = 7
_SPARK_HEIGHT = 20


def sparkline(counts: Sequence[int], label: str) -> str:
    """A tiny bar per month (oldest first); the label says the same in words. The bars are two
    paths (months with and without interactions), not a shape each: a page of 10,000 people
    stays about half as heavy."""
    width = _SPARK_STEP * len(counts)
    title = escape(label)
    return (
        f'<svg class="spark" viewBox="0 0 {width} {_SPARK_HEIGHT}" width="{width}" '
        f'height="{_SPARK_HEIGHT}" role="img" aria-label="{title}"><title>{title}</title>'
        f"{_spark_paths(tuple(counts))}</svg>"
    )


@lru_cache(maxsize=4096)  # 10,000 people have about 2,000 different years of months
def _spark_paths(counts: tuple[int, ...]) -> str:
    top = max(counts, default=0) or 1
    full: list[str] = []
    empty: list[str] = []
    for position, count in enumerate(counts):
        height = max(1, round(count * (_SPARK_HEIGHT - 2) / top)) if count else 1
        x, y = position * _SPARK_STEP, _SPARK_HEIGHT - height
        bar = f"M{x} {y}h{_SPARK_BAR}v{height}h-{_SPARK_BAR}z"
        (full if count else empty).append(bar)
    return "".join(
        f'<path{css} d="{"".join(bars)}"/>'
        for css, bars in (("", full), (' class="zero"', empty))
        if bars
    )


def bar_chart(
    counts: Sequence[int], labels: Sequence[str], titles: Sequence[str], name: str
) -> str:
    """Interactions per month: bars with their number above and the month below."""
    step, bar, base, room = 44, 30, 130, 105
    top = max(counts, default=0) or 1
    parts = []
    for position, (count, label, title) in enumerate(zip(counts, labels, titles, strict=True)):
        x = 8 + position * step
        height = round(count * room / top)
        middle = x + bar / 2
        parts.append(
            f"<g><title>{escape(title)}</title>"
            f'<rect x="{x}" y="{base - height}" width="{bar}" height="{max(height, 1)}" rx="2"/>'
            f'<text x="{middle}" y="{base - height - 4}">{count}</text>'
            f'<text x="{middle}" y="{base + 14}">{escape(label)}</text></g>'
        )
    width = 16 + step * len(counts)
    return (
        f'<svg class="chart" viewBox="0 0 {width} {base + 22}" role="img" '
        f'aria-label="{escape(name)}">' + "".join(parts) + "</svg>"
    )
