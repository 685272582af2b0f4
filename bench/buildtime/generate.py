#!/usr/bin/env python3
"""Writes the build-time benchmark project (issue #11): 200 models, 50 forms, 300 routes, 100 templates.

Usage: generate.py OUT_DIR [--variant generators|baseline] [--generated DIR]

  generators (default): the project as a user writes it; it consumes Reinhardt like the samples do
                        (UseReinhardt=true: runtime reference, generators and analyzers as analyzers).
  baseline:             the same user sources plus the generators' output (copied from DIR, written by a
                        generators build with EmitCompilerGeneratedFiles=true) compiled as plain sources, with
                        the runtime and the analyzers referenced but not the generators: the same C# without
                        generator time.

OUT_DIR must be inside the repository (the project imports the repository's Directory.Build.props/targets).
The output is deterministic (no randomness), so every run measures the same project.
"""
import os
import shutil
import sys

APPS = [
    ("shop", "Shop", ["Product", "Order", "Invoice", "Coupon", "Cart", "Payment", "Refund", "Supplier", "Brand", "Voucher"]),
    ("blog", "Blog", ["Article", "Comment", "Author", "Topic", "Draft", "Section", "Reader", "Feed", "Media", "Column"]),
    ("crm", "Crm", ["Customer", "Lead", "Contact", "Deal", "Ticket", "Account", "Meeting", "Campaign", "Note", "Agent"]),
    ("stock", "Stock", ["Item", "Warehouse", "Shelf", "Pallet", "Batch", "Shipment", "Carrier", "Route", "Bin", "Count"]),
]
MODELS_PER_APP = 50
TEMPLATED_PER_APP = 25      # models with a list page, a detail route and a template: 100 templates, 200 routes
FORMS_PER_APP = 13          # 52 -> trimmed to 50 forms overall; each gets a POST route
ROUTES_PER_VIEW = 15
SERVICES = 20               # plain classes with no Reinhardt attribute (the "unrelated" files)


def model_name(app_index, i):
    nouns = APPS[app_index][2]
    return f"{nouns[i % len(nouns)]}{i // len(nouns) + 1}"


def plural(name):
    # the generator's IdentifierCase.Pluralize for names ending in a digit: + "s"
    return name + "s"


def snake(name):
    out = []
    for k, ch in enumerate(name):
        if ch.isupper() and k > 0 and not name[k - 1].isupper():
            out.append("_")
        elif ch.isdigit() and k > 0 and not name[k - 1].isdigit():
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def model_source(app_index, i):
    label, pascal, _ = APPS[app_index]
    name = model_name(app_index, i)
    lines = [
        f"namespace Bench.{pascal}.Models;",
        "",
        f"/// <summary>{name}, a model of the {label} app.</summary>",
        f"[Model(App = \"{label}\")]",
        f"public partial class {name}",
        "{",
        "    public long Id { get; set; }",
        "",
        "    [MaxLength(120)]",
        "    public string Name { get; set; } = \"\";",
        "",
        "    [Text]",
        "    public string Description { get; set; } = \"\";",
        "",
        "    [Range(0, 100000)]",
        "    public decimal Price { get; set; }",
        "",
        "    public int Quantity { get; set; }",
        "",
        "    public bool IsActive { get; set; } = true;",
        "",
        "    public DateTimeOffset CreatedAt { get; set; }",
    ]
    extras = [
        ["    public DateOnly? Released { get; set; }", "    public double Ratio { get; set; }"],
        ["    public Guid Uid { get; set; }", "    [MaxLength(200)]", "    public string? Note { get; set; }"],
        ["    public TimeSpan? Duration { get; set; }", "    public DateTime UpdatedAt { get; set; }"],
        ["    public long Views { get; set; }", "    [MaxLength(40), Unique]", f"    public string Code {{ get; set; }} = \"\";"],
    ][i % 4]
    for line in extras:
        lines += ["", line] if not line.startswith("    public") or not lines[-1].startswith("    [") else [line]
    if i > 0:
        # a chain inside the app, and every fifth model also points into the previous app (nullable, SET NULL)
        parent = model_name(app_index, i - 1)
        lines += ["", "    [ForeignKey(OnDelete.Cascade)]", f"    public partial {parent} Parent {{ get; set; }}"]
    if i % 5 == 0 and app_index > 0:
        other_pascal = APPS[app_index - 1][1]
        other = model_name(app_index - 1, i)
        lines += ["", "    [ForeignKey(OnDelete.SetNull, RelatedName = \"" + f"{pascal}{name}s" + "\")]",
                  f"    public partial global::Bench.{other_pascal}.Models.{other}? Source {{ get; set; }}"]
    lines += [
        "",
        "    /// <summary>The name (Django's <c>__str__</c>).</summary>",
        "    public override string ToString() => Name;",
        "}",
        "",
    ]
    return "\n".join(lines)


