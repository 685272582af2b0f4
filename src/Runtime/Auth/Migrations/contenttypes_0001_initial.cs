// Written by Reinhardt's MigrationWriter from AuthDatabase.Tables (the models in Auth/AuthModels.cs). Django's app and table names.
using System.Collections.Generic;
using Reinhardt;
using Reinhardt.Data;
using Reinhardt.Data.Migrations;

namespace Reinhardt.Auth.Migrations.ContentTypes;

/// <summary>contenttypes.0001_initial</summary>
[RegisterMigration]
internal sealed class Migration_0001_initial : Migration
{
    public override string App => "contenttypes";

    public override string Name => "0001_initial";

    public override IReadOnlyList<(string App, string Name)> Dependencies => [];

    public override IReadOnlyList<MigrationOperation> Operations =>
    [
        new CreateModel(new TableSchema(
            "django_content_type",
            [
                new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
                new ColumnSchema("app_label", ColumnType.String, MaxLength: 100, Default: ""),
                new ColumnSchema("model", ColumnType.String, MaxLength: 100, Default: "")
            ],
            Constraints: [
                new UniqueConstraintSchema("django_content_type_app_label_model_76bd3d3b_uniq", ["app_label", "model"])
            ])),
    ];
}
