using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Kernel.OpenData;

/// <summary>
/// The one way a dataset's rows are written, in its files (CSV, JSON, GeoJSON) and in the API's answers, with its
/// Table Schema: a field's value is <see cref="DatasetField.Value"/> wherever it goes.
/// </summary>
public sealed class DatasetWriter(Dataset dataset, Pseudonyms pseudonyms)
{
    public const string JsonType = "application/json; charset=utf-8";
    public const string GeoJsonType = "application/geo+json; charset=utf-8";
    public const string SchemaType = "application/schema+json; charset=utf-8";

    // Rows are written out this many at a time, so a large file never sits whole in memory.
    private const int Chunk = 500;

    public static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// RFC 4180 CSV (comma, UTF-8 without byte order mark, a header of the schema's names); a cell a spreadsheet would
    /// run as a formula has a quote before it, as in every CSV Parvis writes (<see cref="Spreadsheets.Neutralise"/>).
    /// </summary>
    public async Task WriteCsvAsync(IAsyncEnumerable<DatasetRow> rows, Stream output, CancellationToken cancellationToken)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            ShouldQuote = args => args.Field?.StartsWith('\'') == true || ConfigurationFunctions.ShouldQuote(args),
        });
        foreach (var field in dataset.Fields)
        {
            csv.WriteField(field.Name);
        }
        await csv.NextRecordAsync();
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var field in dataset.Fields)
            {
                csv.WriteField(Spreadsheets.Neutralise(Cell(field.Value(row, pseudonyms))));
            }
            await csv.NextRecordAsync();
            if (++written % Chunk == 0)
            {
                await FlushAsync(csv, text, output, cancellationToken);
            }
        }
        await FlushAsync(csv, text, output, cancellationToken);
    }

    /// <summary>A row as one JSON object, its fields in the schema's order.</summary>
    public void WriteRow(Utf8JsonWriter json, DatasetRow row)
    {
        json.WriteStartObject();
        WriteFields(json, row, dataset.Fields);
        json.WriteEndObject();
    }

    /// <summary>The JSON file: what it is, its licence, when it was made, the rows, then how many they are.</summary>
    public async Task WriteJsonAsync(DatasetFile file, IAsyncEnumerable<DatasetRow> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, Json);
        json.WriteStartObject();
        file.WriteDescription(json);
        json.WriteStartArray("rows");
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            WriteRow(json, row);
            if (++written % Chunk == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }
        json.WriteEndArray();
        // Counted as written, so the count is the file's own whatever was added meanwhile.
        json.WriteNumber("count", written);
        json.WriteEndObject();
    }

    /// <summary>
    /// GeoJSON (RFC 7946): a feature per row, its point from the row's longitude and latitude (none where the place
    /// has no coordinates), its other fields as properties; the file's description as foreign members.
    /// </summary>
    public async Task WriteGeoJsonAsync(DatasetFile file, IAsyncEnumerable<DatasetRow> rows, Stream output, CancellationToken cancellationToken)
    {
        var latitude = dataset.Fields.Single(f => f.Place == Coordinate.Latitude);
        var longitude = dataset.Fields.Single(f => f.Place == Coordinate.Longitude);
        var properties = dataset.Fields.Where(f => f.Place is null).ToList();
        await using var json = new Utf8JsonWriter(output, Json);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        file.WriteDescription(json);
        json.WriteStartArray("features");
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteString("id", row.Id.ToString());
            if (latitude.Value(row, pseudonyms) is double y && longitude.Value(row, pseudonyms) is double x)
            {
                json.WriteStartObject("geometry");
                json.WriteString("type", "Point");
                json.WriteStartArray("coordinates");
                json.WriteNumberValue(x);
                json.WriteNumberValue(y);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("geometry");
            }
            json.WriteStartObject("properties");
            WriteFields(json, row, properties);
            json.WriteEndObject();
            json.WriteEndObject();
            if (++written % Chunk == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }
        json.WriteEndArray();
        json.WriteNumber("count", written);
        json.WriteEndObject();
    }

    /// <summary>Its Table Schema (https://specs.frictionlessdata.io/table-schema/): each field's name, type, description and constraints.</summary>
    public static void WriteSchema(Utf8JsonWriter json, Dataset dataset, IStringLocalizer text)
    {
        json.WriteStartObject();
        json.WriteStartArray("fields");
        foreach (var field in dataset.Fields)
        {
            json.WriteStartObject();
            json.WriteString("name", field.Name);
            json.WriteString("type", TableSchemaType(field.Type));
            if (field.Type == FieldType.Moment)
            {
                // Always UTC, with a Z.
                json.WriteString("format", "%Y-%m-%dT%H:%M:%SZ");
            }
            else if (field.IsId)
            {
                json.WriteString("format", "uuid");
            }
            json.WriteString("description", field.Description(dataset, text));
            if (field.Required || field.Values is not null)
            {
                json.WriteStartObject("constraints");
                if (field.Required)
                {
                    json.WriteBoolean("required", true);
                }
                if (field.Values is { } values)
                {
                    json.WriteStartArray("enum");
                    foreach (var value in values)
                    {
                        json.WriteStringValue(value);
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("primaryKey", "id");
        json.WriteStartArray("missingValues");
        json.WriteStringValue("");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string TableSchemaType(FieldType type) => type switch
    {
        FieldType.WholeNumber => "integer",
        FieldType.Number => "number",
        FieldType.Flag => "boolean",
        FieldType.Moment => "datetime",
        FieldType.Day => "date",
        _ => "string",
    };

    private void WriteFields(Utf8JsonWriter json, DatasetRow row, IEnumerable<DatasetField> fields)
    {
        foreach (var field in fields)
        {
            json.WritePropertyName(field.Name);
            switch (field.Value(row, pseudonyms))
            {
                case null:
                    json.WriteNullValue();
                    break;
                case string value:
                    json.WriteStringValue(value);
                    break;
                case long value:
                    json.WriteNumberValue(value);
                    break;
                case double value:
                    json.WriteNumberValue(value);
                    break;
                case bool value:
                    json.WriteBooleanValue(value);
                    break;
            }
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        var other => (string)other,
    };

    private static async Task FlushAsync(CsvWriter csv, StringWriter text, Stream output, CancellationToken cancellationToken)
    {
        await csv.FlushAsync();
        var builder = text.GetStringBuilder();
        if (builder.Length == 0)
        {
            return;
        }
        await output.WriteAsync(Encoding.UTF8.GetBytes(builder.ToString()), cancellationToken);
        builder.Clear();
    }
}

/// <summary>What a file says of itself before its rows: its dataset, title, licence, date and schema (its count follows the rows).</summary>
public sealed record DatasetFile(Dataset Dataset, string Title, Licence Licence, DateTimeOffset Generated, string Schema, string? Process)
{
    public void WriteDescription(Utf8JsonWriter json)
    {
        json.WriteString("dataset", Dataset.Key);
        json.WriteString("title", Title);
        if (Process is not null)
        {
            json.WriteString("process", Process);
        }
        json.WritePropertyName("licence");
        Licence.Write(json);
        json.WriteString("generated", Generated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteString("schema", Schema);
    }
}
