using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Parvis.Web.Kernel.Web.Throughput;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class RememberedTicketsTests
{
    /// <summary>The framework's ticket format on real (ephemeral) keys, counting how often it reads a cookie.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        private readonly TicketDataFormat _inner = new(new EphemeralDataProtectionProvider().CreateProtector("session"));
        public int Read;

        public string Protect(AuthenticationTicket data) => _inner.Protect(data);
        public string Protect(AuthenticationTicket data, string? purpose) => _inner.Protect(data, purpose);
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Read++;
            return _inner.Unprotect(protectedText, purpose);
        }
    }

    private static AuthenticationTicket Ticket(string person) => new(
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, person), new Claim(ClaimTypes.Name, "Camille")], "Identity.Application")),
        new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow, ExpiresUtc = DateTimeOffset.UtcNow.AddDays(14) },
        "Identity.Application");

    [Fact]
    public void A_cookie_is_read_once_and_every_request_gets_the_same_person()
    {
        var format = new CountingFormat();
        var tickets = new RememberedTickets(format);
        var cookie = tickets.Protect(Ticket("person-1"));

        var first = tickets.Unprotect(cookie);
        var second = tickets.Unprotect(cookie);

        Assert.Equal(1, format.Read);
        Assert.Equal("person-1", first!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("person-1", second!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(first.Properties.ExpiresUtc, second.Properties.ExpiresUtc);
        Assert.Equal("Identity.Application", second.AuthenticationScheme);
    }

    [Fact]
    public void What_one_request_changes_in_its_ticket_is_not_seen_by_the_next()
    {
        var tickets = new RememberedTickets(new CountingFormat());
        var cookie = tickets.Protect(Ticket("person-1"));
        var expires = tickets.Unprotect(cookie)!.Properties.ExpiresUtc;

        var first = tickets.Unprotect(cookie)!;
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "Administrator"));
        first.Properties.ExpiresUtc = DateTimeOffset.UtcNow.AddYears(1);

        var next = tickets.Unprotect(cookie)!;
        Assert.False(next.Principal.HasClaim(ClaimTypes.Role, "Administrator"));
        Assert.Equal(expires, next.Properties.ExpiresUtc);
    }

    [Fact]
    public void An_altered_cookie_is_refused_every_time_it_comes_back()
    {
        var format = new CountingFormat();
        var tickets = new RememberedTickets(format);
        var cookie = tickets.Protect(Ticket("person-1"));
        var altered = cookie[..^4] + (cookie[^4] == 'A' ? "B" : "A") + cookie[^3..];

        Assert.Null(tickets.Unprotect(altered));
        Assert.Null(tickets.Unprotect(altered));
        Assert.Equal(2, format.Read);
        Assert.Null(tickets.Unprotect(null));
    }

    [Fact]
    public void Two_cookies_are_two_people()
    {
        var tickets = new RememberedTickets(new CountingFormat());
        var one = tickets.Protect(Ticket("person-1"));
        var two = tickets.Protect(Ticket("person-2"));

        Assert.Equal("person-1", tickets.Unprotect(one)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("person-2", tickets.Unprotect(two)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal("person-1", tickets.Unprotect(one)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
    }
}
