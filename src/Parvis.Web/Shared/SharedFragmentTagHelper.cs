using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Shared;

/// <summary>
/// A part of a page that is the same for everyone who sees it with the same <see cref="Key"/>: rendered once, then
/// reused by signed-in people too until the next committed write of the organisation on any node (<see cref="SharedData"/>). The
/// organisation and the interface language are added to the key. What it holds must never be personal: no
/// antiforgery token, no "you", nothing decided by who is looking except what the key names (a permission, say).
/// <c>&lt;shared-fragment key="@($"proposal:{id}:{canModerate}")" enabled="@(!replying)"&gt;…&lt;/shared-fragment&gt;</c>
/// </summary>
[HtmlTargetElement("shared-fragment", Attributes = "key")]
public sealed partial class SharedFragmentTagHelper(SharedData shared, CurrentOrganisation organisation) : TagHelper
{
    public string Key { get; set; } = "";

    /// <summary>False renders the content for this request only (a form showing what was typed, an error).</summary>
    public bool Enabled { get; set; } = true;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        if (!Enabled)
        {
            return;
        }
        var key = $"fragment:{organisation.Id}:{CultureInfo.CurrentUICulture.Name}:{Key}";
        // The child content is rendered only when the fragment is not kept already.
        var html = await shared.GetAsync(key, async () => Compact((await output.GetChildContentAsync()).GetContent()));
        output.Content.SetHtmlContent(html);
    }

    /// <summary>
    /// The indentation of the page's source between two tags, which a browser ignores, is a third of a long thread's
    /// bytes: kept once, it is sent on every view. Left as it is where white space is content (pre, textarea).
    /// </summary>
    internal static string Compact(string html) =>
        html.Contains("<pre", StringComparison.OrdinalIgnoreCase) || html.Contains("<textarea", StringComparison.OrdinalIgnoreCase)
            ? html
            : Indentation().Replace(html, ">\n<");

    [GeneratedRegex(@">[ \t\r]*\n\s*<")]
    private static partial Regex Indentation();
}
