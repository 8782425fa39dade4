namespace Parvis.Web.Kernel.Text;

/// <summary>Shortened texts for lists, cut between words.</summary>
public static class Excerpts
{
    /// <summary>Cut to fit a column of <paramref name="max"/> characters, the ellipsis included.</summary>
    public static string Fit(string text, int max) => text.Length <= max ? text : Cut(text, max - 1);

    public static string Cut(string text, int max = 160)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', max);
        return text[..(cut > max / 2 ? cut : max)].TrimEnd(' ', ',', ';', '—') + "…";
    }
}
