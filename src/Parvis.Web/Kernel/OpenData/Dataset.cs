using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.OpenData;

/// <summary>
/// A row of a dataset: a class of init properties, each a field of the files and of the API (their names, in
/// snake_case unless <see cref="FieldAttribute"/> names them, their types and their order). Its id orders pages, the
/// same on every provider (in time order for version 7 ids; random ids, such as ballots', order nothing).
/// </summary>
public abstract class DatasetRow
{
    public Guid Id { get; init; }
}

/// <summary>A field's name in the files when snake_case of the property's is not it (the Polis format's "comment-id").</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FieldAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>A person's id, written as their pseudonymous id (<see cref="Pseudonyms"/>), the same in every file.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PseudonymAttribute : Attribute;

/// <summary>The date the row is filtered by (since, until) and counted by on its page's chart: one per row class.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DatedAttribute : Attribute;

/// <summary>The latitude or the longitude of the row's place, written as its GeoJSON geometry.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlaceAttribute(Coordinate coordinate) : Attribute
{
    public Coordinate Coordinate { get; } = coordinate;
}

public enum Coordinate
{
    Latitude,
    Longitude,
}

/// <summary>Table Schema's field types (https://specs.frictionlessdata.io/table-schema/), as Parvis writes them.</summary>
public enum FieldType
{
    Text,
    WholeNumber,
    Number,
    Flag,
    Moment,
    Day,
}

/// <summary>One field of a dataset, from one property of its row.</summary>
public sealed class DatasetField
{
    internal DatasetField(PropertyInfo property)
    {
        Property = property;
        Name = property.GetCustomAttribute<FieldAttribute>()?.Name ?? SnakeCase(property.Name);
        Pseudonym = property.GetCustomAttribute<PseudonymAttribute>() is not null;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        Required = !Pseudonym && (property.PropertyType.IsValueType ? Nullable.GetUnderlyingType(property.PropertyType) is null
            : new NullabilityInfoContext().Create(property).ReadState == NullabilityState.NotNull);
        if (Pseudonym && type != typeof(Guid))
        {
            throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: a pseudonym is a person's id.");
        }
        Type = Pseudonym ? FieldType.Text : type switch
        {
            _ when type == typeof(string) || type == typeof(Guid) || type.IsEnum => FieldType.Text,
            _ when type == typeof(int) || type == typeof(long) => FieldType.WholeNumber,
            _ when type == typeof(double) || type == typeof(decimal) => FieldType.Number,
            _ when type == typeof(bool) => FieldType.Flag,
            _ when type == typeof(DateTimeOffset) => FieldType.Moment,
            _ when type == typeof(DateOnly) => FieldType.Day,
            _ => throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: no dataset field type for {type.Name}."),
        };
        IsId = type == typeof(Guid) && !Pseudonym;
        Values = type.IsEnum ? [.. Enum.GetNames(type).Select(SnakeCase)] : null;
        Place = property.GetCustomAttribute<PlaceAttribute>()?.Coordinate;
    }

    public PropertyInfo Property { get; }

    public string Name { get; }

    public FieldType Type { get; }

    public bool Required { get; }

    public bool Pseudonym { get; }

    /// <summary>An id (Table Schema's format "uuid").</summary>
    public bool IsId { get; }

    /// <summary>The values it may take, for an enumeration.</summary>
    public IReadOnlyList<string>? Values { get; }

    public Coordinate? Place { get; }

    /// <summary>
    /// Its description: the dataset's own ("Data.{dataset}.{field}"), else the one every dataset shares for a field of
    /// that name ("Data.Field.{field}": an id, a process, a channel, a fate).
    /// </summary>
    public string Description(Dataset dataset, Microsoft.Extensions.Localization.IStringLocalizer text) =>
        text[$"Data.{dataset.Key}.{Name}"] is { ResourceNotFound: false } own ? own.Value : text[$"Data.Field.{Name}"].Value;

    /// <summary>
    /// The value as every file and the API write it: null, a string, a long, a double or a bool. Dates are UTC and
    /// ISO 8601; enumerations their snake_case name; a person their pseudonymous id.
    /// </summary>
    public object? Value(DatasetRow row, Pseudonyms pseudonyms) => Property.GetValue(row) switch
    {
        null => null,
        Guid person when Pseudonym => pseudonyms.Of(person),
        Guid id => id.ToString(),
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Enum value => SnakeCase(value.ToString()),
        int number => (long)number,
        long number => number,
        double number => number,
        decimal number => (double)number,
        bool flag => flag,
        string text => text,
        var other => throw new InvalidOperationException($"No value for {other.GetType().Name}."),
    };

