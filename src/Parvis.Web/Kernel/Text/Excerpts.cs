namespace Parvis.Web.Kernel.Text;

/// <summary>Shortened texts for lists, cut between words.</summary>
public static class Excerpts
{
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
