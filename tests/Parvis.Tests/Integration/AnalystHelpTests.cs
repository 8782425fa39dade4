using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Analysis;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>Help for analysts: likely duplicates across kinds of contribution, explained, and decided by a person only.</summary>
[Trait("Suite", "integration")]
public sealed class AnalystHelpTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    [Fact]
    public async Task Likely_duplicates_are_offered_with_their_shared_words_and_an_analyst_merges_or_dismisses_them()
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        var process = await app.AddProcessAsync("doublons", new Phase
        {
            Title = "Idées", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(20), Switches = [ProposalsModule.Proposing, ProposalsModule.Commenting],
        });
        // Comments get a fate of their own here, as a consultation that reads its discussions does.
        await app.WithDatabaseAsync(async db =>
        {
            var stored = await db.Processes.SingleAsync(p => p.Id == process.Id);
            var proposals = stored.Components.Single(c => c.Module == ProposalsModule.Key);
            proposals.Switches = [.. proposals.Switches, ProposalsModule.CommentsAwaitFate];
            await db.SaveChangesAsync();
        });
        var (participant, _) = await app.SignedInAsync("Habitante de Groix");
        var (analyst, _) = await app.SignedInAsync("Analyste des doublons", Role.Analyst);
        var boat = await ProposalForms.ProposeAsync(participant, process.Slug, "Des bus le soir", body: "Des bus plus tard le soir, après le dernier bateau de Groix.");
        var garden = await ProposalForms.ProposeAsync(participant, process.Slug, "Un jardin partagé", body: "Un jardin partagé derrière la médiathèque du quartier.");
        var again = await ProposalForms.ProposeAsync(participant, process.Slug, "Bus après le bateau", body: "Apres le dernier bateau, des BUS le soir plus tard.");
        // Another kind of contribution saying the same as a proposal: a comment.
        var comment = Guid.Parse(await ProposalForms.CommentAsync(participant, garden, "Un jardin partagé derrière la médiathèque, pour le quartier !"));
        var page = $"/processes/{process.Slug}/duplicates";

        // Analysts only: a participant is refused.
        var refused = await participant.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Contains("/error/403", refused.Location, StringComparison.Ordinal);
        var queue = await analyst.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, queue.Status);
        Assert.Contains("4 contributions comparées", queue.Text("main"), StringComparison.Ordinal);
        var pairs = queue.Document.QuerySelectorAll("ol.card-list > li").ToList();
        Assert.Equal(2, pairs.Count);
        var boats = pairs.Single(p => p.QuerySelector("input[name=merged]")!.GetAttribute("value") == again.ToString());
        Assert.Equal(boat.ToString(), boats.QuerySelector("input[name=into]")!.GetAttribute("value"));
        Assert.Contains("après le dernier bateau", boats.QuerySelectorAll("mark").Select(m => m.TextContent));
        Assert.Contains("bateau", boats.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
        var gardens = pairs.Single(p => p != boats);
        Assert.Equal(["Proposition", "Commentaire"], gardens.QuerySelectorAll("p.meta").Select(m => m.TextContent.Split(" · ")[0]));

        // The contribution's page names its closest, for analysts only.
        var shown = await analyst.GetAsync($"/contributions/{boat}");
        Assert.Contains(again.ToString(), shown.Document.QuerySelector("section[aria-labelledby=similar] a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty((await participant.GetAsync($"/contributions/{boat}")).Document.QuerySelectorAll("section[aria-labelledby=similar]"));

        // Dismissed: not offered again. Merged: the later one's fate says into which, and the pair is gone.
        var dismissed = await analyst.PostAsync($"{page}?handler=Dismiss", new Dictionary<string, string> { ["first"] = garden.ToString(), ["second"] = comment.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, dismissed.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"{page}?handler=Dismiss", new Dictionary<string, string> { ["first"] = comment.ToString(), ["second"] = garden.ToString() })).Status);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.DuplicateDismissals.CountAsync(d => d.ProcessId == process.Id)));
        var merged = await analyst.PostAsync($"{page}?handler=Merge", new Dictionary<string, string> { ["merged"] = again.ToString(), ["into"] = boat.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, merged.Status);
        var decided = await app.WithDatabaseAsync(db => db.FateDecisions.SingleAsync(d => d.ContributionId == again));
        Assert.Equal((Fate.Merged, boat), (decided.Fate, decided.MergedIntoId!.Value));
        var after = await analyst.GetAsync(page);
        Assert.Empty(after.Document.QuerySelectorAll("ol.card-list > li"));
        Assert.Contains("3 contributions comparées", after.Text("main"), StringComparison.Ordinal);

        // Nothing is decided by a participant, nor about a contribution of another process.
        await participant.PostAsync($"{page}?handler=Merge", new Dictionary<string, string> { ["merged"] = comment.ToString(), ["into"] = garden.ToString() }, "/account/sign-out");
        var elsewhere = await ProposalForms.ProposeAsync(participant, app.World.ProcessSlug, "Ailleurs", body: "Un jardin partagé derrière la médiathèque du quartier.");
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.PostAsync($"{page}?handler=Merge", new Dictionary<string, string> { ["merged"] = elsewhere.ToString(), ["into"] = garden.ToString() })).Status);
        Assert.Null(await app.WithDatabaseAsync(db => db.Contributions.Where(c => c.Id == garden || c.Id == comment || c.Id == elsewhere).Select(c => c.Fate).FirstOrDefaultAsync(f => f != null)));

        // The comparison is kept while the process's contributions stay the same, whatever else is written; a new one rebuilds it.
        await using var scope = app.Services.CreateAsyncScope();
        var similar = scope.ServiceProvider.GetRequiredService<SimilarContributions>();
        var stored = await app.WithDatabaseAsync(db => db.Processes.SingleAsync(p => p.Id == process.Id));
        var kept = await similar.IndexAsync(stored);
        await ProposalForms.ProposeAsync(participant, app.World.ProcessSlug, "Encore ailleurs", body: "Une fontaine sur la place du marché.");
        Assert.Same(kept, await similar.IndexAsync(stored));
        await ProposalForms.ProposeAsync(participant, process.Slug, "Une fontaine", body: "Une fontaine sur la place du marché.");
        Assert.Equal(kept.Count + 1, (await similar.IndexAsync(stored)).Count);
    }
}