    /// <summary>"CreatedAt" is "created_at".</summary>
    public static string SnakeCase(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                words.Append('_');
            }
            words.Append(char.ToLowerInvariant(name[i]));
        }
        return words.ToString();
    }
}

/// <summary>
/// What a dataset is read within: the organisation's published processes, or one of them, and dates. Each dataset
/// reads only what belongs to <see cref="Processes"/>.
/// </summary>
/// <param name="Processes">The published processes read: all of them, or the one asked for.</param>
/// <param name="Components">Their components in use: a module's content in a component switched off is not public.</param>
/// <param name="Withheld">Every module's contributions no one may read by themselves yet.</param>
/// <param name="Now">The moment the data is read at, for what is public only from a time on (a vote's ballots once it closed).</param>
/// <param name="Since">Only rows dated at or after it.</param>
/// <param name="Until">Only rows dated before it.</param>
public sealed record DatasetScope(IQueryable<Guid> Processes, IQueryable<Processes.ProcessComponent> Components, IReadOnlyList<IQueryable<Guid>> Withheld,
    DateTimeOffset Now, DateTimeOffset? Since = null, DateTimeOffset? Until = null)
{
    /// <summary>The processes that use the module (a component of it in use).</summary>
    public IQueryable<Guid> Using(string module) => Components.Where(c => c.Module == module).Select(c => c.ProcessId);

    /// <summary>The module's components in use, for a module a process may use several times (its content keeps its component).</summary>
    public IQueryable<Guid> ComponentsOf(string module) => Components.Where(c => c.Module == module).Select(c => c.Id);

    /// <summary>The contributions anyone may read (<see cref="Contributions.ShownContributions"/>) of the scope's processes.</summary>
    public IQueryable<T> Shown<T>(IQueryable<T> contributions) where T : Contributions.Contribution => Shown(contributions, Processes);

    /// <summary>The module's contributions anyone may read, in the processes that use it.</summary>
    public IQueryable<T> Shown<T>(IQueryable<T> contributions, string module) where T : Contributions.Contribution => Shown(contributions, Using(module));

    private IQueryable<T> Shown<T>(IQueryable<T> contributions, IQueryable<Guid> processes) where T : Contributions.Contribution =>
        Contributions.ShownContributions.Among(contributions.Where(c => processes.Contains(c.ProcessId)), Withheld);
}

/// <summary>
/// A dataset of open data (the kernel's or a module's, declared in its manifest): one stable address per format, a
/// schema, a plain-language page. Its rows are public only: each dataset leaves out what moderation hid, what authors
/// erased and anything personal (a person shows only as a pseudonymous id).
/// </summary>
public abstract class Dataset
{
    /// <summary>The most rows an API page holds.</summary>
    public const int PageMax = 200;

    protected Dataset(string key, string module, Type row)
    {
        Key = key;
        Module = module;
        Fields = [.. row.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(p => p.DeclaringType == typeof(DatasetRow) ? 0 : 1)
            .ThenBy(p => p.MetadataToken)
            .Select(p => new DatasetField(p))];
        var dated = row.GetProperties().Where(p => p.GetCustomAttribute<DatedAttribute>() is not null).ToList();
        Dated = dated.Count <= 1 ? Fields.SingleOrDefault(f => f.Property == dated.FirstOrDefault())
            : throw new InvalidOperationException($"The dataset \"{key}\" names {dated.Count} dated fields: one at most.");
        if (Dated is { Type: not FieldType.Moment })
        {
            throw new InvalidOperationException($"The dataset \"{key}\"'s dated field must be a moment.");
        }
        var places = Fields.Where(f => f.Place is not null).ToList();
        HasPlaces = places.Count switch
        {
            0 => false,
            2 when places.Select(p => p.Place).Distinct().Count() == 2 => true,
            _ => throw new InvalidOperationException($"The dataset \"{key}\" must have a latitude and a longitude, or neither."),
        };
    }

    /// <summary>Its address and name: "processes", or a module's, starting with the module's name ("proposals-comments").</summary>
    public string Key { get; }

    /// <summary>The module that declares it, or "kernel".</summary>
    public string Module { get; }

    public IReadOnlyList<DatasetField> Fields { get; }

    /// <summary>The moment its rows are filtered and charted by; none for a dataset without one (the phases, by days).</summary>
    public DatasetField? Dated { get; }

    /// <summary>Whether it has a latitude and a longitude (a GeoJSON file besides CSV and JSON).</summary>
    public bool HasPlaces { get; }

    /// <summary>The text keys of its title and its explanation (its fields: <see cref="DatasetField.Description"/>).</summary>
    public string TitleKey => $"Data.{Key}";

