using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;

namespace Parvis.Web.Kernel.Web.Throughput;

/// <summary>
/// The session cookie's ticket, read once per cookie. Every signed-in request carries the same cookie until it is
/// renewed; <see cref="RememberedProtection"/> already spares its decryption, and this spares reading the ticket out of
/// it again (a fortieth of a signed-in page). A cookie never seen is read, and so checked, as before. Each request
/// gets its own copy, since the cookie handler and sign-in change what they are given.
/// </summary>
public sealed class RememberedTickets(ISecureDataFormat<AuthenticationTicket> format) : ISecureDataFormat<AuthenticationTicket>
{
    private static readonly TimeSpan _kept = TimeSpan.FromMinutes(10);
    // Bounded by bytes, as every cache is: the cookie's text as key, and a ticket of about as much again.
    private readonly MemoryCache _read = new(new MemoryCacheOptions { SizeLimit = 32 * 1024 * 1024 });

    /// <summary>Wraps the ticket format of Identity's session cookie, once the framework has set it.</summary>
    public static void Register(IServiceCollection services) =>
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure(o => o.TicketDataFormat = new RememberedTickets(o.TicketDataFormat));

    public string Protect(AuthenticationTicket data) => format.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => format.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null)
        {
            return null;
        }
        var key = (protectedText, purpose);
        if (!_read.TryGetValue(key, out AuthenticationTicket? ticket))
        {
            // A cookie that does not open is not kept: the next request with it is refused the same way.
            ticket = format.Unprotect(protectedText, purpose);
            if (ticket is null)
            {
                return null;
            }
            _read.Set(key, ticket, new MemoryCacheEntryOptions { Size = 256 + (4L * protectedText.Length), AbsoluteExpirationRelativeToNow = _kept });
        }
        // ClaimsPrincipal.Clone shares its identities: each is cloned, claims and all.
        return new AuthenticationTicket(new ClaimsPrincipal(ticket!.Principal.Identities.Select(i => i.Clone())), ticket.Properties.Clone(),
            ticket.AuthenticationScheme);
    }
}
