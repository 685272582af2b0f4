using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Reinhardt.Integration.Tests.Views;

/// <summary>An app whose views exercise every converter, binding source and automatic answer of the route table.</summary>
public static class RoutingApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = ReinhardtApp.CreateBuilder(args);
        builder.Configuration["AllowedHosts"] ??= "localhost;127.0.0.1;.example.com";
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, RoutingJsonContext.Default));
        builder.Services.AddSingleton(new Greeter("Hello"));
        var app = builder.Build();
        app.UseReinhardt(RouteTable.Instance);
        return app;
    }

    internal static IResult Text(string text) => Results.Text(text, "text/plain; charset=utf-8");
}

public sealed record Greeter(string Greeting);

public sealed record ItemInput(string Name, int Quantity);

public sealed record Item(int Id, string Name, int Quantity);

public enum Color
{
    Red,
    Green,
}

[JsonSerializable(typeof(ItemInput))]
[JsonSerializable(typeof(Item))]
internal sealed partial class RoutingJsonContext : JsonSerializerContext;

[View(Prefix = "/conv", Namespace = "conv")]
public partial class ConverterViews
{
    [Get("/int/{value:int}/", Name = "int")]
    public static IResult Int(int value) => RoutingApp.Text("int:" + value);

    [Get("/long/{value:long}/", Name = "long")]
    public static IResult Long(long value) => RoutingApp.Text("long:" + value);

    [Get("/slug/{value:slug}/", Name = "slug")]
    public static IResult Slug(string value) => RoutingApp.Text("slug:" + value);

    [Get("/uuid/{value:uuid}/", Name = "uuid")]
    public static IResult Uuid(Guid value) => RoutingApp.Text("uuid:" + value);

    [Get("/str/{value}/", Name = "str")]
    public static IResult Str(string value) => RoutingApp.Text("str:" + value);

    [Get("/path/{value:path}/", Name = "path")]
    public static IResult Path(string value) => RoutingApp.Text("path:" + value);

    [Get("/path/{value:path}/edit/", Name = "path-edit")]
    public static IResult PathEdit(string value) => RoutingApp.Text("path-edit:" + value);

    [Get("/two/{year:int}/{slug:slug}/", Name = "two")]
    public static IResult Two(int year, string slug) => RoutingApp.Text($"two:{year}:{slug}");

    [Get("/no-slash", Name = "no-slash")]
    public static IResult NoSlash() => RoutingApp.Text("no-slash");
}

/// <summary>Literal before digits before slug before any text, whatever the declaration order.</summary>
[View(Prefix = "/prec")]
public partial class PrecedenceViews
{
    [Get("/{text}/")]
    public static IResult Text(string text) => RoutingApp.Text("text:" + text);

    [Get("/{slug:slug}/")]
    public static IResult Slug(string slug) => RoutingApp.Text("slug:" + slug);

    [Get("/{id:int}/")]
    public static IResult Id(int id) => RoutingApp.Text("id:" + id);

    [Get("/new/")]
    public static IResult New() => RoutingApp.Text("new");

    [Get("/{id:int}/x/")]
    public static IResult IdX(int id) => RoutingApp.Text("id-x:" + id);

    [Get("/{text}/y/")]
    public static IResult TextY(string text) => RoutingApp.Text("text-y:" + text);
}

[View(Prefix = "/items", Namespace = "items")]
[CsrfExempt("a JSON API for tests, authenticated by nothing")]
public partial class ItemViews(Greeter greeter, HttpContext context)
{
    [Get("/", Name = "list")]
    public IResult List() => RoutingApp.Text(greeter.Greeting + " items " + context.Request.Method);

    [Post("/")]
    public async Task<IResult> Create([FromBody] ItemInput input, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return TypedResults.Created(Urls.Items.Detail(7), new Item(7, input.Name, input.Quantity));
    }

    [Route("/{id:int}/", Name = "detail", Methods = ["GET", "PATCH"])]
    public ValueTask<IResult> Detail(int id, HttpRequest request) => ValueTask.FromResult(RoutingApp.Text($"detail:{id}:{request.Method}"));

    [Put("/{id:int}/")]
    public IResult Replace(int id) => RoutingApp.Text("put:" + id);

    [Delete("/{id:int}/")]
    public static IResult Remove(int id) => Results.NoContent();
}

[View]
public partial class BindingViews
{
    [Get("/search/", Name = "search")]
    public static IResult Search(string q, Greeter greeter, int page = 1, bool? exact = null, Color color = Color.Red, string? sort = null, string[]? tag = null) =>
        RoutingApp.Text($"{greeter.Greeting}|q={q}|page={page}|exact={exact?.ToString() ?? "null"}|color={color}|sort={sort ?? "null"}|tags={string.Join(",", tag ?? [])}");

    [Get("/version/")]
    public static IResult Version([FromHeader(Name = "X-Api-Version")] int version) => RoutingApp.Text("version:" + version);

    [Get("/boom/")]
    public static IResult Boom() => throw new InvalidOperationException("secret internals: connection string xyz");

    [Get("/typed/")]
    public static Microsoft.AspNetCore.Http.HttpResults.Ok<Item> Typed() => TypedResults.Ok(new Item(1, "typed", 2));
}

/// <summary>A form page and its POST handler, CSRF-protected by default.</summary>
[View]
public partial class FormViews
{
    [Get("/form/", Name = "form")]
    public static IResult Show(HttpContext context) => RoutingApp.Text(Reinhardt.Http.CsrfToken.GetToken(context));

    [Post("/form/")]
    public static IResult Submit() => RoutingApp.Text("submitted");

    [Post("/limited/"), RateLimit("2/m"), CsrfExempt("test of the limit alone")]
    public static IResult Limited() => RoutingApp.Text("ok");

    [Get("/visits/")]
    public static IResult Visits(HttpContext context)
    {
        var session = Reinhardt.Http.SessionHttpContextExtensions.GetSession(context);
        var visits = (session.GetInt32("visits") ?? 0) + 1;
        session.Set("visits", visits);
        return RoutingApp.Text(visits.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>A class-based view: its Get and Post methods answer the class's route.</summary>
[View]
[Route("/about/", Name = "about")]
public partial class AboutView
{
    public Task<IResult> Get() => Task.FromResult(RoutingApp.Text("about"));

    [CsrfExempt("test")]
    public IResult Post() => RoutingApp.Text("about posted");
}

[View]
public partial class SocketViews
{
    [WebSocket("/ws/echo/{room}/", Name = "echo")]
    public static async Task Echo(WebSocket socket, string room, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                return;
            }

            var reply = Encoding.UTF8.GetBytes(room + ":" + Encoding.UTF8.GetString(buffer, 0, received.Count));
            await socket.SendAsync(reply, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
    }
}
