using System.Text;
using System.Text.Json;

namespace Reinhardt.Data;

/// <summary>One model as fixtures see it: its label and how its rows are loaded and dumped.</summary>
public abstract class FixtureModel
{
    /// <summary>Django's label: <c>polls.question</c>.</summary>
    public abstract string Label { get; }

    /// <summary>The model's table.</summary>
    public abstract TableSchema Table { get; }

    /// <summary>Saves one fixture entry (inserting it, or updating the row with its key).</summary>
    public abstract ValueTask LoadAsync(Database database, long key, JsonElement fields, CancellationToken cancellationToken);

    /// <summary>Writes every row as fixture entries.</summary>
    public abstract ValueTask<int> DumpAsync(Database database, Utf8JsonWriter writer, CancellationToken cancellationToken);

    /// <summary>The fixture handling of a model; generated code calls this.</summary>
    public static FixtureModel For<TModel, TColumns>()
        where TModel : class, IModel<TModel>
        where TColumns : class, IColumnSet<TColumns> => new Typed<TModel, TColumns>();

    private sealed class Typed<TModel, TColumns> : FixtureModel
        where TModel : class, IModel<TModel>
        where TColumns : class, IColumnSet<TColumns>
    {
        public override string Label => TModel.ModelLabel;

        public override TableSchema Table => TModel.Schema;

        public override async ValueTask LoadAsync(Database database, long key, JsonElement fields, CancellationToken cancellationToken) =>
            await database.SaveAsync(TModel.ReadFixture(key, fields), cancellationToken).ConfigureAwait(false);

        public override async ValueTask<int> DumpAsync(Database database, Utf8JsonWriter writer, CancellationToken cancellationToken)
        {
            var count = 0;
            await foreach (var model in new QuerySet<TModel, TColumns>(database).OrderBy(c => new Column<long>(c.Table, TModel.Schema.PrimaryKey.Name)).IterateAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                writer.WriteStartObject();
                writer.WriteString("model", TModel.ModelLabel);
                writer.WriteNumber("pk", TModel.GetKey(model));
                writer.WritePropertyName("fields");
                writer.WriteStartObject();
                TModel.WriteFixtureFields(model, writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
                count++;
            }

            return count;
        }
    }
}

/// <summary>
/// Django's fixtures (<c>loaddata</c>, <c>dumpdata</c>) in Django's JSON format:
/// <c>[{"model": "polls.question", "pk": 1, "fields": {...}}]</c>, foreign keys by key. A load is
/// all or nothing: malformed JSON, an unknown model or field, a bad value or a dangling foreign key
/// loads nothing and names the file, line and column of the entry.
/// </summary>
public static class Fixtures
{
    /// <summary>Loads fixture JSON in one transaction; returns the number of objects.</summary>
    public static async Task<int> LoadAsync(Database database, IReadOnlyList<FixtureModel> models, byte[] json, string source, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(json);
        var byLabel = models.ToDictionary(m => m.Label, StringComparer.Ordinal);
        var offsets = EntryOffsets(json, source);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return await database.AtomicWithDeferredChecksAsync(async () =>
        {
            var count = 0;
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                try
                {
                    var label = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("model", out var model) ? model.GetString() : null;
                    if (label is null || !byLabel.TryGetValue(label, out var fixtureModel))
                    {
                        throw new FixtureException($"unknown model '{label}'", null);
                    }

                    if (!entry.TryGetProperty("pk", out var pk) || !pk.TryGetInt64(out var key))
                    {
                        throw new FixtureException("a fixture entry needs an integer \"pk\"", null);
                    }

                    if (!entry.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Object)
                    {
                        throw new FixtureException("a fixture entry needs a \"fields\" object", null);
                    }

                    await fixtureModel.LoadAsync(database, key, fields, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception error) when (error is FixtureException or System.Data.Common.DbException or InvalidOperationException)
                {
                    throw new FixtureException($"{Position(json, source, offsets[count])}: {error.Message}", error);
                }

                count++;
                if (count % 10_000 == 0)
                {
                    progress?.Report(count);
                }
            }

            progress?.Report(count);
            return count;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where each entry of the fixture array starts; malformed JSON is reported with its position.</summary>
    private static List<long> EntryOffsets(byte[] json, string source)
    {
        var offsets = new List<long>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new FixtureException($"{Position(json, source, reader.TokenStartIndex)}: a fixture is a JSON array of objects", null);
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                offsets.Add(reader.TokenStartIndex);
                reader.Skip();
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
            {
                throw new FixtureException($"{Position(json, source, reader.TokenStartIndex)}: text after the fixture array", null);
            }
        }
        catch (JsonException error)
        {
            throw new FixtureException($"{source}:{error.LineNumber + 1}:{error.BytePositionInLine + 1}: malformed JSON: {error.Message}", error);
        }

        return offsets;
    }

    /// <summary>Writes the rows of <paramref name="models"/> as a fixture; returns the number of objects.</summary>
    public static async Task<int> DumpAsync(Database database, IEnumerable<FixtureModel> models, Stream output, bool indent = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(models);
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indent });
        writer.WriteStartArray();
        var count = 0;
        foreach (var model in models)
        {
            count += await model.DumpAsync(database, writer, cancellationToken).ConfigureAwait(false);
        }

        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary><c>file:line:column</c> of a byte offset.</summary>
    private static string Position(byte[] json, string source, long offset)
    {
        var line = 1;
        var lineStart = 0L;
        for (var i = 0L; i < offset && i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = Encoding.UTF8.GetCharCount(json, (int)lineStart, (int)(offset - lineStart)) + 1;
        return $"{source}:{line}:{column}";
    }
}
