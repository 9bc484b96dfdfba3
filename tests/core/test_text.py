"""Tests for the Vietnamese text helpers in ``thidua.core.text``."""

import datetime
import itertools
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.core.text import (
    amount_in_words,
    date_line,
    format_money,
    format_number,
    name_sort_key,
    normalize,
    number_in_words,
    search_key,
)

# --- Reference model of Vietnamese letters, independent of Unicode decomposition ---------------

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Precomposed vowels per row, in tone order: ngang, huyền, hỏi, ngã, sắc, nặng.
TONED_VOWELS = (
    "aàảãáạ",
    "ăằẳẵắặ",
    "âầẩẫấậ",
    "eèẻẽéẹ",
    "êềểễếệ",
    "iìỉĩíị",
    "oòỏõóọ",
    "ôồổỗốộ",
    "ơờởỡớợ",
    "uùủũúụ",
    "ưừửữứự",
    "yỳỷỹýỵ",
)
LETTER_AND_TONE = {ch: (row[0], tone) for row in TONED_VOWELS for tone, ch in enumerate(row)}
LETTER_AND_TONE.update({ch: (ch, 0) for ch in ALPHABET if ch not in LETTER_AND_TONE})

INITIALS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng"]
INITIALS += ["ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x", "f", "j", "w", "z"]
NUCLEI = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay"]
NUCLEI += ["âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "ua"]
NUCLEI += ["uâ", "uê", "uô", "ươ", "ưa", "ui", "ưi", "uy", "yê", "ươi", "uôi", "oai", "uyê"]
FINALS = ["", "", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "u", "o", "y"]


def reference_word_key(word: str) -> tuple[tuple[int, ...], int]:
    """Key of one NFC word: (letter positions in the alphabet, first tone)."""
    letters, tones = [], []
    for ch in word.lower():
        letter, tone = LETTER_AND_TONE[ch]
        letters.append(ALPHABET.index(letter))
        if tone:
            tones.append(tone)
    return tuple(letters), (tones[0] if tones else 0)


def reference_name_key(name: str) -> tuple:
    """Key of an NFC name: (given word, middle words, family word or nothing)."""
    words = [reference_word_key(word) for word in name.split()]
    family = words[0] if len(words) > 1 else ((), -1)
    return words[-1], tuple(words[1:-1]), family


@st.composite
def syllables(draw) -> str:
    """A Vietnamese-like syllable in NFC with a random tone on one vowel and random case."""
    nucleus = draw(st.sampled_from(NUCLEI))
    tone = draw(st.integers(0, 5))
    position = draw(st.integers(0, len(nucleus) - 1))
    toned = next(row[tone] for row in TONED_VOWELS if row[0] == nucleus[position])
    nucleus = nucleus[:position] + toned + nucleus[position + 1 :]
    syllable = draw(st.sampled_from(INITIALS)) + nucleus + draw(st.sampled_from(FINALS))
    return draw(st.sampled_from([syllable, syllable.capitalize(), syllable.upper()]))


names = st.lists(syllables(), min_size=1, max_size=4).map(" ".join)
vietnamese_text = st.lists(
    st.one_of(syllables(), st.sampled_from([" ", "  ", "\t", "\n", "-", "2020", "."])), max_size=8
).map("".join)


# --- normalize -------------------------------------------------------------------------------


def test_normalize_composes_and_collapses_whitespace():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hồng")
    assert normalize("  " + nfd.replace(" ", " \t\n ") + " ") == "Nguyễn Thị Hồng"
    assert unicodedata.is_normalized("NFC", normalize(nfd))


# --- search_key ------------------------------------------------------------------------------


def test_search_key_drops_diacritics_case_and_maps_d_stroke():
    assert search_key("Nguyễn Thị Hồng") == "nguyen thi hong"
    assert search_key("ĐỒNG NAI") == "dong nai"
    assert search_key("  Công   đoàn\tcơ sở ") == "cong doan co so"


def test_search_key_ignores_normal_form():
    text = "Liên đoàn Lao động tỉnh Đồng Nai"
    assert search_key(unicodedata.normalize("NFD", text)) == search_key(text)


@given(st.text())
def test_search_key_is_idempotent_and_free_of_marks_and_d_stroke(text):
    key = search_key(text)
    assert search_key(key) == key
    assert not any(unicodedata.combining(ch) for ch in key)
    assert "đ" not in key
    assert "Đ" not in key
    assert key == key.strip()
    assert "  " not in key


@given(vietnamese_text)
def test_search_key_is_equal_for_case_and_normal_form_variants(text):
    variants = {text, text.upper(), text.lower(), text.title()}
    variants |= {unicodedata.normalize(form, v) for v in set(variants) for form in ("NFC", "NFD")}
    assert {search_key(v) for v in variants} == {search_key(text)}
    assert search_key(text).isascii()


# --- name_sort_key ---------------------------------------------------------------------------


def assert_sorted_by_key(ordered: list[str]) -> None:
    keys = [name_sort_key(name) for name in ordered]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_name_sort_key_orders_by_given_then_middle_then_family():
    assert_sorted_by_key(
        [
            "Trần Văn An",
            "Nguyễn Thị Anh",
            "Lê Văn Ánh",
            "Phạm Thị Bình",
            "Nguyễn Văn Đức",
            "Đỗ Thị Em",
        ]
    )
    assert_sorted_by_key(["Nguyễn Văn An", "Trần Văn An"])
    assert_sorted_by_key(["Lê Thị An", "Lê Văn An"])


def test_name_sort_key_breaks_ties_by_tone_after_letters():
    assert_sorted_by_key(["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"])
    assert_sorted_by_key(["Hạ", "Hai"])


def test_name_sort_key_uses_vietnamese_letter_order():
    assert_sorted_by_key(["An", "Anh", "Ăn", "Ân", "Bình"])
    assert_sorted_by_key(["Dũng", "Đức", "Em"])
    assert_sorted_by_key(["Chi", "Dung", "Êm", "Giang", "Ích", "Kim", "Ơn", "Uyên", "Ưng", "Yến"])
    assert_sorted_by_key(["Ê", "Fan", "Giang"])


def test_name_sort_key_handles_single_words_digits_and_punctuation():
    assert_sorted_by_key(["An", "Lê An", "Trần An", "Nguyễn Văn An"])
    assert_sorted_by_key(["Lan", "Lan0", "Lan9", "Lana"])
    assert_sorted_by_key(["Tổ 1", "Tổ 10", "Tổ 2", "Tổ A"])  # digits compare one by one
    assert name_sort_key("Nguyễn-Văn (An)") == name_sort_key("NguyễnVăn An")
    assert name_sort_key("") == name_sort_key(" ... ") == ""


@given(names)
def test_name_sort_key_is_digits_and_ignores_case_and_normal_form(name):
    key = name_sort_key(name)
    assert key.isdigit()
    assert key.isascii()
    for variant in (name.upper(), name.lower(), unicodedata.normalize("NFD", name)):
        assert name_sort_key(variant) == key
    folded = name.casefold()
    assert len(key) <= 3 * len(folded) + 3 * len(folded.split()) + 2


@given(st.lists(names, min_size=2, max_size=30))
def test_name_sort_key_matches_reference_order(population):
    by_key = sorted(population, key=name_sort_key)
    assert [reference_name_key(n) for n in by_key] == sorted(map(reference_name_key, population))
    for first, second in itertools.combinations(population, 2):
        same_key = name_sort_key(first) == name_sort_key(second)
        assert same_key == (reference_name_key(first) == reference_name_key(second))


@given(st.text())
def test_name_sort_key_is_digits_for_any_text(text):
    key = name_sort_key(text)
    assert key == "" or key.isdigit()
    assert key.isascii()


# --- number_in_words and amount_in_words -----------------------------------------------------


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi bốn"),
        (25, "hai mươi lăm"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (1015, "một nghìn không trăm mười lăm"),
        (2005, "hai nghìn không trăm linh năm"),
        (2025, "hai nghìn không trăm hai mươi lăm"),
        (1_000_000, "một triệu"),
        (1_000_001, "một triệu không trăm linh một"),
        (1_050_000, "một triệu không trăm năm mươi nghìn"),
        (1_490_000, "một triệu bốn trăm chín mươi nghìn"),
        (2_340_000, "hai triệu ba trăm bốn mươi nghìn"),
        (1_005_000_000, "một tỷ không trăm linh năm triệu"),
        (10**12, "một nghìn tỷ"),
        (10**15, "một triệu tỷ"),
        (1_001_000_000_000, "một nghìn không trăm linh một tỷ"),
        (-21, "âm hai mươi mốt"),
    ],
)
def test_number_in_words_examples(n, words):
    assert number_in_words(n) == words


