using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Parvis.Tests.Infrastructure;

/// <summary>One visitor's conversation with the app: cookies kept, forms posted with their antiforgery token.</summary>
public sealed class Session(HttpClient client) : IDisposable
{
    private static readonly HtmlParser _parser = new();

    public HttpClient Client => client;

    public async Task<Response> GetAsync(string path)
    {
        using var response = await client.GetAsync(path);
        return await Response.ReadAsync(response);
    }

    /// <summary>
    /// Posts a form the way a browser would, with the token taken from the page that shows the form. When that page
    /// offers no form (the action is refused, or a phase closed since), the post is the one a form left open in another
    /// tab would send, with the session's token from the sign-out page.
    /// </summary>
    /// <param name="path">Where the form posts.</param>
    /// <param name="fields">The fields, a name repeated for several values (the boxes ticked under one name).</param>
    /// <param name="formPage">The page that shows the form, when it is not the path without its handler.</param>
    public async Task<Response> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var page = await GetAsync(formPage ?? PathWithoutHandler(path));
        var token = Token(page) ?? await TokenAsync();
        return await PostRawAsync(path, [.. fields.Where(f => f.Key != "__csrf"), new("__csrf", token)]);
    }

    /// <summary>This session's antiforgery token, from the sign-out page (its form is there for anyone).</summary>
    public async Task<string> TokenAsync() =>
        Token(await GetAsync("/account/sign-out")) ?? throw new InvalidOperationException("No antiforgery token on the sign-out page.");

    private static string? Token(Response page) => page.Document.QuerySelector("input[name=__csrf]")?.GetAttribute("value");

    /// <summary>Posts a form with a file, as a browser sends an upload (multipart), with the page's antiforgery token.</summary>
    public async Task<Response> PostFileAsync(string path, string field, string fileName, byte[] file, string? formPage = null, IReadOnlyDictionary<string, string>? fields = null)
    {
        var page = await GetAsync(formPage ?? PathWithoutHandler(path));
        var token = page.Document.QuerySelector("input[name=__csrf]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {formPage ?? path} (status {(int)page.Status}).");
        using var content = new MultipartFormDataContent { { new StringContent(token), "__csrf" }, { new ByteArrayContent(file), field, fileName } };
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            content.Add(new StringContent(value), name);
        }
        using var response = await client.PostAsync(path, content);
        return await Response.ReadAsync(response);
    }

    public async Task<Response> PostRawAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(path, content);
        return await Response.ReadAsync(response);
    }

    /// <summary>Signs in, with the second step when the person has an authenticator (<see cref="Authenticators"/>).</summary>
    public async Task SignInAsync(string email, string password)
    {
        var response = await PostAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
        if (response.Location?.StartsWith("/account/sign-in/second-step", StringComparison.Ordinal) == true)
        {
            var code = Authenticators.CodeFor(email) ?? throw new InvalidOperationException($"{email} has no authenticator in the tests.");
            var verified = await PostAsync(response.Location, new Dictionary<string, string> { ["Code"] = code });
            Assert.Equal(HttpStatusCode.Redirect, verified.Status);
        }
    }

    private static string PathWithoutHandler(string path) => path.Split('?')[0];

    public void Dispose() => client.Dispose();

    public sealed record Response(HttpStatusCode Status, string Body, string? Location, IHtmlDocument Document, string? ContentType)
    {
        public static async Task<Response> ReadAsync(HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync();
            return new Response(response.StatusCode, body, response.Headers.Location?.OriginalString, _parser.ParseDocument(body),
                response.Content.Headers.ContentType?.MediaType);
        }

        public string Text(string selector) => Document.QuerySelector(selector)?.TextContent.Trim() ?? "";

        public IEnumerable<string> Texts(string selector) => Document.QuerySelectorAll(selector).Select(e => e.TextContent.Trim());

        /// <summary>What a browser would send of the form <paramref name="selector"/> as the page shows it (the token aside).</summary>
        public List<KeyValuePair<string, string>> Fields(string selector)
        {
            var form = Document.QuerySelector(selector) ?? throw new InvalidOperationException($"No form {selector} on the page.");
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
            {
                var name = element.GetAttribute("name")!;
                switch (element)
                {
                    case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }:
                    case IHtmlInputElement { Type: "submit" or "file" }:
                    case IHtmlInputElement when name == "__RequestVerificationToken":
                        break;
                    case IHtmlInputElement input:
                        fields.Add(new(name, input.Value));
                        break;
                    case IHtmlTextAreaElement area:
                        fields.Add(new(name, area.Value));
                        break;
                    case IHtmlSelectElement select:
                        fields.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                        break;
                }
            }
            return fields;
        }
    }
}
