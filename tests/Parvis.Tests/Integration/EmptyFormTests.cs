using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.People;
using Parvis.Web.Shared;

namespace Parvis.Tests.Integration;

/// <summary>
/// Every form a staff member and a visitor reach, sent empty: no error page, and every message shown is interface text
/// (never the framework's own words, such as "The ItemText field is required.").
/// </summary>
[Trait("Suite", "integration")]
public sealed class EmptyFormTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private const int MostPages = 150;

    [Fact]
    public async Task Every_form_sent_empty_answers_with_interface_text_and_never_an_error_page()
    {
        var patterns = InterfacePatterns();
        var (admin, _) = await app.SignedInAsync("Administratrice des formulaires vides", Role.Administrator);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var forms = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        // Account pages change the session itself (signing out, other sessions): they are sent by a visitor apart.
        await CrawlAsync(admin, ["/", "/admin", $"/processes/{app.World.ProcessSlug}", $"/admin/processes/edit/{app.World.ProcessId}", "/admin/roles", "/admin/voices"],
            path => !path.StartsWith("/account", StringComparison.Ordinal));
        await CrawlAsync(app.NewSession(), ["/account/register", "/account/sign-in", "/account/forgot-password"], path => path.StartsWith("/account", StringComparison.Ordinal)
            && !path.Contains("sign-out", StringComparison.Ordinal));
        Assert.True(forms.Count > 40, $"only {forms.Count} forms were found");
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        async Task CrawlAsync(Session session, IEnumerable<string> start, Func<string, bool> follow)
        {
            var queue = new Queue<string>(start);
            while (queue.Count > 0 && visited.Count < MostPages)
            {
                var path = queue.Dequeue();
                if (!visited.Add(path))
                {
                    continue;
                }
                var page = await session.GetAsync(path);
                if (page.ContentType != "text/html" || page.Status != HttpStatusCode.OK)
                {
                    continue;
                }
                foreach (var link in page.Document.QuerySelectorAll("a[href^='/']").Select(a => a.GetAttribute("href")!.Split('#')[0]))
                {
                    if (link.Length > 0 && follow(link) && !Skipped(link) && !visited.Contains(link))
                    {
                        queue.Enqueue(link);
                    }
                }
                foreach (var form in page.Document.QuerySelectorAll("form[method=post]"))
                {
                    var token = form.QuerySelector("input[name=__csrf]")?.GetAttribute("value");
                    var actions = form.QuerySelectorAll("button[formaction]").Select(b => b.GetAttribute("formaction")!)
                        .Prepend(form.GetAttribute("action") is { Length: > 0 } own ? own : path).Distinct();
                    foreach (var action in actions.Where(a => !Skipped(a) && forms.Add(a)))
                    {
                        // The same action sent as JSON, its token in the header that antiforgery also reads: no form to read.
                        if (token is not null)
                        {
                            using var json = new HttpRequestMessage(HttpMethod.Post, action) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
                            json.Headers.Add("RequestVerificationToken", token);
                            using var answer = await session.Client.SendAsync(json);
                            if (answer.StatusCode != HttpStatusCode.UnsupportedMediaType)
                            {
                                problems.Add($"{action} (from {path}) answered {(int)answer.StatusCode} to JSON");
                            }
                        }
                        var sent = await session.PostRawAsync(action, token is null ? [] : [new("__csrf", token)]);
                        if ((int)sent.Status >= 500 || sent.Location?.Contains("/error/500", StringComparison.Ordinal) == true)
                        {
                            problems.Add($"{action} (from {path}) answered {(int)sent.Status} {sent.Location}");
                            continue;
                        }
                        if (sent.ContentType != "text/html")
                        {
                            continue;
                        }
                        // A message is a field's error, or an alert's line (a summary lists several).
                        var messages = sent.Document.QuerySelectorAll(".field-error, .alert, [role=alert]")
                            .SelectMany(e => e.QuerySelectorAll("li") is { Length: > 0 } lines ? lines.Select(l => l.TextContent) : [e.TextContent])
                            .Select(m => m.Trim()).Where(m => m.Length > 0).Distinct();
                        problems.AddRange(messages.Where(m => !patterns.Any(p => p.IsMatch(m))).Select(m => $"{action} (from {path}): \"{m}\" is no interface text"));
                    }
                }
            }
        }
    }

    /// <summary>What is never crawled or sent: downloads, the language switch, signing out.</summary>
    private static bool Skipped(string address) => address.Contains("handler=Download", StringComparison.Ordinal) || address.Contains("handler=Export", StringComparison.Ordinal)
        || address.StartsWith("/language", StringComparison.Ordinal) || address.Contains("sign-out", StringComparison.Ordinal) || address.Contains("format=", StringComparison.Ordinal);

    /// <summary>Every interface text in French, its placeholders ({0}, {0:plural:…}) standing for anything.</summary>
    private static List<Regex> InterfacePatterns()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("fr");
        try
        {
            return [.. new SharedTextLocalizer().GetAllStrings(false).Select(s => new Regex(
                "^" + Regex.Replace(Regex.Escape(s.Value), @"\\\{\d+(:[^}]*)?}", ".+?") + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant))];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
