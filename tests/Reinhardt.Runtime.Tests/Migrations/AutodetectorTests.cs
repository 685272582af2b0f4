using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Reinhardt.Data;
using Reinhardt.Data.Migrations;
using Reinhardt.Data.Sqlite;
using Reinhardt.Runtime.Tests.Models;
using Reinhardt.Testing;
using Xunit;

namespace Reinhardt.Runtime.Tests.Migrations;

/// <summary>Detecting model changes, writing them as a C# migration, compiling it and applying it.</summary>
public sealed class AutodetectorTests
{
    private static readonly SqliteDialect Sqlite = SqliteDialect.Instance;

    [Fact]
    public void The_initial_migration_creates_every_table_in_dependency_order()
    {
        var operations = MigrationAutodetector.Changes(new ProjectState(), TestDb.Tables, null, Sqlite);
        Assert.All(operations, o => Assert.IsType<CreateModel>(o));
        Assert.Equal(TestDb.Tables.Select(t => t.Name), operations.Cast<CreateModel>().Select(o => o.Table.Name));
        Assert.Equal("initial", MigrationAutodetector.SuggestName(operations, initial: true, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void A_written_migration_compiles_and_rebuilds_the_same_schema()
    {
        var operations = MigrationAutodetector.Changes(new ProjectState(), TestDb.Tables, null, Sqlite);
        var source = MigrationWriter.Write("App.Migrations", "tests", "0001_initial", [], operations);
        var migration = CompileMigration(source, "App.Migrations.Migration_0001_initial");

        Assert.Equal("tests.0001_initial", migration.Key);
        var state = new ProjectState();
        foreach (var operation in migration.Operations)
        {
            operation.StateForwards(state);
        }

        foreach (var table in TestDb.Tables)
        {
            Assert.Equal(Sqlite.CreateTableSql(table), Sqlite.CreateTableSql(state.Table(table.Name)));
        }

        // nothing left to detect: makemigrations --check passes
        Assert.Empty(MigrationAutodetector.Changes(state, TestDb.Tables, null, Sqlite));
    }

    [Fact]
    public void Changes_become_add_remove_alter_and_confirmed_renames()
    {
        var before = new TableSchema("shop_item", [
            new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
            new ColumnSchema("name", ColumnType.String, MaxLength: 50),
            new ColumnSchema("old_price", ColumnType.Decimal),
            new ColumnSchema("legacy", ColumnType.Text, Nullable: true),
        ]);
        var state = new ProjectState();
        state.Set(before);
        state.Set(new TableSchema("shop_gone", [new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true)]));
        var after = new TableSchema("shop_item", [
            new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
            new ColumnSchema("name", ColumnType.String, MaxLength: 200),
            new ColumnSchema("price", ColumnType.Decimal),
            new ColumnSchema("stock", ColumnType.Int32),
        ]);

        var guessed = MigrationAutodetector.Changes(state, [after], null, Sqlite).Select(o => o.Describe()).ToList();
        Assert.Equal(
            ["Delete model shop_gone", "Add field price to shop_item", "Add field stock to shop_item", "Remove field old_price from shop_item", "Remove field legacy from shop_item", "Alter field name on shop_item"],
            guessed); // a rename is never guessed

        var confirmed = MigrationAutodetector.Changes(state, [after], new Dictionary<string, string> { ["shop_item.old_price"] = "price" }, Sqlite);
        Assert.Equal(
            ["Delete model shop_gone", "Rename field old_price on shop_item to price", "Add field stock to shop_item", "Remove field legacy from shop_item", "Alter field name on shop_item"],
            confirmed.Select(o => o.Describe()));
        Assert.Equal(0L, Assert.IsType<AddField>(confirmed[2]).Default); // NOT NULL: existing rows get the type's zero

        var indexed = after with { Indexes = [new IndexSchema("item_stock", ["stock"])] };
        var indexChanges = MigrationAutodetector.Changes(state, [indexed], null, Sqlite);
        Assert.Contains("Create index item_stock on shop_item", indexChanges.Select(o => o.Describe()));

        var withDefault = after with { Columns = [.. after.Columns.Select(c => c.Name == "stock" ? c with { Default = 5 } : c)] };
        var added = MigrationAutodetector.Changes(state, [withDefault], null, Sqlite).OfType<AddField>().Single(a => a.Column.Name == "stock");
        Assert.Equal(5, added.Default); // the model's default wins
    }

    [Fact]
    public void Rename_candidates_are_offered_never_applied()
    {
        var state = new ProjectState();
        state.Set(new TableSchema("shop_item", [
            new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
            new ColumnSchema("title", ColumnType.String, MaxLength: 50),
            new ColumnSchema("count", ColumnType.Int32),
        ]));
        state.Set(new TableSchema("shop_old", [new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true)]));
        TableSchema[] target =
        [
            new("shop_item", [
                new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
                new ColumnSchema("name", ColumnType.String, MaxLength: 50),   // same definition as title: a candidate
                new ColumnSchema("total", ColumnType.Int64),                  // a different type: not a candidate
            ]),
            new("shop_new", [new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true)]),
        ];

        Assert.Equal([("shop_old", "shop_new"), ("shop_item.title", "name")], MigrationAutodetector.PossibleRenames(state, target));
        Assert.DoesNotContain(MigrationAutodetector.Changes(state, target, null, Sqlite), o => o is RenameField or RenameModel);
        var confirmed = MigrationAutodetector.Changes(state, target, new Dictionary<string, string> { ["shop_old"] = "shop_new", ["shop_item.title"] = "name" }, Sqlite);
        Assert.Contains(confirmed, o => o is RenameModel { OldName: "shop_old", NewName: "shop_new" });
        Assert.Contains(confirmed, o => o is RenameField { OldName: "title", NewName: "name" });
    }

    private static Migration CompileMigration(string source, string typeName)
    {
        var compilation = CompilationFactory.Create([source], assemblyName: "Migrations" + Guid.NewGuid().ToString("N"));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, CompilationFactory.Describe(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) + "\n" + source);
        image.Position = 0;
        var assembly = new AssemblyLoadContext("migrations", isCollectible: true).LoadFromStream(image);
        return (Migration)Activator.CreateInstance(assembly.GetType(typeName)!)!;
    }
}
