using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reinhardt.Data;
using Reinhardt.Auth;

namespace Reinhardt.Admin;

/// <summary>
/// Django's <c>admin.LogEntry</c> (table <c>django_admin_log</c>, Django's columns): one row per addition, change and
/// deletion made in the admin, written in the same transaction as the change. Installed with the auth app
/// (<c>[Database(InstalledApps = new[] { typeof(AuthDatabase) })]</c>): its migration is <c>admin.0001_initial</c>.
/// </summary>
[Model(App = "admin", Table = "django_admin_log")]
public partial class LogEntry
{
    /// <summary>Django's <c>ADDITION</c>.</summary>
    public const int Addition = 1;

    /// <summary>Django's <c>CHANGE</c>.</summary>
    public const int Change = 2;

    /// <summary>Django's <c>DELETION</c>.</summary>
    public const int Deletion = 3;

    /// <summary>The primary key.</summary>
    public long Id { get; set; }

    /// <summary>When the action was taken.</summary>
    public DateTimeOffset ActionTime { get; set; }

    /// <summary>The user who took it.</summary>
    [ForeignKey(OnDelete.Cascade)]
    public partial Auth.User User { get; set; }

    /// <summary>The changed object's model (null once the content type is gone).</summary>
    [ForeignKey(OnDelete.SetNull)]
    public partial Auth.ContentType? ContentType { get; set; }

    /// <summary>The changed object's primary key, as text.</summary>
    [Text]
    public string? ObjectId { get; set; }

    /// <summary>The object's text when the action was taken (Django's <c>object_repr</c>).</summary>
    [MaxLength(200)]
    public string ObjectRepr { get; set; } = "";

    /// <summary><see cref="Addition"/>, <see cref="Change"/> or <see cref="Deletion"/>.</summary>
    public int ActionFlag { get; set; }

    /// <summary>Django's JSON change message, e.g. <c>[{"changed": {"fields": ["Question text"]}}]</c>.</summary>
    [Text]
    public string ChangeMessage { get; set; } = "";

    /// <summary>The object's text (Django's <c>__str__</c> of a log entry is longer; the history page shows the message).</summary>
    public override string ToString() => ObjectRepr;

    /// <summary>Django's <c>get_change_message()</c>: the JSON message as a sentence.</summary>
    public string ChangeMessageText()
    {
        if (!ChangeMessage.StartsWith('['))
        {
            return ChangeMessage.Length > 0 ? ChangeMessage : ActionFlag switch
            {
                Addition => "Added.",
                Deletion => "Deleted.",
                _ => "No fields changed.",
            };
        }

        var messages = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(ChangeMessage);
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (item.TryGetProperty("added", out var added))
                {
                    messages.Add(added.TryGetProperty("name", out var name) && added.TryGetProperty("object", out var obj)
                        ? $"Added {name.GetString()} “{obj.GetString()}”."
                        : "Added.");
                }
                else if (item.TryGetProperty("changed", out var changed))
                {
                    var fields = changed.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
                        ? TextList([.. f.EnumerateArray().Select(e => e.GetString() ?? "")])
                        : "";
                    messages.Add(changed.TryGetProperty("name", out var name) && changed.TryGetProperty("object", out var obj)
                        ? $"Changed {fields} for {name.GetString()} “{obj.GetString()}”."
                        : $"Changed {fields}.");
                }
                else if (item.TryGetProperty("deleted", out var deleted) && deleted.TryGetProperty("name", out var name) && deleted.TryGetProperty("object", out var obj))
                {
                    messages.Add($"Deleted {name.GetString()} “{obj.GetString()}”.");
                }
            }
        }
        catch (JsonException)
        {
            return ChangeMessage;
        }

        return messages.Count > 0 ? string.Join(" ", messages) : "No fields changed.";
    }

    /// <summary>Django's <c>get_text_list(items, "and")</c>: <c>a, b and c</c>.</summary>
    internal static string TextList(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}

/// <summary>Builds Django's JSON change messages (<c>construct_change_message</c>).</summary>
public sealed class ChangeMessageBuilder
{
    private readonly JsonArray _items = [];

    /// <summary><c>{"added": {}}</c>.</summary>
    public ChangeMessageBuilder Added()
    {
        _items.Add((JsonNode)new JsonObject { ["added"] = new JsonObject() });
        return this;
    }

    /// <summary><c>{"changed": {"fields": [...]}}</c>, nothing when no field changed.</summary>
    public ChangeMessageBuilder Changed(IReadOnlyList<string> fields)
    {
        if (fields.Count > 0)
        {
            _items.Add((JsonNode)new JsonObject { ["changed"] = new JsonObject { ["fields"] = Array(fields) } });
        }

        return this;
    }

    /// <summary><c>{"added": {"name": ..., "object": ...}}</c> for a related object.</summary>
    public ChangeMessageBuilder AddedRelated(string name, string obj)
    {
        _items.Add((JsonNode)new JsonObject { ["added"] = new JsonObject { ["name"] = name, ["object"] = obj } });
        return this;
    }

    /// <summary><c>{"changed": {"name": ..., "object": ..., "fields": [...]}}</c> for a related object.</summary>
    public ChangeMessageBuilder ChangedRelated(string name, string obj, IReadOnlyList<string> fields)
    {
        _items.Add((JsonNode)new JsonObject { ["changed"] = new JsonObject { ["name"] = name, ["object"] = obj, ["fields"] = Array(fields) } });
        return this;
    }

    /// <summary><c>{"deleted": {"name": ..., "object": ...}}</c> for a related object.</summary>
    public ChangeMessageBuilder DeletedRelated(string name, string obj)
    {
        _items.Add((JsonNode)new JsonObject { ["deleted"] = new JsonObject { ["name"] = name, ["object"] = obj } });
        return this;
    }

    /// <summary>The JSON text (Django writes non-ASCII as <c>\uXXXX</c>; both read back the same).</summary>
    public override string ToString()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            _items.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static JsonArray Array(IReadOnlyList<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add((JsonNode?)JsonValue.Create(value));
        }

        return array;
    }
}

/// <summary>The content types log entries point to.</summary>
internal static class AdminLog
{
    /// <summary>The <c>django_content_type</c> row of a model, created when missing (Django's <c>ContentType.objects.get_for_model</c>).</summary>
    public static async Task<long> ContentTypeIdAsync(Database database, string appLabel, string model, CancellationToken cancellationToken)
    {
        var existing = await database.ContentTypes().Filter(c => c.AppLabel == appLabel & c.Model == model).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing.Id;
        }

        var created = new Auth.ContentType { AppLabel = appLabel, Model = model };
        await database.SaveAsync(created, cancellationToken).ConfigureAwait(false);
        return created.Id;
    }
}