UNITS = {word: value for value, word in enumerate(number_in_words(d) for d in range(10))}
UNITS |= {"mốt": 1, "lăm": 5}
SCALES = {"nghìn": 1000, "triệu": 10**6}


def parse_number(words: str) -> int:
    """Parse a reading back into an integer (the inverse of ``number_in_words``)."""
    sign, tokens = 1, words.split()
    if tokens[0] == "âm":
        sign, tokens = -1, tokens[1:]
    total = section = group = pending = 0
    for token in tokens:
        if token in UNITS:
            pending = UNITS[token]
        elif token == "trăm":
            group, pending = group + pending * 100, 0
        elif token == "mươi":
            group, pending = group + pending * 10, 0
        elif token == "mười":
            group += 10
        elif token in SCALES:
            section, group, pending = section + (group + pending) * SCALES[token], 0, 0
        elif token == "tỷ":
            total, section, group, pending = (total + section + group + pending) * 10**9, 0, 0, 0
        else:
            assert token == "linh", token
    return sign * (total + section + group + pending)


@given(st.integers(0, 10**12 - 1))
def test_number_in_words_round_trips(n):
    words = number_in_words(n)
    assert parse_number(words) == n
    assert parse_number(number_in_words(-n)) == -n


@given(st.integers(-(10**20), 10**20))
def test_number_in_words_is_well_formed(n):
    words = number_in_words(n)
    assert "  " not in words
    assert words == words.strip().lower()
    tokens = words.split()
    assert "tư" not in tokens
    for before, after in itertools.pairwise(tokens):
        assert (before, after) not in {("mươi", "một"), ("mươi", "năm"), ("mười", "năm")}
        assert after != "mốt" or before == "mươi"
        assert after != "lăm" or before in {"mười", "mươi"}
        assert before != "linh" or after in UNITS