    public string AboutKey => $"Data.{Key}.About";

    /// <summary>Every row in the scope, in the order of their ids.</summary>
    public abstract IAsyncEnumerable<DatasetRow> AllAsync(ParvisDbContext db, DatasetScope scope, CancellationToken cancellationToken);

    /// <summary>At most <paramref name="limit"/> rows after the one whose id is given (keyset: a page never shifts when rows are added).</summary>
    public abstract Task<List<DatasetRow>> PageAsync(ParvisDbContext db, DatasetScope scope, Guid? after, int limit, CancellationToken cancellationToken);

    public abstract Task<int> CountAsync(ParvisDbContext db, DatasetScope scope, CancellationToken cancellationToken);

    /// <summary>The first and last dates of the rows in the scope, none when it has no row.</summary>
    public abstract Task<(DateTimeOffset First, DateTimeOffset Last)?> SpanAsync(ParvisDbContext db, DatasetScope scope, CancellationToken cancellationToken);

    /// <summary>Declares a dataset whose rows <paramref name="rows"/> reads (an EF query projected into its row class).</summary>
    public static Dataset Of<TRow>(string key, string module, Func<ParvisDbContext, DatasetScope, IQueryable<TRow>> rows)
        where TRow : DatasetRow => new Dataset<TRow>(key, module, rows);
}

/// <summary>A dataset whose rows are of one class, read by one query.</summary>
public sealed class Dataset<TRow>(string key, string module, Func<ParvisDbContext, DatasetScope, IQueryable<TRow>> rows)
    : Dataset(key, module, typeof(TRow))
    where TRow : DatasetRow
{
    public override async IAsyncEnumerable<DatasetRow> AllAsync(ParvisDbContext db, DatasetScope scope,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Query(db, scope).OrderBy(r => r.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    public override async Task<List<DatasetRow>> PageAsync(ParvisDbContext db, DatasetScope scope, Guid? after, int limit, CancellationToken cancellationToken)
    {
        var query = Query(db, scope);
        if (after is { } last)
        {
            query = query.Where(r => r.Id.CompareTo(last) > 0);
        }
        return [.. await query.OrderBy(r => r.Id).Take(limit).ToListAsync(cancellationToken)];
    }

    public override Task<int> CountAsync(ParvisDbContext db, DatasetScope scope, CancellationToken cancellationToken) =>
        Query(db, scope).CountAsync(cancellationToken);

    public override async Task<(DateTimeOffset First, DateTimeOffset Last)?> SpanAsync(ParvisDbContext db, DatasetScope scope, CancellationToken cancellationToken)
    {
        if (Date() is not { } dated)
        {
            return null;
        }
        var query = Query(db, scope);
        var first = await query.OrderBy(dated).Select(dated).FirstOrDefaultAsync(cancellationToken);
        var last = await query.OrderByDescending(dated).Select(dated).FirstOrDefaultAsync(cancellationToken);
        return first is { } from && last is { } to ? (from, to) : null;
    }

    /// <summary>The rows, within the scope's dates.</summary>
    private IQueryable<TRow> Query(ParvisDbContext db, DatasetScope scope)
    {
        var query = rows(db, scope).AsNoTracking();
        if (Date() is not { } date)
        {
            return query;
        }
        if (scope.Since is { } since)
        {
            query = query.Where(Compare(date, since, Expression.GreaterThanOrEqual));
        }
        if (scope.Until is { } until)
        {
            query = query.Where(Compare(date, until, Expression.LessThan));
        }
        return query;
    }

    /// <summary>r => r.{Dated} as a nullable moment, whatever the property's own nullability; none without a dated field.</summary>
    private Expression<Func<TRow, DateTimeOffset?>>? Date()
    {
        if (Dated is null)
        {
            return null;
        }
        var row = Expression.Parameter(typeof(TRow), "r");
        return Expression.Lambda<Func<TRow, DateTimeOffset?>>(Expression.Convert(Expression.Property(row, Dated.Property), typeof(DateTimeOffset?)), row);
    }

    private static Expression<Func<TRow, bool>> Compare(Expression<Func<TRow, DateTimeOffset?>> date, DateTimeOffset moment,
        Func<Expression, Expression, BinaryExpression> comparison)
    {
        // A captured value, so EF sends it as a parameter through the column's conversion.
        var bound = new { Moment = (DateTimeOffset?)moment };
        var value = Expression.Property(Expression.Constant(bound), nameof(bound.Moment));
        return Expression.Lambda<Func<TRow, bool>>(comparison(date.Body, value), date.Parameters);
    }
}
