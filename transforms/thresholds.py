"""The numeric thresholds of body and metadata extraction, named and documented in one place.

:mod:`transforms.extract` and :mod:`transforms.boilerplate` read them from :data:`EXTRACTION`. The values
were tuned on the test web and the real-page corpus (``bench.metadata_bench``, tests/transforms/);
changing one changes what lands in the lake, so bump ``EXTRACTOR_VERSION`` with it. Lengths are in
characters, word counts in ``transforms.normalize.tokens`` words, shares between 0 and 1.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractionThresholds:
    # -- body completeness (transforms.extract) --
    #: a body shorter than this (characters) sends us to the fallbacks (recall pass, JSON-LD body)
    short_body_chars: int = 300
    #: share of the JSON-LD body's distinct words the page must show for it to be the page's body
    ld_body_agrees: float = 0.9
    #: a JSON-LD body with less than this share of the extraction's punctuation per word was stripped of it
    ld_body_punct: float = 0.5
    #: how far (levels) above the body's container the other parts of a split story may branch off
    split_depth: int = 4
    #: a container shorter than this (characters) is not a part of a split story
    split_min_chars: int = 200
    #: the parts of a split story put back must add at least this share of new distinct words
    split_min_gain: float = 0.3
    #: lines above the headline that may go with it (kicker, section, date): at most this many tokens
    kicker_tokens: int = 8

    # -- page dates (transforms.extract) --
    #: a date/byline box is a short one: normalize-space(.) under this many characters
    date_box_chars: int = 120
    #: a date before the headline is the story's when both sit in one box at most this many levels above the <h1>
    date_near_h1_levels: int = 6
    #: date nodes read per kind (teaser lists hold hundreds)
    max_date_nodes: int = 40
    #: refused date candidates kept as evidence
    max_refused_dates: int = 3

    # -- boilerplate lines and blocks (transforms.boilerplate) --
    #: a list item after a label of at most this many characters is a headline, not a paragraph
    headline_max_chars: int = 160
    #: how many lines at the top (and bottom) of the body are looked at for byline, date and copyright
    edge_lines: int = 3
    #: a date line is the date and time with a label at most: this many words without a digit
    date_line_words: int = 5
    #: a copyright line at the end of the body is at most this many characters
    copyright_max_chars: int = 200
    #: a line seen this many times in one body is template text, not writing
    repeated_line_count: int = 3
    #: a teaser list has at least this many items ...
    teaser_items: int = 3
    #: ... each with at least this share of its text in links
    teaser_linked_share: float = 0.5
    #: share of a labelled block's text inside links above which it is a list of headlines
    related_linked_share: float = 0.5
    #: a title segment is "site-like" only when it has at most this many words (a headline part is longer)
    site_segment_words: int = 6
    #: a headline both title forms end with, after different kickers, has at least this many words
    shared_tail_words: int = 4
    #: a part of a site's name written in parts («… | آخرین اخبار ایران و جهان | YJC») names the site when it has
    #: at least this many letters («YJC» does through the host, «TV» does not at all)
    site_part_min_chars: int = 4

    # -- authors (transforms.boilerplate, transforms.extract.meta) --
    #: a person's name has at most this many words («محمد بن عبد الله آل سعود»); a longer one is a phrase or slogan
    name_max_words: int = 7
    #: a byline line («كتب: وليد عبد الرحمن، وكالة أنباء الشرق الأوسط») is at most this many characters
    byline_max_chars: int = 120
    #: a printed byline is looked for among this many texts after the headline (scripts and styles not counted)
    byline_search_texts: int = 60
    #: a keyword list of at least this many single words that spell out the headline is the headline, not tags
    title_word_tags: int = 3


#: the thresholds extraction runs with
EXTRACTION = ExtractionThresholds()


@dataclass(frozen=True)
class RevisionThresholds:
    """What counts as an edit when a revisited article is compared with our copy (transforms.versions).

    Versions are compared on the extracted fields after ``normalize_text`` and tokenisation, so spelling variants
    of one letter, ZWNJ, harakat and punctuation never make an edit; these thresholds decide the rest."""

    #: a line of at most this many words ...
    widget_max_tokens: int = 12
    #: ... whose words are at least this share numbers is a clock or counter widget («آخر تحديث: 12:34 07/01/2025»),
    #: not writing: it is left out of the comparison. A figure inside a sentence («۱۲ کشته و ۳۰ زخمی» is 2 of 5)
    #: stays in
    widget_digit_share: float = 0.6
    #: two paragraphs in the same place of a changed stretch whose words agree at least this much (difflib ratio)
    #: are one paragraph changed; below it, one removed and one added
    paragraph_same: float = 0.5


#: the thresholds revisits compare versions with
REVISIONS = RevisionThresholds()
