using Reinhardt.Data.Sqlite;
using Xunit;

namespace Reinhardt.Runtime.Tests.Models;

/// <summary>FullClean: Django's field validators and messages, unique, unique-together and check constraints.</summary>
public sealed class ValidationTests : SqliteFileFixture
{
    private static Product Valid(string code = "ABC", string name = "Widget", decimal price = 10) =>
        new() { Code = code, Name = name, Price = price, Stock = 5, Reserved = 2 };

    [Fact]
    public async Task A_valid_instance_has_no_errors()
    {
        Assert.True((await Db.ValidateAsync(Valid())).IsEmpty);
        await Db.FullCleanAsync(Valid());
    }

    [Fact]
    public async Task Field_validators_report_Djangos_messages()
    {
        var errors = await Db.ValidateAsync(new Product { Code = "abc1", Name = "ab", Price = 1000.5m, Notes = "" });
        Assert.Equal(["Enter a valid value."], errors["code"]);
        Assert.Equal(["Ensure this value has at least 3 characters (it has 2)."], errors["name"]);
        Assert.Equal(["Ensure this value is less than or equal to 1000."], errors["price"]);
        Assert.Empty(errors["notes"]); // [Blank]

        errors = await Db.ValidateAsync(new Product { Code = "", Name = new string('x', 51), Price = -1 });
        Assert.Equal(["This field cannot be blank.", "Enter a valid value."], errors["code"]);
        Assert.Equal(["Ensure this value has at most 50 characters (it has 51)."], errors["name"]);
        Assert.Equal(["Ensure this value is greater than or equal to 0."], errors["price"]);

        // characters are counted as Python counts them: an emoji is one
        Assert.Empty((await Db.ValidateAsync(Valid(name: "🎸🎸🎸"))) ["name"]);
    }

    [Fact]
    public async Task Choices_accept_only_the_listed_values()
    {
        var product = Valid();
        product.Kind = "weapon";
        product.Size = 7;
        var errors = await Db.ValidateAsync(product);
        Assert.Equal(["Value 'weapon' is not a valid choice."], errors["kind"]);
        Assert.Equal(["Value 7 is not a valid choice."], errors["size"]);

        product.Kind = "part";
        product.Size = null;
        Assert.True((await Db.ValidateAsync(product)).IsEmpty);
    }

    [Fact]
    public async Task The_models_Clean_hook_runs()
    {
        var errors = await Db.ValidateAsync(Valid(name: "forbidden"));
        Assert.Equal(["This name is reserved."], errors[ValidationErrors.NonFieldErrors]);
    }

    [Fact]
    public async Task Unique_fields_and_unique_together_are_checked_against_other_rows()
    {
        var first = Valid();
        await Db.SaveAsync(first);
        Assert.True((await Db.ValidateAsync(first)).IsEmpty); // itself is not a duplicate

        var errors = await Db.ValidateAsync(Valid(code: "ABC", name: "Other"));
        Assert.Equal(["Product with this Code already exists."], errors["code"]);

        errors = await Db.ValidateAsync(Valid(code: "XYZ"));
        Assert.Equal(["Product with this Name and Price already exists."], errors[ValidationErrors.NonFieldErrors]);

        var exception = await Assert.ThrowsAsync<ValidationException>(() => Db.FullCleanAsync(Valid(code: "ABC")));
        Assert.Equal(2, exception.Errors.ByField.Count);

        // the database agrees: the constraints are in the schema
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => Db.SaveAsync(Valid(code: "ABC", name: "Other")));
    }

    [Fact]
    public async Task Check_constraints_are_validated_by_the_same_predicate_as_the_schema()
    {
        var errors = await Db.ValidateAsync(new Product { Code = "NEG", Name = "Widget", Stock = -1 });
        Assert.Equal(["Constraint “kitchen_product_stock_covers_reserved” is violated."], errors[ValidationErrors.NonFieldErrors]);
        Assert.Equal(["Constraint “kitchen_product_stock_covers_reserved” is violated."], (await Db.ValidateAsync(new Product { Code = "RES", Name = "Widget", Stock = 1, Reserved = 2 }))[ValidationErrors.NonFieldErrors]);
        Assert.True((await Db.ValidateAsync(new Product { Code = "NUL", Name = "Widget", Stock = 1, Reserved = null })).IsEmpty);

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => Db.SaveAsync(new Product { Code = "NEG", Name = "Widget", Stock = -1 }));
        Assert.False(await Db.Products.ExistsAsync());
    }

    [Fact]
    public void Constraints_are_written_into_the_schema()
    {
        var sql = SqliteDialect.Instance.CreateTableSql(Product.Schema);
        Assert.Contains("\"code\" varchar(20) NOT NULL UNIQUE", sql, StringComparison.Ordinal);
        Assert.Contains("CONSTRAINT \"kitchen_product_stock_covers_reserved\" CHECK ((\"stock\" >= 0 AND (\"reserved\" IS NULL OR \"reserved\" <= \"stock\")))", sql, StringComparison.Ordinal);
        Assert.Matches("CONSTRAINT \"kitchen_product_name_price_[0-9a-f]{8}_uniq\" UNIQUE \\(\"name\", \"price\"\\)", sql);
        var indexes = SqliteDialect.Instance.CreateIndexesSql(Product.Schema).ToList();
        Assert.Contains("CREATE INDEX \"product_kind_size\" ON \"kitchen_product\" (\"kind\", \"size\")", indexes);
        Assert.Contains(indexes, i => System.Text.RegularExpressions.Regex.IsMatch(i, "^CREATE INDEX \"kitchen_product_stock_[0-9a-f]{8}\" ON \"kitchen_product\" \\(\"stock\"\\)$"));
    }
}
