using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using Microsoft.OpenApi;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Shared;

namespace Parvis.Web.Kernel.OpenData;

/// <summary>
/// The read API's OpenAPI description (/openapi/v1.json, ASP.NET Core's generator): each dataset's answer described
/// from the same fields its rows are written from, so the description and the answers cannot drift apart; the server
/// is the organisation's configured address, never the request's Host.
/// </summary>
public static class ApiDescription
{
    public static IServiceCollection AddParvisApiDescription(this IServiceCollection services)
    {
        services.AddOpenApi(o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith(OpenDataEndpoints.ApiBase[1..] + "/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, context, _) =>
            {
                var request = context.ApplicationServices.GetRequiredService<IHttpContextAccessor>().HttpContext!.RequestServices;
                var organisation = request.GetRequiredService<CurrentOrganisation>();
                var text = request.GetRequiredService<IStringLocalizer<SharedText>>();
                var licence = Licences.Of(organisation.Value.DataLicence);
                document.Info = new OpenApiInfo
                {
                    Title = text["Api.Title", organisation.Value.Name],
                    Description = text["Api.Description"],
                    Version = "1",
                    License = new OpenApiLicense { Name = licence.Title, Url = new Uri(licence.Address) },
                };
                document.Servers = [new OpenApiServer { Url = organisation.Link("") }];
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var request = context.ApplicationServices.GetRequiredService<IHttpContextAccessor>().HttpContext!.RequestServices;
                var shared = request.GetRequiredService<IStringLocalizer<SharedText>>();
                var dataset = context.Description.ActionDescriptor.EndpointMetadata.OfType<Dataset>().FirstOrDefault();
                var parameters = new List<IOpenApiParameter> { Parameter("process", shared["Api.Process"], JsonSchemaType.String, null) };
                if (dataset is null)
                {
                    operation.Summary = shared["Api.Datasets"];
                    parameters.Add(Parameter("module", shared["Api.Module"], JsonSchemaType.String, null));
                    operation.Parameters = parameters;
                    operation.Responses = Answers(shared, List(shared));
                    return Task.CompletedTask;
                }
                operation.Summary = shared[dataset.TitleKey];
                operation.Description = shared[dataset.AboutKey];
                if (dataset.Dated is not null)
                {
                    parameters.Add(Parameter("since", shared["Api.Since", dataset.Dated.Name], JsonSchemaType.String, "date-time"));
                    parameters.Add(Parameter("until", shared["Api.Until", dataset.Dated.Name], JsonSchemaType.String, "date-time"));
                }
                parameters.Add(Parameter("after", shared["Api.After"], JsonSchemaType.String, "uuid"));
                var limit = Parameter("limit", shared["Api.Limit", OpenDataEndpoints.DefaultLimit, Dataset.PageMax], JsonSchemaType.Integer, null);
                ((OpenApiSchema)limit.Schema!).Minimum = "1";
                ((OpenApiSchema)limit.Schema!).Maximum = Dataset.PageMax.ToString(System.Globalization.CultureInfo.InvariantCulture);
                parameters.Add(limit);
                operation.Parameters = parameters;
                operation.Responses = Answers(shared, Page(dataset, shared));
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>A row's schema: each field with its JSON type, format, description, and null where it may be missing.</summary>
    public static OpenApiSchema Row(Dataset dataset, IStringLocalizer text)
    {
        var row = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>(), Required = new HashSet<string>() };
        foreach (var field in dataset.Fields)
        {
            var (type, format) = field.Type switch
            {
                FieldType.WholeNumber => (JsonSchemaType.Integer, null),
                FieldType.Number => (JsonSchemaType.Number, null),
                FieldType.Flag => (JsonSchemaType.Boolean, null),
                FieldType.Moment => (JsonSchemaType.String, "date-time"),
                FieldType.Day => (JsonSchemaType.String, "date"),
                _ => (JsonSchemaType.String, field.IsId ? "uuid" : null),
            };
            var schema = new OpenApiSchema
            {
                Type = field.Required ? type : type | JsonSchemaType.Null,
                Format = format,
                Description = field.Description(dataset, text),
            };
            if (field.Values is { } values)
            {
                schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)), .. field.Required ? Array.Empty<JsonNode>() : [null!]];
            }
            row.Properties[field.Name] = schema;
            row.Required.Add(field.Name);
        }
        return row;
    }

    private static OpenApiSchema Page(Dataset dataset, IStringLocalizer shared) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "dataset", "licence", "items", "next" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["dataset"] = new OpenApiSchema { Type = JsonSchemaType.String, Const = dataset.Key },
            ["licence"] = Licence(shared),
            ["items"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Row(dataset, shared) },
            ["next"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "uri", Description = shared["Api.Next"] },
        },
    };

    private static OpenApiSchema List(IStringLocalizer shared)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        var link = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "licence", "items" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["licence"] = Licence(shared),
                ["items"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "key", "module", "title", "description", "count", "api", "page", "csv", "json", "schema" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["key"] = text, ["module"] = text, ["title"] = text, ["description"] = text,
                            ["count"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                            ["api"] = link, ["page"] = link, ["csv"] = link, ["json"] = link, ["geojson"] = link, ["schema"] = link,
                        },
                    },
                },
            },
        };
    }

    private static OpenApiSchema Licence(IStringLocalizer shared)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = shared["Api.Licence"],
            Required = new HashSet<string> { "name", "title", "path" },
            Properties = new Dictionary<string, IOpenApiSchema> { ["name"] = text, ["title"] = text, ["path"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" } },
        };
    }

    private static OpenApiResponses Answers(IStringLocalizer shared, OpenApiSchema body)
    {
        var problem = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } };
        return new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = shared["Api.Ok"],
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } },
                Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["ETag"] = new OpenApiHeader { Description = shared["Api.ETag"], Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            },
            ["304"] = new OpenApiResponse { Description = shared["Api.NotModified"] },
            ["400"] = new OpenApiResponse { Description = shared["Api.BadRequest"], Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = problem } },
            ["404"] = new OpenApiResponse { Description = shared["Api.NotFound"], Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = problem } },
            ["429"] = new OpenApiResponse { Description = shared["Api.TooMany"] },
        };
    }

    private static OpenApiParameter Parameter(string name, string description, JsonSchemaType type, string? format) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Required = false,
        Schema = new OpenApiSchema { Type = type, Format = format },
    };
}
