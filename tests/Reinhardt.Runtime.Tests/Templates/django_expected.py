#!/usr/bin/python3
"""Renders each filter case with real Django and writes DjangoExpected.cs (the expected outputs, checked in).

Run with Debian's Django (apt-get install -y python3-django): /usr/bin/python3 django_expected.py
Each case renders "{{ v|filter:a }}" (the argument is passed marked safe, as a template string literal is) or
"{{ v|filter }}", with autoescape on or off, so the expected text includes Django's final autoescaping: the C# test
applies the filter and writes its result through TemplateWriter, which must escape exactly what Django escapes.

Where the installed Django (3.2) differs from Django 5.x, the case is listed in DJANGO5 with 5.x's behaviour and the
reason; the output records which cases those are.
"""
import datetime
import decimal
import json
import os
import sys

import django
from django.conf import settings

settings.configure(
    USE_TZ=False, TIME_ZONE="UTC", USE_L10N=True, USE_I18N=True, LANGUAGE_CODE="en-us",
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
)
django.setup()
from django.template import Context, Template  # noqa: E402
from django.utils.html import conditional_escape  # noqa: E402
from django.utils.safestring import mark_safe  # noqa: E402

STR, SAFE, INT, FLOAT, DEC, BOOL, NONE, LIST, DT, DTUTC, DTOFF, DATE, TIME = (
    "str", "safe", "int", "float", "decimal", "bool", "none", "list", "datetime", "datetime_utc", "datetime_offset", "date", "time")

DT_VALUE = "2024-01-02T03:04:05.000123"
PM_VALUE = "2023-12-31T15:30:09"


def build(kind, value):
    if kind == STR: return value
    if kind == SAFE: return mark_safe(value)
    if kind == INT: return int(value)
    if kind == FLOAT: return float(value)
    if kind == DEC: return decimal.Decimal(value)
    if kind == BOOL: return value == "True"
    if kind == NONE: return None
    if kind == LIST: return list(value)
    if kind == DT: return datetime.datetime.fromisoformat(value)
    if kind == DTUTC: return datetime.datetime.fromisoformat(value).replace(tzinfo=datetime.timezone.utc)
    if kind == DTOFF:  # "iso|minutes"
        iso, minutes = value.split("|")
        return datetime.datetime.fromisoformat(iso).replace(tzinfo=datetime.timezone(datetime.timedelta(minutes=int(minutes))))
    if kind == DATE: return datetime.date.fromisoformat(value)
    if kind == TIME: return datetime.time.fromisoformat(value)
    raise ValueError(kind)


def render(filter_name, kind, value, arg, autoescape):
    expr = "v|%s" % filter_name if arg is None else "v|%s:a" % filter_name
    context = Context({"v": build(kind, value), "a": None if arg is None else mark_safe(arg)}, autoescape=autoescape)
    return Template("{{ %s }}" % expr).render(context)


CASES = []


def case(filter_name, kind, value, arg=None, autoescape=True):
    CASES.append((filter_name, kind, value, arg, autoescape))


# Django 5.x behaviour where 3.2 differs: case index -> (expected, why)
DJANGO5 = {}


def django5(filter_name, kind, value, arg, expected, why, autoescape=True):
    DJANGO5[len(CASES)] = (expected, why)
    case(filter_name, kind, value, arg, autoescape)


# writing plain values (no filter): the writer's str() and escaping
for kind, value in [(STR, "<a href=\"x\">Tom & 'Jerry'</a>"), (STR, "caf\u00e9 \U0001F600"), (SAFE, "<b>bold</b>"),
                    (INT, "-42"), (FLOAT, "1.5"), (FLOAT, "2.0"), (FLOAT, "0.1"), (FLOAT, "1e16"), (FLOAT, "1e-05"), (FLOAT, "1.5e-07"), (FLOAT, "1.2345e+20"), (FLOAT, "1e15"), (FLOAT, "0.0001"),
                    (FLOAT, "123456789.125"), (FLOAT, "-0.0"), (FLOAT, "inf"), (DEC, "1.50"), (BOOL, "True"), (BOOL, "False"),
                    (NONE, None), (DT, DT_VALUE), (DTUTC, "2024-01-02T03:04:05"), (DATE, "2024-01-02"), (TIME, "03:04:05"),
                    (DT, "2024-09-30T12:00:00"), (DT, "2024-05-09T00:00:00"), (DT, "2024-03-09T23:07:00"), (TIME, "12:30:00")]:
    case("", kind, value)

for k, v in [(STR, "<b>x</b> & y"), (SAFE, "<b>x</b>")]:
    case("escape", k, v)
    case("safe", k, v)
    case("force_escape", k, v)
case("escape", NONE, None)

for k, v, a in [(STR, "", "n/a"), (STR, "x<", "n/a"), (NONE, None, "<none>"), (INT, "0", "zero"), (LIST, [], "empty")]:
    case("default", k, v, a)
for k, v, a in [(NONE, None, "none"), (STR, "", "none"), (STR, "a&b", "none")]:
    case("default_if_none", k, v, a)

