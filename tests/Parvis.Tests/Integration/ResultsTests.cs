using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>Results tracking: dated public updates of recommendations and actions, one by one or in bulk from CSV.</summary>
[Trait("Suite", "integration")]
public sealed class ResultsTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private async Task<(Process Process, Session Analyst, Guid Action, Guid Concern)> SetUpAsync(string slug)
    {
        var process = await app.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            var process = ParvisApp.NewProcess(app.World.OrganisationId, slug, new Phase { Title = "Suivi", StartsOn = today.AddDays(-30), EndsOn = today });
            db.Processes.Add(process);
            await db.SaveChangesAsync();
            return process;
        });
        var (analyst, _) = await app.SignedInAsync($"Suivi {slug}", Role.Analyst);
        async Task<Guid> ItemAsync(string kind, string title)
        {
            var added = await analyst.PostAsync($"/processes/{process.Slug}/synthesis", new Dictionary<string, string>
            {
                ["Input.Kind"] = kind, ["Input.Title"] = title, ["Input.Body"] = "",
            });
            return Guid.Parse(added.Location!.Split("#item-")[1]);
        }
        return (process, analyst, await ItemAsync("Action", "Ouvrir un tiers-lieu numérique à Hennebont"), await ItemAsync("Concern", "L'isolement numérique"));
    }

    private static Task<Session.Response> UpdateAsync(Session analyst, Guid item, string status, int progress, string note, DateOnly on) =>
        analyst.PostAsync($"/synthesis/{item}/update", new Dictionary<string, string>
        {
            ["Status"] = status, ["Progress"] = progress.ToString(CultureInfo.InvariantCulture), ["ResponsibleBody"] = "Lorient Agglomération",
            ["Note"] = note, ["On"] = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });

    [Fact]
    public async Task Dated_updates_move_an_action_and_its_timeline_is_public()
    {
        var (process, analyst, action, concern) = await SetUpAsync("suivi-unitaire");
        var today = DateOnly.FromDateTime(DateTime.Now);
        Assert.Equal(HttpStatusCode.Redirect, (await UpdateAsync(analyst, action, "InProgress", 40, "Le lieu est choisi.", today.AddDays(-10))).Status);

        var inconsistent = await UpdateAsync(analyst, action, "Done", 80, "Ouvert.", today);
        Assert.Equal(HttpStatusCode.OK, inconsistent.Status);
        Assert.NotEmpty(inconsistent.Text("#Progress-error"));
        Assert.Equal("Ouvert.", inconsistent.Text("#Note"));
        var future = await UpdateAsync(analyst, action, "Done", 100, "Ouvert.", today.AddDays(3));
        Assert.NotEmpty(future.Text("#On-error"));
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.ResultUpdates.CountAsync(u => u.SynthesisItemId == action)));

        Assert.Equal(HttpStatusCode.Redirect, (await UpdateAsync(analyst, action, "Done", 100, "Le tiers-lieu a ouvert ses portes.", today)).Status);
        // An update recorded late, dated earlier, joins the timeline without changing the current state.
        Assert.Equal(HttpStatusCode.Redirect, (await UpdateAsync(analyst, action, "InProgress", 10, "Premières rencontres.", today.AddDays(-20))).Status);

        using var visitor = app.NewSession();
        var page = await visitor.GetAsync($"/synthesis/{action}");
        Assert.Equal("Réalisée", page.Text("section[aria-labelledby=tracking] .badge"));
        Assert.Equal(["Le tiers-lieu a ouvert ses portes.", "Le lieu est choisi.", "Premières rencontres."], page.Texts(".timeline li .fate-text"));
        var results = await visitor.GetAsync($"/processes/{process.Slug}/results");
        var line = results.Text($"#result-{action}");
        Assert.Contains("100 % réalisé", line, StringComparison.Ordinal);
        Assert.Contains("Portée par\u00a0: Lorient Agglomération", line, StringComparison.Ordinal);
        Assert.Contains("Le tiers-lieu a ouvert ses portes.", line, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/synthesis/{concern}/update")).Status);
        Assert.Empty(results.Document.QuerySelectorAll($"#result-{concern}"));
    }

    [Fact]
    public async Task The_authors_behind_an_action_hear_how_it_moves_on_and_the_feed_tells_everyone()
    {
        var (process, analyst, action, _) = await SetUpAsync("suivi-nouvelles");
        var (author, person) = await app.SignedInAsync("Autrice d'une idée retenue");
        await app.WithDatabaseAsync(async db =>
        {
            var proposal = new Proposal { OrganisationId = app.World.OrganisationId, ProcessId = process.Id, AuthorId = person.Id, Title = "Un lieu pour apprendre", Body = "." };
            db.Proposals.Add(proposal);
            db.SynthesisLinks.Add(new SynthesisLink { SynthesisItemId = action, ContributionId = proposal.Id });
            await db.SaveChangesAsync();
        });
        var today = DateOnly.FromDateTime(DateTime.Now);
        Assert.Equal(HttpStatusCode.Redirect, (await UpdateAsync(analyst, action, "InProgress", 40, "Le lieu est choisi.", today)).Status);

        var news = await author.GetAsync("/account/notifications");
        Assert.Contains("Mise en œuvre\u00a0: En cours (40\u00a0%). «\u00a0Le lieu est choisi.\u00a0»", news.Text(".notification-list"), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Notifications.CountAsync(n => n.PersonId == person.Id
            && db.NotificationEvents.Any(e => e.Id == n.EventId && e.Kind == KernelNotifications.ResultUpdated.Key && e.ItemId == action))));
        using var visitor = app.NewSession();
        Assert.Contains("Le lieu est choisi.", (await visitor.GetAsync($"/processes/{process.Slug}/feed.atom")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_update_from_the_exported_list_applies_every_line_or_none()
    {
        var (process, analyst, action, concern) = await SetUpAsync("suivi-groupe");
        var export = await analyst.Client.GetAsync($"/processes/{process.Slug}/results?handler=Export");
        var exported = (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("item_id,title,status,progress,responsible_body,date,update", exported[0]);
        Assert.Single(exported.Skip(1));
        Assert.StartsWith(action.ToString(), exported[1], StringComparison.Ordinal);

        var today = DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var header = exported[0] + "\n";
        var bad = await ImportAsync(analyst, process, header
            + $"{action},Tiers-lieu,InProgress,30,Ville de Hennebont,{today},Travaux commencés\n"
            + $"{action},Tiers-lieu,Bientôt,50,Ville de Hennebont,{today},Statut inconnu\n"
            + $"{concern},Isolement,InProgress,50,,{today},Pas une action\n");
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        var errors = bad.Texts("#file-error li").ToList();
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("Ligne 3", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Ligne 4", errors[1], StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.ResultUpdates.CountAsync(u => u.ProcessId == process.Id)));

        var good = await ImportAsync(analyst, process, header
            + $"{action},Tiers-lieu,InProgress,30,Ville de Hennebont,{today},Travaux commencés\n"
            + $"{action},Tiers-lieu,InProgress,60,Ville de Hennebont,{today},Mobilier installé\n");
        Assert.Equal(HttpStatusCode.Redirect, good.Status);
        var item = await app.WithDatabaseAsync(db => db.SynthesisItems.SingleAsync(i => i.Id == action));
        Assert.Equal((ResultStatus.InProgress, 60, "Ville de Hennebont"), (item.Status, item.Progress, item.ResponsibleBody));
        Assert.Equal(2, await app.WithDatabaseAsync(db => db.ResultUpdates.CountAsync(u => u.SynthesisItemId == action)));
    }

    [Fact]
    public async Task A_results_file_past_its_limits_is_refused_with_a_message_and_nothing_is_saved()
    {
        var (process, analyst, action, _) = await SetUpAsync("suivi-limites");
        var today = DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var line = $"{action},Tiers-lieu,InProgress,30,Ville de Hennebont,{today},Travaux commencés\n";
        var header = string.Join(",", ResultCommands.CsvColumns) + "\n";
        var refused = await ImportAsync(analyst, process, header + string.Concat(Enumerable.Repeat(line, 5000)));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("Ce fichier dépasse 5\u202F000 lignes.", refused.Text("#file-error"));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.ResultUpdates.CountAsync(u => u.ProcessId == process.Id)));
    }

    [Fact]
    public async Task The_export_neutralises_formulas_and_its_lines_import_back_as_typed()
    {
        var (process, analyst, action, _) = await SetUpAsync("suivi-formules");
        var today = DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        const string body = "=HYPERLINK(\"http://exemple.org\";\"Voir\")";
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync($"/synthesis/{action}/update", new Dictionary<string, string>
        {
            ["Status"] = "InProgress", ["Progress"] = "40", ["ResponsibleBody"] = body, ["Note"] = "Le lieu est choisi.", ["On"] = today,
        })).Status);

        var export = (await (await analyst.Client.GetAsync($"/processes/{process.Slug}/results?handler=Export")).Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://exemple.org\"\";\"\"Voir\"\")\",", lines[1], StringComparison.Ordinal);

        var imported = await ImportAsync(analyst, process, $"{lines[0]}\n{lines[1]}-moins de retard\n");
        Assert.Equal(HttpStatusCode.Redirect, imported.Status);
        var updates = await app.WithDatabaseAsync(db => db.ResultUpdates.Where(u => u.SynthesisItemId == action).ToListAsync());
        Assert.All(updates, u => Assert.Equal(body, u.ResponsibleBody));
        Assert.Contains(updates, u => u.Text == "-moins de retard");
    }

    private static async Task<Session.Response> ImportAsync(Session session, Process process, string csv)
    {
        var page = await session.GetAsync($"/processes/{process.Slug}/results");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!), "__csrf" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "resultats.csv" },
        };
        return await Session.Response.ReadAsync(await session.Client.PostAsync($"/processes/{process.Slug}/results?handler=Import", form));
    }
}