def form_source(app_index, k):
    label, pascal, _ = APPS[app_index]
    if k % 3 == 2:
        model = model_name(app_index, k)
        return f"""using Bench.{pascal}.Models;
using Reinhardt.Forms;

namespace Bench.{pascal}.Forms;

/// <summary>Edits a {model}.</summary>
[ModelForm(typeof({model}), Fields = new[] {{ nameof({model}.Name), nameof({model}.Price), nameof({model}.Quantity), nameof({model}.IsActive) }})]
public partial class {model}Form;
"""
    name = f"{pascal}Contact{k}Form"
    return f"""using Reinhardt.Forms;

namespace Bench.{pascal}.Forms;

/// <summary>A contact form of the {label} app.</summary>
[Form]
public partial class {name}
{{
    [MaxLength(100)]
    public string Subject {{ get; set; }} = "";

    [Email]
    public string Sender {{ get; set; }} = "";

    [MaxLength(2000), HelpText("What it is about.")]
    public string? Message {{ get; set; }}

    [Range(1, 10)]
    public int Priority {{ get; set; }} = 5;

    public bool CopyMe {{ get; set; }}

    public DateOnly? When {{ get; set; }}

    [Choices(nameof(Channels))]
    public string Channel {{ get; set; }} = "mail";

    public static IEnumerable<(string Value, string Label)> Channels => [("mail", "Mail"), ("phone", "Phone")];
}}
"""


def form_type(app_index, k):
    pascal = APPS[app_index][1]
    return f"{model_name(app_index, k)}Form" if k % 3 == 2 else f"{pascal}Contact{k}Form"


def page_source(app_index, i):
    label, pascal, _ = APPS[app_index]
    name = model_name(app_index, i)
    return f"""using Bench.{pascal}.Models;
using Reinhardt.Templates;

namespace Bench.{pascal}.Pages;

/// <summary>The context of <c>{label}/{snake(name)}_list.html</c>.</summary>
[Template("{label}/{snake(name)}_list.html")]
public sealed partial record {name}ListPage(IReadOnlyList<{name}> Items, {name}? Featured, string Heading, int Page);
"""


def template_text(app_index, i):
    label = APPS[app_index][0]
    name = model_name(app_index, i)
    route = snake(name)
    extra = ""
    if i % 4 == 0:
        extra = "\n  <small>{{ item.ratio|floatformat:3 }} {{ item.released|default_if_none:\"unreleased\" }}</small>"
    elif i % 4 == 1:
        extra = "\n  <small>{{ item.note|default:\"no note\"|lower }}</small>"
    return f"""{{% extends "{label}/base.html" %}}
{{% block title %}}{{{{ heading|title }}}} - {{{{ block.super }}}}{{% endblock %}}
{{% block content %}}
<h1>{{{{ heading|upper }}}}</h1>
<p>{{{{ items|length }}}} {route.replace('_', ' ')}{{{{ items|length|pluralize }}}} on page {{{{ page }}}}</p>
{{% if featured %}}
<p class="featured">{{{{ featured.name|truncatechars:30 }}}}</p>
{{% endif %}}
<ul>
{{% for item in items %}}
<li class="{{% cycle 'odd' 'even' %}}{{% if forloop.first %}} first{{% endif %}}">
  <a href="{{% url '{label}:{route}_detail' item.id %}}">{{{{ item.name|capfirst }}}}</a>
  {{{{ item.price }}}} x {{{{ item.quantity }}}}, {{{{ item.is_active|yesno:"active,inactive" }}}}
  {{{{ item.description|truncatewords:12|default:"-" }}}}{extra}
</li>
{{% empty %}}
<li>No {route.replace('_', ' ')} yet.</li>
{{% endfor %}}
</ul>
{{% with next=page|add:1 %}}<a href="{{% url '{label}:{route}_list' %}}?page={{{{ next }}}}">Next</a>{{% endwith %}}
{{% endblock %}}
"""


