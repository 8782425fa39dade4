using System.Diagnostics.CodeAnalysis;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// Return addresses people bring in a link or a form: only a path on this site in printable ASCII, as the app's own
/// links are, is followed; anything else (another host, a control character a browser drops, a letter a header cannot
/// carry) gives the fallback rather than an open redirect or a failed one.
/// </summary>
public static class LocalAddresses
{
    public static bool IsPlain([NotNullWhen(true)] string? path) =>
        path is ['/', ..] && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal)
        && path.All(c => c is > ' ' and < (char)0x7F);

    public static string Or(string? path, string fallback) => IsPlain(path) ? path : fallback;
}
