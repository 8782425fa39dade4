using System.Globalization;
using System.IO.Hashing;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Shared;

namespace Parvis.Web.Kernel.OpenData;

/// <summary>A dataset as the open-data pages and the API's list show it: its title, explanation, row count and addresses.</summary>
public sealed record DatasetSummary(Dataset Dataset, string Title, string About, int Count, string Query)
{
    public string Page => $"/open-data/{Dataset.Key}{Query}";
    public string File(string format) => $"/open-data/{Dataset.Key}.{format}{Query}";
    public string Api => $"/api/v1/datasets/{Dataset.Key}{Query}";
    public string Schema => OpenDataService.Schema(Dataset);

    /// <summary>"?process=…" for one process's data, empty for the organisation's.</summary>
    public static string QueryOf(string? process) => process is null ? "" : $"?process={Uri.EscapeDataString(process)}";
}

/// <summary>
/// The organisation's open data, for the pages, the files and the API alike: the scope a request asks for (every
/// published process, or one), the licence, the pseudonyms, and each dataset's files written whole.
/// </summary>
public sealed class OpenDataService(ParvisDbContext db, CurrentOrganisation organisation, ModuleCatalog modules,
    IEnumerable<IContributionSource> sources, IStringLocalizer<SharedText> text, TimeProvider clock)
{
    public Licence Licence => Licences.Of(organisation.Value.DataLicence);

    public IReadOnlyList<Dataset> Datasets => modules.Datasets;

    /// <summary>What a request reads: one published process (by its address), or all of them; null for no such process.</summary>
    public async Task<DatasetScope?> ScopeAsync(string? process, DateTimeOffset? since = null, DateTimeOffset? until = null)
    {
        var published = db.Processes.Where(p => p.OrganisationId == organisation.Id && p.Published);
        if (process is not null)
        {
            var id = await published.Where(p => p.Slug == process).Select(p => (Guid?)p.Id).FirstOrDefaultAsync();
            if (id is not { } found)
            {
                return null;
            }
            published = published.Where(p => p.Id == found);
        }
        return new DatasetScope(published.Select(p => p.Id), published.SelectMany(p => p.Components).Where(c => c.Enabled),
            ShownContributions.Withheld(db, sources), clock.GetUtcNow(), since, until);
    }

    public Task<Pseudonyms> PseudonymsAsync(CancellationToken cancellationToken) => Pseudonyms.ForAsync(db, organisation.Id, cancellationToken);

    /// <summary>Each dataset (of the module, if given) with its row count in the scope, for a list.</summary>
    public async Task<IReadOnlyList<DatasetSummary>> SummariesAsync(DatasetScope scope, string? process, string? module, CancellationToken cancellationToken)
    {
        var summaries = new List<DatasetSummary>();
        foreach (var dataset in Datasets.Where(d => module is null || d.Module == module))
        {
            summaries.Add(await SummaryAsync(dataset, scope, process, cancellationToken));
        }
        return summaries;
    }

    public async Task<DatasetSummary> SummaryAsync(Dataset dataset, DatasetScope scope, string? process, CancellationToken cancellationToken)
    {
        return new DatasetSummary(dataset, text[dataset.TitleKey], text[dataset.AboutKey], await dataset.CountAsync(db, scope, cancellationToken),
            DatasetSummary.QueryOf(process));
    }

    /// <summary>
    /// Writes a whole file of the dataset as its rows are read, without holding a transaction open while a slow client
    /// downloads it; a JSON file counts its rows as it writes them.
    /// </summary>
    public async Task WriteFileAsync(Dataset dataset, DatasetScope scope, string? process, string format, HttpResponse response, CancellationToken cancellationToken)
    {
        var writer = new DatasetWriter(dataset, await PseudonymsAsync(cancellationToken));
        var rows = dataset.AllAsync(db, scope, cancellationToken);
        var name = $"{organisation.Value.Slug}-{(process is null ? "" : process + "-")}{dataset.Key}";
        // Read afresh each time: what moderation hides leaves the files at once, and their texts follow the reader's language.
        response.Headers.CacheControl = "no-cache";
        response.Headers.Link = $"<{organisation.Link(Schema(dataset))}>; rel=\"describedby\"";
        if (format == "csv")
        {
            response.ContentType = Text.Spreadsheets.CsvType;
            response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
            await writer.WriteCsvAsync(rows, response.Body, cancellationToken);
            return;
        }
        var file = new DatasetFile(dataset, text[dataset.TitleKey], Licence, clock.GetUtcNow(), organisation.Link(Schema(dataset)), process);
        response.Headers.ContentDisposition = $"inline; filename=\"{name}.{format}\"";
        if (format == "geojson")
        {
            response.ContentType = DatasetWriter.GeoJsonType;
            await writer.WriteGeoJsonAsync(file, rows, response.Body, cancellationToken);
        }
        else
        {
            response.ContentType = DatasetWriter.JsonType;
            await writer.WriteJsonAsync(file, rows, response.Body, cancellationToken);
        }
    }

    /// <summary>
    /// The organisation's (or a process's) Data Package (https://specs.frictionlessdata.io/data-package/): every
    /// dataset as a resource with its CSV's address, its schema, its row count, the licence and the date.
    /// </summary>
    public async Task<byte[]> DataPackageAsync(DatasetScope scope, string? process, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, DatasetWriter.Json with { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("name", (organisation.Value.Slug + (process is null ? "" : "-" + process)).ToLowerInvariant());
            json.WriteString("title", text["OpenData.PackageTitle", organisation.Value.Name].Value);
            json.WriteString("created", clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("homepage", organisation.Link(process is null ? "/open-data" : $"/processes/{process}/open-data"));
            json.WriteStartArray("licenses");
            Licence.Write(json);
            json.WriteEndArray();
            json.WriteStartArray("resources");
            foreach (var summary in await SummariesAsync(scope, process, null, cancellationToken))
            {
                json.WriteStartObject();
                json.WriteString("name", summary.Dataset.Key);
                json.WriteString("title", summary.Title);
                json.WriteString("description", summary.About);
                json.WriteString("path", organisation.Link(summary.File("csv")));
                json.WriteString("format", "csv");
                json.WriteString("mediatype", "text/csv");
                json.WriteString("encoding", "utf-8");
                json.WriteString("schema", organisation.Link(Schema(summary.Dataset)));
                json.WriteNumber("count", summary.Count);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>The address of the dataset's schema.</summary>
    public static string Schema(Dataset dataset) => $"/open-data/{dataset.Key}.schema.json";

    /// <summary>The dataset of that key, none for a key no module declares.</summary>
    public Dataset? Dataset(string? key) => modules.Dataset(key ?? "");

    /// <summary>The dataset's Table Schema, with its descriptions in the reader's language.</summary>
    public byte[] TableSchema(Dataset dataset)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, DatasetWriter.Json with { Indented = true }))
        {
            DatasetWriter.WriteSchema(json, dataset, text);
        }
        return stream.ToArray();
    }

    /// <summary>A strong validator of a body: the same bytes, the same tag, on every node.</summary>
    public static string ETagOf(ReadOnlySpan<byte> body) => $"\"{Convert.ToHexStringLower(XxHash128.Hash(body))}\"";
}