def views(app_index):
    """The app's routes as (attribute, handler source), 75 per app: 25 list + 25 detail + forms + misc."""
    label, pascal, _ = APPS[app_index]
    routes = []
    for i in range(TEMPLATED_PER_APP):
        name = model_name(app_index, i)
        route = snake(name)
        routes.append((f"[Get(\"/{route}s/\", Name = \"{route}_list\")]",
                       f"public async Task<IResult> {name}List(int? page, CancellationToken cancellationToken) =>\n"
                       f"        new {name}ListPage(await db.{plural(name)}.OrderBy(x => x.Id).Take(20).ToListAsync(cancellationToken), null, \"{name}\", page ?? 1);"))
        routes.append((f"[Get(\"/{route}s/{{id:int}}/\", Name = \"{route}_detail\")]",
                       f"public async Task<IResult> {name}Detail(long id, CancellationToken cancellationToken) =>\n"
                       f"        await db.{plural(name)}.Filter(x => x.Id == id).FirstOrDefaultAsync(cancellationToken) is {{ }} item\n"
                       f"            ? new {name}ListPage([item], item, item.Name, 1)\n"
                       f"            : HttpResults.NotFound();"))
    for k in range(FORMS_PER_APP if app_index < 2 else FORMS_PER_APP - 1):
        form = form_type(app_index, k)
        target = model_name(app_index, k % TEMPLATED_PER_APP)
        routes.append((f"[Post(\"/forms/{snake(form)}/\", Name = \"{snake(form)}\")]",
                       f"public static IResult Submit{form}({form} form) =>\n"
                       f"        form.IsValid ? HttpResults.Redirect(Urls.{pascal}.{target}List()) : HttpResults.BadRequest();"))
    n = 0
    while len(routes) < 75:
        kind = n % 3
        if kind == 0:
            routes.append((f"[Get(\"/tags/{n}/{{slug:slug}}/\", Name = \"tag_{n}\")]",
                           f"public static IResult Tag{n}(string slug) => HttpResults.Text(slug);"))
        elif kind == 1:
            routes.append((f"[Get(\"/archive/{n}/{{year:int}}/{{month:int}}/\", Name = \"archive_{n}\")]",
                           f"public static IResult Archive{n}(int year, int month) => HttpResults.Text(year.ToString(System.Globalization.CultureInfo.InvariantCulture) + \"-\" + month.ToString(System.Globalization.CultureInfo.InvariantCulture));"))
        else:
            routes.append((f"[Delete(\"/items/{n}/{{id:long}}/\", Name = \"delete_{n}\")]",
                           f"public async Task<IResult> Delete{n}(long id, CancellationToken cancellationToken) =>\n"
                           f"        await db.{plural(model_name(app_index, n % MODELS_PER_APP))}.Filter(x => x.Id == id).DeleteAsync(cancellationToken) > 0 ? HttpResults.NoContent() : HttpResults.NotFound();"))
        n += 1
    return routes


