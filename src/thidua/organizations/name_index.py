"""The word index of member names: name search among millions of members on PostgreSQL.

A name search ("tran minh") must return its first page in Vietnamese order in milliseconds even
when tens of thousands of the 11 million members match. A trigram or full-text index finds the
matches but not in order, so the page had to fetch and sort every match (seconds for common
names); walking the name-order index instead reads the table row by row until 50 match (seconds
for rare names).

``organizations_member_name_word`` holds one row per distinct word of each member's search key,
with copies of the member's sort key, unit path, active flag and padded search key, under one
covering B-tree index ``(word, sort_key, member_id) INCLUDE (...)``. A search reads the rows of
its rarest word in name order straight from the index, checks the other words and the unit on
the same index entry, and stops at the end of the page.

Statement-level triggers with transition tables keep the table equal to the member table, for
single saves, ``bulk_create``, ``QuerySet.update`` (a unit moved with its members) and deletes,
set-based. Bulk loads that switch triggers off (``generate_national``) call ``rebuild``.
"""

from django.core.cache import cache
from django.db import connections

from thidua.core.text import search_key

TABLE = "organizations_member_name_word"
STATS_CACHE_SECONDS = 3600

_COLUMNS = "(word, sort_key, member_id, org_path, active, padded_key)"


def _words_of(source, where="TRUE"):
    """``SELECT`` of the index rows of the members in ``source`` (a table or transition table)."""
    return (
        "SELECT w.word, m.sort_key, m.id, m.org_path, m.active,"
        " ' ' || m.search_key || ' '"
        f" FROM {source} m, LATERAL (SELECT DISTINCT unnest(string_to_array(m.search_key, ' ')))"
        f" AS w(word) WHERE w.word <> '' AND {where}"
    )


def _changed(old, new):
    """SQL: the indexed columns differ between the rows ``old`` and ``new``."""
    columns = ("search_key", "sort_key", "org_path", "active")
    return (
        f"({', '.join(f'{old}.{c}' for c in columns)})"
        f" IS DISTINCT FROM ({', '.join(f'{new}.{c}' for c in columns)})"
    )


def _function(name, body):
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{body}\nRETURN NULL;\nEND $$"
    )


def _trigger(event, tables, function):
    return (
        f"CREATE TRIGGER {function}_trigger AFTER {event} ON organizations_member"
        f" REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
    )


_RENAMED_OR_MOVED = f"EXISTS (SELECT 1 FROM old_rows o WHERE o.id = m.id AND {_changed('o', 'm')})"
CREATE = [
    f"""CREATE TABLE {TABLE} (
        id bigserial PRIMARY KEY,
        member_id bigint NOT NULL,
        word varchar(150) NOT NULL,
        sort_key varchar(255) NOT NULL,
        org_path varchar(255) NOT NULL,
        active boolean NOT NULL,
        padded_key varchar(152) NOT NULL
    )""",
    f"ALTER TABLE {TABLE} ALTER COLUMN word SET STATISTICS 1000",
    f"CREATE INDEX member_name_word_member ON {TABLE} (member_id)",
    _function(
        "member_name_words_inserted",
        f"INSERT INTO {TABLE} {_COLUMNS} {_words_of('new_rows')};",
    ),
    _function(
        "member_name_words_updated",
        f"DELETE FROM {TABLE} t USING old_rows o JOIN new_rows n ON n.id = o.id"
        f" WHERE t.member_id = o.id AND {_changed('o', 'n')};\n"
        f"INSERT INTO {TABLE} {_COLUMNS} {_words_of('new_rows', _RENAMED_OR_MOVED)};",
    ),
    _function(
        "member_name_words_deleted",
        f"DELETE FROM {TABLE} t USING old_rows o WHERE t.member_id = o.id;",
    ),
    _trigger("INSERT", "NEW TABLE AS new_rows", "member_name_words_inserted"),
    _trigger("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows", "member_name_words_updated"),
    _trigger("DELETE", "OLD TABLE AS old_rows", "member_name_words_deleted"),
    # TRUNCATE fires no DELETE trigger (test databases are flushed with it).
    _function("member_name_words_truncated", f"TRUNCATE {TABLE};"),
    "CREATE TRIGGER member_name_words_truncated_trigger AFTER TRUNCATE ON organizations_member"
    " FOR EACH STATEMENT EXECUTE FUNCTION member_name_words_truncated()",
]
# The covering index in name order, built once the table is filled (faster than row by row).
INDEX = (
    f"CREATE INDEX member_name_word_order ON {TABLE} (word, sort_key, member_id)"
    " INCLUDE (org_path, active, padded_key)"
)
FILL = f"INSERT INTO {TABLE} {_COLUMNS} {_words_of('organizations_member')}"
_FUNCTIONS = (
    "member_name_words_inserted",
    "member_name_words_updated",
    "member_name_words_deleted",
    "member_name_words_truncated",
)
DROP = [
    *(f"DROP TRIGGER IF EXISTS {name}_trigger ON organizations_member" for name in _FUNCTIONS),
    *(f"DROP FUNCTION IF EXISTS {name}()" for name in _FUNCTIONS),
    f"DROP TABLE IF EXISTS {TABLE}",
]


def rebuild(cursor):
    """Refill the word index from the member table (after a load with triggers switched off)."""
    cursor.execute("DROP INDEX IF EXISTS member_name_word_order")
    cursor.execute(f"TRUNCATE {TABLE}")
    cursor.execute(FILL)
    cursor.execute(INDEX)
    cursor.execute(f"ANALYZE {TABLE}")


def query_words(text):
    """The distinct words of a search text, without case or diacritics, in typed order."""
    return list(dict.fromkeys(search_key(text or "").split()))


def rarest(words, using="default"):
    """The word of ``words`` that the fewest members' names hold.

    Read from PostgreSQL's statistics of the word column (its 1,000 most common words and their
    frequencies): a word missing from them is rarer than any of them. Ties go to the longer word.
    """
    frequencies = _common_word_frequencies(using)
    floor = min(frequencies.values(), default=0.0)
    return min(words, key=lambda word: (frequencies.get(word, floor / 2), -len(word)))


def _common_word_frequencies(using):
    key = f"thidua:name-word-frequencies:{using}"
    frequencies = cache.get(key)
    if frequencies is None:
        with connections[using].cursor() as cursor:
            cursor.execute(
                "SELECT most_common_vals::text::text[], most_common_freqs FROM pg_stats"
                " WHERE tablename = %s AND attname = 'word'",
                [TABLE],
            )
            row = cursor.fetchone()
        frequencies = dict(zip(row[0], row[1], strict=True)) if row and row[0] else {}
        cache.set(key, frequencies, STATS_CACHE_SECONDS)
    return frequencies
