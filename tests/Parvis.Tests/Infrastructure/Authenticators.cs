using System.Collections.Concurrent;
using OtpNet;

namespace Parvis.Tests.Infrastructure;

/// <summary>
/// The authenticator applications of the test people who have one: the key each set up, by e-mail address, and the
/// code it shows, computed independently of Parvis (Otp.NET, RFC 6238). Parvis accepts each code once, so a second
/// sign-in within the same 30 seconds is given the next step's code, as someone would wait for it.
/// </summary>
public static class Authenticators
{
    private static readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, string> _lastGiven = new(StringComparer.Ordinal);

    public static void Remember(string email, string key) => _keys[email] = key;

    public static string? CodeFor(string email) => _keys.TryGetValue(email, out var key) ? Code(key) : null;

    /// <summary>A code an authenticator shows for a key as Parvis gives it (Base32, any case, spaces allowed), never the same twice in a row.</summary>
    public static string Code(string key)
    {
        var secret = key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var now = DateTime.UtcNow;
        var code = totp.ComputeTotp(now);
        if (_lastGiven.TryGetValue(secret, out var last) && last == code)
        {
            code = totp.ComputeTotp(now.AddSeconds(30));
        }
        _lastGiven[secret] = code;
        return code;
    }
}
