using System;
using System.Collections.Generic;
using System.Linq;
using System.Collections.Immutable;
using Reinhardt.Generators.Common;

namespace Reinhardt.Generators.Models;

/// <summary>One reverse relation, keyed by the model that receives it.</summary>
internal sealed record ReverseRelationEntry(string TargetType, ReverseRelationSpec Relation);

/// <summary>What models know about each other: reverse accessors and the table creation order.</summary>
internal static class ModelRelations
{
    /// <summary>Every relation of every model, as the reverse accessor its target gets; sorted for stability.</summary>
    public static EquatableArray<ReverseRelationEntry> ReverseIndex(ImmutableArray<ModelSpec> models) =>
        models
            .SelectMany(model => model.Fields
                .Where(f => f.Relation is not null)
                .Select(f => new ReverseRelationEntry(
                    f.Relation!.TargetType,
                    new ReverseRelationSpec(f.Relation.RelatedName, model.Hierarchy.FullyQualifiedName, f.PropertyName, f.TypeName)))
                .Concat(model.ManyToMany.Select(m => new ReverseRelationEntry(
                    m.TargetType,
                    new ReverseRelationSpec(m.RelatedName, model.Hierarchy.FullyQualifiedName, string.Empty, string.Empty)
                    {
                        Through = (m.ThroughTable, m.TargetColumn, m.OwnerColumn),
                    }))))
            .OrderBy(e => e.TargetType, StringComparer.Ordinal)
            .ThenBy(e => e.Relation.Name, StringComparer.Ordinal)
            .ToEquatableArray();

    public static ModelEmitSpec EmitSpecFor(ModelSpec model, EquatableArray<ReverseRelationEntry> index) =>
        new(model, index.Where(e => e.TargetType == model.Hierarchy.FullyQualifiedName).Select(e => e.Relation).ToEquatableArray());

    public static DatabaseModelSpec DatabaseModel(ModelSpec spec) => new(
        spec.Hierarchy.FullyQualifiedName,
        spec.PluralName,
        spec.TableName,
        spec.Fields.Where(f => f.Relation is not null).Select(f => f.Relation!.TargetTable).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToEquatableArray(),
        spec.ManyToMany.Where(m => m.AutoThrough).Select(m => spec.Hierarchy.FullyQualifiedName + "." + m.PropertyName + "Through").ToEquatableArray(),
        spec.AppLabel,
        spec.Hierarchy.TypeName.ToLowerInvariant(),
        IdentifierCase.ToSnakeCase(spec.Hierarchy.TypeName).Replace('_', ' '));

    /// <summary>Models sorted by table name, then moved so every referenced table comes before its referrers.</summary>
    public static EquatableArray<DatabaseModelSpec> DependencyOrder(ImmutableArray<DatabaseModelSpec> models)
    {
        var remaining = models.OrderBy(m => m.TableName, StringComparer.Ordinal).ToList();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<DatabaseModelSpec>(remaining.Count);
        while (remaining.Count > 0)
        {
            // the first model whose references are placed (or point outside the set, or at itself);
            // a cycle falls back to name order, which deferred foreign keys allow
            var next = remaining.FirstOrDefault(m => m.References.All(r => placed.Contains(r) || r == m.TableName || !remaining.Any(o => o.TableName == r)))
                ?? remaining[0];
            remaining.Remove(next);
            placed.Add(next.TableName);
            ordered.Add(next);
        }

        return ordered.ToEquatableArray();
    }
}