def view_sources(app_index):
    label, pascal, _ = APPS[app_index]
    routes = views(app_index)
    files = {}
    for c in range(0, len(routes), ROUTES_PER_VIEW):
        cls = f"{pascal}Views{c // ROUTES_PER_VIEW + 1}"
        body = []
        for attribute, handler in routes[c:c + ROUTES_PER_VIEW]:
            body.append(f"    /// <summary>A {label} page.</summary>\n    {attribute}\n    {handler}\n")
        files[cls] = f"""using Bench.{pascal}.Forms;
using Bench.{pascal}.Models;
using Bench.{pascal}.Pages;
using Bench.Models;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Bench.{pascal}.Views;

/// <summary>Pages of the {label} app.</summary>
[View(Prefix = "/{label}", Namespace = "{label}")]
public partial class {cls}(BenchDb db)
{{
{chr(10).join(body)}}}
"""
    return files


def service_source(k):
    return f"""namespace Bench.Services;

/// <summary>A plain service with no Reinhardt attribute: editing it must not make the generators work.</summary>
public sealed class PriceRule{k}
{{
    /// <summary>The rate of this rule.</summary>
    public const decimal Rate = 0.{k + 1:02d}m;

    /// <summary>Applies the rule.</summary>
    public decimal Apply(decimal price) => decimal.Round(price * (1 + Rate), 2);
}}
"""


CSPROJ_GENERATORS = """<Project Sdk="Microsoft.NET.Sdk.Web">
  <!-- Generated by bench/buildtime/generate.py: the build-time benchmark project (issue #11). -->
  <PropertyGroup>
    <TargetFramework>net9.0</TargetFramework>
    <OutputType>Exe</OutputType>
    <RootNamespace>Bench</RootNamespace>
    <AssemblyName>Bench</AssemblyName>
    <ImplicitUsings>enable</ImplicitUsings>
    <UseReinhardt>true</UseReinhardt>
    <IsPackable>false</IsPackable>
    <IsAotCompatible>true</IsAotCompatible>
    <!-- user code without XML docs on every member -->
    <NoWarn>$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <!-- run.sh writes the generators' output for the baseline with -p:BenchEmitTo=DIR (a property of this project only:
       EmitCompilerGeneratedFiles itself would reach the runtime's own build, which runs the generators too) -->
  <PropertyGroup Condition="'$(BenchEmitTo)' != ''">
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
    <CompilerGeneratedFilesOutputPath>$(BenchEmitTo)</CompilerGeneratedFilesOutputPath>
  </PropertyGroup>
  <!-- what the in-process probe needs to build the same compilation -->
  <Target Name="WriteProbeInputs" AfterTargets="CoreCompile">
    <WriteLinesToFile File="$(MSBuildProjectDirectory)/obj/probe-references.txt" Lines="@(ReferencePathWithRefAssemblies)" Overwrite="true" WriteOnlyWhenDifferent="true" />
    <WriteLinesToFile File="$(MSBuildProjectDirectory)/obj/probe-sources.txt" Lines="@(Compile->'%(FullPath)')" Overwrite="true" WriteOnlyWhenDifferent="true" />
    <WriteLinesToFile File="$(MSBuildProjectDirectory)/obj/probe-additional.txt" Lines="@(AdditionalFiles->'%(FullPath)')" Overwrite="true" WriteOnlyWhenDifferent="true" />
    <WriteLinesToFile File="$(MSBuildProjectDirectory)/obj/probe-editorconfig.txt" Lines="$(GeneratedMSBuildEditorConfigFile)" Overwrite="true" WriteOnlyWhenDifferent="true" />
  </Target>
</Project>
"""

CSPROJ_BASELINE = """<Project Sdk="Microsoft.NET.Sdk.Web">
  <!-- Generated by bench/buildtime/generate.py: the baseline, the same C# (user sources + the generators' output
       as plain files) with the runtime and the analyzers but without the generators. -->
  <PropertyGroup>
    <TargetFramework>net9.0</TargetFramework>
    <OutputType>Exe</OutputType>
    <RootNamespace>Bench</RootNamespace>
    <AssemblyName>Bench</AssemblyName>
    <ImplicitUsings>enable</ImplicitUsings>
    <IsPackable>false</IsPackable>
    <IsAotCompatible>true</IsAotCompatible>
    <NoWarn>$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$(RepositoryRoot)src/Runtime/Reinhardt.csproj" />
    <ProjectReference Include="$(RepositoryRoot)src/Analyzers/Reinhardt.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="$(RepositoryRoot)src/Analyzers/CodeFixes/Reinhardt.Analyzers.CodeFixes.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <Using Include="Reinhardt" />
    <Using Include="Reinhardt.Data" />
    <Using Include="Reinhardt.Views" />
    <CompilerVisibleProperty Include="RootNamespace" />
    <CompilerVisibleProperty Include="ReinhardtProfile" />
  </ItemGroup>
</Project>
"""

