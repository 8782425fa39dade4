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
        return Clip(text, cut > max / 2 ? cut : max).TrimEnd(' ', ',', ';', '—') + "…";
    }

    /// <summary>At most <paramref name="max"/> characters, never half of one written as two (an emoji): PostgreSQL refuses the half.</summary>
    public static string Clip(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
}
