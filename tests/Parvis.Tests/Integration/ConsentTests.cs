using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Integration;

/// <summary>Decisions by consent: an objection gives its reason, and the proposal waits for every objection's answer.</summary>
public sealed partial class VoteTests
{
    [Fact]
    public async Task A_proposal_decided_by_consent_is_adopted_only_once_every_objection_has_an_answer()
    {
        var (staff, _) = await app.SignedInAsync("Animatrice du consentement", Role.ProcessManager);
        var admin = $"/admin/processes/{app.World.ProcessId}/votes";
        Dictionary<string, string> Draft(bool secret) => new()
        {
            ["Input.Question"] = "Adopter la charte des ateliers de quartier", ["Input.Purpose"] = "AssemblyDecision", ["Input.Method"] = "Consent",
            ["Input.Seats"] = "1", ["Input.Options"] = "",
            ["Input.OpensAt"] = DateTime.Now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm"), ["Input.ClosesAt"] = DateTime.Now.AddDays(2).ToString("yyyy-MM-ddTHH:mm"),
            ["Input.Secret"] = secret ? "true" : "false", ["Input.ResultsBeforeClose"] = "true",
        };
        var secret = await staff.PostAsync(admin, Draft(secret: true));
        Assert.Contains("nominative", secret.Text("[role=alert]"), StringComparison.Ordinal);
        var created = await staff.PostAsync(admin, Draft(secret: false));
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var vote = Guid.Parse(created.Location!.Split('/')[^1]);
        Assert.Equal(["Adopter la charte des ateliers de quartier"], await app.WithDatabaseAsync(db => db.VoteOptions.Where(o => o.VoteId == vote).Select(o => o.Title).ToListAsync()));

        var (member, _) = await app.SignedInAsync("Membre qui objecte");
        var noReason = await member.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["o0"] = "0", ["reason"] = "  " });
        Assert.Equal(HttpStatusCode.OK, noReason.Status);
        Assert.Contains("dit sa raison", noReason.Text("#reason-error"), StringComparison.Ordinal);
        Assert.Equal("0", noReason.Document.QuerySelector("input[name=o0]:checked")!.GetAttribute("value"));
        Assert.False(await app.WithDatabaseAsync(db => db.VoteRegister.AnyAsync(r => r.VoteId == vote)));
        Assert.Equal(HttpStatusCode.Redirect, (await member.PostAsync($"/votes/{vote}", new Dictionary<string, string>
        {
            ["o0"] = "0", ["reason"] = "La charte ne dit pas qui anime les ateliers.",
        })).Status);
        var (other, _) = await app.SignedInAsync("Membre qui consent");
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostAsync($"/votes/{vote}", new Dictionary<string, string> { ["o0"] = "1" })).Status);

        var page = await staff.GetAsync($"/votes/{vote}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Single(page.Document.QuerySelectorAll("section[aria-labelledby=objections] form"));
        var waiting = await app.NewSession().GetAsync($"/votes/{vote}/results");
        Assert.Contains("n'est pas adoptée", waiting.Text("section[aria-labelledby=outcome] strong"), StringComparison.Ordinal);
        Assert.Contains("Membre qui objecte", waiting.Text("section[aria-labelledby=objections]"), StringComparison.Ordinal);
        Assert.Contains("qui anime les ateliers", waiting.Text("section[aria-labelledby=objections]"), StringComparison.Ordinal);
        var objection = await app.WithDatabaseAsync(db => db.VoteObjections.SingleAsync(o => o.VoteId == vote));
        Assert.Contains("/error/403", (await other.PostAsync($"/votes/{vote}?handler=Answer", new Dictionary<string, string>
        {
            ["objectionId"] = $"{objection.Id}", ["answer"] = "Moi.",
        })).Location, StringComparison.Ordinal);
        var empty = await staff.PostAsync($"/votes/{vote}?handler=Answer", new Dictionary<string, string> { ["objectionId"] = $"{objection.Id}", ["answer"] = "" });
        Assert.NotEqual("", empty.Text($"#answer-{objection.Id}-error"));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync($"/votes/{vote}?handler=Answer", new Dictionary<string, string>
        {
            ["objectionId"] = $"{objection.Id}", ["answer"] = "Chaque atelier est animé par deux membres tirés au sort, article 4.",
        })).Status);

        var adopted = await app.NewSession().GetAsync($"/votes/{vote}/results");
        Assert.Contains("La proposition est adoptée", adopted.Text("section[aria-labelledby=outcome] strong"), StringComparison.Ordinal);
        Assert.Contains("tirés au sort", adopted.Text("section[aria-labelledby=objections]"), StringComparison.Ordinal);

        // The objector leaves, their reason erased: the objection and its answer stay, and so does the decision.
        var export = await member.PostAsync("/account?handler=Export", new Dictionary<string, string>());
        Assert.Contains("qui anime les ateliers", export.Body, StringComparison.Ordinal);
        await member.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Remove", ["Password"] = ParvisApp.Password });
        var after = await app.WithDatabaseAsync(db => db.VoteObjections.SingleAsync(o => o.VoteId == vote));
        Assert.Equal(("", (Guid?)null), (after.Reason, after.PersonId));
        var left = await app.NewSession().GetAsync($"/votes/{vote}/results");
        Assert.Contains("La proposition est adoptée", left.Text("main"), StringComparison.Ordinal);
        Assert.Contains("raison effacée", left.Text("section[aria-labelledby=objections]"), StringComparison.Ordinal);
    }
}
