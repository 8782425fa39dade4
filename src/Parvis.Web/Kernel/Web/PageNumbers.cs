namespace Parvis.Web.Kernel.Web;

/// <summary>
/// A page number asked in an address: at least 1, and small enough that the rows it skips stay a number (an overflow
/// would ask PostgreSQL for a negative offset).
/// </summary>
public static class PageNumbers
{
    public const int Most = 100_000;

    public static int Of(int asked) => Math.Clamp(asked, 1, Most);
}
