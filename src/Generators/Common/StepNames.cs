namespace Reinhardt.Generators.Common;

/// <summary>
/// Tracking names of incremental pipeline steps. Tests assert on these that an unrelated edit
/// leaves every step Cached or Unchanged.
/// </summary>
internal static class StepNames
{
    public const string ModelParse = nameof(ModelParse);
    public const string ModelSpecs = nameof(ModelSpecs);
    public const string ModelDiagnostics = nameof(ModelDiagnostics);
    public const string ModelRelations = nameof(ModelRelations);
    public const string ModelEmitSpecs = nameof(ModelEmitSpecs);
    public const string DatabaseParse = nameof(DatabaseParse);
    public const string DatabaseModels = nameof(DatabaseModels);
    public const string MigrationParse = nameof(MigrationParse);
    public const string DatabaseMigrations = nameof(DatabaseMigrations);
    public const string CommandParse = nameof(CommandParse);
    public const string DatabaseCommands = nameof(DatabaseCommands);
    public const string ViewParse = nameof(ViewParse);
    public const string ViewSpecs = nameof(ViewSpecs);
    public const string RouteTable = nameof(RouteTable);
    public const string ViewDiagnostics = nameof(ViewDiagnostics);
    public const string TemplateParse = nameof(TemplateParse);
    public const string TemplateLibrary = nameof(TemplateLibrary);
    public const string TemplateContextParse = nameof(TemplateContextParse);
    public const string TemplateDiagnostics = nameof(TemplateDiagnostics);
    public const string TemplateRoutes = nameof(TemplateRoutes);
    public const string TemplateRender = nameof(TemplateRender);
    public const string TemplateOutput = nameof(TemplateOutput);
    public const string FormParse = nameof(FormParse);
    public const string ModelFormParse = nameof(ModelFormParse);
    public const string FormSpecs = nameof(FormSpecs);
    public const string FormDiagnostics = nameof(FormDiagnostics);
    public const string AdminParse = nameof(AdminParse);
    public const string InlineParse = nameof(InlineParse);
    public const string AdminSpecs = nameof(AdminSpecs);
    public const string InlineSpecs = nameof(InlineSpecs);
    public const string AdminDiagnostics = nameof(AdminDiagnostics);

    /// <summary>Every step whose outputs must be cacheable.</summary>
    public static readonly string[] All = { ModelParse, ModelSpecs, ModelRelations, ModelEmitSpecs, ModelDiagnostics, DatabaseParse, DatabaseModels, DatabaseMigrations, DatabaseCommands };

    /// <summary>The view generator's steps.</summary>
    public static readonly string[] Views = { ViewParse, ViewSpecs, RouteTable, ViewDiagnostics };

    /// <summary>The template generator's steps.</summary>
    public static readonly string[] Templates = { TemplateParse, TemplateLibrary, TemplateContextParse, TemplateDiagnostics, TemplateRoutes, TemplateRender, TemplateOutput };

    /// <summary>The form generator's steps.</summary>
    public static readonly string[] Forms = { FormParse, ModelFormParse, FormSpecs, FormDiagnostics };

    /// <summary>The admin generator's steps.</summary>
    public static readonly string[] Admin = { AdminParse, InlineParse, AdminSpecs, InlineSpecs, AdminDiagnostics };
}
