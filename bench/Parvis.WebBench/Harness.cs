using System.Net;
using System.Text.RegularExpressions;

namespace Parvis.WebBench;

/// <summary>What the web benchmark and the soak both do as a browser would: sign in, read the forms' token and cookies.</summary>
public static partial class Harness
{
    /// <summary>
    /// Signs in through the sign-in form, then reads the sign-out page as that person for the token their forms carry.
    /// <paramref name="forwardedFor"/>, when given, is the visitor's address as a proxy passes it (each simulated
    /// person their own, so the per-address limits count them apart).
    /// </summary>
    public static async Task<(string Cookie, string Token)> SignInAsync(HttpClient http, string email, string? forwardedFor = null)
    {
        using var formRequest = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
        Forward(formRequest, forwardedFor);
        using var form = await http.SendAsync(formRequest);
        var csrfCookie = CookiePair(form, "parvis-csrf");
        var token = Token(await form.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Password"] = Seed.Password, ["__csrf"] = token,
            }),
        };
        request.Headers.Add("Cookie", csrfCookie);
        Forward(request, forwardedFor);
        using var signedIn = await http.SendAsync(request);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed: {signedIn.StatusCode}");
        }
        var cookie = $"{csrfCookie}; {CookiePair(signedIn, "parvis")}";
        using var page = new HttpRequestMessage(HttpMethod.Get, "/account/sign-out");
        page.Headers.Add("Cookie", cookie);
        Forward(page, forwardedFor);
        using var personal = await http.SendAsync(page);
        return (cookie, Token(await personal.Content.ReadAsStringAsync()));
    }

    /// <summary>
    /// A signed-in mediator starts acting for a person under a mandate (mode "for"), as the mandate's page does; returns
    /// the cookies with the acting one, and the token of <paramref name="page"/> as the person's pages now carry it.
    /// </summary>
    public static async Task<(string Cookie, string Token)> ActAsync(HttpClient http, (string Cookie, string Token) mediator, Guid mandate, string page)
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, $"/mediation/mandates/{mandate}?handler=Start")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__csrf"] = mediator.Token, ["Mode"] = "For" }),
        };
        start.Headers.Add("Cookie", mediator.Cookie);
        using var started = await http.SendAsync(start);
        var cookie = $"{mediator.Cookie}; {CookiePair(started, "parvis-acting")}";
        using var request = new HttpRequestMessage(HttpMethod.Get, page);
        request.Headers.Add("Cookie", cookie);
        using var seen = await http.SendAsync(request);
        return (cookie, Token(await seen.Content.ReadAsStringAsync()));
    }

    /// <summary>The antiforgery token of the page's first form.</summary>
    public static string Token(string html) => TokenField().Match(html) is { Success: true } m
        ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
        : throw new InvalidOperationException("no antiforgery token on the page");

    /// <summary>"name=value" of the cookie the answer sets.</summary>
    public static string CookiePair(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie.Split(';')[0]
            : throw new InvalidOperationException($"no {name} cookie in the answer to {response.RequestMessage?.RequestUri}");

    private static void Forward(HttpRequestMessage request, string? forwardedFor)
    {
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
    }

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"|name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
