using System.Text.Encodings.Web;
using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace Parvis.Web.Kernel.Text;

/// <summary>
/// Renders Markdown typed by people as safe HTML: raw HTML is escaped by Markdig, then the result is
/// sanitised (only plain formatting, http/https/mailto links marked nofollow) as a second line of defence.
/// </summary>
public sealed class MarkdownRenderer : IDisposable
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <summary>The same text gives the same HTML: sanitising costs far more than remembering (descriptions, answers, minutes).</summary>
    private readonly MemoryCache _rendered = new(new MemoryCacheOptions { SizeLimit = 16 * 1024 * 1024 });

    public IHtmlContent Render(string? markdown)
    {
        var text = markdown ?? "";
        if (!_rendered.TryGetValue(text, out HtmlString? html))
        {
            html = new HtmlString(_sanitizer.Sanitize(Read(text, t => Markdown.ToHtml(t, _pipeline), t => $"<p>{HtmlEncoder.Default.Encode(t)}</p>")));
            // Counted by the bytes of the text and its HTML, as every cache is.
            _rendered.Set(text, html, new MemoryCacheEntryOptions { Size = 64 + (2L * (text.Length + html.Value!.Length)), SlidingExpiration = TimeSpan.FromMinutes(30) });
        }
        return html!;
    }

    /// <summary>The text without its markup, one paragraph per source paragraph, separated by blank lines (for documents other than HTML).</summary>
    public string PlainText(string? markdown) =>
        string.Join("\n\n", (markdown ?? "").ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(paragraph => Read(paragraph, p => Markdown.ToPlainText(p, _pipeline), p => p).Trim())
            .Where(paragraph => paragraph.Length > 0));

    /// <summary>
    /// Markdig refuses text nested too deeply (quotes in quotes, lists in lists) with an exception: such text is given
    /// as typed, escaped, rather than break every page that shows it.
    /// </summary>
    private static string Read(string text, Func<string, string> markdown, Func<string, string> asTyped)
    {
        try
        {
            return markdown(text);
        }
        catch (ArgumentException)
        {
            return asTyped(text);
        }
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "strong", "em", "del", "ul", "ol", "li", "blockquote", "code", "pre", "a",
                "h2", "h3", "h4", "hr",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "start" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow ugc noopener");
            }
        };
        return sanitizer;
    }

    public void Dispose() => _rendered.Dispose();
}
