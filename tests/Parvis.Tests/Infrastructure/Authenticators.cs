using System.Collections.Concurrent;
using OtpNet;

namespace Parvis.Tests.Infrastructure;

/// <summary>
/// The authenticator applications of the test people who have one: the key each set up, by e-mail address, and the
/// code it shows now, computed independently of Parvis (Otp.NET, RFC 6238).
/// </summary>
public static class Authenticators
{
    private static readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.OrdinalIgnoreCase);

    public static void Remember(string email, string key) => _keys[email] = key;

    public static string? CodeFor(string email) => _keys.TryGetValue(email, out var key) ? Code(key) : null;

    /// <summary>The six digits an authenticator shows now for a key as Parvis gives it (Base32, any case, spaces allowed).</summary>
    public static string Code(string key) => new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();
}
