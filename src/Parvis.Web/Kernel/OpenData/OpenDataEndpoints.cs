using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Kernel.OpenData;

/// <summary>
/// The open-data files (/open-data/{dataset}.csv, .json, .geojson, .schema.json, datapackage.json; ?process= for one
/// process's) and the read API (/api/v1/datasets, one address per dataset, described at /openapi/v1.json), without an
/// account, rate limited per visitor. No write: the API reads what the pages show.
/// </summary>
public static class OpenDataEndpoints
{
    public const string ApiBase = "/api/v1";
    public const int DefaultLimit = 100;

    public static void MapOpenData(this WebApplication app)
    {
        var files = app.MapGroup("/open-data").RequireRateLimiting(RateLimits.OpenData).ExcludeFromDescription();
        files.MapGet("/datapackage.json", async (string? process, OpenDataService data, CancellationToken cancellationToken) =>
            await data.ScopeAsync(process) is { } scope
                ? Results.File(await data.DataPackageAsync(scope, process, cancellationToken), DatasetWriter.JsonType)
                : Results.NotFound());
        files.MapGet("/{key}.{format}", async (string key, string format, string? process, OpenDataService data, HttpContext context) =>
        {
            if (key.EndsWith(".schema", StringComparison.Ordinal) && format == "json")
            {
                return data.Dataset(key[..^".schema".Length]) is { } described
                    ? Results.File(data.TableSchema(described), DatasetWriter.SchemaType)
                    : Results.NotFound();
            }
            var dataset = data.Dataset(key);
            if (dataset is null || format is not ("csv" or "json" or "geojson") || (format == "geojson" && !dataset.HasPlaces)
                || await data.ScopeAsync(process) is not { } scope)
            {
                return Results.NotFound();
            }
            await data.WriteFileAsync(dataset, scope, process, format, context.Response, context.RequestAborted);
            return Results.Empty;
        });

        var api = app.MapGroup(ApiBase).RequireRateLimiting(RateLimits.OpenData).WithTags("open-data");
        api.MapGet("/datasets", ListAsync).WithName("datasets");
        foreach (var dataset in app.Services.GetRequiredService<ModuleCatalog>().Datasets)
        {
            api.MapGet($"/datasets/{dataset.Key}", (OpenDataService data, CurrentOrganisation organisation, ParvisDbContext db, HttpContext context) =>
                PageAsync(dataset, data, organisation, db, context))
                .WithName(dataset.Key).WithTags(dataset.Module).WithMetadata(dataset);
        }
        app.MapOpenApi().RequireRateLimiting(RateLimits.OpenData);
    }

