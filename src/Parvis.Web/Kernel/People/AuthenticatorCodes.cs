using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Parvis.Web.Kernel.People;

/// <summary>
/// The codes of an authenticator application, each accepted once (ASVS 2.8.4): a code seen over someone's shoulder
/// or replayed from a captured request opens nothing. Identity checks the code; the last one accepted, with when, is
/// kept among the person's tokens and refused while the codes around it are still valid.
/// </summary>
public static class AuthenticatorCodes
{
    private const string Provider = "[Parvis]";
    private const string LastAccepted = "LastAuthenticatorCode";

    /// <summary>Identity accepts the codes of the steps just before and after the current one: 30 seconds each.</summary>
    private static readonly TimeSpan _valid = TimeSpan.FromSeconds(90);

    /// <summary>A code as people type it, in groups or with a dash.</summary>
    public static string Digits(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    public static bool LooksLikeOne(string code) => Digits(code) is { Length: 6 } digits && digits.All(char.IsAsciiDigit);

    /// <summary>True when the code is the authenticator's and was not accepted already.</summary>
    public static async Task<bool> AcceptAsync(UserManager<Person> people, Person person, string typed, TimeProvider clock)
    {
        var code = Digits(typed);
        var now = clock.GetUtcNow();
        if (await people.GetAuthenticationTokenAsync(person, Provider, LastAccepted) is { } last
            && last.Split('|') is [var lastCode, var at]
            && lastCode == code
            && long.TryParse(at, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            && now - DateTimeOffset.FromUnixTimeSeconds(seconds) < _valid)
        {
            return false;
        }
        if (!await people.VerifyTwoFactorTokenAsync(person, people.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return false;
        }
        await people.SetAuthenticationTokenAsync(person, Provider, LastAccepted,
            $"{code}|{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");
        return true;
    }
}