for k, v in [(STR, "hello"), (STR, ""), (STR, "\U0001F600ab"), (LIST, ["a", "b", "c"]), (NONE, None)]:
    case("length", k, v)

for f in ["lower", "upper", "title", "capfirst"]:
    for k, v in [(STR, "hELLO wORLD & <Friends>"), (SAFE, "<B>Tom &amp; Jerry</B>"), (STR, ""), (NONE, None)]:
        case(f, k, v)
for v in ["they're bob's 1st-class TEAM", "o'NEIL mcDONALD", "2ND place 3rd", "\u00e9cole \u00c9T\u00c9", "hello_world x1y2z"]:
    case("title", STR, v)
case("capfirst", STR, "\u00e9t\u00e9")

for v, a in [("Joel is a slug", "7"), ("Joel is a slug", "100"), ("Joel is a slug", "1"), ("Joel", "4"), ("Joel", "3"),
             ("abc", "x"), ("cafx\u0301 au lait", "6"), ("caf\u00e9 au lait", "6"), ("<b>bold</b> text", "6"), ("\U0001F600\U0001F601\U0001F602\U0001F603", "3")]:
    case("truncatechars", STR, v, a)
case("truncatechars", SAFE, "<b>bold</b> text", "6")
django5("truncatechars", STR, "Joel", "0", "", "Django 5.0: Truncator.chars returns '' for a length <= 0 (3.2 gave the ellipsis)")

for v, a in [("Joel is a slug", "2"), ("Joel is a slug", "4"), ("  spaced\n\tout   words  ", "5"), ("one two three", "x"),
             ("a <b>c</b> d", "2"), ("one two \u2026", "2")]:
    case("truncatewords", STR, v, a)
django5("truncatewords", STR, "Joel is a slug", "0", "", "Django 5.0: Truncator.words returns '' for a length <= 0 (3.2 gave ' \u2026')")

DATE_FORMATS = ["d j D l N m n M b F E y Y", "H G h g i s A a P f u", "w z t L W o S", "O e T Z I", "c", "r", "U",
                r"\Y\e\s: Y \\d", "jS \o\f F", None, "DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT",
                "SHORT_DATETIME_FORMAT", "YEAR_MONTH_FORMAT", "MONTH_DAY_FORMAT"]
for fmt in DATE_FORMATS:
    case("date", DT, DT_VALUE, fmt)
for fmt in ["H:i A P f", "O e T Z c r U", "N j, Y, P"]:
    case("date", DTUTC, PM_VALUE, fmt)
    case("date", DTOFF, PM_VALUE + "|-330", fmt)
for v in ["2024-01-02T00:00:00", "2024-01-02T12:00:00", "2024-01-11T12:05:00", "2024-02-22T23:59:00", "2023-03-13T01:00:00"]:
    case("date", DT, v, "jS P f g A")
case("date", DATE, "2024-02-29", "l jS F Y, L, t, z, W, o, w, U, c")
case("date", DATE, "2021-01-03", "W o D")
case("date", TIME, "13:45:00", "H:i")
case("date", TIME, "13:45:00", "Y-m-d")
case("date", NONE, None, "Y")
for v, fmt in [(DT_VALUE, "H:i:s.u"), (DT_VALUE, None), (DT_VALUE, "Y-m-d H:i"), (DT_VALUE, "TIME_FORMAT"), (DT_VALUE, "O T e")]:
    case("time", DT, v, fmt)
case("time", DTOFF, PM_VALUE + "|120", "H:i O T e Z")
for v, fmt in [("00:00:00", None), ("12:00:00", None), ("16:30:00.250000", "g:i:s.u a"), ("16:30:00", "O T Z")]:
    case("time", TIME, v, fmt)

for k, v in [(INT, "1"), (INT, "0"), (INT, "2"), (FLOAT, "1.0"), (FLOAT, "1.5"), (STR, "1"), (STR, "abc"), (LIST, ["a"]), (LIST, ["a", "b"]), (DEC, "1.00")]:
    case("pluralize", k, v)
for k, v in [(INT, "1"), (INT, "3")]:
    for a in ["es", "y,ies", "a,b,c", ""]:
        case("pluralize", k, v, a)

for k, v in [(BOOL, "True"), (BOOL, "False"), (NONE, None)]:
    for a in [None, "yeah,no,perhaps", "yeah,nope", "on,off,unknown,extra", "invalid"]:
        case("yesno", k, v, a)

for items, a, ae in [(["a", "b<", "c&"], ", ", True), (["a", "b<", "c&"], ", ", False), (["<x>"], " <br> ", True), ([], "-", True)]:
    case("join", LIST, items, a, ae)

for k, v in [(LIST, ["a<", "b"]), (LIST, []), (STR, "abc"), (STR, ""), (STR, "\U0001F600x")]:
    case("first", k, v)
    case("last", k, v)
case("first", SAFE, "<b>")
case("last", SAFE, "<b>")

