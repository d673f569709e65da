"""A second data set, shaped unlike the default sample: e-commerce product search (ESCI-style).

What a team brings from a shop's search: short product titles (brand, material, product
type, colour) over descriptions of very different lengths that name other colours ("also
in ...") and other products ("pairs well with ..."); queries of a product type and some
attributes, typed in any case, each with only a few exact matches; ESCI judgments (exact,
substitute, complement, irrelevant) mapped onto grades 3-0; clicks with a steep position
bias, and a product quality only the clicks reveal; none of its content words is the sample's.
Written as files with a team's own column names: a parquet catalog with epoch-second
listing times and columns the schema does not name, a CSV log with epoch-millisecond
times and Y/N clicks, and judgments dated with ISO text.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SEATS, WOOD = ("leather", "velvet", "linen", "wool"), ("oak", "walnut", "steel", "bamboo")
# product type: the words of its descriptions, the type it is bought with, its materials
TYPES = {
    "armchair": ("cushioned seat backrest armrest upholstered recliner", "ottoman", SEATS),
    "ottoman": ("footrest storage pouf tufted padded", "armchair", SEATS),
    "bookshelf": ("shelves tiers shelving adjustable anchored", "desk", WOOD),
    "desk": ("workstation drawers tabletop wire grommet", "bookshelf", WOOD),
    "kettle": ("boil litre spout cordless temperature", "toaster", ("steel", "glass", "copper")),
    "toaster": ("slots crumb tray browning defrost", "kettle", ("steel", "copper", "chrome")),
    "headphones": ("wireless earcups noise cancelling bass", "backpack", ("aluminium", "leather")),
    "backpack": ("zippered compartments straps notebook sleeve", "headphones", ("canvas", "nylon")),
    "sneakers": ("outsole cushioning laces breathable", "socks", ("canvas", "leather", "suede")),
    "socks": ("ankle crew blend pairs stretchy", "sneakers", ("wool", "cotton", "bamboo")),
    "stroller": ("foldable canopy reclining wheels harness", "blanket", ("aluminium", "steel")),
    "blanket": ("throw fleece knitted soft cosy", "stroller", ("wool", "cotton", "linen")),
}
COLOURS = _words("black white grey navy beige crimson teal mustard coral ivory sage plum")
MATERIALS = tuple(dict.fromkeys(m for _, _, materials in TYPES.values() for m in materials))
BRANDS = _words(
    "nordvik kestrel brightline oakhaven zephyr lumos tundra cobalt halden ashby corvin "
    "solace vantor pinecrest"
)
MARKETING = _words(
    "premium durable warranty shipping assembly stylish comfortable everyday gift quality "
    "design contemporary classic perfect ideal space living made returns free"
)
ESCI = {3: "E", 2: "S", 1: "C", 0: "I"}
GRADE_CUTS = (0.5, 1.6, 2.5)  # latent relevance → grades 0, 1, 2, 3
JUDGED_PER_QUERY = 25
PAGE = 10
DAY = 86_400


def write_shop_tables(
    folder: Path,
    seed: int = 31,
    products: int = 1200,
    queries: int = 160,
    days: int = 35,
    searches_per_day: int = 60,
) -> dict:
    """Write the catalog, the search log and the judgments into `folder`; the
    `data.tables` config that maps them onto the preset's schema."""
    rng = np.random.default_rng(seed)
    start = int(pd.Timestamp("2024-04-01", tz="UTC").timestamp())
    names = list(TYPES)
    kind = rng.integers(0, len(names), products)
    colour = rng.integers(0, len(COLOURS), products)
    material = np.array([MATERIALS.index(rng.choice(TYPES[names[k]][2])) for k in kind])
    brand = rng.choice(len(BRANDS), products, p=_zipf(len(BRANDS), 0.8))
    quality = rng.normal(0.0, 1.0, products)
    titles, bodies = [], []
    for item in range(products):
        name = names[kind[item]]
        title = [BRANDS[brand[item]], MATERIALS[material[item]], name, COLOURS[colour[item]]]
        titles.append(" ".join(title).title())
        bodies.append(_description(rng, name, colour[item]))

    asked = _queries(rng, names, kind, colour, material, brand, queries)
    relevance = _relevance(asked, names, kind, colour, material, brand)  # queries × products
    relevance = relevance + 0.35 * quality[None, :]
    # the old engine: word overlap with the title and body, and a little noise
    words = [
        set(f"{title} {body}".lower().split()) for title, body in zip(titles, bodies, strict=True)
    ]
    overlap = np.array([[len(set(q.split()) & w) for w in words] for q in asked["text"]], float)

    log = _log(rng, asked, overlap, relevance, quality, days, searches_per_day)
    judged = _judgments(rng, asked, overlap, relevance, days)
    asin = np.array([f"B0{value:08X}" for value in rng.choice(16**8, products, replace=False)])
    pd.DataFrame(
        {
            "asin": asin,
            "listed": start - rng.integers(20, 500, products) * DAY,
            "product_title": titles,
            "product_description": bodies,
            "brand": np.asarray(BRANDS)[brand],
            "price": np.round(rng.lognormal(3.5, 0.7, products), 2),
        }
    ).to_parquet(folder / "catalog.parquet", index=False)
    typed = np.array([_as_typed(rng, text) for text in asked["text"]], dtype=object)
    pd.DataFrame(
        {
            "request": [f"r-{search:07d}" for search in log["search"]],
            "search_term": typed[log["query"]],
            "asin": asin[log["product"]],
            "rank": log["position"],
            "ts_ms": (start + log["second"]) * 1000 + rng.integers(0, 1000, len(log["second"])),
            "clicked": np.where(log["clicked"], "Y", "N"),
        }
    ).to_csv(folder / "search_log.csv", index=False)
    grade = judged["grade"]
    pd.DataFrame(
        {
            "query": np.asarray(asked["text"], dtype=object)[judged["query"]],
            "asin": asin[judged["product"]],
            "labelled_on": pd.to_datetime(start + judged["second"], unit="s").strftime("%Y-%m-%d"),
            "esci_label": [ESCI[value] for value in grade],
            "grade": grade,
        }
    ).to_csv(folder / "judgments.csv", index=False)
    return {
        "documents": {
            "path": str(folder / "catalog.parquet"),
            "columns": {
                "asin": "doc_id",
                "listed": "published_at",
                "product_title": "title",
                "product_description": "body",
            },
            "epoch_units": {"published_at": "s"},
        },
        "searches": {
            "path": str(folder / "search_log.csv"),
            "columns": {
                "request": "search_id",
                "search_term": "query",
                "asin": "doc_id",
                "rank": "position",
                "ts_ms": "searched_at",
            },
            "epoch_units": {"searched_at": "ms"},
            "true_values": ["Y"],
            "false_values": ["N"],
        },
        "judgments": {
            "path": str(folder / "judgments.csv"),
            "columns": {"asin": "doc_id", "labelled_on": "judged_at", "grade": "relevance"},
        },
    }


