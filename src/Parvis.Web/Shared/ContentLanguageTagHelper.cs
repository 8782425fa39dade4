using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Parvis.Web.Kernel.Organisations;

namespace Parvis.Web.Shared;

/// <summary>
/// Marks content with its language where it differs from the page's (RGAA 8.7), so a screen reader reads it with the
/// right voice: <c>content-lang="@proposal.Language"</c> on what a person wrote, <c>organisation-lang</c> (no value) on
/// what staff wrote in the organisation's language. Says nothing when the languages are the same.
/// </summary>
[HtmlTargetElement(Attributes = "content-lang")]
[HtmlTargetElement(Attributes = "organisation-lang")]
public sealed class ContentLanguageTagHelper(CurrentOrganisation organisation) : TagHelper
{
    [HtmlAttributeName("content-lang")]
    public string? Language { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll("organisation-lang");
        var language = context.AllAttributes.ContainsName("organisation-lang") ? organisation.Value.DefaultCulture : Language;
        if (language is { Length: > 0 } && language != CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)
        {
            output.Attributes.SetAttribute("lang", language);
        }
    }
}
