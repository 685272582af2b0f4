#!/usr/bin/env python3
"""Writes the 200-pattern route table of the routing benchmark (deterministic; run from anywhere).

    python3 bench/Reinhardt.Benchmarks/Routing/generate_routes.py

Outputs, next to this script:
  BenchViews.cs   the [View] classes (what a user would write; the generator turns them into RouteTable)
  RouteList.cs    the same routes as data, for the ASP.NET Core registration, and the request paths

The table is shaped like a real app: static pages, a blog, a shop, accounts, user profiles, a REST API
with nested resources, a Django-style admin and static/media/doc trees; literals, {id:int}, {slug:slug},
{token:uuid}, {name} (str) and {rest:path}, with several methods per pattern.
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261121)

# (class name, prefix, [(relative template, [methods])])
classes = []


def view(name, prefix, routes):
    classes.append((name, prefix, routes))


view("PageViews", "", [
    ("/", ["GET"]),
    ("/about/", ["GET"]),
    ("/contact/", ["GET", "POST"]),
    ("/privacy/", ["GET"]),
    ("/terms/", ["GET"]),
    ("/faq/", ["GET"]),
    ("/pricing/", ["GET"]),
    ("/careers/", ["GET"]),
    ("/careers/{slug:slug}/", ["GET"]),
    ("/careers/{slug:slug}/apply/", ["GET", "POST"]),
    ("/press/", ["GET"]),
    ("/search/", ["GET"]),
    ("/sitemap.xml", ["GET"]),
    ("/robots.txt", ["GET"]),
    ("/healthz", ["GET"]),
    ("/newsletter/subscribe/", ["POST"]),
])

view("AssetViews", "", [
    ("/static/{rest:path}", ["GET"]),
    ("/media/{rest:path}", ["GET"]),
    ("/docs/{rest:path}", ["GET"]),
])

view("BlogViews", "/blog", [
    ("/", ["GET"]),
    ("/feed/", ["GET"]),
    ("/{slug:slug}/", ["GET", "PUT", "DELETE"]),
    ("/{slug:slug}/comments/", ["GET", "POST"]),
    ("/{slug:slug}/comments/{id:int}/", ["GET", "PATCH", "DELETE"]),
    ("/archive/{year:int}/", ["GET"]),
    ("/archive/{year:int}/{month:int}/", ["GET"]),
    ("/archive/{year:int}/{month:int}/{day:int}/", ["GET"]),
    ("/tags/", ["GET"]),
    ("/tags/{tag:slug}/", ["GET"]),
    ("/authors/", ["GET"]),
    ("/authors/{username}/", ["GET"]),
])

view("ShopViews", "/shop", [
    ("/", ["GET"]),
    ("/cart/", ["GET", "POST"]),
    ("/cart/items/{id:int}/", ["PATCH", "DELETE"]),
    ("/checkout/", ["GET", "POST"]),
    ("/checkout/done/", ["GET"]),
    ("/categories/", ["GET"]),
    ("/categories/{slug:slug}/", ["GET"]),
    ("/products/{slug:slug}/", ["GET"]),
    ("/products/{slug:slug}/reviews/", ["GET", "POST"]),
    ("/orders/", ["GET"]),
    ("/orders/{order:uuid}/", ["GET"]),
    ("/orders/{order:uuid}/invoice/", ["GET"]),
    ("/orders/{order:uuid}/cancel/", ["POST"]),
    ("/wishlist/", ["GET", "POST"]),
])

view("AccountViews", "/accounts", [
    ("/login/", ["GET", "POST"]),
    ("/logout/", ["POST"]),
    ("/signup/", ["GET", "POST"]),
    ("/password/change/", ["GET", "POST"]),
    ("/password/reset/", ["GET", "POST"]),
    ("/password/reset/done/", ["GET"]),
    ("/reset/{token:uuid}/", ["GET", "POST"]),
    ("/confirm-email/{token:uuid}/", ["GET"]),
    ("/settings/", ["GET"]),
    ("/settings/profile/", ["GET", "POST"]),
    ("/settings/emails/", ["GET", "POST"]),
    ("/settings/emails/{id:int}/delete/", ["POST"]),
    ("/settings/keys/", ["GET", "POST"]),
    ("/settings/keys/{id:int}/", ["GET", "DELETE"]),
])

view("ProfileViews", "/users", [
    ("/{username}/", ["GET"]),
    ("/{username}/followers/", ["GET"]),
    ("/{username}/following/", ["GET"]),
    ("/{username}/follow/", ["POST", "DELETE"]),
    ("/{username}/stars/", ["GET"]),
    ("/{username}/activity/", ["GET"]),
])

# the REST API: (resource, nested collections); each gets list, detail, nested lists, one nested detail
api = [
    ("users", ["posts", "followers", "tokens"]),
    ("projects", ["issues", "members", "milestones", "labels"]),
    ("issues", ["comments", "events", "attachments"]),
    ("orders", ["items", "refunds", "shipments"]),
    ("products", ["reviews", "variants", "images"]),
    ("invoices", ["lines", "payments"]),
    ("teams", ["members", "projects"]),
    ("organizations", ["teams", "members", "invitations"]),
    ("repositories", ["branches", "commits", "releases"]),
    ("pipelines", ["runs", "jobs"]),
    ("tickets", ["replies", "tags"]),
    ("customers", ["addresses", "orders"]),
]


def singular(name):
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith(("sses", "ches")):
        return name[:-2]
    return name[:-1]


for resource, nested in api:
    routes = [
        ("/", ["GET", "POST"]),
        ("/{id:int}/", ["GET", "PUT", "PATCH", "DELETE"]),
    ]
    for child in nested:
        routes.append(("/{id:int}/" + child + "/", ["GET", "POST"]))
    child = nested[0]
    routes.append(("/{id:int}/" + child + "/{" + singular(child) + "Id:int}/", ["GET", "PUT", "DELETE"]))
    view("Api" + resource.capitalize() + "Views", "/api/v1/" + resource, routes)

view("ApiMiscViews", "/api/v1", [
    ("/files/{file:uuid}/", ["GET", "DELETE"]),
    ("/files/{file:uuid}/download/", ["GET"]),
    ("/webhooks/", ["GET", "POST"]),
    ("/webhooks/{hook:uuid}/", ["GET", "PATCH", "DELETE"]),
    ("/webhooks/{hook:uuid}/deliveries/", ["GET"]),
    ("/sessions/{session:uuid}/", ["GET", "DELETE"]),
    ("/search/{index}/", ["GET", "POST"]),
    ("/me/", ["GET", "PATCH"]),
    ("/status/", ["GET"]),
])

# Django admin: changelist, add, change, delete, history per registered model
admin_models = [("auth", "user"), ("auth", "group"), ("blog", "post"), ("blog", "comment"), ("shop", "product"),
                ("shop", "order"), ("shop", "category"), ("shop", "coupon"), ("billing", "invoice"), ("billing", "payment"),
                ("auth", "permission")]
admin = [("/", ["GET"]), ("/login/", ["GET", "POST"]), ("/logout/", ["POST"])]
for app, model in admin_models:
    base = "/" + app + "/" + model
    admin += [
        (base + "/", ["GET", "POST"]),
        (base + "/add/", ["GET", "POST"]),
        (base + "/{id:int}/change/", ["GET", "POST"]),
        (base + "/{id:int}/delete/", ["GET", "POST"]),
        (base + "/{id:int}/history/", ["GET"]),
    ]
view("AdminViews", "/admin", admin)

# ---- the table ---------------------------------------------------------------------------------

def full(prefix, template):
    return (prefix.rstrip("/") + template) if prefix else template


patterns = [(full(prefix, t), methods) for _, prefix, routes in classes for t, methods in routes]
count = len(patterns)
if count > 200:
    # trim from the admin tail, which is the most repetitive part
    extra = count - 200
    name, prefix, routes = classes[-1]
    classes[-1] = (name, prefix, routes[:-extra])
    patterns = [(full(prefix, t), methods) for _, prefix, routes in classes for t, methods in routes]
assert len(patterns) == 200, f"{len(patterns)} patterns, need 200: add routes"
assert len({p for p, _ in patterns}) == 200, "duplicate pattern"


def parameters(template):
    result = []
    for segment in template.strip("/").split("/"):
        if segment.startswith("{"):
            inner = segment[1:-1]
            name, _, converter = inner.partition(":")
            result.append((name, converter or "str"))
    return result


def kind(template):
    converters = {c for _, c in parameters(template)}
    for k in ("path", "uuid", "slug", "str", "int"):
        if k in converters:
            return k
    return "literal"


def sample_value(converter):
    if converter == "int":
        return str(rng.randint(1, 99999))
    if converter == "slug":
        return rng.choice(["hello-world", "django_reinhardt", "release-notes-2026", "a", "gypsy-jazz-1934"])
    if converter == "uuid":
        return "%08x-%04x-%04x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), 0x4000 | rng.getrandbits(12),
                                              0x8000 | rng.getrandbits(14), rng.getrandbits(48))
    if converter == "path":
        return rng.choice(["css/site.css", "js/app/main.4f2a.js", "img/logo.svg", "en/5.0/topics/http/urls/index.html"])
    return rng.choice(["alice", "bob.smith", "carol~x", "dave@example.org"])


def concrete(template):
    parts = []
    for segment in template.split("/"):
        if segment.startswith("{"):
            name, _, converter = segment[1:-1].partition(":")
            parts.append(sample_value(converter or "str"))
        else:
            parts.append(segment)
    return "/".join(parts)


# one hit per pattern (mostly GET, as real traffic is), in table order: the parity check covers every pattern
hits = []
for template, methods in patterns:
    method = "GET" if "GET" in methods and rng.random() < 0.75 else rng.choice(methods)
    hits.append((method, concrete(template), kind(template)))

# paths that match but not with this method: both routers answer with their 405 endpoint
not_allowed = [
    ("DELETE", "/api/v1/users/", "405"),
    ("POST", "/about/", "405"),
    ("PATCH", "/blog/hello-world/", "405"),
    ("PUT", "/api/v1/projects/7/issues/", "405"),
    ("GET", "/accounts/logout/", "405"),
    ("DELETE", "/shop/checkout/", "405"),
]

# paths no route matches (bots, typos, wrong converter values); none is a trailing-slash or case variant,
# which ASP.NET Core matches and Django does not
misses = [
    ("GET", "/wp-login.php", "miss"),
    ("GET", "/.env", "miss"),
    ("GET", "/favicon.ico", "miss"),
    ("GET", "/nope/", "miss"),
    ("GET", "/api/v2/users/", "miss"),
    ("GET", "/api/v1/unknown/", "miss"),
    ("GET", "/api/v1/users/abc/", "miss"),
    ("GET", "/api/v1/users/42/unknown/", "miss"),
    ("GET", "/api/v1/users/1/posts/2/3/4/5/6/", "miss"),
    ("GET", "/blog/archive/20x4/05/", "miss"),
    ("GET", "/blog/tags/c++/", "miss"),
    ("GET", "/admin/blog/post/abc/change/", "miss"),
    ("GET", "/admin/blog/article/", "miss"),
    ("GET", "/accounts/reset/not-a-uuid/", "miss"),
    ("GET", "/shop/orders/12345/", "miss"),
    ("GET", "/users/alice/unknown-tab/", "miss"),
    ("GET", "/careers/senior-dev/apply/now/", "miss"),
    ("POST", "/api/v1/files/0f8fad5b-d9cb-469f-a165-70867728950e/nothing/", "miss"),
]

# the request mix: 180 hits spread across the table, 6 answered 405, 14 misses, shuffled
mix = rng.sample(hits, 180) + not_allowed + misses[:14]
rng.shuffle(mix)
assert len(mix) == 200

# ---- C# ------------------------------------------------------------------------------------------

HEADER = "// Generated by generate_routes.py in this folder (deterministic); edit the script, not this file.\n"
CS_TYPES = {"int": "int", "uuid": "global::System.Guid"}


def pascal(text):
    return "".join(part[:1].upper() + part[1:] for part in text.replace(".", "-").replace("_", "-").split("-") if part)


def cs(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


views = [HEADER + "using Microsoft.AspNetCore.Http;\n\nnamespace Reinhardt.Benchmarks.Routing;"]
handler = 0
for name, prefix, routes in classes:
    views.append("")
    views.append("/// <summary>Routes of the benchmark app (handlers are never run by the routing benchmark).</summary>")
    views.append(f"[View(Prefix = {cs(prefix)})]" if prefix else "[View]")
    views.append(f"public partial class {name}")
    views.append("{")
    for template, methods in routes:
        args = ", ".join(f"{CS_TYPES.get(c, 'string')} {n}" for n, c in parameters(template))
        for method in methods:
            attribute = method[0] + method[1:].lower()
            views.append(f"    [{attribute}({cs(template)})]")
            views.append(f"    public static IResult Handler{handler}({args}) => Results.NoContent();")
            handler += 1
    views.append("}")
with open(os.path.join(HERE, "BenchViews.cs"), "w", encoding="utf-8", newline="\n") as f:
    f.write("\n".join(views) + "\n")


def tuples(rows):
    return "\n".join(f"        ({cs(a)}, {cs(b)}, {cs(c)})," for a, b, c in rows)


routes_cs = "\n".join(f"        ({cs(m)}, {cs(t)})," for t, methods in patterns for m in methods)
data = f"""{HEADER}namespace Reinhardt.Benchmarks.Routing;

/// <summary>The routes of <c>BenchViews.cs</c> as data, and the request paths the routing benchmark sends.</summary>
public static class RouteList
{{
    /// <summary>Every route: HTTP method and Django-style template ({len(patterns)} patterns, {handler} routes).</summary>
    public static readonly (string Method, string Template)[] Routes =
    [
{routes_cs}
    ];

    /// <summary>One request per pattern (in table order), then paths answered 405, then paths nothing matches.</summary>
    public static readonly (string Method, string Path, string Kind)[] Pool =
    [
{tuples(hits + not_allowed + misses)}
    ];

    /// <summary>The request mix: 180 hits spread across the table, 6 answered 405 and 14 misses, shuffled.</summary>
    public static readonly (string Method, string Path, string Kind)[] Mix =
    [
{tuples(mix)}
    ];
}}
"""
with open(os.path.join(HERE, "RouteList.cs"), "w", encoding="utf-8", newline="\n") as f:
    f.write(data)

print(f"{len(patterns)} patterns, {handler} routes, {len(hits) + len(not_allowed) + len(misses)} pooled requests, {len(mix)} in the mix")
