using Microsoft.AspNetCore.Html;
using Parvis.Web.Kernel.Analysis;
using Parvis.Web.Kernel.Contributions;

namespace Parvis.Web.Shared;

/// <summary>A contribution's text with the words that explain a match marked (<c>mark</c>), as analysts read it.</summary>
public static class MarkedText
{
    public static IHtmlContent Of(Contribution contribution, IReadOnlyCollection<string> stems)
    {
        var html = new HtmlContentBuilder();
        foreach (var segment in Highlights.Of(contribution.Excerpt, contribution.Language, stems))
        {
            if (segment.Marked)
            {
                html.AppendHtml("<mark>").Append(segment.Text).AppendHtml("</mark>");
            }
            else
            {
                html.Append(segment.Text);
            }
        }
        return html;
    }
}
