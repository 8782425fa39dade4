using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.Notifications;

/// <summary>
/// An organisation as its messages name it: its name, its site's address, and its language, which people read who never
/// chose one for their messages.
/// </summary>
public sealed record Site(string Name, string Address, string Culture)
{
    /// <summary>The language a person's messages are written in: the one they chose, or this site's.</summary>
    public System.Globalization.CultureInfo CultureFor(string? chosen) => System.Globalization.CultureInfo.GetCultureInfo(chosen ?? Culture);
}

/// <summary>
/// The links messages carry: the organisation's site, and signed links that stop following an item or stop every
/// message with one click, without signing in. A link names its person and item, signed by the installation's keys
/// (shared by the nodes), so nobody can stop another's messages by changing it.
/// </summary>
public sealed class NotificationLinks(ParvisDbContext db, IDataProtectionProvider keys, IConfiguration configuration)
{
    public const string Settings = "/account/notifications/settings";
    public const string SchemeSetting = "Organisations:PublicScheme";
    public const string PortSetting = "Organisations:PublicPort";
    private const string AllItems = "all";

    private readonly IDataProtector _protector = keys.CreateProtector("Parvis.Notifications.Unfollow");

    /// <summary>
    /// The site as messages written in the background link to it: the scheme the installation is served with (https
    /// unless configured) and one of the organisation's own host names, never a request's.
    /// </summary>
    public async Task<Site> SiteAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new { o.Name, o.DefaultCulture, Host = o.Hosts.OrderBy(h => h.Host).Select(h => h.Host).FirstOrDefault() }).FirstAsync(cancellationToken);
        var scheme = configuration[SchemeSetting] is { Length: > 0 } configured ? configured : "https";
        var port = configuration[PortSetting] is { Length: > 0 } p ? $":{p}" : "";
        return new Site(organisation.Name, $"{scheme}://{organisation.Host ?? "localhost"}{port}", organisation.DefaultCulture);
    }

    public string Unfollow(Guid personId, Guid itemId) => "/unfollow?t=" + Uri.EscapeDataString(_protector.Protect($"{personId:N}:{itemId:N}"));

    public string StopAll(Guid personId) => "/unfollow?t=" + Uri.EscapeDataString(_protector.Protect($"{personId:N}:{AllItems}"));

    /// <summary>What a link asks: whose messages, and which item (null: every message); null for a link not ours.</summary>
    public (Guid PersonId, Guid? ItemId)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1_000)
        {
            return null;
        }
        string plain;
        try
        {
            plain = _protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        var parts = plain.Split(':');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var person))
        {
            return null;
        }
        return parts[1] == AllItems ? (person, null) : Guid.TryParseExact(parts[1], "N", out var item) ? (person, item) : null;
    }
}
