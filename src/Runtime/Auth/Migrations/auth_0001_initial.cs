// Written by Reinhardt's MigrationWriter from AuthDatabase.Tables (the models in Auth/AuthModels.cs). Django's app and table names.
using System.Collections.Generic;
using Reinhardt;
using Reinhardt.Data;
using Reinhardt.Data.Migrations;

namespace Reinhardt.Auth.Migrations.Auth;

/// <summary>auth.0001_initial</summary>
[RegisterMigration]
internal sealed class Migration_0001_initial : Migration
{
    public override string App => "auth";

    public override string Name => "0001_initial";

    public override IReadOnlyList<(string App, string Name)> Dependencies => [("contenttypes", "0001_initial")];

    public override IReadOnlyList<MigrationOperation> Operations =>
    [
        new CreateModel(new TableSchema(
            "auth_group",
            [
                new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
                new ColumnSchema("name", ColumnType.String, MaxLength: 150, Unique: true, Default: "")
            ])),
        new CreateModel(new TableSchema(
            "auth_user",
            [
                new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
                new ColumnSchema("password", ColumnType.String, MaxLength: 128, Default: ""),
                new ColumnSchema("last_login", ColumnType.DateTimeOffset, Nullable: true),
                new ColumnSchema("is_superuser", ColumnType.Boolean),
                new ColumnSchema("username", ColumnType.String, MaxLength: 150, Unique: true, Default: ""),
                new ColumnSchema("first_name", ColumnType.String, MaxLength: 150, Default: ""),
                new ColumnSchema("last_name", ColumnType.String, MaxLength: 150, Default: ""),
                new ColumnSchema("email", ColumnType.String, MaxLength: 254, Default: ""),
                new ColumnSchema("is_staff", ColumnType.Boolean),
                new ColumnSchema("is_active", ColumnType.Boolean, Default: true),
                new ColumnSchema("date_joined", ColumnType.DateTimeOffset)
            ])),
        new CreateModel(new TableSchema(
            "auth_permission",
            [
                new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
                new ColumnSchema("name", ColumnType.String, MaxLength: 255, Default: ""),
                new ColumnSchema("content_type_id", ColumnType.Int64, ForeignKey: new ForeignKeySchema("django_content_type", "id", OnDelete.Cascade)),
                new ColumnSchema("codename", ColumnType.String, MaxLength: 100, Default: "")
            ],
            Constraints: [
                new UniqueConstraintSchema("auth_permission_content_type_id_codename_01ab375a_uniq", ["content_type_id", "codename"])
            ])),
        new CreateModel(new TableSchema(
            "auth_group_permissions",
            [
                new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
                new ColumnSchema("group_id", ColumnType.Int64, ForeignKey: new ForeignKeySchema("auth_group", "id", OnDelete.Cascade)),
                new ColumnSchema("permission_id", ColumnType.Int64, ForeignKey: new ForeignKeySchema("auth_permission", "id", OnDelete.Cascade))
            ],
            Constraints: [
                new UniqueConstraintSchema("auth_group_permissions_group_id_permission_id_0cd325b0_uniq", ["group_id", "permission_id"])
            ])),
        new CreateModel(new TableSchema(
            "auth_user_groups",
            [
                new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
                new ColumnSchema("user_id", ColumnType.Int64, ForeignKey: new ForeignKeySchema("auth_user", "id", OnDelete.Cascade)),
                new ColumnSchema("group_id", ColumnType.Int64, ForeignKey: new ForeignKeySchema("auth_group", "id", OnDelete.Cascade))
            ],
            Constraints: [
                new UniqueConstraintSchema("auth_user_groups_user_id_group_id_94350c0c_uniq", ["user_id", "group_id"])
            ])),
        new CreateModel(new TableSchema(
            "auth_user_user_permissions",
            [
                new ColumnSchema("id", ColumnType.Int64, PrimaryKey: true),
                new ColumnSchema("user_id", ColumnType.Int64, ForeignKey: new ForeignKeySchema("auth_user", "id", OnDelete.Cascade)),
                new ColumnSchema("permission_id", ColumnType.Int64, ForeignKey: new ForeignKeySchema("auth_permission", "id", OnDelete.Cascade))
            ],
            Constraints: [
                new UniqueConstraintSchema("auth_user_user_permissions_user_id_permission_id_14a6b632_uniq", ["user_id", "permission_id"])
            ])),
    ];
}
