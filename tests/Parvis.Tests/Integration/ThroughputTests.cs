using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Web.Throughput;

namespace Parvis.Tests.Integration;

/// <summary>Parvis with every piece of the throughput layer switched off, as an operator would after a framework update.</summary>
public sealed class PlainApp : ParvisApp
{
    public static readonly string[] Pieces =
        [nameof(RememberedProtection), nameof(RememberedTickets), nameof(RememberedAntiforgery), nameof(ResponseText), "SupportBatching", "BallotBatching"];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var piece in Pieces)
        {
            builder.UseSetting($"{ThroughputLayer.Section}:{piece}", "false");
        }
    }
}

/// <summary>Each piece of the throughput layer is in place by default, and gone when its switch is off.</summary>
[Trait("Suite", "integration")]
public sealed class ThroughputTests(ParvisApp app, PlainApp plain) : IClassFixture<ParvisApp>, IClassFixture<PlainApp>
{
    /// <summary>What stands where each piece goes: the piece, or the framework's own.</summary>
    private static (Type Protection, Type Tickets, Type Antiforgery, Type Writers) Seams(ParvisApp app)
    {
        var services = app.Services;
        var cookie = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        return (services.GetRequiredService<IDataProtectionProvider>().GetType(), cookie.TicketDataFormat.GetType(),
            services.CreateScope().ServiceProvider.GetRequiredService<IAntiforgery>().GetType(),
            services.GetRequiredService<IHttpResponseStreamWriterFactory>().GetType());
    }

    /// <summary>On by default; the "plain" suite runs this with every switch off, and then each is the framework's own.</summary>
    [Fact]
    public async Task Each_piece_is_in_place_when_its_switch_is_on_and_the_cookies_it_remembers_are_the_frameworks()
    {
        var (protection, tickets, antiforgery, writers) = Seams(app);
        Assert.Equal(app.IsOn(nameof(RememberedProtection)), protection == typeof(RememberedProtection));
        Assert.Equal(app.IsOn(nameof(RememberedTickets)), tickets == typeof(RememberedTickets));
        Assert.Equal(app.IsOn(nameof(RememberedAntiforgery)), antiforgery == typeof(RememberedAntiforgery));
        Assert.Equal(app.IsOn(nameof(ResponseText)), writers == typeof(ResponseText.Writers));
        var (session, _) = await app.SignedInAsync("Lectrice pressée");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/account")).Status);
        // The purposes it remembers are the ones the framework's cookies use: a signed-in page leaves answers kept.
        if (app.Services.GetRequiredService<IDataProtectionProvider>() is RememberedProtection remembered)
        {
            Assert.True(remembered.Kept > 0);
        }
    }

    [Fact]
    public async Task With_every_switch_off_the_framework_does_the_work_and_a_person_still_signs_in_and_supports()
    {
        var (protection, tickets, antiforgery, writers) = Seams(plain);
        Assert.NotEqual(typeof(RememberedProtection), protection);
        Assert.NotEqual(typeof(RememberedTickets), tickets);
        Assert.NotEqual(typeof(RememberedAntiforgery), antiforgery);
        Assert.NotEqual(typeof(ResponseText.Writers), writers);

        var id = await plain.WithDatabaseAsync(async db =>
        {
            var proposal = new Proposal { OrganisationId = plain.World.OrganisationId, ProcessId = plain.World.ProcessId, Title = "Une fontaine", Body = "Sur la place." };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            return proposal.Id;
        });
        var (supporter, _) = await plain.SignedInAsync("Soutien sans raccourci");
        Assert.Equal(HttpStatusCode.Redirect, (await supporter.PostAsync($"/proposals/{id}?handler=Support", new Dictionary<string, string>())).Status);
        var again = await supporter.PostAsync($"/proposals/{id}?handler=Support", new Dictionary<string, string>());
        Assert.Contains("un seul soutien", again.Text("[role=alert]"), StringComparison.Ordinal);
        Assert.Equal(1, await plain.WithDatabaseAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => p.SupportCount).SingleAsync()));
        Assert.Contains("Une fontaine", (await supporter.GetAsync($"/proposals/{id}")).Body, StringComparison.Ordinal);
    }
}
