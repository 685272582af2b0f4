// Django's admin.0001_initial (django_admin_log), as Reinhardt's MigrationWriter writes LogEntry.Schema.
using System.Collections.Generic;
using Reinhardt;
using Reinhardt.Data;
using Reinhardt.Data.Migrations;

namespace Reinhardt.Admin.Migrations.Admin;

/// <summary>admin.0001_initial</summary>
[RegisterMigration]
internal sealed class Migration_0001_initial : Migration
{
    public override string App => "admin";

    public override string Name => "0001_initial";

    public override IReadOnlyList<(string App, string Name)> Dependencies => [("auth", "0001_initial"), ("contenttypes", "0001_initial")];

    public override IReadOnlyList<MigrationOperation> Operations =>
    [
        new CreateModel(new TableSchema(
            "django_admin_log",
            [
                new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
                new ColumnSchema("action_time", ColumnType.DateTimeOffset),
                new ColumnSchema("user_id", ColumnType.Int64, ForeignKey: new ForeignKeySchema("auth_user", "id", OnDelete.Cascade)),
                new ColumnSchema("content_type_id", ColumnType.Int64, Nullable: true, ForeignKey: new ForeignKeySchema("django_content_type", "id", OnDelete.SetNull)),
                new ColumnSchema("object_id", ColumnType.Text, Nullable: true),
                new ColumnSchema("object_repr", ColumnType.String, MaxLength: 200, Default: ""),
                new ColumnSchema("action_flag", ColumnType.Int32),
                new ColumnSchema("change_message", ColumnType.Text, Default: "")
            ])),
    ];
}
