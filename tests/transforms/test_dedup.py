"""Duplicate clustering on real Persian/Arabic text: exact, near, negatives, canonical rule, order
independence, back-fill and earlier days."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from repo import SHARED, TESTWEB

from akhbar.transforms.dedup import (
    LOOKBACK_DAYS,
    SIGNATURE_PARAMS,
    Doc,
    DupRow,
    SignatureParams,
    cluster,
    decode_signature,
    recluster,
    signature,
)
from akhbar.warehouse.schema import conform

SEEDS = SHARED / "seeds"
D1 = date(2025, 1, 6)
D2 = date(2025, 1, 7)


def _articles() -> dict[str, str]:
    out = {}
    for lang in ("fa", "ar"):
        for e in json.loads((TESTWEB / f"articles_{lang}.json").read_text(encoding="utf-8")):
            if "paragraphs" in e:
                out[e["key"]] = "\n".join(e["paragraphs"])
    return out


ART = _articles()
FA = ART["p12"]  # Persian, with ZWNJ (سی‌وچهارمین، بین‌المللی …)
FA_OTHER = ART["p05"]
AR = ART["w08"]
AR_OTHER = ART["w09"]


def doc(aid: str, text: str, day: date = D2, *, outlet: str = "o", hour: int | None = None,
        aggregator: bool = False) -> Doc:
    published = datetime(day.year, day.month, day.day, hour, tzinfo=UTC) if hour is not None else None
    return Doc.from_text(aid, outlet, day, text, published_at=published, aggregator=aggregator)


def rows_by_id(rows: list[DupRow]) -> dict[str, DupRow]:
    return {r.article_id: r for r in rows}


def edited(text: str) -> str:
    """An editor's copy: the last sentence dropped, a credit line and a sentence added, ZWNJ lost,
    Persian ی/ک typed as Arabic ي/ك, digits converted."""
    lines = text.split("\n")
    body = "\n".join([*lines[:-1], "به گزارش خبرنگار سرویس فرهنگی، این خبر تا ساعاتی دیگر تکمیل می\u200cشود."])
    body = body.replace("\u200c", "").replace("ی", "ي").replace("ک", "ك")
    return body.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩")) + "\nمنبع: ایرنا"


def test_fixture_texts_are_real_persian_and_arabic() -> None:
    assert "\u200c" in FA and "\ufffd" not in FA + AR
    assert len(FA.split()) > SIGNATURE_PARAMS.min_tokens and len(AR.split()) > SIGNATURE_PARAMS.min_tokens


def test_exact_copies_cluster_with_method_exact() -> None:
    rows = rows_by_id(cluster([doc("orig", AR, hour=8), doc("copy", AR, hour=9, outlet="agg", aggregator=True),
                               doc("other", AR_OTHER, hour=8)]))
    assert rows["copy"] == DupRow("copy", "orig", "orig", "exact", 1.0)
    assert rows["orig"] == DupRow("orig", "orig", "orig", "self", 1.0)
    assert rows["other"].cluster_id == "other"


def test_lost_zwnj_and_swapped_yeh_alone_are_exact_after_normalisation() -> None:
    copy = FA.replace("\u200c", "").replace("ی", "ي").replace("ک", "ك")
    rows = rows_by_id(cluster([doc("orig", FA, hour=8), doc("copy", copy, hour=9)]))
    assert rows["copy"].method == "exact" and rows["copy"].canonical_id == "orig"


def test_edited_copies_cluster_with_method_near() -> None:
    copy = edited(FA)
    assert "\u200c" not in copy and "ي" in copy
    rows = rows_by_id(cluster([doc("orig", FA, hour=8), doc("copy", copy, hour=10, outlet="agg"),
                               doc("other", FA_OTHER, hour=9)]))
    assert rows["copy"].method == "near"
    assert rows["copy"].canonical_id == rows["copy"].cluster_id == "orig"
    assert SIGNATURE_PARAMS.threshold <= rows["copy"].similarity < 1.0
    assert rows["other"].cluster_id == "other"


def test_copy_wrapped_in_aggregator_boilerplate_is_near() -> None:
    wrapped = "\n".join(["تابع أحدث الأخبار عبر تطبيق", AR, "المصدر: البوابة نيوز", "مقالات مشابهة",
                         "الأرصاد: طقس مائل للحرارة نهارا شديد البرودة ليلا",
                         "وزير الأوقاف يبحث مع عدد من نظرائه تعزيز التعاون الثنائي"])
    rows = rows_by_id(cluster([doc("orig", AR, hour=8), doc("agg", wrapped, hour=9, aggregator=True)]))
    assert rows["agg"].method == "near" and rows["agg"].canonical_id == "orig"


def test_different_stories_in_the_same_template_do_not_merge() -> None:
    head = ["تابع أحدث الأخبار عبر تطبيق", "القاهرة /أ ش أ/"]
    foot = ["المصدر: البوابة نيوز", "كلمات دلالية: الشرق الأوسط", "إقرأ أيضاً:",
            "الخارجية تؤكد أهمية تعزيز أواصر التعاون مع أمريكا",
            "انفجار عنيف في قاعدة عسكرية أمريكية جنوب اليابان والجيش يبدأ تحقيقات عاجلة"]
    long_a, long_b = "\n".join([*head, AR, *foot]), "\n".join([*head, AR_OTHER, *foot])
    # short items: a first line of the story and the template (fewer than min_tokens words)
    short_a = "\n".join([head[0], " ".join(AR.split()[:12]), foot[0], foot[2], foot[3]])
    short_b = "\n".join([head[0], " ".join(AR_OTHER.split()[:12]), foot[0], foot[2], foot[3]])
    assert len(short_a.split()) < SIGNATURE_PARAMS.min_tokens
    rows = cluster([doc("la", long_a), doc("lb", long_b), doc("sa", short_a), doc("sb", short_b)])
    assert all(r.method == "self" for r in rows), rows


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not available")
def test_seed_negatives_on_the_same_topic_stay_apart() -> None:
    seeds = {p.name[:3]: p.read_text(encoding="utf-8", errors="replace") for p in SEEDS.glob("*.txt")}
    docs = [doc(k, t, outlet=f"s{k}", aggregator=k in ("001", "004")) for k, t in seeds.items()]
    rows = cluster(docs)
    assert len({r.cluster_id for r in rows}) == len(seeds)
    # and a copy of 000 with its last paragraph cut still finds it, not 003
    cut = "\n".join(seeds["000"].split("\n")[:-4])
    rows = rows_by_id(cluster([*docs, doc("000-copy", cut, outlet="agg", aggregator=True)]))
    assert rows["000-copy"].canonical_id == "000"


def test_canonical_rule_earliest_then_original_then_longest_then_id() -> None:
    longer = FA + "\nبه گزارش خبرنگار ما، بازدید از نمایشگاه برای عموم رایگان است."
    # earliest publication wins even against a longer original text
    rows = rows_by_id(cluster([doc("late", longer, hour=12), doc("early", FA, hour=7, aggregator=True)]))
    assert rows["late"].canonical_id == "early"
    # same time: an original outlet before an aggregator
    rows = rows_by_id(cluster([doc("agg", longer, hour=7, aggregator=True), doc("orig", FA, hour=7)]))
    assert rows["agg"].canonical_id == "orig"
    # same time, both originals: the longest text
    rows = rows_by_id(cluster([doc("short", FA, hour=7), doc("long", longer, hour=7)]))
    assert rows["short"].canonical_id == "long"
    # a missing time counts after every known time of the same day
    rows = rows_by_id(cluster([doc("untimed", longer), doc("timed", FA, hour=23)]))
    assert rows["untimed"].canonical_id == "timed"
    # all equal: the smallest article_id
    rows = rows_by_id(cluster([doc("b2", FA, hour=7), doc("a1", FA, hour=7)]))
    assert rows["b2"].canonical_id == "a1" and rows["a1"].method == "self"


def _mixed_day() -> list[Doc]:
    docs = [doc("fa-orig", FA, hour=6), doc("fa-copy", edited(FA), hour=9, aggregator=True),
            doc("fa-exact", FA, hour=11, outlet="x"), doc("ar-orig", AR, hour=7),
            doc("ar-copy", AR + "\nالمصدر: وكالات", hour=8, aggregator=True)]
    for k in ("p01", "p02", "s03", "w01", "w02", "m03"):
        docs.append(doc(k, ART[k], hour=5))
    return docs


def test_rows_do_not_depend_on_input_order() -> None:
    docs = _mixed_day()
    expected = cluster(docs)
    assert len(expected) == len(docs)
    for seed in range(5):
        shuffled = docs[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster(shuffled) == expected


def test_one_canonical_per_cluster_and_canonicals_point_to_themselves() -> None:
    rows = cluster(_mixed_day())
    by_cluster: dict[str, set[str]] = {}
    for r in rows:
        by_cluster.setdefault(r.cluster_id, set()).add(r.canonical_id)
    assert all(len(c) == 1 for c in by_cluster.values())
    ids = rows_by_id(rows)
    for r in rows:
        assert ids[r.canonical_id].canonical_id == r.canonical_id
    assert ids["fa-copy"].cluster_id == ids["fa-exact"].cluster_id == "fa-orig"
    assert ids["ar-copy"].cluster_id == "ar-orig"


def test_copy_today_links_to_original_of_an_earlier_day() -> None:
    original = doc("orig", FA, day=D1, hour=20)
    yesterday = cluster([original])
    prior = [Doc(**{**vars(original), "canonical_id": yesterday[0].canonical_id})]
    rows = rows_by_id(cluster([doc("copy", edited(FA), day=D2, hour=6, aggregator=True), doc("o", AR, day=D2)],
                              prior=prior))
    assert set(rows) == {"copy", "o"}  # rows only for today's docs
    assert rows["copy"].canonical_id == "orig" and rows["copy"].method == "near"


def test_prior_read_back_with_signature_only_still_links() -> None:
    original = doc("orig", FA, day=D1, hour=20)
    stored = Doc("orig", "o", D1, original.published_at, "", original.text_chars, original.content_hash,
                 signature=signature(original.text_norm), canonical_id="orig")
    rows = rows_by_id(cluster([doc("exact", FA, hour=3), doc("near", edited(FA), hour=4)], prior=[stored]))
    assert rows["exact"] == DupRow("exact", "orig", "orig", "exact", 1.0)
    assert rows["near"].canonical_id == "orig" and rows["near"].method == "near"


def test_prior_doc_keeps_its_stored_cluster() -> None:
    # yesterday's copy already belongs to an original older than the lookback: today's exact copy of
    # the copy must not found a competing cluster with the copy as canonical
    copy_y = doc("copy-y", FA, day=D1, hour=5)
    copy_y.canonical_id = "ancient-original"
    rows = rows_by_id(cluster([doc("copy-t", FA, day=D2, hour=5)], prior=[copy_y]))
    assert rows["copy-t"].canonical_id != "copy-y"
    assert rows["copy-t"].canonical_id == "copy-t"  # not a direct copy of the stored canonical's row


def test_copies_further_apart_than_the_lookback_are_not_linked() -> None:
    far = D2 - timedelta(days=LOOKBACK_DAYS + 1)
    rows = rows_by_id(recluster([doc("old", FA, day=far, hour=5), doc("new", FA, day=D2, hour=5)]))
    assert rows["new"].canonical_id == "new"
    near_day = D2 - timedelta(days=LOOKBACK_DAYS)
    rows = rows_by_id(recluster([doc("old", FA, day=near_day, hour=5), doc("new", FA, day=D2, hour=5)]))
    assert rows["new"].canonical_id == "old"


def test_backfilling_an_earlier_day_via_recluster_gives_one_canonical() -> None:
    day1 = [doc("orig", AR, day=D1, hour=9), doc("other1", FA_OTHER, day=D1, hour=9)]
    day2 = [doc("copy-a", AR + "\nالمصدر: وكالات", day=D2, hour=8, aggregator=True),
            doc("copy-b", edited(AR), day=D2, hour=9), doc("other2", AR_OTHER, day=D2, hour=9)]
    first = rows_by_id(cluster(day2))  # day 2 ran before day 1 was crawled
    assert first["copy-b"].canonical_id in {"copy-a", "copy-b"}
    rows = rows_by_id(recluster([*day1, *day2]))
    assert {rows[k].canonical_id for k in ("orig", "copy-a", "copy-b")} == {"orig"}
    assert rows["orig"].method == "self"
    # the same result whichever day's docs come first, and from a range that starts at day 1
    assert recluster([*day2, *day1]) == recluster([*day1, *day2])
    assert rows_by_id(recluster([*day1, *day2], start=D1)) == rows


def test_recluster_start_gives_rows_for_the_range_only_and_respects_the_lookback_rows() -> None:
    before = doc("orig", FA, day=D1, hour=9)
    before.canonical_id = "orig"
    rows = recluster([before, doc("copy", edited(FA), day=D2, hour=1)], start=D2)
    assert [r.article_id for r in rows] == ["copy"] and rows[0].canonical_id == "orig"


def test_same_article_id_twice_is_one_row_with_method_url() -> None:
    rows = cluster([doc("a", FA, hour=5), doc("a", edited(FA), hour=6), doc("z", AR)])
    ids = rows_by_id(rows)
    assert len(rows) == 2 and ids["a"].method == "url" and ids["a"].canonical_id == "a"


def test_empty_and_tiny_bodies_stay_singletons() -> None:
    rows = cluster([doc("e1", ""), doc("e2", ""), doc("t1", "برای مشاهده ویدیو کلیک کنید"),
                    doc("t2", "برای مشاهده ویدیو کلیک کنید")])
    assert all(r.method == "self" for r in rows)


def test_signature_bytes_roundtrip_and_parameter_check() -> None:
    text = doc("x", FA).text_norm
    sig = signature(text)
    assert isinstance(sig, bytes) and sig == signature(text)
    values, words = decode_signature(sig)
    assert len(values) == SIGNATURE_PARAMS.num_perm and words == len(text.split())
    other = SignatureParams(num_perm=64)
    assert decode_signature(sig, other) is None  # made with other parameters: recomputed, not misread
    assert signature("") is None


def test_rows_fit_the_duplicates_schema() -> None:
    table = conform("duplicates", [r._asdict() for r in cluster(_mixed_day())])
    assert table.num_rows == len(_mixed_day())
    assert set(table.column("method").to_pylist()) <= {"url", "exact", "near", "self"}


def test_doc_from_a_lake_row_links_like_the_doc_it_was_stored_from(tmp_path: Path) -> None:
    """The pipeline reads prior days back as lake rows (partition columns included): Doc.from_row."""
    from akhbar.warehouse.lake import Lake
    from akhbar.warehouse.schema import ArticleRecord

    original = doc("orig", FA, day=D1, hour=20)
    lake = Lake(str(tmp_path / "lake"))
    lake.replace_partition("articles", D1, "o", [ArticleRecord(
        "orig", "https://o.example/1", text_norm=original.text_norm, text_chars=original.text_chars,
        content_hash=original.content_hash, signature=signature(original.text_norm),
        published_at=original.published_at)])
    [row] = lake.read("articles", [D1]).to_pylist()
    stored = Doc.from_row(row, canonical_id="orig")
    assert (stored.article_id, stored.outlet, stored.day, stored.canonical_id) == ("orig", "o", D1, "orig")
    assert stored.signature == signature(original.text_norm) and not stored.aggregator
    rows = rows_by_id(cluster([doc("exact", FA, hour=3), doc("near", edited(FA), hour=4)], prior=[stored]))
    assert rows["exact"] == DupRow("exact", "orig", "orig", "exact", 1.0)
    assert rows["near"].canonical_id == "orig" and rows["near"].method == "near"


def test_a_large_family_is_paired_through_its_best_ranked_members_not_all_with_all(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Hundreds of near-identical items (an outlet's automated price or prayer-time posts) in one window: each
    is paired with the family's best-ranked members only (all-with-all made 73M pairs from 12k items and ran
    out of memory), and the rows are those all-with-all pairing gives."""
    import numpy as np

    import akhbar.transforms.dedup as dedup

    rng = random.Random(7)
    words = FA.split()
    docs = [doc("orig", FA, D1, hour=6)]
    for i in range(299):  # an edited copy each: one word of the body replaced, on one of two days
        w = list(words)
        w[rng.randrange(len(w))] = f"بند{i}"
        docs.append(doc(f"c{i:03}", " ".join(w), D1 if i % 2 else D2, hour=7 + i % 12, outlet=f"o{i % 5}"))
    docs += [doc(f"x{i:03}", AR, D2, hour=9) for i in range(150)]  # one exact-copy group on one day
    docs.append(doc("ar-first", AR, D1, hour=5))
    capped = dedup.cluster(docs)

    n = len(docs)
    family = []
    for i in range(1000):
        w = list(words)
        w[rng.randrange(len(w))] = f"بند{i}"
        family.append(dedup.decode_signature(signature(" ".join(w)), SIGNATURE_PARAMS)[0])
    pairs = dedup.candidate_pairs(np.stack(family), SIGNATURE_PARAMS, np.arange(1000))
    # linear in the family (all with all: 499,500), and the best-ranked member is paired with every other
    assert len(pairs) <= 1000 * (dedup.FAMILY_HEAD + dedup.FAMILY_ALL_PAIRS)
    assert {tuple(p) for p in pairs.tolist()} >= {(0, j) for j in range(1, 1000)}

    monkeypatch.setattr(dedup, "FAMILY_ALL_PAIRS", n)
    assert dedup.cluster(docs) == capped
    rows = rows_by_id(capped)
    assert {r.canonical_id for a, r in rows.items() if a.startswith("c")} == {"orig"}
    assert {r.canonical_id for a, r in rows.items() if a.startswith("x")} == {"ar-first"}
    assert rows["orig"].method == rows["ar-first"].method == "self"