def _zipf(size: int, exponent: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, size + 1) ** exponent
    return weights / weights.sum()


def _description(rng: np.random.Generator, name: str, colour: int) -> str:
    """A description of 15 to 180 words: marketing, the type's own words, other colours,
    and the product it goes with."""
    own, partner, _ = TYPES[name]
    length = int(np.clip(rng.lognormal(3.5, 0.7), 10, 150))
    words = list(rng.choice(MARKETING, length)) + list(rng.choice(own.split(), 2 + length // 8))
    words += [name] * int(rng.integers(0, 3))
    if rng.random() < 0.5:
        others = rng.choice([c for i, c in enumerate(COLOURS) if i != colour], 2, replace=False)
        words += ["also", "in", *others]
    if rng.random() < 0.4:
        words += ["pairs", "well", "with", "a", partner]
    rng.shuffle(words)
    return " ".join(words).capitalize() + "."


def _queries(rng, names, kind, colour, material, brand, count) -> dict:
    """Distinct queries: a product type, and a colour, a material or a brand some times."""
    found: dict[str, tuple] = {}
    while len(found) < count:
        item = int(rng.integers(0, len(kind)))  # queries follow what the shop sells
        parts = {"kind": kind[item]}
        if rng.random() < 0.9:
            parts["colour"] = colour[item]
        if rng.random() < 0.7:
            parts["material"] = material[item]
        if rng.random() < 0.15 or len(parts) == 1:  # nobody searches for just "desk"
            parts["brand"] = brand[item]
        words = [
            vocabulary[parts[key]]
            for key, vocabulary in (("brand", BRANDS), ("colour", COLOURS), ("material", MATERIALS))
            if key in parts
        ]
        text = " ".join([*words, names[parts["kind"]]])
        found.setdefault(
            text, tuple(parts.get(key, -1) for key in ("kind", "colour", "material", "brand"))
        )
    parts = np.array(list(found.values()))
    return {
        "text": list(found),
        "parts": parts,
        "popularity": rng.permutation(_zipf(len(found), 1.0)),
    }


def _relevance(asked, names, kind, colour, material, brand) -> np.ndarray:
    """Exact: the type and every asked attribute; substitute: the type; complement: the
    type bought with it; irrelevant otherwise."""
    parts = asked["parts"]
    partner = np.array([names.index(TYPES[name][1]) for name in names])
    same = parts[:, :1] == kind[None, :]
    attributes = np.stack([colour, material, brand])  # 3 × products
    asked_attrs = parts[:, 1:]  # queries × 3, -1 when not asked
    matched = (asked_attrs[:, :, None] == attributes[None, :, :]).sum(axis=1)
    wanted = (asked_attrs >= 0).sum(axis=1, keepdims=True)
    share = np.where(wanted > 0, matched / np.maximum(wanted, 1), 1.0)
    complement = partner[parts[:, 0]][:, None] == kind[None, :]
    substitute = np.where(share < 1.0, 0.9 + 0.8 * share, 3.0)
    return np.where(same, substitute, np.where(complement, 0.7, 0.0))


def _log(rng, asked, overlap, relevance, quality, days, per_day) -> dict[str, np.ndarray]:
    total = int(rng.poisson(per_day * days))
    query = rng.choice(len(asked["text"]), total, p=asked["popularity"])
    second = np.sort(rng.integers(0, days * DAY, total))
    rows: dict[str, list] = {"search": [], "query": [], "product": [], "position": [], "second": []}
    for search in range(total):
        engine = overlap[query[search]] + 0.5 * rng.gumbel(size=overlap.shape[1])
        engine = np.where(overlap[query[search]] > 0, engine, -np.inf)
        shown = np.argsort(-engine, kind="stable")[:PAGE]
        shown = shown[np.isfinite(engine[shown])]
        rows["search"].extend([search] * len(shown))
        rows["query"].extend([query[search]] * len(shown))
        rows["product"].extend(shown)
        rows["position"].extend(range(1, len(shown) + 1))
        rows["second"].extend([second[search]] * len(shown))
    log = {name: np.asarray(values, dtype=np.int64) for name, values in rows.items()}
    appeal = relevance[log["query"], log["product"]] + 0.8 * quality[log["product"]]
    seen = 1.0 / log["position"]  # a steep position bias: few look past the first results
    log["clicked"] = rng.random(len(appeal)) < seen / (1.0 + np.exp(-(1.6 * appeal - 3.5)))
    return log


def _judgments(rng, asked, overlap, relevance, days) -> dict[str, np.ndarray]:
    """Each query judged once after the first week: the old engine's best matches and a
    few random products."""
    count = len(asked["text"])
    first = 7 * DAY
    moments = first + np.sort(rng.choice(days * DAY - first, count, replace=False))
    rows: dict[str, list] = {"query": [], "product": [], "second": []}
    for query in range(count):
        engine = overlap[query] + 0.1 * rng.gumbel(size=overlap.shape[1])
        pooled = np.argsort(-engine, kind="stable")[:JUDGED_PER_QUERY]
        extra = rng.choice(overlap.shape[1], 5, replace=False)
        judged = np.union1d(pooled, extra)
        rows["query"].extend([query] * len(judged))
        rows["product"].extend(judged)
        rows["second"].extend([moments[query]] * len(judged))
    judged = {name: np.asarray(values, dtype=np.int64) for name, values in rows.items()}
    noisy = relevance[judged["query"], judged["product"]] + rng.normal(0, 0.4, len(judged["query"]))
    judged["grade"] = np.digitize(noisy, GRADE_CUTS)
    return judged


def _as_typed(rng: np.random.Generator, text: str) -> str:
    """A query as a shopper types it: capitals and stray spaces, now and then."""
    if rng.random() < 0.3:
        text = text.title()
    if rng.random() < 0.2:
        text = f" {text}  "
    return text
