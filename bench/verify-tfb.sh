#!/usr/bin/env bash
# Checks one running app against TechEmpower's validation rules (content types, JSON shapes, query clamping,
# Fortunes escaping, order and the added fortune, Server/Date headers, updates written).
#   bench/verify-tfb.sh http://127.0.0.1:5080 [path/to/the/app's.sqlite3]
# Prints "ok" lines and exits non-zero on the first failure. Used by bench/run-http.sh for every contender.
set -euo pipefail
URL="${1:?usage: verify-tfb.sh URL [DATABASE]}"
DB="${2:-}"
python3 - "$URL" "$DB" <<'PY'
import html.parser, json, sqlite3, sys, urllib.request

url, db = sys.argv[1], sys.argv[2]
FORTUNES = [
    "fortune: No such file or directory",
    "A computer scientist is someone who fixes things that aren't broken.",
    "After enough decimal places, nobody gives a damn.",
    "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
    "A computer program does what you tell it to do, not what you want it to do.",
    "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
    "Any program that runs right is obsolete.",
    "A list is only as strong as its weakest link. — Donald Knuth",
    "Feature: A bug with seniority.",
    "Computers make very fast, very accurate mistakes.",
    "<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
    "フレームワークのベンチマーク",
]

def get(path):
    with urllib.request.urlopen(url + path, timeout=10) as r:
        assert r.status == 200, f"{path}: status {r.status}"
        assert r.headers.get("Server"), f"{path}: no Server header"
        assert r.headers.get("Date"), f"{path}: no Date header"
        return r.headers.get("Content-Type", ""), r.read()

def fail(message):
    print("FAIL " + message)
    sys.exit(1)

def check(condition, message):
    if not condition:
        fail(message)

def world(o, where):
    check(isinstance(o, dict) and sorted(o) == ["id", "randomNumber"], f"{where}: not a world object: {o!r}")
    check(isinstance(o["id"], int) and 1 <= o["id"] <= 10000, f"{where}: id out of range: {o!r}")
    check(isinstance(o["randomNumber"], int) and 1 <= o["randomNumber"] <= 10000, f"{where}: randomNumber out of range: {o!r}")
    return o

ctype, body = get("/plaintext")
check(ctype.startswith("text/plain"), f"/plaintext content type {ctype}")
check(body == b"Hello, World!", f"/plaintext body {body!r}")
print("ok /plaintext")

ctype, body = get("/json")
check(ctype.startswith("application/json"), f"/json content type {ctype}")
check(json.loads(body) == {"message": "Hello, World!"}, f"/json body {body!r}")
print("ok /json")

ctype, body = get("/db")
check(ctype.startswith("application/json"), f"/db content type {ctype}")
world(json.loads(body), "/db")
print("ok /db")

for path in ["/queries", "/updates"]:
    for query, n in [("", 1), ("?queries=0", 1), ("?queries=-1", 1), ("?queries=foo", 1), ("?queries=1", 1), ("?queries=20", 20), ("?queries=501", 500)]:
        ctype, body = get(path + query)
        check(ctype.startswith("application/json"), f"{path}{query} content type {ctype}")
        rows = json.loads(body)
        check(isinstance(rows, list) and len(rows) == n, f"{path}{query}: expected an array of {n}, got {body[:200]!r}")
        for row in rows:
            world(row, path + query)
        if path == "/updates" and db:
            with sqlite3.connect(db) as connection:
                for row in rows:
                    stored = connection.execute("SELECT random_number FROM World WHERE id = ?", (row["id"],)).fetchone()[0]
                    check(stored == row["randomNumber"], f"{path}{query}: row {row['id']} stores {stored}, response says {row['randomNumber']}")
    print(f"ok {path} (clamping 0/-1/foo/1/20/501 -> 1/1/1/1/20/500" + (", rows written)" if path == "/updates" and db else ")"))

class Table(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.cell, self.scripts = [], None, 0
    def handle_starttag(self, tag, attrs):
        if tag == "tr": self.rows.append([])
        elif tag in ("td", "th"): self.cell = ""
        elif tag == "script": self.scripts += 1
    def handle_endtag(self, tag):
        if tag in ("td", "th"): self.rows[-1].append(self.cell); self.cell = None
    def handle_data(self, data):
        if self.cell is not None: self.cell += data

ctype, body = get("/fortunes")
check(ctype.replace(" ", "").lower() == "text/html;charset=utf-8", f"/fortunes content type {ctype}")
text = body.decode("utf-8")
check(text.startswith("<!DOCTYPE html>"), "/fortunes: no doctype")
check("&lt;script&gt;" in text, "/fortunes: the script fortune is not escaped")
table = Table(); table.feed(text)
check(table.scripts == 0, "/fortunes: a <script> element in the page")
expected = sorted([(str(i + 1), m) for i, m in enumerate(FORTUNES)] + [("0", "Additional fortune added at request time.")], key=lambda f: f[1])
check(table.rows[0] == ["id", "message"], f"/fortunes header {table.rows[0]!r}")
check([tuple(r) for r in table.rows[1:]] == expected, "/fortunes rows differ from the expected 13 sorted fortunes")
print("ok /fortunes (13 rows sorted, script escaped, added fortune)")
PY