@given(st.integers(1, 999))
def test_number_in_words_thousands_append_nghin(n):
    assert number_in_words(n * 1000) == number_in_words(n) + " nghìn"


def test_amount_in_words_examples():
    assert amount_in_words(1_490_000) == "Một triệu bốn trăm chín mươi nghìn đồng"
    assert amount_in_words(1015) == "Một nghìn không trăm mười lăm đồng"
    assert amount_in_words(0) == "Không đồng"


@given(st.integers(-(10**15), 10**15))
def test_amount_in_words_is_capitalised_and_ends_with_dong(n):
    amount = amount_in_words(n)
    assert amount[0].isupper()
    assert amount.endswith(" đồng")
    assert amount[1:] == f"{number_in_words(n)[1:]} đồng"


# --- numbers, money and dates ----------------------------------------------------------------


def test_format_number_and_money():
    assert format_number(1_490_000) == "1.490.000"
    assert format_number(0) == "0"
    assert format_number(999) == "999"
    assert format_money(1_490_000) == "1.490.000 đ"
    assert format_money(-1_490_000) == "-1.490.000 đ"


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (datetime.date(2020, 2, 5), "Đồng Nai, ngày 05 tháng 02 năm 2020"),
        (datetime.date(2020, 1, 10), "Đồng Nai, ngày 10 tháng 01 năm 2020"),
        (datetime.date(2020, 3, 20), "Đồng Nai, ngày 20 tháng 3 năm 2020"),
        (datetime.date(2020, 12, 1), "Đồng Nai, ngày 01 tháng 12 năm 2020"),
    ],
)
def test_date_line_follows_decree_30(day, line):
    assert date_line("Đồng Nai", day) == line
