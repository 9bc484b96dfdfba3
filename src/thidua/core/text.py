"""Vietnamese text helpers: normalisation, search and sort keys, numbers, money and dates."""

import datetime
import unicodedata

__all__ = [
    "amount_in_words",
    "date_line",
    "format_money",
    "format_number",
    "name_sort_key",
    "normalize",
    "number_in_words",
    "search_key",
]


def normalize(value: str) -> str:
    """Return ``value`` in NFC with surrounding whitespace stripped and inner runs collapsed."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def search_key(value: str) -> str:
    """Return a case- and diacritic-insensitive key: ``"ĐỒNG Nai"`` -> ``"dong nai"``."""
    decomposed = unicodedata.normalize("NFD", value.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("đ", "d").split())


# Vietnamese alphabetical order; the foreign letters f, j, w, z sit at their Latin places.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_CODES = {letter: str(10 + index) for index, letter in enumerate(_ALPHABET)}
# Digits sort before letters and after the "00" separator; "01" is only ever followed by one digit.
_CODES.update({digit: "01" + digit for digit in "0123456789"})
_SEPARATOR = "00"
# Combining tone marks, valued in tone order: ngang (none) 0, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# Combining marks that make a distinct letter: breve, circumflex and horn.
_MODIFIED = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}


def _encode_word(word: str) -> str:
    """Encode one case-folded NFD word as letter codes, separator and tone digit ('' if empty)."""
    clusters: list[tuple[str, list[str]]] = []
    for ch in word:
        if unicodedata.combining(ch) and clusters:
            clusters[-1][1].append(ch)
        else:
            clusters.append((ch, []))
    codes: list[str] = []
    tone = None
    for base, marks in clusters:
        letter = base
        for mark in marks:
            letter = _MODIFIED.get((letter, mark), letter)
        if letter not in _CODES:
            continue
        codes.append(_CODES[letter])
        if tone is None:
            tone = next((_TONES[mark] for mark in marks if mark in _TONES), None)
    if not codes:
        return ""
    return "".join(codes) + _SEPARATOR + (tone or "0")


def name_sort_key(full_name: str) -> str:
    """Return an all-digit key that sorts Vietnamese full names under any database collation.

    Names sort by given name (last word), then the middle words in order, then the family name
    (first word). Words compare letter by letter in Vietnamese alphabetical order (a ă â b c d đ
    e ê g h i k l m n o ô ơ p q r s t u ư v x y; f, j, w, z at their Latin places), a prefix
    first, then by tone (ngang, huyền, hỏi, ngã, sắc, nặng). Case and normal form are ignored.

    Each letter is a two-digit code from "10", each ASCII digit "01" plus the digit; any other
    character is dropped. A word ends with "00" and its tone digit, and "00" closes the middle
    words, so a name without middle words sorts before one with them. The key is never truncated:
    it has at most 3 digits per (case-folded) character plus 3 per word plus 2, i.e. 2 per
    letter plus 3 per word plus 2 for ordinary Vietnamese names.
    """
    decomposed = unicodedata.normalize("NFD", full_name.casefold())
    words = [code for code in map(_encode_word, decomposed.split()) if code]
    if not words:
        return ""
    family = words[0] if len(words) > 1 else ""
    return words[-1] + "".join(words[1:-1]) + _SEPARATOR + family


_DIGIT_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 10**9


def _group_words(group: int, full: bool) -> list[str]:
    """Read a group 1..999; ``full`` reads hundreds even when zero ("không trăm linh năm")."""
    hundreds, rest = divmod(group, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if full or hundreds:
        words += [_DIGIT_WORDS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += ["linh", _DIGIT_WORDS[units]] if words else [_DIGIT_WORDS[units]]
        return words
    words += ["mười"] if tens == 1 else [_DIGIT_WORDS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGIT_WORDS[units])
    return words


def _words(n: int, full: bool) -> list[str]:
    """Read a positive ``n``; tỷ repeats for larger scales (10**12 is "một nghìn tỷ")."""
    if n >= _BILLION:
        high, low = divmod(n, _BILLION)
        return _words(high, full) + ["tỷ"] + (_words(low, True) if low else [])
    words: list[str] = []
    for group, scale in ((n // 10**6, "triệu"), (n // 1000 % 1000, "nghìn"), (n % 1000, "")):
        if group:
            words += _group_words(group, full) + ([scale] if scale else [])
            full = True
    return words


def number_in_words(n: int) -> str:
    """Read an integer in lowercase Vietnamese: 1015 -> "một nghìn không trăm mười lăm"."""
    if n < 0:
        return "âm " + number_in_words(-n)
    if n == 0:
        return _DIGIT_WORDS[0]
    return " ".join(_words(n, False))


def amount_in_words(n: int) -> str:
    """Read an amount of money for "Bằng chữ:" lines: 1015 -> "Một nghìn ... mười lăm đồng"."""
    words = number_in_words(n)
    return f"{words[0].upper()}{words[1:]} đồng"


def format_number(n: int) -> str:
    """Format an integer with dot thousand separators: 1490000 -> "1.490.000"."""
    return f"{n:,}".replace(",", ".")


def format_money(n: int) -> str:
    """Format an amount of đồng: 1490000 -> "1.490.000 đ"."""
    return f"{format_number(n)} đ"


def date_line(place: str, d: datetime.date) -> str:
    """Return the Decree 30/2020 date line: "Đồng Nai, ngày 05 tháng 02 năm 2020".

    Days below 10 and the months January and February take a leading zero.
    """
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"