for k, v in [(FLOAT, "34.23234"), (FLOAT, "34.00000"), (FLOAT, "34.26000"), (DEC, "34.26000"), (FLOAT, "0.5"), (FLOAT, "1.5"),
             (FLOAT, "2.5"), (FLOAT, "-0.4"), (FLOAT, "-0.04"), (DEC, "1.005"), (DEC, "-1.25"), (INT, "10000"), (STR, "6666.6666"),
             (STR, "abc"), (STR, "1e3"), (FLOAT, "1e16"), (FLOAT, "inf"), (FLOAT, "nan"), (DEC, "0.00"), (FLOAT, "-0.0")]:
    for a in [None, "3", "-3", "0", "2g", "-2", "g"]:
        case("floatformat", k, v, a)
    # an invalid argument returns the input as text: Django 3.2 used repr(text) (quotes, "Decimal('1.5')"), 5.x str(text)
    if k != STR or v != "abc":
        django5("floatformat", k, v, "x", conditional_escape(str(build(k, v))),
                "Django 4.0+: floatformat returns str(text), not repr(text), for an invalid argument")
for v in ["1234567.891", "66666.6666", "34.0"]:
    for a in ["2u", "2gu", "ug", "-1u"]:
        DJANGO5_ARG = a.replace("u", "")
        django5("floatformat", STR, v, a, render("floatformat", STR, v, DJANGO5_ARG or None, True),
                "Django 4.0 added the 'u' suffix (unlocalized): with the en locale it changes nothing, so 5.x prints what the arg without 'u' prints")

for k, v, a in [(INT, "4", "3"), (STR, "4", "3"), (STR, " 4 ", "-10"), (STR, "a", "b"), (STR, "1.5", "2"), (STR, "a", "3"),
                (INT, "4", "x"), (NONE, None, "3"), (LIST, ["a"], None), (FLOAT, "1.5", "2"), (FLOAT, "-1.5", "1"), (DEC, "2.9", "1")]:
    if k == LIST:
        continue
    case("add", k, v, a)

for k, v in [(STR, "abcdefg"), (LIST, ["a", "b", "c", "d", "e"]), (STR, "\U0001F600bcd")]:
    for a in [":2", "1:-1", "::2", "-2:", "::-1", "5:1:-2", "x", "::0", "1", "", "10:", "-100:2", "1:2:3:4"]:
        case("slice", k, v, a)
case("slice", SAFE, "<b>x</b>", ":3")

for v in ["<p>Hello <b>world</b></p>", "a < b > c", '<a href="x>y">link</a> end', "<!-- c -->text<br/>more", "x &amp; <i>y</i>",
          "<script>alert(1)</script>", "<<b>b>nested</b>", "no tags"]:
    case("striptags", STR, v)

for v in ["Hello   world \n again", "", "  one  "]:
    case("wordcount", STR, v)
case("wordcount", NONE, None)

for k, v, ae in [(STR, "a<b\nc\r\nd\re", True), (STR, "a<b\nc", False), (SAFE, "<b>x</b>\ny", True)]:
    case("linebreaksbr", k, v, None, ae)
for k, v, ae in [(STR, "para one\nline <two>\n\n\npara two", True), (STR, "", True), (STR, "x\r\n\r\ny", False), (SAFE, "<i>a</i>\n\nb", True)]:
    case("linebreaks", k, v, None, ae)

for v, a in [("a b&c/d?e=\u00e9", None), ("a b&c/d", ""), ("a b&c/d", "&"), ("http://x.y/?q=\U0001F600", ":/?="), ("~_.-", None)]:
    case("urlencode", STR, v, a)


def main():
    out = []
    for index, (filter_name, kind, value, arg, autoescape) in enumerate(CASES):
        note = None
        if filter_name == "":
            # a plain value as the writer prints it: localized as Django 5.x always is (USE_L10N=True here), en formats
            context = Context({"v": build(kind, value)}, autoescape=autoescape)
            expected = Template("{{ v }}").render(context)
        else:
            expected = render(filter_name, kind, value, arg, autoescape)
        if index in DJANGO5:
            expected, note = DJANGO5[index]
        out.append((filter_name, kind, value, arg, autoescape, expected, note))

    def cs(s):
        if s is None:
            return "null"
        return json.dumps(s, ensure_ascii=True)

    lines = [
        "// <auto-generated/> by django_expected.py with Django %s (Debian python3-django) on Python %s."
        % (django.get_version(), sys.version.split()[0]),
        "// Cases with a Django5 note follow Django 5.x where it differs from that version.",
        "namespace Reinhardt.Runtime.Tests.Templates;",
        "",
        "internal static class DjangoExpected",
        "{",
        "    public static readonly DjangoCase[] Cases =",
        "    [",
    ]
    for filter_name, kind, value, arg, autoescape, expected, note in out:
        items = "null"
        scalar = value
        if isinstance(value, list):
            items = "[" + ", ".join(cs(x) for x in value) + "]"
            scalar = None
        lines.append("        new(%s, %s, %s, %s, %s, %s, %s, %s)," % (
            cs(filter_name), cs(kind), cs(scalar), items, cs(arg), "true" if autoescape else "false", cs(expected), cs(note)))
    lines += ["    ];", "}", ""]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "DjangoExpected.cs")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("%d cases (%d following Django 5.x) -> %s" % (len(out), sum(1 for o in out if o[6]), path))


if __name__ == "__main__":
    main()