    /// <summary>Every dataset (of one module, with ?module=) with its row count and addresses.</summary>
    private static async Task<IResult> ListAsync(OpenDataService data, CurrentOrganisation organisation, HttpContext context)
    {
        var query = context.Request.Query;
        var process = query["process"].FirstOrDefault();
        var module = query["module"].FirstOrDefault();
        if (await data.ScopeAsync(process) is not { } scope)
        {
            return NoProcess(context);
        }
        var summaries = await data.SummariesAsync(scope, process, module, context.RequestAborted);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, DatasetWriter.Json))
        {
            json.WriteStartObject();
            json.WritePropertyName("licence");
            data.Licence.Write(json);
            json.WriteStartArray("items");
            foreach (var summary in summaries)
            {
                json.WriteStartObject();
                json.WriteString("key", summary.Dataset.Key);
                json.WriteString("module", summary.Dataset.Module);
                json.WriteString("title", summary.Title);
                json.WriteString("description", summary.About);
                json.WriteNumber("count", summary.Count);
                json.WriteString("api", organisation.Link(summary.Api));
                json.WriteString("page", organisation.Link(summary.Page));
                json.WriteString("csv", organisation.Link(summary.File("csv")));
                json.WriteString("json", organisation.Link(summary.File("json")));
                if (summary.Dataset.HasPlaces)
                {
                    json.WriteString("geojson", organisation.Link(summary.File("geojson")));
                }
                json.WriteString("schema", organisation.Link(summary.Schema));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Tagged(context, stream.ToArray(), null);
    }

    /// <summary>One page of a dataset: keyset by id (?after=), ?limit= up to 200, ?process=, ?since= and ?until= on its date.</summary>
    private static async Task<IResult> PageAsync(Dataset dataset, OpenDataService data, CurrentOrganisation organisation, ParvisDbContext db, HttpContext context)
    {
        var query = context.Request.Query;
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedText>>();
        var errors = new Dictionary<string, string[]>();
        var process = query["process"].FirstOrDefault();
        var since = Moment(query, "since", dataset, errors, text);
        var until = Moment(query, "until", dataset, errors, text);
        Guid? after = null;
        if (query["after"].FirstOrDefault() is { } afterText)
        {
            if (Guid.TryParse(afterText, out var id))
            {
                after = id;
            }
            else
            {
                errors["after"] = [text["ApiError.After"]];
            }
        }
        var limit = DefaultLimit;
        if (query["limit"].FirstOrDefault() is { } limitText && !(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= Dataset.PageMax))
        {
            errors["limit"] = [text["ApiError.Limit", Dataset.PageMax]];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: text["ApiError.Title"]);
        }
        if (await data.ScopeAsync(process, since, until) is not { } scope)
        {
            return NoProcess(context);
        }
        var rows = await dataset.PageAsync(db, scope, after, limit + 1, context.RequestAborted);
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            var parameters = new List<string>();
            foreach (var (name, value) in new[] { ("process", process), ("since", query["since"].FirstOrDefault()), ("until", query["until"].FirstOrDefault()) })
            {
                if (value is not null)
                {
                    parameters.Add($"{name}={Uri.EscapeDataString(value)}");
                }
            }
            parameters.Add($"after={rows[^1].Id}");
            parameters.Add($"limit={limit}");
            next = organisation.Link($"{ApiBase}/datasets/{dataset.Key}?{string.Join('&', parameters)}");
        }
        var writer = new DatasetWriter(dataset, await data.PseudonymsAsync(context.RequestAborted));
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, DatasetWriter.Json))
        {
            json.WriteStartObject();
            json.WriteString("dataset", dataset.Key);
            json.WritePropertyName("licence");
            data.Licence.Write(json);
            json.WriteStartArray("items");
            foreach (var row in rows)
            {
                writer.WriteRow(json, row);
            }
            json.WriteEndArray();
            if (next is null)
            {
                json.WriteNull("next");
            }
            else
            {
                json.WriteString("next", next);
            }
            json.WriteEndObject();
        }
        return Tagged(context, stream.ToArray(), next);
    }

    private static DateTimeOffset? Moment(IQueryCollection query, string name, Dataset dataset, Dictionary<string, string[]> errors, IStringLocalizer text)
    {
        if (query[name].FirstOrDefault() is not { } written)
        {
            return null;
        }
        if (dataset.Dated is null)
        {
            errors[name] = [text["ApiError.NoDate"]];
            return null;
        }
        if (DateTimeOffset.TryParse(written, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            // Compared with what is stored in UTC: PostgreSQL takes no other offset, and SQLite's stored ticks are UTC's.
            return moment.ToUniversalTime();
        }
        errors[name] = [text["ApiError.Date"]];
        return null;
    }

    /// <summary>The body with its ETag; a 304 when the client holds the same (If-None-Match).</summary>
    private static IResult Tagged(HttpContext context, byte[] body, string? next)
    {
        var tag = OpenDataService.ETagOf(body);
        context.Response.Headers.ETag = tag;
        context.Response.Headers.CacheControl = "no-cache";
        if (next is not null)
        {
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
        // A proxy may weaken the tag (W/"…"): for a 304 the weak comparison is the one that applies.
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Any(t => t == "*" || (t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t) == tag)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(body, DatasetWriter.JsonType);
    }

    private static IResult NoProcess(HttpContext context)
    {
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedText>>();
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: text["ApiError.NoProcess"], detail: text["Api.NotFound"]);
    }
}