PROGRAM = """using Bench;
using Bench.Models;

var builder = ReinhardtApp.CreateBuilder(args);
builder.Services.AddDatabase<BenchDb>(builder.Configuration, "Data Source=bench.sqlite3");
var app = builder.Build();
app.UseReinhardt(Bench.RouteTable.Instance);
await app.RunAsync();
"""

DATABASE = """namespace Bench.Models;

/// <summary>The benchmark's database: one query set per model of every app.</summary>
[Database]
public partial class BenchDb;
"""


def generate(out, variant, generated):
    if os.path.isdir(out):
        # keep obj/ and bin/ (restore and incremental state), replace the sources
        for entry in os.listdir(out):
            if entry not in ("obj", "bin"):
                path = os.path.join(out, entry)
                shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "Bench.csproj"), CSPROJ_GENERATORS if variant == "generators" else CSPROJ_BASELINE)
    write(os.path.join(out, "Program.cs"), PROGRAM)
    write(os.path.join(out, "Models", "BenchDb.cs"), DATABASE)
    for k in range(SERVICES):
        write(os.path.join(out, "Services", f"PriceRule{k}.cs"), service_source(k))
    forms = 0
    for a, (label, pascal, _) in enumerate(APPS):
        for i in range(MODELS_PER_APP):
            write(os.path.join(out, pascal, "Models", f"{model_name(a, i)}.cs"), model_source(a, i))
        for i in range(TEMPLATED_PER_APP):
            write(os.path.join(out, pascal, "Pages", f"{model_name(a, i)}ListPage.cs"), page_source(a, i))
            write(os.path.join(out, "Templates", label, f"{snake(model_name(a, i))}_list.html"), template_text(a, i))
        write(os.path.join(out, "Templates", label, "base.html"),
              f'{{% extends "base.html" %}}\n{{% block title %}}{pascal}{{% endblock %}}\n'
              f'{{% block nav %}}<a href="{{% url \'{label}:{snake(model_name(a, 0))}_list\' %}}">{pascal}</a>{{% endblock %}}\n')
        count = FORMS_PER_APP if a < 2 else FORMS_PER_APP - 1
        for k in range(count):
            write(os.path.join(out, pascal, "Forms", f"{form_type(a, k)}.cs"), form_source(a, k))
            forms += 1
        for cls, text in view_sources(a).items():
            write(os.path.join(out, pascal, "Views", f"{cls}.cs"), text)
    write(os.path.join(out, "Templates", "base.html"), """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}Bench{% endblock %}</title></head>
<body>
<nav>{% block nav %}{% endblock %}</nav>
<main>{% block content %}{% endblock %}</main>
</body>
</html>
""")
    assert forms == 50, forms
    if variant == "baseline":
        # the generators' output, as plain sources (the templates are then only data: not compiled)
        target = os.path.join(out, "Generated")
        shutil.copytree(generated, target)
        shutil.rmtree(os.path.join(out, "Templates"))


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    out = os.path.abspath(argv[1])
    variant = "generators"
    generated = None
    if "--variant" in argv:
        variant = argv[argv.index("--variant") + 1]
    if "--generated" in argv:
        generated = os.path.abspath(argv[argv.index("--generated") + 1])
    if variant not in ("generators", "baseline") or (variant == "baseline" and generated is None):
        print(__doc__)
        return 2
    generate(out, variant, generated)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
